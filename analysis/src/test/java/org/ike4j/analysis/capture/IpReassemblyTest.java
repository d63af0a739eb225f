package org.ike4j.analysis.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.ike4j.analysis.capture.CaptureRecord.IkeDatagram;
import org.ike4j.analysis.capture.CaptureRecord.OtherTraffic;
import org.ike4j.analysis.capture.CaptureRecord.Undecodable;
import org.junit.jupiter.api.Test;

/**
 * IP fragment reassembly (RFC 791 section 3.2, RFC 8200 section 4.5): an IKE message larger than
 * the MTU, fragmented over IPv4 and IPv6, in order and shuffled, reads back whole at its last
 * fragment; overlaps, oversize, misaligned and incomplete datagrams are refused or held, each with
 * a line, and the frames after them still read.
 */
class IpReassemblyTest {

    /** A 3,000-byte "IKE message": header with the right length, then counting bytes. */
    static byte[] bigIke() {
        byte[] m = new byte[3000];
        for (int i = 0; i < m.length; i++) {
            m[i] = (byte) i;
        }
        m[17] = 0x20;   // IKEv2
        ByteBuffer.wrap(m, 24, 4).putInt(m.length);
        return m;
    }

    /** UDP 500 -> 500 around the message (checksum 0). */
    static byte[] udp(byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) 500).putShort((short) 500)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
    }

    record Piece(int offset, boolean more, byte[] data) {
    }

    /** The UDP datagram cut into pieces of {@code size} bytes (a multiple of 8). */
    static List<Piece> cut(byte[] datagram, int size) {
        List<Piece> out = new ArrayList<>();
        for (int at = 0; at < datagram.length; at += size) {
            int end = Math.min(datagram.length, at + size);
            out.add(new Piece(at, end < datagram.length, java.util.Arrays.copyOfRange(datagram, at, end)));
        }
        return out;
    }

    static byte[] ipv4Fragment(int id, Piece p) {
        ByteBuffer b = ByteBuffer.allocate(20 + p.data().length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + p.data().length)).putShort((short) id)
                .putShort((short) ((p.more() ? 0x2000 : 0) | (p.offset() / 8))).put((byte) 64).put((byte) 17)
                .putShort((short) 0).put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 192, 0, 2, 2});
        return b.put(p.data()).array();
    }

    static byte[] ipv6Fragment(int id, Piece p) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(40 + 8 + p.data().length);
        b.putInt(0x60000000).putShort((short) (8 + p.data().length)).put((byte) 44).put((byte) 64)
                .put(InetAddress.getByName("2001:db8::1").getAddress()).put(InetAddress.getByName("2001:db8::2").getAddress());
        b.put((byte) 17).put((byte) 0).putShort((short) (p.offset() | (p.more() ? 1 : 0))).putInt(id);
        return b.put(p.data()).array();
    }

    /** A classic big-endian pcap, LINKTYPE_RAW, one record per frame. */
    static byte[] rawFile(List<byte[]> frames) {
        int size = 24 + frames.stream().mapToInt(f -> 16 + f.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101);
        for (byte[] f : frames) {
            b.putInt(0).putInt(0).putInt(f.length).putInt(f.length).put(f);
        }
        return b.array();
    }

    static List<CaptureRecord> read(List<byte[]> frames) throws IOException {
        List<CaptureRecord> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(rawFile(frames)))) {
            r.forEach(out::add);
        }
        return out;
    }

    interface Fragmenter {
        byte[] frame(int id, Piece p) throws IOException;
    }

    private static void wholeAtTheLastFragment(Fragmenter f, String version) throws IOException {
        byte[] ike = bigIke();
        List<Piece> pieces = cut(udp(ike), 1232);
        for (long seed : new long[] {0, 1, 2}) {
            List<Piece> order = new ArrayList<>(pieces);
            if (seed > 0) {
                Collections.shuffle(order, new Random(seed));
            }
            List<byte[]> frames = new ArrayList<>();
            for (Piece p : order) {
                frames.add(f.frame(7, p));
            }
            // a duplicate of the first piece sent again is harmless
            frames.add(1, f.frame(7, order.get(0)));
            List<CaptureRecord> records = read(frames);
            assertEquals(frames.size(), records.size());
            for (int i = 0; i < records.size() - 1; i++) {
                OtherTraffic held = assertInstanceOf(OtherTraffic.class, records.get(i), records.toString());
                assertTrue(held.what().contains(version + " fragment"), held.what());
            }
            IkeDatagram d = assertInstanceOf(IkeDatagram.class, records.getLast(), records.toString());
            assertEquals(frames.size(), d.frame(), "the datagram carries its last fragment's frame");
            assertArrayEquals(ike, d.bytes().toByteArray());
        }
    }

    @Test
    void ipv4FragmentsInAnyOrderGiveTheWholeMessage() throws IOException {
        wholeAtTheLastFragment(IpReassemblyTest::ipv4Fragment, "IPv4");
    }

    @Test
    void ipv6FragmentsInAnyOrderGiveTheWholeMessage() throws IOException {
        wholeAtTheLastFragment(IpReassemblyTest::ipv6Fragment, "IPv6");
    }

    @Test
    void badFragmentsAreRefusedAndTheRestIsRead() throws IOException {
        byte[] datagram = udp(bigIke());
        List<Piece> pieces = cut(datagram, 1232);
        byte[] small = ipv4Fragment(99, new Piece(0, false, udp(new byte[28])));

        // an overlap: the second piece again, shifted back by 8 bytes
        Piece second = pieces.get(1);
        Piece shifted = new Piece(second.offset() - 8, true, second.data());
        List<CaptureRecord> overlap = read(List.of(ipv4Fragment(1, pieces.get(0)), ipv4Fragment(1, shifted),
                ipv4Fragment(1, pieces.get(1)), ipv4Fragment(1, pieces.get(2))));
        Undecodable o = assertInstanceOf(Undecodable.class, overlap.get(1), overlap.toString());
        assertTrue(o.reason().contains("overlapping"), o.reason());
        assertTrue(overlap.stream().noneMatch(r -> r instanceof IkeDatagram), "no datagram from the overlap: " + overlap);

        // a middle piece whose length is not a multiple of 8
        Piece odd = new Piece(0, true, java.util.Arrays.copyOf(pieces.get(0).data(), 1231));
        Undecodable m = assertInstanceOf(Undecodable.class, read(List.of(ipv4Fragment(2, odd))).get(0));
        assertTrue(m.reason().contains("multiple of 8"), m.reason());

        // beyond 65,535 bytes (IPv6: offsets up to 65,528)
        Undecodable big = assertInstanceOf(Undecodable.class, read(List.of(ipv6Fragment(3,
                new Piece(65_528, false, new byte[16])))).get(0));
        assertTrue(big.reason().contains("65,535"), big.reason());

        // two different ends
        List<CaptureRecord> ends = read(List.of(ipv4Fragment(4, new Piece(8, false, new byte[16])),
                ipv4Fragment(4, new Piece(8, false, new byte[24]))));
        assertTrue(assertInstanceOf(Undecodable.class, ends.get(1)).reason().contains("two last fragments"));

        // a fragment cut short by the capture (its IPv4 total length says more than is there)
        byte[] cutShort = java.util.Arrays.copyOf(ipv4Fragment(5, pieces.get(0)), 200);
        assertTrue(assertInstanceOf(Undecodable.class, read(List.of(cutShort)).get(0)).reason().contains("cut short"));

        // one piece missing: everything held, nothing made up; a whole datagram after it still reads
        List<byte[]> missing = new ArrayList<>();
        for (Piece p : pieces) {
            if (p != pieces.get(1)) {
                missing.add(ipv4Fragment(6, p));
            }
        }
        missing.add(small);
        List<CaptureRecord> r = read(missing);
        for (int i = 0; i < r.size() - 1; i++) {
            assertInstanceOf(OtherTraffic.class, r.get(i), r.toString());
        }
        assertInstanceOf(IkeDatagram.class, r.getLast(), r.toString());
    }
}

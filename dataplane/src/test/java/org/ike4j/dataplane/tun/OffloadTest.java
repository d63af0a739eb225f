package org.ike4j.dataplane.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cutting TCP super-packets as a TUN device with TSO hands them over: the segments' checksums are
 * checked by a reference written here (RFC 1071, 16 bits at a time) and by tshark; sequence
 * numbers, lengths, identification and flags as TSO would make them; the payload whole.
 */
class OffloadTest {
    private static final Random RANDOM = new Random(4303);

    /** An IPv4 TCP super-packet with the checksum field holding the pseudo-header sum, as the kernel leaves it. */
    static byte[] superPacketV4(int payload, int flags) {
        int ihl = 20;
        int tcp = 32;   // with 12 bytes of options (timestamps)
        byte[] p = new byte[ihl + tcp + payload];
        p[0] = 0x45;
        put16(p, 2, Math.min(p.length, 0xFFFF));
        put16(p, 4, 0xFFFE);   // the identification wraps within the segments
        p[6] = 0x40;   // DF
        p[8] = 64;
        p[9] = 6;
        byte[] src = {10, 1, 0, 1};
        byte[] dst = {10, 2, 0, 1};
        System.arraycopy(src, 0, p, 12, 4);
        System.arraycopy(dst, 0, p, 16, 4);
        put16(p, 10, (int) ~refSum(p, 0, ihl, 0) & 0xFFFF);
        tcpHeader(p, ihl, tcp, flags);
        fill(p, ihl + tcp, payload);
        long pseudo = refSum(p, 12, 8, 0) + 6 + (p.length - ihl);
        put16(p, ihl + 16, fold(pseudo));   // partial: the pseudo-header only, not complemented
        return p;
    }

    static byte[] superPacketV6(int payload, int flags) {
        int tcp = 20;
        byte[] p = new byte[40 + tcp + payload];
        p[0] = 0x60;
        put16(p, 4, tcp + payload);
        p[6] = 6;
        p[7] = 64;
        p[8] = 0x20;
        p[9] = 0x01;
        p[23] = 1;
        p[24] = 0x20;
        p[25] = 0x01;
        p[39] = 2;
        tcpHeader(p, 40, tcp, flags);
        fill(p, 40 + tcp, payload);
        long pseudo = refSum(p, 8, 32, 0) + 6 + (p.length - 40);
        put16(p, 40 + 16, fold(pseudo));
        return p;
    }

    private static void tcpHeader(byte[] p, int t, int length, int flags) {
        put16(p, t, 40000);
        put16(p, t + 2, 5201);
        put32(p, t + 4, 0xFFFFF000);   // the sequence number wraps within the segments
        put32(p, t + 8, 12345);
        p[t + 12] = (byte) ((length / 4) << 4);
        p[t + 13] = (byte) flags;
        put16(p, t + 14, 512);
        for (int i = 20; i < length; i++) {
            p[t + i] = 1;   // NOPs
        }
    }

    private static void fill(byte[] p, int from, int n) {
        byte[] r = new byte[n];
        RANDOM.nextBytes(r);
        System.arraycopy(r, 0, p, from, n);
    }

    @Test
    void ipv4SuperPacketCutsIntoValidSegments() throws Exception {
        check(superPacketV4(65535 - 52, 0x18 | 0x80 | 0x01), 1348, true);   // ACK|PSH|CWR|FIN
    }

    @Test
    void ipv6SuperPacketCutsIntoValidSegments() throws Exception {
        check(superPacketV6(40000 + 7, 0x18), 1340, false);
    }

    @Test
    void shortLastSegmentAndSingleSegment() throws Exception {
        check(superPacketV4(1001, 0x10), 1000, true);   // one full segment and a 1-byte one
        check(superPacketV4(999, 0x10), 1000, true);    // one shorter than the MSS
    }

    private static List<byte[]> check(byte[] sp, int mss, boolean v4) {
        int hl = Offload.headerLength(sp, 0, sp.length);
        int l4 = v4 ? 20 : 40;
        assertEquals(l4 + ((sp[l4 + 12] & 0xF0) >>> 4) * 4, hl);
        int payload = sp.length - hl;
        int count = Offload.segments(sp.length, hl, mss);
        assertEquals((payload + mss - 1) / mss, count);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        List<byte[]> out = new ArrayList<>();
        byte[] dst = new byte[70000];
        for (int i = 0; i < count; i++) {
            int n = Offload.segment(sp, 0, sp.length, hl, mss, i, dst, 7);
            byte[] s = java.util.Arrays.copyOfRange(dst, 7, 7 + n);
            out.add(s);
            boolean last = i == count - 1;
            assertEquals(last ? payload - i * mss + hl : mss + hl, n);
            if (v4) {
                assertEquals(n, get16(s, 2), "total length");
                assertEquals((0xFFFE + i) & 0xFFFF, get16(s, 4), "identification");
                assertEquals(0xFFFF, fold(refSum(s, 0, 20, 0)), "IPv4 header checksum");
            } else {
                assertEquals(n - 40, get16(s, 4), "payload length");
            }
            assertEquals((0xFFFFF000L + (long) i * mss) & 0xFFFFFFFFL, get32(s, l4 + 4) & 0xFFFFFFFFL, "sequence number");
            int f = s[l4 + 13] & 0xFF;
            int orig = sp[l4 + 13] & 0xFF;
            assertEquals(last ? orig & 0x09 : 0, f & 0x09, "FIN and PSH only on the last");
            assertEquals(i == 0 ? orig & 0x80 : 0, f & 0x80, "CWR only on the first");
            long pseudo = v4 ? refSum(s, 12, 8, 0) : refSum(s, 8, 32, 0);
            pseudo += 6 + (n - l4);
            assertEquals(0xFFFF, fold(refSum(s, l4, n - l4, pseudo)), "TCP checksum of segment " + i);
            joined.write(s, hl, n - hl);
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(sp, hl, sp.length), joined.toByteArray(), "the payload whole");
        return out;
    }

    @Test
    void sumEqualsTheWordByWordSumAtEveryLengthAndOffset() {
        // Offload.sum adds eight-byte little-endian words and swaps once (RFC 1071 2(B)): against
        // the plain 16-bit big-endian loop, on random data, all-ones data (carries everywhere)
        // and zeros, every offset parity and every tail length
        Random r = new Random(1071);
        for (int fill = 0; fill < 3; fill++) {
            byte[] b = new byte[1600];
            if (fill == 0) {
                r.nextBytes(b);
            } else if (fill == 1) {
                java.util.Arrays.fill(b, (byte) 0xFF);
            }
            for (int off = 0; off < 9; off++) {
                for (int len = 0; len <= 1500; len += (len < 64 ? 1 : 37)) {
                    long initial = fill == 0 ? r.nextInt(1 << 20) : 0;
                    assertEquals(fold(refSum(b, off, len, initial)), fold(Offload.sum(b, off, len, initial)),
                            "fill " + fill + ", offset " + off + ", length " + len);
                }
            }
        }
    }

    @Test
    void partialChecksumIsCompleted() {
        // a UDP datagram with only its pseudo-header summed, as with TUN_F_CSUM
        byte[] p = new byte[20 + 8 + 333];
        p[0] = 0x45;
        put16(p, 2, p.length);
        p[8] = 64;
        p[9] = 17;
        p[12] = 10;
        p[15] = 1;
        p[16] = 10;
        p[19] = 2;
        put16(p, 10, (int) ~refSum(p, 0, 20, 0) & 0xFFFF);
        put16(p, 20, 5353);
        put16(p, 22, 53);
        put16(p, 24, 8 + 333);
        fill(p, 28, 333);
        put16(p, 26, fold(refSum(p, 12, 8, 0) + 17 + 8 + 333));
        assertTrue(Offload.completeChecksum(p, 0, p.length, 20, 6));
        assertEquals(0xFFFF, fold(refSum(p, 20, 8 + 333, refSum(p, 12, 8, 0) + 17 + 8 + 333)), "UDP checksum");
        assertFalse(Offload.completeChecksum(p, 0, p.length, p.length, 6), "offsets outside the packet");
    }

    @Test
    void tsharkFindsTheChecksumsGood(@TempDir Path dir) throws Exception {
        Prerequisites.require(Requirement.TSHARK);
        List<byte[]> all = new ArrayList<>(check(superPacketV4(30000, 0x18), 1360, true));
        all.addAll(check(superPacketV6(20001, 0x18), 1340, false));
        Path pcap = dir.resolve("segments.pcap");
        Files.write(pcap, pcap(all));
        List<List<String>> rows = Tshark.fields(pcap, "tcp", List.of("ip.checksum.status", "tcp.checksum.status", "tcp.len"),
                List.of("ip.check_checksum:TRUE", "tcp.check_checksum:TRUE"));
        assertEquals(all.size(), rows.size(), rows.toString());
        for (List<String> r : rows) {
            assertTrue(r.get(1).equals("1") || r.get(1).equalsIgnoreCase("Good"), "TCP checksum good: " + rows);
            assertTrue(r.get(0).isEmpty() || r.get(0).equals("1") || r.get(0).equalsIgnoreCase("Good"), "IP checksum good: " + rows);
        }
    }

    /** A pcap of raw IP packets (LINKTYPE_RAW, 101). */
    static byte[] pcap(List<byte[]> packets) {
        int size = 24;
        for (byte[] p : packets) {
            size += 16 + p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(101);
        int t = 0;
        for (byte[] p : packets) {
            b.putInt(1_700_000_000).putInt(t++).putInt(p.length).putInt(p.length).put(p);
        }
        return b.array();
    }

    /** RFC 1071, the plain way: 16-bit words, big-endian, an odd byte padded with zero. */
    static long refSum(byte[] b, int off, int len, long initial) {
        long s = initial;
        for (int i = 0; i < len; i += 2) {
            int hi = b[off + i] & 0xFF;
            int lo = i + 1 < len ? b[off + i + 1] & 0xFF : 0;
            s += (hi << 8) | lo;
        }
        return s;
    }

    static int fold(long s) {
        while (s > 0xFFFF) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, int v) {
        put16(b, i, v >>> 16);
        put16(b, i + 2, v);
    }

    static int get16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    static int get32(byte[] b, int i) {
        return get16(b, i) << 16 | get16(b, i + 2);
    }
}

package org.ike4j.analysis.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.ike4j.analysis.capture.CaptureRecord.EspPacket;
import org.ike4j.analysis.capture.CaptureRecord.IkeDatagram;
import org.ike4j.analysis.capture.CaptureRecord.NatKeepalive;
import org.ike4j.analysis.capture.CaptureRecord.OtherTraffic;
import org.ike4j.analysis.capture.CaptureRecord.Undecodable;
import org.junit.jupiter.api.Test;

class CaptureReaderTest {

    private static final HexFormat HEX = HexFormat.of();

    static List<CaptureRecord> read(byte[] file) throws IOException {
        List<CaptureRecord> all = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(new ByteArrayInputStream(file))) {
            reader.forEach(all::add);
        }
        return all;
    }

    static List<CaptureRecord> read(Path file) throws IOException {
        List<CaptureRecord> all = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(file)) {
            reader.forEach(all::add);
        }
        return all;
    }

    /** The SPIs of Wireshark's sample captures are the ones its key table names (first two columns). */
    @Test
    void readsWiresharksSampleCapturesPcapngAndPcap() throws IOException {
        List<String> table = Files.readAllLines(CaptureFiles.WIRE_CAPTURES.resolve("ikev2_decryption_table"));
        String spiAes = table.get(1).split(",")[0];
        String spi3des = table.get(0).split(",")[0];

        List<CaptureRecord> aes = read(CaptureFiles.WIRE_CAPTURES.resolve("ikev2-decrypt-aes256cbc.pcapng"));
        List<IkeDatagram> ike = aes.stream().filter(IkeDatagram.class::isInstance).map(IkeDatagram.class::cast).toList();
        assertFalse(ike.isEmpty());
        assertEquals(spiAes, HEX.formatHex(Arrays.copyOf(ike.get(0).bytes().toByteArray(), 8)));
        assertEquals(500, ike.get(0).dstPort());
        assertEquals(1L, ike.get(0).frame());

        List<CaptureRecord> des = read(CaptureFiles.WIRE_CAPTURES.resolve("ikev2-decrypt-3des-sha1_160.pcap"));
        IkeDatagram first = des.stream().filter(IkeDatagram.class::isInstance).map(IkeDatagram.class::cast)
                .findFirst().orElseThrow();
        assertEquals(spi3des, HEX.formatHex(Arrays.copyOf(first.bytes().toByteArray(), 8)));
        assertTrue(first.time().isAfter(Instant.parse("2000-01-01T00:00:00Z")), first.time().toString());
    }

    /** charon to charon, IKEv1 with NAT-T: Main Mode 1-4 on 500, then 4500 behind the non-ESP marker. */
    @Test
    void readsNatTraversalFromCharonsCapture() throws IOException {
        List<IkeDatagram> ike = read(CaptureFiles.OWN_CAPTURES.resolve("charon-ikev1-psk-3des-md5.pcapng")).stream()
                .filter(IkeDatagram.class::isInstance).map(IkeDatagram.class::cast).toList();
        assertTrue(ike.size() >= 9, ike.toString());
        assertEquals(List.of(false, false, false, false, true, true),
                ike.subList(0, 6).stream().map(IkeDatagram::natT).toList());
        // all messages of one IKE SA share the initiator cookie; the marker is gone, so it is at byte 0
        byte[] cookie = Arrays.copyOf(ike.get(0).bytes().toByteArray(), 8);
        for (IkeDatagram d : ike.subList(0, 9)) {
            assertEquals(HEX.formatHex(cookie), HEX.formatHex(Arrays.copyOf(d.bytes().toByteArray(), 8)));
            // the ISAKMP header's length field is the datagram's length (RFC 2408 3.1)
            assertEquals(d.bytes().length(), ByteBuffer.wrap(d.bytes().toByteArray(), 24, 4).getInt());
        }
        assertEquals(InetAddress.getByName("192.0.2.1"), ike.get(0).src());
    }

    @Test
    void gzipIsDetectedByMagic() throws IOException {
        byte[] plain = Files.readAllBytes(CaptureFiles.WIRE_CAPTURES.resolve("ikev2-decrypt-aes256cbc.pcapng"));
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(plain);
        }
        assertEquals(read(plain).toString(), read(zipped.toByteArray()).toString());
    }

    /** A classic pcap in the other byte order and with nanosecond time stamps reads the same. */
    @Test
    void classicPcapBothByteOrdersAndNanoseconds() throws IOException {
        byte[] big = sampleFile(PcapWriter.Link.ETHERNET);
        List<CaptureRecord> expected = read(big);
        byte[] little = swapClassic(big, false);
        assertEquals(expected.toString(), read(little).toString());
        byte[] nano = swapClassic(big, true);
        List<CaptureRecord> nanoRecords = read(nano);
        IkeDatagram a = (IkeDatagram) expected.get(0);
        IkeDatagram b = (IkeDatagram) nanoRecords.get(0);
        // the microsecond field read as nanoseconds: 1000 times smaller fraction
        assertEquals(a.time().getNano() / 1000, b.time().getNano());
    }

    /** Two interfaces with different link types and time resolutions, in both byte orders; an SPB too. */
    @Test
    void pcapngInterfacesLinkTypesAndByteOrders() throws IOException {
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            byte[] raw = ipUdp(4500, 4500, HEX.parseHex("00000000" + ikeHeader()));
            byte[] sll = new byte[16 + raw.length];
            sll[14] = 0x08;   // SLL protocol 0x0800
            System.arraycopy(raw, 0, sll, 16, raw.length);
            byte[] file = CaptureFiles.concat(List.of(
                    CaptureFiles.sectionHeader(order),
                    CaptureFiles.interfaceDescription(order, 101, 9),      // raw IP, nanoseconds
                    CaptureFiles.interfaceDescription(order, 113, -1),     // SLL, default microseconds
                    CaptureFiles.enhancedPacket(order, 0, 1_700_000_000_123_456_789L, raw),
                    CaptureFiles.enhancedPacket(order, 1, 1_700_000_000_123_456L, sll),
                    CaptureFiles.simplePacket(order, raw),
                    CaptureFiles.enhancedPacket(order, 7, 0, raw)));
            List<CaptureRecord> records = read(file);
            assertEquals(4, records.size(), records.toString());
            IkeDatagram viaRaw = assertInstanceOf(IkeDatagram.class, records.get(0));
            IkeDatagram viaSll = assertInstanceOf(IkeDatagram.class, records.get(1));
            assertTrue(viaRaw.natT());
            assertEquals(Instant.ofEpochSecond(1_700_000_000L, 123_456_789), viaRaw.time());
            assertEquals(Instant.ofEpochSecond(1_700_000_000L, 123_456_000), viaSll.time());
            assertEquals(ikeHeader(), viaSll.bytes().hex());
            assertInstanceOf(IkeDatagram.class, records.get(2));
            Undecodable bad = assertInstanceOf(Undecodable.class, records.get(3));
            assertEquals(4, bad.frame());
            assertTrue(bad.reason().contains("interface 7"), bad.reason());
        }
    }

    @Test
    void linkTypesNullSll2AndUnknown() throws IOException {
        byte[] raw = ipUdp(500, 500, HEX.parseHex(ikeHeader()));
        byte[] nullLink = new byte[4 + raw.length];
        nullLink[0] = 2;   // AF_INET, little-endian host
        System.arraycopy(raw, 0, nullLink, 4, raw.length);
        byte[] sll2 = new byte[20 + raw.length];
        sll2[0] = 0x08;
        System.arraycopy(raw, 0, sll2, 20, raw.length);
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        byte[] file = CaptureFiles.concat(List.of(CaptureFiles.sectionHeader(order),
                CaptureFiles.interfaceDescription(order, 0, -1), CaptureFiles.interfaceDescription(order, 276, -1),
                CaptureFiles.interfaceDescription(order, 147, -1),
                CaptureFiles.enhancedPacket(order, 0, 0, nullLink), CaptureFiles.enhancedPacket(order, 1, 0, sll2),
                CaptureFiles.enhancedPacket(order, 2, 0, raw)));
        List<CaptureRecord> records = read(file);
        assertInstanceOf(IkeDatagram.class, records.get(0));
        assertInstanceOf(IkeDatagram.class, records.get(1));
        Undecodable unknown = assertInstanceOf(Undecodable.class, records.get(2));
        assertTrue(unknown.reason().contains("link type 147"), unknown.reason());
    }

    @Test
    void keepalivesEspFragmentsAndOtherTraffic() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        try (PcapWriter w = PcapWriter.to(out, PcapWriter.Link.RAW)) {
            Instant t = Instant.ofEpochSecond(1);
            w.espInUdp(t, new InetSocketAddress(a, 4500), new InetSocketAddress(b, 4500), new byte[] {(byte) 0xFF});
            w.espInUdp(t, new InetSocketAddress(a, 4500), new InetSocketAddress(b, 4500),
                    HEX.parseHex("c786011d0000000701020304"));
            w.esp(t, a, b, HEX.parseHex("5ef5268700000001aabbccdd"));
            w.espInUdp(t, new InetSocketAddress(a, 53), new InetSocketAddress(b, 53), new byte[12]);
        }
        byte[] file = out.toByteArray();
        List<CaptureRecord> records = read(file);
        assertInstanceOf(NatKeepalive.class, records.get(0));
        EspPacket inUdp = assertInstanceOf(EspPacket.class, records.get(1));
        assertTrue(inUdp.udpEncap());
        assertEquals(0xc786011dL, inUdp.spi());
        assertEquals(7, inUdp.seq());
        EspPacket plain = assertInstanceOf(EspPacket.class, records.get(2));
        assertFalse(plain.udpEncap());
        assertEquals(0x5ef52687L, plain.spi());
        assertInstanceOf(OtherTraffic.class, records.get(3));

        // set "more fragments" on the first frame's IPv4 header: 24 file header + 16 record header + 6
        byte[] fragmented = file.clone();
        fragmented[24 + 16 + 6] |= 0x20;
        // "more fragments" on a piece of 36 bytes: not a multiple of 8 (RFC 791 section 3.1), refused
        Undecodable fragment = assertInstanceOf(Undecodable.class, read(fragmented).get(0));
        assertTrue(fragment.reason().contains("IPv4 fragment") && fragment.reason().contains("multiple of 8"),
                fragment.reason());
    }

    @Test
    void truncatedAndCorruptFilesSayWhyAndKeepWhatCameBefore() throws IOException {
        byte[] file = sampleFile(PcapWriter.Link.RAW);
        int whole = read(file).size();
        List<CaptureRecord> cut = read(Arrays.copyOf(file, file.length - 5));
        assertEquals(whole, cut.size());
        Undecodable last = assertInstanceOf(Undecodable.class, cut.get(cut.size() - 1));
        assertTrue(last.reason().contains("truncated"), last.reason());
        assertTrue(cut.subList(0, whole - 1).stream().allMatch(IkeDatagram.class::isInstance));

        byte[] corrupt = file.clone();
        ByteBuffer.wrap(corrupt).putInt(24 + 8, 0x7FFFFFFF);   // first record's captured length
        List<CaptureRecord> records = read(corrupt);
        assertEquals(1, records.size());
        assertTrue(((Undecodable) records.get(0)).reason().contains("corrupt record header"));

        byte[] pcapng = Files.readAllBytes(CaptureFiles.WIRE_CAPTURES.resolve("ikev2-decrypt-aes256cbc.pcapng"));
        List<CaptureRecord> ng = read(Arrays.copyOf(pcapng, pcapng.length - 3));
        assertTrue(((Undecodable) ng.get(ng.size() - 1)).reason().contains("truncated"));

        IOException notCapture = assertThrows(IOException.class, () -> read("hello, world".getBytes()));
        assertTrue(notCapture.getMessage().contains("not a pcap or pcapng file"), notCapture.getMessage());
    }

    /** An ISAKMP header: cookies, next payload 0, version 1.0, Main Mode, no flags, message ID 0, length 28. */
    static String ikeHeader() {
        return "a305bbc510fd3640" + "0000000000000000" + "00" + "10" + "02" + "00" + "00000000" + "0000001c";
    }

    /** An IPv4/UDP packet made by the writer (RAW link), cut out of its pcap file. */
    static byte[] ipUdp(int srcPort, int dstPort, byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = PcapWriter.to(out, PcapWriter.Link.RAW)) {
            w.espInUdp(Instant.EPOCH, new InetSocketAddress("192.0.2.1", srcPort),
                    new InetSocketAddress("192.0.2.2", dstPort), payload);
        }
        byte[] file = out.toByteArray();
        return Arrays.copyOfRange(file, 40, file.length);
    }

    /** Three IKE datagrams: IPv4 port 500, IPv4 port 4500, IPv6 port 500. */
    static byte[] sampleFile(PcapWriter.Link link) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] message = HEX.parseHex(ikeHeader());
        try (PcapWriter w = PcapWriter.to(out, link)) {
            Instant t = Instant.parse("2026-11-29T12:00:00.123456Z");
            w.ike(t, new InetSocketAddress("10.80.80.80", 500), new InetSocketAddress("10.80.80.13", 500), message);
            w.ike(t, new InetSocketAddress("10.80.80.13", 4500), new InetSocketAddress("10.80.80.80", 4500), message);
            w.ike(t, new InetSocketAddress("2001:db8::1", 500), new InetSocketAddress("2001:db8::2", 500), message);
        }
        return out.toByteArray();
    }

    /** The big-endian classic file in little-endian order, optionally with the nanosecond magic. */
    static byte[] swapClassic(byte[] big, boolean nano) {
        ByteBuffer in = ByteBuffer.wrap(big);
        ByteBuffer out = ByteBuffer.allocate(big.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(nano ? 0xA1B23C4D : 0xA1B2C3D4).putShort(in.getShort(4)).putShort(in.getShort(6))
                .putInt(in.getInt(8)).putInt(in.getInt(12)).putInt(in.getInt(16)).putInt(in.getInt(20));
        int at = 24;
        while (at < big.length) {
            int length = in.getInt(at + 8);
            out.putInt(in.getInt(at)).putInt(in.getInt(at + 4)).putInt(length).putInt(in.getInt(at + 12));
            out.put(big, at + 16, length);
            at += 16 + length;
        }
        return out.array();
    }

    /** IPv6 with hop-by-hop and destination options before UDP; then with a fragment header; a VLAN tag. */
    @Test
    void ipv6ExtensionHeadersFragmentsAndVlan() throws IOException {
        byte[] udp = HEX.parseHex("01f401f40024" + "0000" + ikeHeader());
        String hopByHop = "3c00" + "010400000000";       // next: destination options; PadN
        String destination = "1100" + "010400000000";    // next: UDP
        byte[] withOptions = ipv6(0, hopByHop + destination, udp);
        List<CaptureRecord> records = read(rawFile(withOptions));
        IkeDatagram d = assertInstanceOf(IkeDatagram.class, records.get(0), records.toString());
        assertEquals(ikeHeader(), d.bytes().hex());
        assertEquals(InetAddress.getByName("2001:db8::1"), d.src());

        String fragment = "1100" + "0001" + "12345678";   // next: UDP, offset 0, more fragments
        Undecodable f = assertInstanceOf(Undecodable.class, read(rawFile(ipv6(44, fragment, udp))).get(0));
        assertTrue(f.reason().contains("IPv6 fragment") && f.reason().contains("0x12345678")
                && f.reason().contains("multiple of 8"), f.reason());
        // the same piece as the last one: a whole datagram of one fragment
        String last = "1100" + "0000" + "12345678";
        assertInstanceOf(IkeDatagram.class, read(rawFile(ipv6(44, last, udp))).get(0));

        // Ethernet with an 802.1Q tag around an IPv4 frame written by the writer
        byte[] ip = ipUdp(500, 500, HEX.parseHex(ikeHeader()));
        byte[] tagged = new byte[18 + ip.length];
        tagged[12] = (byte) 0x81;
        tagged[15] = 42;   // VLAN 42
        tagged[16] = 0x08;
        System.arraycopy(ip, 0, tagged, 18, ip.length);
        ByteOrder order = ByteOrder.BIG_ENDIAN;
        byte[] file = CaptureFiles.concat(List.of(CaptureFiles.sectionHeader(order),
                CaptureFiles.interfaceDescription(order, 1, -1), CaptureFiles.enhancedPacket(order, 0, 0, tagged)));
        assertInstanceOf(IkeDatagram.class, read(file).get(0));
    }

    /** An IPv6 packet 2001:db8::1 -> 2001:db8::2 whose first next-header is {@code first}. */
    private static byte[] ipv6(int first, String extensions, byte[] upper) {
        byte[] ext = HEX.parseHex(extensions);
        ByteBuffer b = ByteBuffer.allocate(40 + ext.length + upper.length);
        b.putInt(0x60000000).putShort((short) (ext.length + upper.length)).put((byte) first)
                .put((byte) 64);
        try {
            b.put(InetAddress.getByName("2001:db8::1").getAddress()).put(InetAddress.getByName("2001:db8::2").getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
        return b.put(ext).put(upper).array();
    }

    /** A classic big-endian pcap, LINKTYPE_RAW, with one frame. */
    private static byte[] rawFile(byte[] frame) {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + frame.length);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101);
        b.putInt(0).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
        return b.array();
    }
}

package org.ike4j.analysis.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.ike4j.analysis.capture.CaptureRecord.EspPacket;
import org.ike4j.analysis.capture.CaptureRecord.IkeDatagram;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PcapWriterTest {

    private static final Path CHARON_V1 = CaptureFiles.OWN_CAPTURES.resolve("charon-ikev1-psk-3des-md5.pcapng");

    /** Every IKE message of charon's capture, rewritten, reads back byte for byte with its ports. */
    @ParameterizedTest
    @EnumSource(PcapWriter.Link.class)
    void roundTripThroughTheReader(PcapWriter.Link link, @TempDir Path dir) throws IOException {
        List<IkeDatagram> original = ikeOf(CHARON_V1);
        Path file = dir.resolve("out.pcap");
        rewrite(original, file, link);
        List<IkeDatagram> again = ikeOf(file);
        assertEquals(original.size(), again.size());
        for (int i = 0; i < original.size(); i++) {
            IkeDatagram a = original.get(i);
            IkeDatagram b = again.get(i);
            assertEquals(a.bytes(), b.bytes());
            assertEquals(List.of(a.src(), a.dst(), a.srcPort(), a.dstPort(), a.natT()),
                    List.of(b.src(), b.dst(), b.srcPort(), b.dstPort(), b.natT()));
            // microsecond time stamps: charon's capture has nanoseconds
            assertEquals(a.time().getEpochSecond(), b.time().getEpochSecond());
            assertEquals(a.time().getNano() / 1000, b.time().getNano() / 1000);
        }
    }

    /** The checksums verify: summing a whole header (checksum included) gives zero (RFC 1071). */
    @Test
    void checksumsVerifyIndependently() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] payload = {1, 2, 3, 4, 5};   // odd length: the checksum pads
        try (PcapWriter w = PcapWriter.to(out, PcapWriter.Link.RAW)) {
            w.espInUdp(Instant.EPOCH, new InetSocketAddress("198.51.100.7", 4500),
                    new InetSocketAddress("203.0.113.9", 4500), payload);
        }
        byte[] ip = Arrays.copyOfRange(out.toByteArray(), 40, out.size());
        assertEquals(0, PcapWriter.checksum(new byte[0], Arrays.copyOf(ip, 20)));
        byte[] udp = Arrays.copyOfRange(ip, 20, ip.length);
        assertEquals(13, ((udp[4] & 0xFF) << 8) | (udp[5] & 0xFF));
        byte[] pseudo = new byte[12];
        System.arraycopy(ip, 12, pseudo, 0, 8);
        pseudo[9] = 17;
        pseudo[11] = 13;
        assertEquals(0, PcapWriter.checksum(pseudo, udp));
        assertEquals(33, ((ip[2] & 0xFF) << 8) | (ip[3] & 0xFF));
    }

    @Test
    void espBothWays(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("esp.pcap");
        byte[] esp = new byte[40];
        esp[3] = 0x2A;
        esp[7] = 3;
        try (PcapWriter w = PcapWriter.create(file, PcapWriter.Link.ETHERNET)) {
            w.esp(Instant.EPOCH, InetAddress.getByName("2001:db8::1"), InetAddress.getByName("2001:db8::2"), esp);
            w.espInUdp(Instant.EPOCH, new InetSocketAddress("192.0.2.1", 4500), new InetSocketAddress("192.0.2.2", 4500),
                    esp);
        }
        List<CaptureRecord> records = CaptureReaderTest.read(file);
        EspPacket v6 = assertInstanceOf(EspPacket.class, records.get(0));
        EspPacket udp = assertInstanceOf(EspPacket.class, records.get(1));
        assertEquals(List.of(42L, 3L, false), List.of(v6.spi(), v6.seq(), v6.udpEncap()));
        assertEquals(List.of(42L, 3L, true), List.of(udp.spi(), udp.seq(), udp.udpEncap()));
        assertEquals(40, v6.bytes().length());
    }

    /**
     * tshark reads the written frames as ISAKMP with good IP and UDP checksums, the same exchanges
     * as in the original capture, and nothing malformed.
     */
    @ParameterizedTest
    @EnumSource(PcapWriter.Link.class)
    void tsharkDecodesTheWrittenFrames(PcapWriter.Link link, @TempDir Path dir) throws IOException {
        Prerequisites.require(Requirement.TSHARK);
        Path file = dir.resolve("tshark.pcap");
        List<IkeDatagram> original = ikeOf(CHARON_V1);
        rewrite(original, file, link);
        List<String> options = List.of("udp.check_checksum:TRUE", "ip.check_checksum:TRUE");
        List<List<String>> rows = Tshark.fields(file, "", List.of("isakmp.exchangetype", "ip.checksum.status",
                "udp.checksum.status", "_ws.malformed", "_ws.expert.severity"), options);
        List<List<String>> expected = Tshark.fields(CHARON_V1, "isakmp", List.of("isakmp.exchangetype"));
        assertEquals(original.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            assertEquals(expected.get(i).get(0), row.get(0), "exchange type of frame " + (i + 1) + ": " + row);
            assertEquals("1", row.get(1), "IPv4 checksum good: " + row);
            assertEquals("1", row.get(2), "UDP checksum good: " + row);
            assertEquals("", row.get(3), "not malformed: " + row);
        }
        assertTrue(Tshark.fields(file, "_ws.malformed || _ws.expert.severity >= 6291456", List.of("frame.number"),
                options).isEmpty(), "no errors or warnings");
    }

    private static List<IkeDatagram> ikeOf(Path file) throws IOException {
        return CaptureReaderTest.read(file).stream().filter(IkeDatagram.class::isInstance)
                .map(IkeDatagram.class::cast).toList();
    }

    private static void rewrite(List<IkeDatagram> datagrams, Path file, PcapWriter.Link link) throws IOException {
        try (PcapWriter w = PcapWriter.create(file, link)) {
            for (IkeDatagram d : datagrams) {
                w.ike(d.time(), new InetSocketAddress(d.src(), d.srcPort()), new InetSocketAddress(d.dst(), d.dstPort()),
                        d.bytes().toByteArray());
            }
        }
    }

    /** IPv6 (the UDP checksum is mandatory there, RFC 8200 section 8.1) and NAT-T framing, as tshark reads them. */
    @Test
    void tsharkChecksIpv6AndNatTFrames(@TempDir Path dir) throws IOException {
        Prerequisites.require(Requirement.TSHARK);
        Path file = dir.resolve("v6.pcap");
        byte[] message = CaptureReaderTest.sampleFile(PcapWriter.Link.RAW);   // any bytes would do for ESP
        List<IkeDatagram> charon = ikeOf(CHARON_V1);
        try (PcapWriter w = PcapWriter.create(file, PcapWriter.Link.ETHERNET)) {
            InetSocketAddress a500 = new InetSocketAddress("2001:db8::1", 500);
            InetSocketAddress b500 = new InetSocketAddress("2001:db8::2", 500);
            InetSocketAddress a4500 = new InetSocketAddress("2001:db8::1", 4500);
            InetSocketAddress b4500 = new InetSocketAddress("2001:db8::2", 4500);
            w.ike(Instant.EPOCH, a500, b500, charon.get(0).bytes().toByteArray());
            w.ike(Instant.EPOCH, a4500, b4500, charon.get(6).bytes().toByteArray());
            w.espInUdp(Instant.EPOCH, b4500, a4500, Arrays.copyOfRange(message, 0, 64));
        }
        List<List<String>> rows = Tshark.fields(file, "", List.of("udp.checksum.status", "frame.protocols",
                "isakmp.exchangetype", "esp.spi"), List.of("udp.check_checksum:TRUE"));
        assertEquals(3, rows.size(), rows.toString());
        for (List<String> row : rows) {
            assertEquals("1", row.get(0), "UDP checksum good: " + row);
        }
        assertTrue(rows.get(0).get(1).endsWith("ipv6:udp:isakmp"), rows.get(0).toString());
        assertEquals("2", rows.get(0).get(2));
        assertEquals("32", rows.get(1).get(2), "Quick Mode behind the non-ESP marker: " + rows.get(1));
        assertTrue(rows.get(2).get(1).endsWith("udp:udpencap:esp"), rows.get(2).toString());
        assertEquals("0xa1b2c3d4", rows.get(2).get(3), "the SPI is the payload's first 4 bytes");
    }
}

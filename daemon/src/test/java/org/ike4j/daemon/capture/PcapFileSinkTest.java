package org.ike4j.daemon.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ike4j.analysis.capture.CaptureReader;
import org.ike4j.analysis.capture.CaptureRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's --pcap file, read back with analysis' capture reader while it is still open. */
class PcapFileSinkTest {
    @TempDir
    Path dir;

    static InetSocketAddress at(String a, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(a), port);
    }

    static byte[] ike(int fill) {
        byte[] m = new byte[28];
        java.util.Arrays.fill(m, 0, 8, (byte) fill);
        m[17] = 0x10; // version 1.0
        m[18] = 2;
        ByteBuffer.wrap(m, 24, 4).putInt(28);
        return m;
    }

    @Test
    void ikeOn500And4500AndEspInUdpAreReadBackAsTheyWent() throws Exception {
        Path file = dir.resolve("d.pcap");
        List<String> problems = new ArrayList<>();
        try (PcapFileSink sink = PcapFileSink.create(file, problems::add)) {
            sink.ike(Instant.ofEpochSecond(1), at("192.0.2.1", 500), at("192.0.2.2", 500), ike(1), false);
            sink.ike(Instant.ofEpochSecond(2), at("192.0.2.2", 4500), at("192.0.2.1", 4500), ike(2), true);
            sink.espInUdp(Instant.ofEpochSecond(3), at("192.0.2.2", 4500), at("192.0.2.1", 4500),
                    new byte[] {0x5e, (byte) 0xf5, 0x26, (byte) 0x87, 0, 0, 0, 1, 9, 9, 9, 9});
            // a wildcard bind: the local address becomes 0.0.0.0, the datagram is still written
            sink.ike(Instant.ofEpochSecond(4), at("::", 500), at("192.0.2.2", 500), ike(3), false);
            // readable while open: every packet is flushed
            List<CaptureRecord> records = read(file);
            assertEquals(4, records.size(), records + " " + problems);
            var first = (CaptureRecord.IkeDatagram) records.get(0);
            assertEquals(List.of("192.0.2.1", "192.0.2.2", 500, false), List.of(first.src().getHostAddress(),
                    first.dst().getHostAddress(), first.dstPort(), first.natT()));
            var natT = (CaptureRecord.IkeDatagram) records.get(1);
            assertTrue(natT.natT(), "the non-ESP marker kept on 4500");
            assertEquals(28, natT.bytes().length());
            var esp = (CaptureRecord.EspPacket) records.get(2);
            assertEquals(0x5ef52687L, esp.spi());
            assertEquals(1, esp.seq());
            var wildcard = (CaptureRecord.IkeDatagram) records.get(3);
            assertEquals("0.0.0.0", wildcard.src().getHostAddress());
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theMarkerOnAnotherPortIsWrittenAsItWent() throws Exception {
        Path file = dir.resolve("m.pcap");
        try (PcapFileSink sink = PcapFileSink.create(file, p -> { })) {
            sink.ike(Instant.ofEpochSecond(1), at("127.0.0.1", 14500), at("127.0.0.2", 14500), ike(7), true);
        }
        byte[] b = Files.readAllBytes(file);
        // pcap header 24, record header 16, IPv4 20, UDP 8: then the marker and the message
        assertEquals(24 + 16 + 20 + 8 + 4 + 28, b.length);
        assertEquals(List.of(0, 0, 0, 0, 7), List.of((int) b[68], (int) b[69], (int) b[70], (int) b[71], (int) b[72]));
    }

    @Test
    void aPacketThatCannotBeWrittenStopsTheCaptureOnceWithAReason() throws Exception {
        List<String> problems = new ArrayList<>();
        try (PcapFileSink sink = PcapFileSink.create(dir.resolve("x.pcap"), problems::add)) {
            sink.espInUdp(Instant.EPOCH, at("192.0.2.1", 4500), at("192.0.2.2", 4500), new byte[70_000]);
            sink.ike(Instant.EPOCH, at("192.0.2.1", 500), at("192.0.2.2", 500), ike(1), false);
        }
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("pcap: cannot write a packet"), problems.get(0));
    }

    static List<CaptureRecord> read(Path file) throws Exception {
        List<CaptureRecord> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file)) {
            for (CaptureRecord c : r) {
                out.add(c);
            }
        }
        return out;
    }
}

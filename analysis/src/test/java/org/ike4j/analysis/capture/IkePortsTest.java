package org.ike4j.analysis.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.ike4j.analysis.capture.CaptureRecord.EspPacket;
import org.ike4j.analysis.capture.CaptureRecord.IkeDatagram;
import org.ike4j.analysis.capture.CaptureRecord.OtherTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IKE on ports other than 500/4500 (ike4j's demo: 10500 and 14500) is read only when asked for. */
class IkePortsTest {

    @Test
    void morePortsAreReadOnlyWhenGiven(@TempDir Path dir) throws IOException {
        InetAddress a = InetAddress.getByName("127.80.80.80");
        InetAddress b = InetAddress.getByName("127.80.80.13");
        byte[] ike = new byte[28];
        ike[17] = 0x10;       // ISAKMP version 1.0
        ike[27] = 28;         // length
        byte[] marked = new byte[32];
        System.arraycopy(ike, 0, marked, 4, 28);   // non-ESP marker, then the same message
        byte[] esp = {0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1, 9, 9, 9, 9};
        Path file = dir.resolve("demo-ports.pcap");
        try (PcapWriter w = PcapWriter.create(file, PcapWriter.Link.RAW)) {
            w.ike(Instant.EPOCH, new InetSocketAddress(a, 10500), new InetSocketAddress(b, 10500), ike);
            w.ike(Instant.EPOCH, new InetSocketAddress(a, 14500), new InetSocketAddress(b, 14500), marked);
            w.ike(Instant.EPOCH, new InetSocketAddress(a, 14500), new InetSocketAddress(b, 14500), esp);
        }

        List<CaptureRecord> standard = read(file, IkePorts.STANDARD);
        assertEquals(3, standard.size());
        standard.forEach(r -> assertInstanceOf(OtherTraffic.class, r));

        List<CaptureRecord> demo = read(file, IkePorts.standardAnd(List.of(10500), List.of(14500)));
        IkeDatagram plain = assertInstanceOf(IkeDatagram.class, demo.get(0));
        assertEquals(10500, plain.dstPort());
        assertTrue(!plain.natT());
        assertArrayEquals(ike, plain.bytes().toByteArray());
        IkeDatagram natT = assertInstanceOf(IkeDatagram.class, demo.get(1));
        assertTrue(natT.natT());
        assertArrayEquals(ike, natT.bytes().toByteArray(), "the marker taken off");
        EspPacket p = assertInstanceOf(EspPacket.class, demo.get(2));
        assertEquals(0x12345678L, p.spi());
    }

    @Test
    void badPortsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> IkePorts.standardAnd(List.of(0), List.of()));
        assertThrows(IllegalArgumentException.class, () -> IkePorts.standardAnd(List.of(), List.of(65536)));
        assertThrows(IllegalArgumentException.class, () -> IkePorts.standardAnd(List.of(4500), List.of()),
                "one port cannot be both");
    }

    private static List<CaptureRecord> read(Path file, IkePorts ports) throws IOException {
        List<CaptureRecord> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file, ports)) {
            r.forEach(out::add);
        }
        return out;
    }
}

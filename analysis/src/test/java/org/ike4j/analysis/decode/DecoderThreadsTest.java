package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.ike4j.analysis.capture.CaptureReader;
import org.ike4j.analysis.capture.CaptureRecord;
import org.ike4j.analysis.capture.IkePorts;
import org.ike4j.analysis.capture.PcapWriter;
import org.ike4j.analysis.decode.DecodedMessage.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoding on several threads (each IKE SA on one of them, ESP and other frames on the reading
 * thread) gives the one-thread result: one capture interleaving the messages and ESP packets of
 * six real exchanges (charon's IKEv1 and IKEv2, Wireshark's two IKEv2 samples), plus frames that
 * are no IKE message, decodes to the same text, tree for tree, on 1, 2, 3 and 7 threads.
 */
class DecoderThreadsTest {

    @Test
    void severalThreadsDecodeAsOne(@TempDir Path dir) throws Exception {
        List<Path> captures = List.of(DecoderBadInputTest.V1, DecoderBadInputTest.V2,
                DecoderTsharkTest.WIRE.resolve("ikev2-decrypt-3des-sha1_160.pcap"),
                DecoderTsharkTest.OWN.resolve("charon-ikev2-psk-aes128-sha256.pcapng"),
                DecoderTsharkTest.OWN.resolve("charon-ikev1-esp-in-udp.pcapng"),
                DecoderTsharkTest.OWN.resolve("charon-ikev2-esp-in-udp.pcapng"));
        List<List<CaptureRecord>> each = new ArrayList<>();
        for (Path p : captures) {
            List<CaptureRecord> records = new ArrayList<>();
            try (CaptureReader r = CaptureReader.open(p, IkePorts.STANDARD)) {
                r.forEach(records::add);
            }
            each.add(records);
        }
        Path merged = dir.resolve("merged.pcap");
        try (PcapWriter w = PcapWriter.create(merged, PcapWriter.Link.ETHERNET)) {
            for (int i = 0; ; i++) {
                boolean any = false;
                for (List<CaptureRecord> records : each) {
                    if (i < records.size()) {
                        any = true;
                        switch (records.get(i)) {
                            case CaptureRecord.IkeDatagram d -> w.ike(d.time(), new InetSocketAddress(d.src(),
                                    d.srcPort()), new InetSocketAddress(d.dst(), d.dstPort()), d.bytes().toByteArray());
                            case CaptureRecord.EspPacket e when e.udpEncap() -> w.espInUdp(e.time(),
                                    new InetSocketAddress(e.src(), 4500), new InetSocketAddress(e.dst(), 4500),
                                    e.bytes().toByteArray());
                            case CaptureRecord.EspPacket e -> w.esp(e.time(), e.src(), e.dst(), e.bytes().toByteArray());
                            default -> { }
                        }
                    }
                }
                if (i == 3) {
                    // not IKE: too short for a header, and an unknown major version
                    w.ike(java.time.Instant.EPOCH, new InetSocketAddress("192.0.2.1", 500), new InetSocketAddress("192.0.2.2", 500),
                            new byte[12]);
                    byte[] v3 = new byte[28];
                    v3[17] = 0x30;
                    v3[27] = 28;
                    w.ike(java.time.Instant.EPOCH, new InetSocketAddress("192.0.2.1", 500), new InetSocketAddress("192.0.2.2", 500), v3);
                }
                if (!any) {
                    break;
                }
            }
        }
        KeySources keys = KeySources.load(DecoderBadInputTest.V1_LOG)
                .plus(KeySources.load(DecoderBadInputTest.V2_TABLE))
                .plus(KeySources.load(DecoderTsharkTest.LOGS.resolve("charon-5.9.8-ikev2-initiator.log")))
                .plus(KeySources.load(DecoderTsharkTest.LOGS.resolve("charon-5.9.8-ikev1-chd4-initiator.log")))
                .plus(KeySources.load(DecoderTsharkTest.LOGS.resolve("charon-5.9.8-ikev2-chd4-initiator.log")));
        Conversation one = Decoder.decode(merged, keys, IkePorts.STANDARD, 1);
        assertTrue(one.sas().size() >= 6, TextReport.toString(one, false));
        assertTrue(one.count(Status.DECRYPTED) > 20, TextReport.toString(one, false));
        assertEquals(2, one.frameNotes().stream().filter(n -> n.kind() == Conversation.FrameNote.Kind.UNREADABLE)
                .count(), TextReport.toString(one, false));
        assertTrue(one.frameNotes().stream().anyMatch(n -> n.kind() == Conversation.FrameNote.Kind.ESP));
        String expected = TextReport.toString(one, true);
        for (int threads : new int[] {2, 3, 7}) {
            Conversation c = Decoder.decode(merged, keys, IkePorts.STANDARD, threads);
            assertEquals(expected, TextReport.toString(c, true), threads + " threads");
            assertEquals(one.frames(), c.frames());
        }
        // the keys still loading when decoding starts: the capture is read ahead, the result the same
        for (int threads : new int[] {1, 2}) {
            FutureTask<KeySources> late = new FutureTask<>(() -> {
                Thread.sleep(300);
                return keys;
            });
            Thread.ofPlatform().daemon().start(late);
            Conversation c = Decoder.decode(merged, late, IkePorts.STANDARD, threads);
            assertEquals(expected, TextReport.toString(c, true), threads + " threads, keys late");
        }
    }

    @Test
    void aKeySourceThatFailsIsReportedBeforeACaptureThatCannotBeRead(@TempDir Path dir) throws Exception {
        FutureTask<KeySources> failing = new FutureTask<>(() -> {
            throw new IllegalArgumentException("not a key table");
        });
        Thread.ofPlatform().daemon().start(failing);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Decoder.decode(dir.resolve("missing.pcap"), failing, IkePorts.STANDARD, 2));
        assertEquals("not a key table", e.getCause().getMessage());
        assertThrows(ExecutionException.class, () -> Decoder.decode(DecoderBadInputTest.V1, failing, IkePorts.STANDARD, 2));
        FutureTask<KeySources> none = new FutureTask<>(KeySources::none);
        none.run();
        assertThrows(IOException.class, () -> Decoder.decode(dir.resolve("missing.pcap"), none, IkePorts.STANDARD, 2));
    }
}

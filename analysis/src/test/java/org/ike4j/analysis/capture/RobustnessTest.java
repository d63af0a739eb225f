package org.ike4j.analysis.capture;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Damaged input gives records with reasons, never an exception out of the reader. */
class RobustnessTest {

    @Test
    void everyTruncationOfEveryFrameDecodes() throws IOException {
        byte[] file = CaptureReaderTest.sampleFile(PcapWriter.Link.ETHERNET);
        int at = 24;
        int frames = 0;
        while (at < file.length) {
            int length = ((file[at + 8] & 0xFF) << 24) | ((file[at + 9] & 0xFF) << 16) | ((file[at + 10] & 0xFF) << 8)
                    | (file[at + 11] & 0xFF);
            byte[] data = Arrays.copyOfRange(file, at + 16, at + 16 + length);
            for (int cut = 0; cut <= data.length; cut++) {
                for (int link : List.of(0, 1, 101, 113, 276)) {
                    CaptureRecord r = PacketDecoder.decode(new Frame(1, Instant.EPOCH, link,
                            Arrays.copyOf(data, cut), data.length));
                    assertNotNull(r);
                }
            }
            at += 16 + length;
            frames++;
        }
        assertTrue(frames == 3);
    }

    /** Random byte flips in a real pcapng (fixed seeds, so a failure can be replayed). */
    @Test
    void randomCorruptionOfARealFileIsReportedNotThrown() throws IOException {
        byte[] original = Files.readAllBytes(Path.of("src/test/resources/captures/charon-ikev2-esp-in-udp.pcapng"));
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            byte[] file = original.clone();
            for (int flips = 0; flips < 1 + random.nextInt(8); flips++) {
                file[random.nextInt(file.length)] = (byte) random.nextInt(256);
            }
            try (CaptureReader reader = CaptureReader.open(new ByteArrayInputStream(file))) {
                for (CaptureRecord r : reader) {
                    assertNotNull(r, "seed " + seed);
                }
            } catch (IOException notACapture) {
                // the section header itself was hit: a clear refusal is the right answer
                assertTrue(notACapture.getMessage() != null && !notACapture.getMessage().isEmpty(), "seed " + seed);
            }
        }
    }

    /** A second section with a bad byte-order magic, and corrupt gzip data: a final reason, no exception. */
    @Test
    void badSecondSectionAndCorruptGzipEndWithAReason() throws IOException {
        java.nio.ByteOrder order = java.nio.ByteOrder.LITTLE_ENDIAN;
        byte[] badSection = CaptureFiles.sectionHeader(order);
        badSection[8] = 0x55;   // byte-order magic
        byte[] file = CaptureFiles.concat(List.of(CaptureFiles.sectionHeader(order),
                CaptureFiles.interfaceDescription(order, 101, -1),
                CaptureFiles.enhancedPacket(order, 0, 0, CaptureReaderTest.ipUdp(500, 500, new byte[28])),
                badSection));
        List<CaptureRecord> records = CaptureReaderTest.read(file);
        assertTrue(records.get(0) instanceof CaptureRecord.IkeDatagram, records.toString());
        CaptureRecord.Undecodable last = (CaptureRecord.Undecodable) records.get(1);
        assertTrue(last.reason().contains("byte-order magic"), last.reason());

        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(CaptureReaderTest.sampleFile(PcapWriter.Link.RAW));
        }
        byte[] broken = zipped.toByteArray();
        for (int i = 40; i < broken.length - 8; i += 7) {
            broken[i] ^= 0x5A;
        }
        List<CaptureRecord> fromBroken;
        try {
            fromBroken = CaptureReaderTest.read(broken);
        } catch (IOException headerHit) {
            return;   // refused at the start: also a clear answer
        }
        assertTrue(fromBroken.get(fromBroken.size() - 1) instanceof CaptureRecord.Undecodable, fromBroken.toString());
    }
}

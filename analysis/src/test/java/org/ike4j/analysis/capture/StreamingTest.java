package org.ike4j.analysis.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

/** The reader holds one record at a time: a file is never loaded whole. */
class StreamingTest {

    /** Counts what the reader has taken from the underlying stream. */
    private static final class Counting extends FilterInputStream {
        long consumed;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            consumed += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            consumed += Math.max(n, 0);
            return n;
        }
    }

    /** The file header and one frame, then the same frame repeated {@code count} times, generated on the fly. */
    private static InputStream huge(byte[] header, byte[] record, int count) {
        Enumeration<InputStream> parts = new Enumeration<>() {
            int left = count;

            @Override
            public boolean hasMoreElements() {
                return left > 0;
            }

            @Override
            public InputStream nextElement() {
                left--;
                return new java.io.ByteArrayInputStream(record);
            }
        };
        return new SequenceInputStream(new java.io.ByteArrayInputStream(header), new SequenceInputStream(parts));
    }

    @Test
    void readsAFileLargerThanItCouldHoldRecordByRecord() throws IOException {
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try (PcapWriter w = PcapWriter.to(one, PcapWriter.Link.RAW)) {
            w.ike(Instant.EPOCH, new InetSocketAddress("192.0.2.1", 500), new InetSocketAddress("192.0.2.2", 500),
                    HexFormat.of().parseHex(CaptureReaderTest.ikeHeader() + "00".repeat(1000)));
        }
        byte[] file = one.toByteArray();
        byte[] header = Arrays.copyOf(file, 24);
        byte[] record = Arrays.copyOfRange(file, 24, file.length);
        int count = 200_000;   // about 200 MB, made as it is read
        Counting in = new Counting(huge(header, record, count));
        long frames = 0;
        try (CaptureReader reader = CaptureReader.open(in)) {
            for (CaptureRecord r : reader) {
                frames++;
                if (frames == 1) {
                    assertInstanceOf(CaptureRecord.IkeDatagram.class, r);
                    assertTrue(in.consumed < 200_000, "read ahead only a buffer's worth: " + in.consumed);
                }
            }
        }
        assertEquals(count, frames);
        assertEquals(24L + (long) record.length * count, in.consumed);
    }

    @Test
    void gzipStreamsToo() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(CaptureReaderTest.sampleFile(PcapWriter.Link.ETHERNET));
        }
        List<CaptureRecord> records = CaptureReaderTest.read(zipped.toByteArray());
        assertEquals(3, records.size());
        assertTrue(records.stream().allMatch(CaptureRecord.IkeDatagram.class::isInstance), records.toString());
    }
}

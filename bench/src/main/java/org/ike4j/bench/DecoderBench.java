package org.ike4j.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.ike4j.analysis.decode.Conversation;
import org.ike4j.analysis.decode.Decoder;
import org.ike4j.analysis.decode.KeySources;
import org.ike4j.analysis.decode.TextReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The capture decoder in-process on the file {@link DecoderCapture} writes (run {@code bench/decoder}
 * first, or pass {@code -jvmArgs -Ddecoder.dir=DIR}): read, group, decrypt every message, and
 * render every payload tree as {@code ike4j decode} prints it (to a writer that drops it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class DecoderBench {

    private Path capture;
    private KeySources keys;

    @Setup
    public void setUp() throws IOException {
        Path dir = Path.of(System.getProperty("decoder.dir", "bench/target/decoder"));
        capture = dir.resolve("decoder-bench.pcap");
        keys = KeySources.load(dir.resolve("ikev1_decryption_table"))
                .plus(KeySources.load(dir.resolve("ikev2_decryption_table")));
    }

    @Benchmark
    public long decodeAndDecrypt() throws IOException {
        Conversation c = Decoder.decode(capture, keys);
        return c.count(org.ike4j.analysis.decode.DecodedMessage.Status.DECRYPTED);
    }

    @Benchmark
    public long decodeDecryptAndRenderTrees() throws IOException {
        Conversation c = Decoder.decode(capture, keys);
        Counting out = new Counting();
        TextReport.write(c, out, true);
        return out.chars;
    }

    /** A writer that counts and drops. */
    static final class Counting extends Writer {
        long chars;

        @Override
        public void write(char[] b, int off, int len) {
            chars += len;
        }

        @Override
        public void write(String s) {
            chars += s.length();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}

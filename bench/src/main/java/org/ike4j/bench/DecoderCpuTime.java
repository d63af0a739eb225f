package org.ike4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

import org.ike4j.analysis.capture.IkePorts;
import org.ike4j.analysis.decode.Conversation;
import org.ike4j.analysis.decode.DecodedMessage;
import org.ike4j.analysis.decode.Decoder;
import org.ike4j.analysis.decode.KeySources;
import org.ike4j.analysis.decode.TextReport;

/**
 * The decoder in one JVM, run after run on {@link DecoderCapture}'s file: read, group, decrypt and
 * render every tree as {@code ike4j decode} prints it (into a writer that counts). Each run is
 * timed three ways: wall clock, this thread's CPU time, and the whole process's CPU time (which
 * adds the garbage collector's and the JIT compiler's threads). The first run is a cold start's
 * work; the later ones show the decoder once compiled, which is what a long capture converges to.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.ike4j.bench.DecoderCpuTime DIR [runs [threads]]};
 * {@code threads} (default 1) decode and render as {@code ike4j decode --threads N} does.
 */
public final class DecoderCpuTime {

    private DecoderCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        ThreadMXBean thread = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        KeySources keys = KeySources.load(dir.resolve("ikev1_decryption_table"))
                .plus(KeySources.load(dir.resolve("ikev2_decryption_table")));
        for (int run = 1; run <= runs; run++) {
            long wall = System.nanoTime();
            long cpu = thread.getCurrentThreadCpuTime();
            long process = os.getProcessCpuTime();
            Conversation c = Decoder.decode(dir.resolve("decoder-bench.pcap"), keys, IkePorts.STANDARD, threads);
            CountingStream out = new CountingStream();
            TextReport.write(c, out, true, threads);
            System.out.printf("run %d (%d threads): %d messages, %d decrypted, %d MB of text: wall %d ms, main thread"
                    + " CPU %d ms, process CPU %d ms%n", run, threads, c.messages().size(),
                    c.count(DecodedMessage.Status.DECRYPTED), out.bytes >> 20, (System.nanoTime() - wall) / 1_000_000,
                    (thread.getCurrentThreadCpuTime() - cpu) / 1_000_000, (os.getProcessCpuTime() - process) / 1_000_000);
        }
    }

    /** A stream that counts and drops. */
    static final class CountingStream extends java.io.OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}

package org.ike4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.ike4j.analysis.capture.IkePorts;
import org.ike4j.analysis.decode.Conversation;
import org.ike4j.analysis.decode.Decoder;
import org.ike4j.analysis.decode.KeySources;
import org.ike4j.analysis.decode.TextReport;

/**
 * The text report's rendering alone, run after run on {@link DecoderCapture}'s file decoded once:
 * every message's line and payload tree as {@code ike4j decode} prints them (into a stream that
 * counts), on {@code threads} threads as {@code --threads N} renders them. Each run prints its
 * wall time and the process's CPU time (rendering threads, garbage collector, JIT compiler). The
 * first run is what a cold {@code ike4j decode} pays (methods compiled as they are first used);
 * the later ones the rendering once compiled.
 *
 * <p>Run it as the launcher runs the decoder (C1 only, serial collector), e.g.
 * {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp bench/target/benchmarks.jar
 * org.ike4j.bench.RenderCpuTime bench/target/decoder [runs [threads]]} after {@code bench/decoder}
 * made the capture and its key tables there.
 */
public final class RenderCpuTime {

    private RenderCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        KeySources keys = KeySources.load(dir.resolve("ikev1_decryption_table"))
                .plus(KeySources.load(dir.resolve("ikev2_decryption_table")));
        Conversation c = Decoder.decode(dir.resolve("decoder-bench.pcap"), keys, IkePorts.STANDARD, threads);
        for (int run = 1; run <= runs; run++) {
            long wall = System.nanoTime();
            long process = os.getProcessCpuTime();
            DecoderCpuTime.CountingStream out = new DecoderCpuTime.CountingStream();
            TextReport.write(c, out, true, threads);
            System.out.printf("render run %d (%d threads): %d MB of text: wall %d ms, process CPU %d ms%n", run, threads,
                    out.bytes >> 20, (System.nanoTime() - wall) / 1_000_000,
                    (os.getProcessCpuTime() - process) / 1_000_000);
        }
    }
}

package org.ike4j.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running {@code tshark -i IFACE -w FILE -f FILTER} inside a namespace. {@link #stop()} ends it
 * with SIGTERM (tshark then stops its dumpcap child and flushes the file) and returns the file;
 * it first waits {@link #DRAIN} so that the packets still in the kernel's buffer are written.
 *
 * <pre>{@code
 * try (Capture capture = Capture.start(left, "veth0", dir.resolve("ike.pcapng"), Capture.IKE_AND_ESP)) {
 *     ... run the exchange ...
 *     Path pcap = capture.stop();
 *     List<List<String>> rows = Tshark.fields(pcap, "isakmp", List.of("udp.dstport", "isakmp.exchangetype"));
 * }
 * }</pre>
 */
public final class Capture implements AutoCloseable {

    /** The capture filter for IKE on both ports and plain ESP. */
    public static final String IKE_AND_ESP = "udp port 500 or udp port 4500 or esp";

    /** How long tshark may take to start capturing. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    /**
     * How long {@link #stop()} lets dumpcap read what is still in the kernel's capture buffer
     * before SIGTERM. libpcap hands packets over in blocks, after a block timeout; a capture
     * stopped right after the last packet loses what has not been handed over yet (measured:
     * 0 of 3 packets without a pause, all with 500 ms).
     */
    public static final Duration DRAIN = Duration.ofMillis(750);

    private static final Pattern PACKETS_CAPTURED = Pattern.compile("(\\d+) packets? captured");

    private final BackgroundProcess process;
    private final Path file;
    private boolean stopped;

    private Capture(BackgroundProcess process, Path file) {
        this.process = process;
        this.file = file;
    }

    /**
     * Starts capturing and waits until tshark reports that the capture runs.
     *
     * @param namespace where to capture
     * @param interfaceName the interface inside that namespace
     * @param file the pcapng file to write (its directory must exist; tshark's log goes next to it)
     * @param captureFilter a BPF filter such as {@link #IKE_AND_ESP}
     */
    public static Capture start(NetNamespace namespace, String interfaceName, Path file, String captureFilter) {
        Path log = file.resolveSibling(file.getFileName() + ".tshark.log");
        BackgroundProcess process = namespace.start("tshark", log, Map.of(),
                List.of(Tshark.BINARY.toString(), "-q", "-i", interfaceName, "-w", file.toString(),
                        "-f", captureFilter));
        Capture capture = new Capture(process, file);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Processes.tail(log, 50).contains("Capture started")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "no \"Capture started\" after " + START_TIMEOUT : "tshark exited";
                process.close();
                throw new TestKitException(why + " on " + interfaceName + " in " + namespace.name() + "\n"
                        + Processes.tail(log, 20));
            }
            Processes.sleep(Duration.ofMillis(20));
        }
        // dumpcap reports the start as soon as the capture is opened; give the kernel a moment to
        // attach the filter before the test sends its first packet.
        Processes.sleep(Duration.ofMillis(300));
        return capture;
    }

    /** tshark's process id. */
    public long pid() {
        return process.pid();
    }

    /** The capture file. */
    public Path file() {
        return file;
    }

    /**
     * Stops tshark after {@link #DRAIN} (SIGTERM, so the file is complete) and returns the file.
     *
     * @throws TestKitException when the file was not written
     */
    public synchronized Path stop() {
        if (!stopped) {
            stopped = true;
            if (process.isAlive()) {
                Processes.sleep(DRAIN);
            }
            process.close();
        }
        if (!Files.exists(file)) {
            throw new TestKitException("tshark wrote no " + file + "\n" + process.logTail(20));
        }
        return file;
    }

    /** The number of packets tshark reported when it stopped, or -1 if it said nothing. */
    public int packetsCaptured() {
        Matcher matcher = PACKETS_CAPTURED.matcher(Processes.tail(process.log(), 50));
        int count = -1;
        while (matcher.find()) {
            count = Integer.parseInt(matcher.group(1));
        }
        return count;
    }

    /** tshark's own messages. */
    public String log() {
        try {
            return Files.readString(process.log());
        } catch (IOException e) {
            return "(cannot read " + process.log() + ")";
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!stopped) {
                stopped = true;
                process.close();
            }
        }
    }
}

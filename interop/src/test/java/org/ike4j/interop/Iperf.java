package org.ike4j.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ike4j.testkit.BackgroundProcess;
import org.ike4j.testkit.CommandResult;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.TestKitException;

/** iperf3 between two namespaces: a one-off server in one, a client in the other; the bytes received. */
final class Iperf {
    private Iperf() {
    }

    /**
     * One TCP transfer of {@code seconds} from {@code client}'s {@code clientAddress} to the server
     * at {@code serverAddress} in {@code server} ({@code reverse}: the server sends).
     *
     * @return bytes the receiving end counted
     */
    static long tcp(NetNamespace server, String serverAddress, NetNamespace client, String clientAddress, int seconds,
                    boolean reverse, Path dir) {
        int port = 5201 + (int) (Math.random() * 1000);
        try (BackgroundProcess s = server.start("iperf3-server", dir.resolve("iperf3-server-" + port + ".out"), Map.of(),
                List.of("iperf3", "-s", "-1", "-B", serverAddress, "-p", Integer.toString(port)))) {
            Ike4jStatus.pause(500);
            List<String> cmd = new java.util.ArrayList<>(List.of("iperf3", "-c", serverAddress, "-B", clientAddress, "-p",
                    Integer.toString(port), "-t", Integer.toString(seconds), "-J", "--connect-timeout", "5000"));
            if (reverse) {
                cmd.add("-R");
            }
            CommandResult r = client.exec(Duration.ofSeconds(seconds + 20), cmd.toArray(String[]::new));
            Matcher m = Pattern.compile("\"sum_received\"\\s*:\\s*\\{[^}]*?\"bytes\"\\s*:\\s*(\\d+)").matcher(r.stdout());
            if (!r.ok() || !m.find()) {
                throw new TestKitException("iperf3 failed\n" + r.describe());
            }
            return Long.parseLong(m.group(1));
        }
    }

    /**
     * A UDP stream of {@code packetsPerSecond} small datagrams for {@code seconds}, with
     * {@code during} run while it flows; returns {sent, lost} as the receiving server counted them.
     */
    static long[] udp(NetNamespace server, String serverAddress, NetNamespace client, String clientAddress, int seconds,
                      int packetsPerSecond, Path dir, Runnable during) {
        int port = 5201 + (int) (Math.random() * 1000);
        try (BackgroundProcess s = server.start("iperf3-server", dir.resolve("iperf3-udp-" + port + ".out"), Map.of(),
                List.of("iperf3", "-s", "-1", "-B", serverAddress, "-p", Integer.toString(port)))) {
            Ike4jStatus.pause(500);
            int size = 100;
            String rate = Integer.toString(packetsPerSecond * size * 8);
            java.util.concurrent.CompletableFuture<CommandResult> run = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> client.exec(Duration.ofSeconds(seconds + 20), "iperf3", "-u", "-c", serverAddress, "-B",
                            clientAddress, "-p", Integer.toString(port), "-t", Integer.toString(seconds), "-l",
                            Integer.toString(size), "-b", rate, "-J"));
            Ike4jStatus.pause(1500);
            during.run();
            CommandResult r = run.join();
            Matcher sum = Pattern.compile("\"sum\"\\s*:\\s*\\{[^}]*\\}").matcher(r.stdout());
            String last = null;
            while (sum.find()) {
                last = sum.group();
            }
            Matcher packets = last == null ? null : Pattern.compile("\"packets\"\\s*:\\s*(\\d+)").matcher(last);
            Matcher lost = last == null ? null : Pattern.compile("\"lost_packets\"\\s*:\\s*(\\d+)").matcher(last);
            if (!r.ok() || packets == null || !packets.find() || !lost.find()) {
                throw new TestKitException("iperf3 -u failed\n" + r.describe());
            }
            return new long[] {Long.parseLong(packets.group(1)), Long.parseLong(lost.group(1))};
        }
    }

    /** Bits per second the receiving end saw, from the same JSON. */
    static double rate(long bytes, int seconds) {
        return bytes * 8.0 / seconds;
    }
}

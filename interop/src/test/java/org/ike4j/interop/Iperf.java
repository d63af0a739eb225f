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

    /** Bits per second the receiving end saw, from the same JSON. */
    static double rate(long bytes, int seconds) {
        return bytes * 8.0 / seconds;
    }
}

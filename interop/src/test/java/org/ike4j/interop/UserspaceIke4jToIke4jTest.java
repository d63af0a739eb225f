package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ike4j to ike4j, both with {@code --dataplane userspace}, in Lab's two namespaces: the seed's
 * proposals (aes128-sha1, no PFS) with ESP in UDP 4500 (forceencaps); ICMP echo from either side
 * and iperf3 TCP both ways, the
 * counters of both daemons agree with each other, and after {@code down} neither side has a TUN
 * device or route left.
 */
@Interop(needs = {Requirement.ROOT, Requirement.IPROUTE2, Requirement.TUN, Requirement.IPERF3, Requirement.PING})
class UserspaceIke4jToIke4jTest {
    private static final Duration ESTABLISH = Duration.ofSeconds(15);

    /** Connection {@code name} for one side: the seed's proposals, ESP in UDP 4500 forced. */
    private static List<Path> conf(Path dir, String name, String left, String leftNet, String right, String rightNet,
                                   String esp, String... more) {
        List<String> lines = new java.util.ArrayList<>(List.of("ike=aes128-sha1-modp2048", "esp=" + esp, "pfs=no",
                "forceencaps=yes"));
        lines.addAll(List.of(more));
        return Lab.ipsecConf(dir, "ikev1", name, left, leftNet, right, rightNet, Lab.PSK, lines.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes128-sha1", "aes128gcm16"})
    void trafficFlowsBetweenTwoIke4jDaemons(String esp, @TempDir Path dir) throws IOException {
        try (Lab lab = new Lab(dir);
             Ike4jDaemon left = Ike4jDaemon.userspace(lab.ike4jNs, dir, "left", Lab.IKE4J_IP, conf(dir.resolve("left"),
                     "tunnel", Lab.IKE4J_IP, Lab.IKE4J_NET, Lab.CHARON_IP, Lab.CHARON_NET, esp));
             Ike4jDaemon right = Ike4jDaemon.userspace(lab.charonNs, dir, "right", Lab.CHARON_IP, conf(dir.resolve("right"),
                     "tunnel", Lab.CHARON_IP, Lab.CHARON_NET, Lab.IKE4J_IP, Lab.IKE4J_NET, esp))) {
            Map<String, Object> up = left.call("up", false, "tunnel");
            assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
            left.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));
            right.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));

            Pings.bothWays(lab.ike4jNs, lab.charonNs, () -> left.logTail(30) + "\n--- right ---\n" + right.logTail(30));
            long there = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, false, dir);
            long back = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, true, dir);
            long fromRight = Iperf.tcp(lab.ike4jNs, "10.1.0.1", lab.charonNs, "10.2.0.1", 2, false, dir);
            String context = left.logTail(30) + "\n--- right ---\n" + right.logTail(30);
            assertTrue(there > 1_000_000, "left -> right " + there + "\n" + context);
            assertTrue(back > 1_000_000, "right -> left " + back + "\n" + context);
            assertTrue(fromRight > 1_000_000, "right initiating " + fromRight + "\n" + context);

            Map<String, Object> l = left.status().installed("tunnel").get(0);
            Map<String, Object> r = right.status().installed("tunnel").get(0);
            assertEquals(Ike4jStatus.str(l, "outboundSpi"), Ike4jStatus.str(r, "inboundSpi"));
            long lOut = Ike4jStatus.num(l.get("packetsOut"));
            long rIn = Ike4jStatus.num(r.get("packetsIn"));
            assertTrue(lOut > 1000 && rIn > 1000, l + "\n" + r);
            // what one side sealed, the other opened: a burst can overflow a socket or device queue on
            // the way (TCP recovers), but never more than a few percent, and nothing is invented
            assertTrue(rIn <= lOut && rIn >= lOut * 0.9, "left sent " + lOut + ", right accepted " + rIn);

            lab.downAndAssertTornDown(left, left, right);
            // the offload path carried it: the left's TCP handed its device super-packets, cut and
            // sent as ESP in GSO batches through the NAT-T socket's descriptor
            String leftLog = Files.readString(dir.resolve("left.log"));
            assertTrue(leftLog.contains("goes in batches (UDP GSO, recvmmsg)"), "batched ESP socket\n" + left.logTail(30));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "offloads: (\\d+) TCP super-packets cut into (\\d+) segments; (\\d+) batches").matcher(leftLog);
            assertTrue(m.find(), "offload counters logged\n" + left.logTail(30));
            assertTrue(Long.parseLong(m.group(1)) > 0 && Long.parseLong(m.group(2)) > Long.parseLong(m.group(1))
                    && Long.parseLong(m.group(3)) > 0, m.group());
        }
    }

    /**
     * lifepackets=2000 on the left: a steady UDP stream (250 datagrams a second for 12 s) passes
     * the soft limit (90 %), the dataplane reports it, the engine renews the SA, traffic moves to
     * the new SA, and the receiver counts no lost datagram.
     */
    @org.junit.jupiter.api.Test
    void aVolumeLifetimeRenewsTheSaUnderTraffic(@TempDir Path dir) {
        try (Lab lab = new Lab(dir);
             Ike4jDaemon left = Ike4jDaemon.userspace(lab.ike4jNs, dir, "left", Lab.IKE4J_IP, conf(dir.resolve("left"),
                     "tunnel", Lab.IKE4J_IP, Lab.IKE4J_NET, Lab.CHARON_IP, Lab.CHARON_NET, "aes128-sha1",
                     "lifepackets=2000"));
             Ike4jDaemon right = Ike4jDaemon.userspace(lab.charonNs, dir, "right", Lab.CHARON_IP, conf(dir.resolve("right"),
                     "tunnel", Lab.CHARON_IP, Lab.CHARON_NET, Lab.IKE4J_IP, Lab.IKE4J_NET, "aes128-sha1"))) {
            assertEquals(Boolean.TRUE, left.call("up", false, "tunnel").get("ok"));
            Ike4jStatus before = left.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));
            right.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));
            String first = Ike4jStatus.str(before.installed("tunnel").get(0), "inboundSpi");
            long[] result = Iperf.udp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 12, 250, dir, () -> { });
            String context = "sent " + result[0] + ", lost " + result[1] + "\n" + left.logTail(30);
            Ike4jStatus after = left.status();
            assertTrue(after.installed("tunnel").stream().anyMatch(c -> !Ike4jStatus.str(c, "inboundSpi").equals(first)
                    && Ike4jStatus.num(c.get("packetsOut")) > 200), "renewed by volume, traffic on the new SA: " + after
                    + "\n" + context);
            assertTrue(result[0] >= 2500, context);
            assertEquals(0, result[1], context);
        }
    }
}

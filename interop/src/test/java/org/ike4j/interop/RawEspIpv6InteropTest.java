package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ike4j.testkit.Capture;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.TestNetwork;
import org.ike4j.testkit.Tshark;
import org.ike4j.testkit.VethPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain ESP over IPv6 (the raw IPv6 socket hands over the payload only, no header): ike4j to
 * ike4j with {@code --dataplane userspace}, IKEv2 between 2001:db8:50::1 and ::2 on a veth,
 * protecting fd00:1::/64 and fd00:2::/64; iperf3 TCP both ways; on the veth only ESP as IPv6
 * next header 50, from both ends, none in UDP.
 */
@Interop(needs = {Requirement.ROOT, Requirement.IPROUTE2, Requirement.TUN, Requirement.IPERF3, Requirement.TSHARK})
class RawEspIpv6InteropTest {
    private static final Duration ESTABLISH = Duration.ofSeconds(15);
    private static final String LEFT = "2001:db8:50::1";
    private static final String RIGHT = "2001:db8:50::2";

    @Test
    void plainEspOverIpv6(@TempDir Path dir) throws Exception {
        try (TestNetwork network = new TestNetwork()) {
            NetNamespace a = network.namespace("v6left");
            NetNamespace b = network.namespace("v6right");
            for (NetNamespace ns : List.of(a, b)) {
                // no duplicate address detection: the addresses are usable at once
                ns.sysctl("net.ipv6.conf.default.accept_dad", "0");
                ns.sysctl("net.ipv6.conf.all.accept_dad", "0");
            }
            VethPair wire = network.connect(a, LEFT + "/64", b, RIGHT + "/64");
            network.addAddress(a, "fd00:1::1/128");
            network.addAddress(b, "fd00:2::1/128");
            try (Capture capture = Capture.start(b, wire.bInterface(), dir.resolve("v6.pcapng"), "esp or udp port 4500");
                 Ike4jDaemon left = Ike4jDaemon.userspace(a, dir, "left", LEFT, RawEspInteropTest.conf(
                         dir.resolve("left"), "ikev2", "aes128-sha256-x25519", "aes128-sha256", LEFT, "fd00:1::/64",
                         RIGHT, "fd00:2::/64"));
                 Ike4jDaemon right = Ike4jDaemon.userspace(b, dir, "right", RIGHT, RawEspInteropTest.conf(
                         dir.resolve("right"), "ikev2", "aes128-sha256-x25519", "aes128-sha256", RIGHT, "fd00:2::/64",
                         LEFT, "fd00:1::/64"))) {
                assertEquals(Boolean.TRUE, left.call("up", false, "tunnel").get("ok"));
                left.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));
                right.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));
                assertEquals(Boolean.FALSE, left.status().installed("tunnel").get(0).get("udpEncapsulation"));

                String routes = a.ip("-6", "route", "show").stdout();
                assertTrue(routes.contains("fd00:2::/64 dev ipsec-tunnel"), routes + "\n" + left.logTail(40));
                long there = Iperf.tcp(b, "fd00:2::1", a, "fd00:1::1", 2, false, dir);
                long back = Iperf.tcp(b, "fd00:2::1", a, "fd00:1::1", 2, true, dir);
                String context = left.logTail(30) + "\n--- right ---\n" + right.logTail(30);
                assertTrue(there > 1_000_000, "left -> right " + there + "\n" + context);
                assertTrue(back > 1_000_000, "right -> left " + back + "\n" + context);
                Map<String, Object> r = right.status().installed("tunnel").get(0);
                assertTrue(Ike4jStatus.num(r.get("packetsIn")) > 1000 && Ike4jStatus.num(r.get("packetsOut")) > 1000,
                        r.toString());

                Path file = capture.stop();
                assertEquals(List.of(), Tshark.fields(file, "udp.port == 4500", List.of("frame.number")), "no ESP in UDP");
                List<List<String>> esp = Tshark.fields(file, "esp", List.of("ipv6.src", "ipv6.nxt"));
                assertTrue(esp.size() > 1000, "ESP frames: " + esp.size());
                assertEquals(Set.of(LEFT, RIGHT), esp.stream().map(f -> f.get(0)).collect(Collectors.toSet()));
                assertTrue(esp.stream().allMatch(f -> f.get(1).equals("50")), esp.subList(0, 3).toString());
            }
        }
    }
}

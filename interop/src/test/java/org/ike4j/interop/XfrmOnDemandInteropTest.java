package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.TestKitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An on-demand tunnel through the kernel: ike4j with {@code --dataplane xfrm} and an
 * {@code auto=route} connection to charon 5.9.8 (kernel-libipsec) in Lab's two namespaces.
 *
 * <p>What this kernel does (observed with {@code ip xfrm monitor} in a namespace, 6.18, no esp4):
 * a UDP datagram from 10.1.0.1 to 10.2.0.5 port 9 matching an {@code out} policy
 * {@code 10.1.0.0/24 -> 10.2.0.0/24 tmpl 192.0.2.1 -> 192.0.2.2 proto esp reqid 7 mode tunnel}
 * with no SA makes the kernel create a larval state ({@code ip xfrm state} shows
 * {@code proto esp spi 0x00000000 reqid 7 mode tunnel}, selector the datagram's own
 * {@code 10.1.0.1/32 -> 10.2.0.5/32 proto udp dport 9}) and multicast
 * {@code acquire proto esp sel src 10.1.0.1/32 dst 10.2.0.5/32 proto udp ... policy src
 * 10.1.0.0/24 dst 10.2.0.0/24 dir out ... tmpl ... reqid 7} - the ESP type is not needed for it.
 * The datagram itself is dropped (the larval state holds nothing).
 *
 * <p>The test: at load the daemon puts only the trap policy in the kernel (no SA); one UDP
 * datagram into the selector raises the kernel's acquire, ike4j negotiates with charon (both sides
 * install the pair with the same SPIs), the kernel refuses the ESP SA (no CONFIG_INET_ESP), the
 * daemon falls back to the userspace dataplane and removes the trap, and iperf3 TCP runs through
 * the userspace tunnel. After {@code down} no XFRM policy or state is left; after stop no device.
 */
@Interop(strongSwan = true, needs = Requirement.IPERF3)
class XfrmOnDemandInteropTest {
    private static final Duration ESTABLISH = Duration.ofSeconds(20);
    private static final String CONN = "charon";

    @Test
    void aKernelAcquireNegotiatesAndTheFallbackCarriesTraffic(@TempDir Path dir) throws Exception {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.installRoutes(true)).swanctl().load(Lab.charonConf("aes128-sha1-modp2048", "aes128-sha1",
                    Lab.PSK, c -> c, c -> c));
            // the host's own route to the far subnet (as a default route would be); the userspace
            // fallback's route into its TUN device has the lower metric and wins once it is there
            lab.ike4jNs.ip("route", "add", Lab.CHARON_NET, "via", Lab.CHARON_IP, "src", "10.1.0.1", "metric", "100");
            try (Ike4jDaemon daemon = Ike4jDaemon.builder(lab.ike4jNs, dir, Lab.IKE4J_IP,
                    lab.ike4jConf(CONN, Lab.PSK, "ike=aes128-sha1-modp2048", "esp=aes128-sha1", "auto=route"))
                    .dataplane("xfrm").debug("all=2,knl=3").start()) {
                String trap = awaitPolicy(lab.ike4jNs, "src 10.1.0.0/24 dst 10.2.0.0/24", daemon);
                assertTrue(trap.contains("dir out"), trap);
                assertFalse(trap.contains("dir in") || trap.contains("dir fwd"), "only the out direction is trapped\n" + trap);
                assertEquals("", lab.ike4jNs.ip("xfrm", "state").stdout().strip(), "a trap has no SA");
                assertTrue(daemon.status().childSas().isEmpty(), "no SA yet");

                // one UDP datagram into the selector (there is no ping binary): the kernel's acquire
                lab.ike4jNs.exec(Duration.ofSeconds(10), "bash", "-c", "echo x > /dev/udp/10.2.0.1/9 || true");
                Ike4jStatus up = daemon.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled(CONN));
                IkeSa charonSa;
                try {
                    charonSa = lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                } catch (RuntimeException e) {
                    throw new AssertionError(e.getMessage() + "\n" + daemon.logTail(60), e);
                }
                Map<String, Object> child = up.installed(CONN).get(0);
                assertEquals(Ike4jStatus.str(child, "outboundSpi"), charonSa.child("net").spiIn(), "same SPIs");
                assertEquals(Ike4jStatus.str(child, "inboundSpi"), charonSa.child("net").spiOut(), "same SPIs");

                String log = Files.readString(dir.resolve("ike4j.log"));
                assertTrue(log.contains("kernel acquire:") && log.contains("matched the trap of " + CONN), log);
                assertTrue(log.contains("CONFIG_INET_ESP") && log.contains("falling back to the userspace dataplane"), log);
                assertEquals("", lab.ike4jNs.ip("xfrm", "policy").stdout().strip(),
                        "after the fallback no trap catches the tunnel's traffic");
                assertEquals("", lab.ike4jNs.ip("xfrm", "state").stdout().strip(),
                        "the larval state went with the trap, the refused SA was never there");
                assertTrue(lab.ike4jNs.ip("route", "show").stdout().contains("10.2.0.0/24 dev ipsec-" + CONN),
                        lab.ike4jNs.ip("route", "show").stdout());

                long there = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, false, dir);
                long back = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, true, dir);
                assertTrue(there > 1_000_000 && back > 1_000_000, there + " / " + back + "\n" + daemon.logTail(30));
                assertEquals(1, daemon.status().installed(CONN).size(), "one negotiation");

                Map<String, Object> down = daemon.call("down", false, CONN);
                assertEquals(Boolean.TRUE, down.get("ok"), down.toString());
                daemon.await("no IPsec SA", ESTABLISH, s -> !s.hasInstalled(CONN));
                assertEquals("", lab.ike4jNs.ip("xfrm", "policy").stdout().strip(), "no policy after down");
                assertEquals("", lab.ike4jNs.ip("xfrm", "state").stdout().strip(), "no state after down");
            }
            assertFalse(lab.ike4jNs.ip("link", "show").stdout().contains("ipsec-" + CONN), "TUN device left");
            assertEquals("", lab.ike4jNs.ip("xfrm", "policy").stdout().strip(), "no policy after stop");
            assertEquals("", lab.ike4jNs.ip("xfrm", "state").stdout().strip(), "no state after stop");
        }
    }

    private static String awaitPolicy(NetNamespace ns, String text, Ike4jDaemon daemon) {
        long deadline = System.nanoTime() + Ike4jDaemon.START.toNanos();
        while (true) {
            String policies = ns.ip("xfrm", "policy").stdout();
            if (policies.contains(text)) {
                return policies;
            }
            if (System.nanoTime() > deadline || !daemon.isAlive()) {
                throw new TestKitException("no trap policy " + text + "\n" + policies + "\n" + daemon.logTail(40));
            }
            Ike4jStatus.pause(100);
        }
    }
}

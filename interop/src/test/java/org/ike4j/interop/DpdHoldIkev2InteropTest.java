package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dpdaction=hold over IKEv2 with the userspace dataplane, against charon 5.9.8 (kernel-libipsec):
 * charon is killed, ike4j's liveness check declares it dead and holds the connection (its TUN
 * device and route stay, no SA); charon is started again, and a UDP datagram from ike4j's side
 * into the held tunnel raises an acquire that negotiates a new IKE SA and Child SA, through which
 * an iperf3 UDP stream then flows.
 */
@Interop(strongSwan = true, needs = Requirement.IPERF3)
class DpdHoldIkev2InteropTest {
    private static final Duration ESTABLISH = Duration.ofSeconds(15);
    private static final String CONN = Ikev2CharonTest.CONN;
    private static final String IKE = "aes128-sha256-x25519";

    @Test
    void heldAfterCharonDiesAndTrafficRenegotiatesWhenItIsBack(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            var charonConf = Ikev2CharonTest.charonConf(IKE, "aes128-sha256", c -> c);
            lab.startCharon(b -> b.installRoutes(true)).swanctl().load(charonConf);
            try (Ike4jDaemon ike4j = Ike4jDaemon.userspace(lab.ike4jNs, dir, "ike4j", Lab.IKE4J_IP,
                    Ikev2CharonTest.ike4jConf(lab, "ike=" + IKE, "esp=aes128-sha256", "dpddelay=1s", "dpdtimeout=4s",
                            "dpdaction=hold"))) {
                Map<String, Object> up = ike4j.call("up", false, CONN);
                assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
                String first = Ike4jStatus.str(ike4j.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled(CONN))
                        .installed(CONN).get(0), "inboundSpi");
                lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);

                long pid = lab.charon.charonPid();
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
                lab.charon.close();
                String dead = ike4j.awaitLog("did not answer the liveness check", Duration.ofSeconds(12));
                assertTrue(dead.contains("dpdaction=hold"), dead);
                ike4j.awaitLog("is held; traffic for it (or up) negotiates again", Duration.ofSeconds(3));
                ike4j.await("no SA left", Duration.ofSeconds(3), s -> s.ikeSas().isEmpty() && s.childSas().isEmpty());
                String status = String.valueOf(ike4j.call("status", false).get("text"));
                assertTrue(status.contains("held (dpdaction=hold"), status);
                String routes = lab.ike4jNs.ip("route", "show").stdout();
                assertTrue(routes.contains("10.2.0.0/24 dev ipsec-" + CONN), "the route stays while held\n" + routes);

                lab.startCharon(b -> b.installRoutes(true)).swanctl().load(charonConf);
                // one datagram into the held tunnel (bash's /dev/udp; the machine has no ping)
                long deadline = System.nanoTime() + ESTABLISH.toNanos();
                while (!ike4j.status().hasInstalled(CONN)) {
                    assertTrue(System.nanoTime() < deadline, "no new SA after traffic\n" + ike4j.logTail(40)
                            + "\n--- charon ---\n" + lab.charon.logTail(30));
                    lab.ike4jNs.exec(Duration.ofSeconds(5), "bash", "-c", "echo held > /dev/udp/10.2.0.1/9");
                    Ike4jStatus.pause(1000);
                }
                String acquire = ike4j.awaitLog("acquire: traffic for " + CONN, Duration.ofSeconds(1));
                System.out.println("ike4j: " + acquire);
                Map<String, Object> again = ike4j.status().installed(CONN).get(0);
                assertTrue(!first.equals(Ike4jStatus.str(again, "inboundSpi")), "a new Child SA");
                var charonSa = lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                assertEquals(Ike4jStatus.str(again, "outboundSpi"), charonSa.child("net").spiIn());
                assertEquals(2, charonSa.version());
                assertTrue(!charonSa.initiator(), "ike4j initiated it on the acquire");

                long[] udp = Iperf.udp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, 50, dir, () -> { });
                String context = "sent " + udp[0] + ", lost " + udp[1] + "\n" + ike4j.logTail(20);
                assertTrue(udp[0] >= 80 && udp[1] <= 2, context);
                status = String.valueOf(ike4j.call("status", false).get("text"));
                assertTrue(!status.contains("held (dpdaction=hold"), status);
            }
        }
    }
}

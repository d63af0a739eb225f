package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code down} on a connection held after a dead peer: ike4j to ike4j with
 * {@code --dataplane userspace}, the left with dpdaction=hold. The right is stopped; DPD finds it
 * dead, the SAs go but the left keeps its TUN device and route (traffic would negotiate again);
 * then {@code down} on the left removes the device and the route, though the engine had no SA
 * left to delete.
 */
@Interop(needs = {Requirement.ROOT, Requirement.IPROUTE2, Requirement.TUN})
class HoldDownInteropTest {
    private static final Duration ESTABLISH = Duration.ofSeconds(15);

    @Test
    void downRemovesTheTunnelOfAHeldConnection(@TempDir Path dir) throws Exception {
        List<Path> leftConf = RawEspInteropTest.conf(dir.resolve("left"), "ikev1", "aes128-sha1-modp2048", "aes128-sha1",
                Lab.IKE4J_IP, Lab.IKE4J_NET, Lab.CHARON_IP, Lab.CHARON_NET);
        Files.writeString(leftConf.get(0), "\tdpddelay=1s\n\tdpdtimeout=3s\n\tdpdaction=hold\n",
                java.nio.file.StandardOpenOption.APPEND);
        try (Lab lab = new Lab(dir);
             Ike4jDaemon left = Ike4jDaemon.userspace(lab.ike4jNs, dir, "left", Lab.IKE4J_IP, leftConf);
             Ike4jDaemon right = Ike4jDaemon.userspace(lab.charonNs, dir, "right", Lab.CHARON_IP,
                     RawEspInteropTest.conf(dir.resolve("right"), "ikev1", "aes128-sha1-modp2048", "aes128-sha1",
                             Lab.CHARON_IP, Lab.CHARON_NET, Lab.IKE4J_IP, Lab.IKE4J_NET))) {
            assertEquals(Boolean.TRUE, left.call("up", false, "tunnel").get("ok"));
            left.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));
            right.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));
            // the right falls silent (its namespace drops everything that comes in): DPD declares
            // it dead and the SAs go, held
            lab.charonNs.nft("add table inet silent\nadd chain inet silent in { type filter hook input priority 0; policy drop; }");
            left.await("no IPsec SA after DPD", Duration.ofSeconds(30), s -> !s.hasInstalled("tunnel"));
            Ike4jStatus.pause(500);
            String context = left.logTail(40);
            assertTrue(lab.ike4jNs.ip("link", "show").stdout().contains("ipsec-tunnel"), "held: the device stays\n" + context);
            assertTrue(lab.ike4jNs.ip("route", "show").stdout().contains("10.2.0.0/24"), "held: the route stays\n" + context);

            Map<String, Object> down = left.call("down", false, "tunnel");
            assertEquals(Boolean.TRUE, down.get("ok"), down.toString());
            Ike4jStatus.pause(500);
            context = left.logTail(40);
            assertFalse(lab.ike4jNs.ip("link", "show").stdout().contains("ipsec-tunnel"), "down: no device\n" + context);
            assertFalse(lab.ike4jNs.ip("route", "show").stdout().contains("10.2.0.0/24"), "down: no route\n" + context);
            assertTrue(context.contains("no longer held"), context);
        }
    }
}

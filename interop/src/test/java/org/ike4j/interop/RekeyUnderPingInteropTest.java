package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ike4j.testkit.ChildSa;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Ping;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rekey under continuous ping loses no packet: ike4j with {@code --dataplane userspace} against
 * charon 5.9.8 with kernel-libipsec in Lab's two namespaces. ike4j's IPsec SA lives 20 s and is
 * renewed 10 s before that (no fuzz), so ike4j renews the pair about every 10 s; charon's own
 * lifetime is an hour (rekey at 51 min), so every renewal seen here is ike4j's. While two pings
 * run, one from each side ({@code -i 0.02}, 28 s: about 2,800 echoes, each crossing the tunnel
 * both ways), both sides' SPIs are polled: at least two renewals (three inbound SPIs on each
 * side), an installed SA at every poll, and ping's summaries count every reply, none twice.
 * IKEv2 passes; IKEv1 shows a loss (disabled, see there).
 */
@Interop(strongSwan = true, needs = Requirement.PING)
class RekeyUnderPingInteropTest {
    private static final Duration ESTABLISH = Duration.ofSeconds(15);
    private static final int COUNT = 1400;
    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final List<String> SHORT_LIFE = List.of("lifetime=20s", "rekeymargin=10s", "rekeyfuzz=0%");

    /**
     * IKEv1, the seed's proposals (aes128-sha1, no PFS): ike4j renews with a new Quick Mode.
     *
     * <p>Before the engine kept a replaced pair for {@code QuickModeTask.RETIRE_AFTER_MILLIS}, this
     * lost an echo now and then (1 of 2,800 in 1 of 7 runs): ike4j deleted the old pair and sent
     * the Delete right after its third Quick Mode message, so ESP it had sealed with the old
     * outbound SA just before reached charon after charon removed the old inbound SA on that
     * Delete (seen on the wire: ESP on the old SPI 0.6 ms after the Informational).
     */
    @Test
    void ikev1QuickModeRenewalsUnderPingLoseNothing(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.installRoutes(true)).swanctl().load(Lab.charonConf("aes128-sha1-modp2048",
                    "aes128-sha1", Lab.PSK, c -> c, c -> c));
            List<String> lines = new java.util.ArrayList<>(List.of("ike=aes128-sha1-modp2048", "esp=aes128-sha1",
                    "pfs=no"));
            lines.addAll(SHORT_LIFE);
            try (Ike4jDaemon ike4j = Ike4jDaemon.userspace(lab.ike4jNs, dir, "ike4j", Lab.IKE4J_IP,
                    lab.ike4jConf(ResponderRekeyInteropTest.CONN, Lab.PSK, lines.toArray(String[]::new)))) {
                pingThroughRenewals(lab, ike4j, ResponderRekeyInteropTest.CONN);
            }
        }
    }

    /**
     * IKEv2 (aes128-sha256-x25519, ESP with PFS): ike4j renews the Child SA with CREATE_CHILD_SA
     * and N(REKEY_SA), then deletes the old pair.
     */
    @Test
    void ikev2ChildSaRekeysUnderPingLoseNothing(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.installRoutes(true)).swanctl()
                    .load(Ikev2CharonTest.charonConf("aes128-sha256-x25519", "aes128-sha256-x25519", c -> c));
            List<String> lines = new java.util.ArrayList<>(List.of("ike=aes128-sha256-x25519",
                    "esp=aes128-sha256-x25519"));
            lines.addAll(SHORT_LIFE);
            try (Ike4jDaemon ike4j = Ike4jDaemon.userspace(lab.ike4jNs, dir, "ike4j", Lab.IKE4J_IP,
                    Ikev2CharonTest.ike4jConf(lab, lines.toArray(String[]::new)))) {
                pingThroughRenewals(lab, ike4j, Ikev2CharonTest.CONN);
                assertEquals(2, lab.charon.swanctl().ikeSa("ike4j").orElseThrow().version());
            }
        }
    }

    private static void pingThroughRenewals(Lab lab, Ike4jDaemon ike4j, String conn) {
        assertEquals(Boolean.TRUE, ike4j.call("up", false, conn).get("ok"));
        try {
            ike4j.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled(conn));
            lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- charon ---\n" + lab.charon.logTail(80), e);
        }
        // a thread each: the common pool has one worker on two cores and would run them one after the other
        try (ExecutorService pingers = Executors.newFixedThreadPool(2)) {
            pingThroughRenewals(lab, ike4j, conn, pingers);
        }
    }

    private static void pingThroughRenewals(Lab lab, Ike4jDaemon ike4j, String conn, ExecutorService pingers) {
        CompletableFuture<Ping> there = CompletableFuture.supplyAsync(() -> Ping.run(lab.ike4jNs, Pings.LEFT_INNER,
                Pings.RIGHT_INNER, COUNT, INTERVAL), pingers);
        CompletableFuture<Ping> back = CompletableFuture.supplyAsync(() -> Ping.run(lab.charonNs, Pings.RIGHT_INNER,
                Pings.LEFT_INNER, COUNT, INTERVAL), pingers);
        Set<String> ike4jSpis = new LinkedHashSet<>();
        Set<String> charonSpis = new LinkedHashSet<>();
        int polls = 0;
        while (!there.isDone() || !back.isDone()) {
            Ike4jStatus s = ike4j.status();
            List<ChildSa> charonChildren = lab.charon.swanctl().listSas().stream().flatMap(sa -> sa.children().stream())
                    .filter(c -> SaChecks.IN_SAD.contains(c.state())).toList();
            assertFalse(s.installed(conn).isEmpty(), "ike4j without an IPsec SA at poll " + polls + "\n"
                    + ike4j.logTail(40));
            assertFalse(charonChildren.isEmpty(), "charon without an IPsec SA at poll " + polls + "\n"
                    + lab.charon.logTail(40));
            s.installed(conn).forEach(c -> ike4jSpis.add(Ike4jStatus.str(c, "inboundSpi")));
            charonChildren.forEach(c -> charonSpis.add(c.spiIn()));
            polls++;
            Ike4jStatus.pause(300);
        }
        Ping out = there.join();
        Ping in = back.join();
        Ike4jStatus after = ike4j.status();
        String text = String.valueOf(ike4j.call("statusall", false).get("text"));
        java.util.regex.Matcher unknown = java.util.regex.Pattern.compile("ESP with an unknown SPI dropped: (\\d+)")
                .matcher(text);
        long unknownSpi = unknown.find() ? Long.parseLong(unknown.group(1)) : -1;
        String context = "ike4j dropped " + unknownSpi + " ESP packets for an unknown SPI; ike4j SPIs " + ike4jSpis + ", charon SPIs " + charonSpis + " in " + polls + " polls\n"
                + Pings.LEFT_INNER + " -> " + Pings.RIGHT_INNER + ": " + out.describe() + "\n" + Pings.RIGHT_INNER
                + " -> " + Pings.LEFT_INNER + ": " + in.describe() + "\n--- ike4j ---\n" + ike4j.logTail(40)
                + "\n--- charon ---\n" + lab.charon.logTail(40);
        System.out.println("rekey under ping (" + conn + "): " + out.transmitted() + "/" + out.received() + " and "
                + in.transmitted() + "/" + in.received() + " echoes; unknown SPI drops " + unknownSpi + "; ike4j SPIs " + ike4jSpis + ", charon SPIs "
                + charonSpis);
        // the first pair and at least two renewals, seen by both sides
        assertTrue(ike4jSpis.size() >= 3 && charonSpis.size() >= 3, context);
        assertEquals(COUNT, out.transmitted(), context);
        assertEquals(COUNT, in.transmitted(), context);
        assertTrue(out.lostNone() && in.lostNone(), context);
        // nor did ESP reach ike4j for an SA it had already deleted or not yet installed
        assertEquals(0, unknownSpi, context);
        // the echoes ended on a renewed pair: the newest SA carried some of them both ways
        Map<String, Object> newest = after.installed(conn).stream()
                .filter(c -> !Ike4jStatus.str(c, "inboundSpi").equals(ike4jSpis.iterator().next()))
                .max(java.util.Comparator.comparingLong(c -> Ike4jStatus.num(c.get("installedAtMillis")))).orElseThrow();
        assertTrue(Ike4jStatus.num(newest.get("packetsIn")) > 0 && Ike4jStatus.num(newest.get("packetsOut")) > 0,
                "traffic on the renewed SA: " + newest);
    }
}

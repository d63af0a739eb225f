package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ike4j.testkit.ChildSa;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Traffic through an IKEv2 tunnel (RFC 7296) between ike4j with {@code --dataplane userspace} and
 * charon 5.9.8 with kernel-libipsec, in Lab's two namespaces (10.1.0.0/24 behind ike4j at
 * 192.0.2.1, 10.2.0.0/24 behind charon at 192.0.2.2), aes128-sha256-x25519 with ESP aes128-sha256:
 * ICMP echo and iperf3 TCP transfers both ways, started from either side, with either side
 * initiating the IKE SA, and both sides' SA counters moving; and a Child SA rekey with PFS under a
 * steady UDP stream loses no datagram (under continuous ping: {@link RekeyUnderPingInteropTest}).
 */
@Interop(strongSwan = true, needs = {Requirement.IPERF3, Requirement.PING})
class UserspaceIkev2InteropTest {
    private static final Duration ESTABLISH = Duration.ofSeconds(15);
    private static final String CONN = Ikev2CharonTest.CONN;
    private static final String IKE = "aes128-sha256-x25519";

    private static Ike4jDaemon ike4j(Lab lab, Path dir, String esp, String... more) {
        List<String> lines = new java.util.ArrayList<>(List.of("ike=" + IKE, "esp=" + esp));
        lines.addAll(List.of(more));
        return Ike4jDaemon.userspace(lab.ike4jNs, dir, "ike4j", Lab.IKE4J_IP,
                Ikev2CharonTest.ike4jConf(lab, lines.toArray(String[]::new)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ike4j", "charon"})
    void trafficFlowsBothWaysThroughTheTunnel(String initiator, @TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.installRoutes(true)).swanctl()
                    .load(Ikev2CharonTest.charonConf(IKE, "aes128-sha256", c -> c));
            try (Ike4jDaemon ike4j = ike4j(lab, dir, "aes128-sha256")) {
                if (initiator.equals("ike4j")) {
                    Map<String, Object> up = ike4j.call("up", false, CONN);
                    assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
                } else {
                    lab.charon.swanctl().initiate("net", "ike4j", ESTABLISH);
                }
                try {
                    ike4j.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled(CONN));
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n--- charon ---\n" + lab.charon.logTail(80), e);
                }
                var charonSa = lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                assertEquals(2, charonSa.version());
                assertTrue(lab.ike4jNs.ip("route", "show").stdout().contains("10.2.0.0/24 dev ipsec-" + CONN),
                        lab.ike4jNs.ip("route", "show").stdout());
                Pings.bothWays(lab.ike4jNs, lab.charonNs, () -> ike4j.logTail(30) + "\n--- charon ---\n"
                        + lab.charon.logTail(30));

                // from ike4j's side to charon's and back (-R), then from charon's side
                long there = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, false, dir);
                long back = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, true, dir);
                long fromCharon = Iperf.tcp(lab.ike4jNs, "10.1.0.1", lab.charonNs, "10.2.0.1", 2, false, dir);
                String context = there + " / " + back + " / " + fromCharon + "\n" + ike4j.logTail(30)
                        + "\n--- charon ---\n" + lab.charon.logTail(30);
                assertTrue(there > 1_000_000 && back > 1_000_000 && fromCharon > 1_000_000, context);

                Map<String, Object> child = ike4j.status().installed(CONN).get(0);
                assertTrue(Ike4jStatus.num(child.get("bytesOut")) > there && Ike4jStatus.num(child.get("bytesIn")) > back,
                        child.toString());
                ChildSa c = lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH).child("net");
                assertTrue(c.bytesIn() > there && c.bytesOut() > back, c.toString());
                assertEquals(Ike4jStatus.str(child, "outboundSpi"), c.spiIn(), "our outbound SPI is charon's inbound");
                assertEquals(Ike4jStatus.str(child, "inboundSpi"), c.spiOut(), "our inbound SPI is charon's outbound");
            }
        }
    }

    /**
     * ESP of an IKEv2 Child SA, both ways, decrypted by tshark with nothing but the esp_sa rows
     * the daemon wrote ({@code --keylog DIR}, from the InstallChildSa as for IKEv1): UDP streams
     * from each side, read on the wire between the two namespaces (ESP in UDP 4500).
     */
    @Test
    void espSaRowsDecryptBothDirections(@TempDir Path dir) throws Exception {
        Path keys = java.nio.file.Files.createDirectories(dir.resolve("keys"));
        Path capture;
        String ours;
        String theirs;
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.installRoutes(true)).swanctl()
                    .load(Ikev2CharonTest.charonConf(IKE, "aes128-sha256", c -> c));
            try (Ike4jDaemon ike4j = Ike4jDaemon.userspace(lab.ike4jNs, dir, "ike4j", Lab.IKE4J_IP,
                    Ikev2CharonTest.ike4jConf(lab, "ike=" + IKE, "esp=aes128-sha256"), List.of("--keylog", keys.toString()))) {
                assertEquals(Boolean.TRUE, ike4j.call("up", false, CONN).get("ok"));
                Map<String, Object> child = ike4j.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled(CONN))
                        .installed(CONN).get(0);
                ours = Ike4jStatus.str(child, "inboundSpi");
                theirs = Ike4jStatus.str(child, "outboundSpi");
                lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                long[] out = Iperf.udp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, 50, dir, () -> { });
                long[] in = Iperf.udp(lab.ike4jNs, "10.1.0.1", lab.charonNs, "10.2.0.1", 2, 50, dir, () -> { });
                assertTrue(out[0] >= 80 && in[0] >= 80, out[0] + " / " + in[0]);
            }
            capture = lab.stopCapture();
        }
        List<String> options = new java.util.ArrayList<>(List.of("esp.enable_encryption_decode:TRUE"));
        var rows = org.ike4j.analysis.keys.WiresharkKeyTables.read(keys.resolve("esp_sa"), "esp_sa");
        assertEquals(2, rows.size(), "inbound and outbound: " + rows);
        rows.forEach(e -> options.add(org.ike4j.analysis.keys.WiresharkKeyTables.tsharkOption(e)));
        List<List<String>> frames = org.ike4j.testkit.Tshark.fields(capture, "esp", List.of("esp.spi", "ip.src", "ip.dst"),
                options);
        // outer and inner addresses once decrypted: 192.0.2.1,10.1.0.1 -> 192.0.2.2,10.2.0.1 and back
        long fromUs = frames.stream().filter(f -> f.get(0).contains(theirs) && f.get(1).equals(Lab.IKE4J_IP + ",10.1.0.1")
                && f.get(2).equals(Lab.CHARON_IP + ",10.2.0.1")).count();
        long toUs = frames.stream().filter(f -> f.get(0).contains(ours) && f.get(1).equals(Lab.CHARON_IP + ",10.2.0.1")
                && f.get(2).equals(Lab.IKE4J_IP + ",10.1.0.1")).count();
        String all = frames.size() + " ESP frames, first " + frames.subList(0, Math.min(5, frames.size()));
        assertTrue(fromUs >= 80, "ike4j's ESP decrypted: " + fromUs + "\n" + all);
        assertTrue(toUs >= 80, "charon's ESP decrypted: " + toUs + "\n" + all);
        List<List<String>> opaque = org.ike4j.testkit.Tshark.fields(capture, "esp", List.of("ip.src"), List.of());
        assertTrue(opaque.stream().noneMatch(f -> f.get(0).contains("10.")), "without the rows only the outer header");
    }

    /**
     * charon rekeys the Child SA (CREATE_CHILD_SA with N(REKEY_SA) and a new x25519 exchange) while
     * 200 UDP datagrams a second flow from ike4j's side; then deletes the old pair. The stream
     * moves to the new pair and the receiver counts none lost.
     */
    @Test
    void aChildSaRekeyUnderTrafficLosesNothing(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.installRoutes(true)).swanctl()
                    .load(Ikev2CharonTest.charonConf(IKE, "aes128-sha256-x25519", c -> c));
            try (Ike4jDaemon ike4j = ike4j(lab, dir, "aes128-sha256-x25519")) {
                assertEquals(Boolean.TRUE, ike4j.call("up", false, CONN).get("ok"));
                Ike4jStatus before = ike4j.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled(CONN));
                String oldSpi = Ike4jStatus.str(before.installed(CONN).get(0), "inboundSpi");
                lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                long[] result = Iperf.udp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 6, 200, dir, () -> {
                    assertTrue(lab.charon.swanctl().rekeyChild("net").ok());
                    ike4j.await("the rekeyed SA alone", ESTABLISH, s -> s.installed(CONN).size() == 1
                            && !Ike4jStatus.str(s.installed(CONN).get(0), "inboundSpi").equals(oldSpi));
                });
                Ike4jStatus after = ike4j.status();
                String context = "sent " + result[0] + ", lost " + result[1] + "\n" + ike4j.logTail(30) + "\n--- charon ---\n"
                        + lab.charon.logTail(30);
                assertTrue(result[0] >= 800, context);
                assertEquals(0, result[1], context);
                Map<String, Object> renewed = after.installed(CONN).get(0);
                assertEquals("CURVE25519", Ike4jStatus.str(renewed, "pfsGroup"));
                assertTrue(Ike4jStatus.num(renewed.get("packetsOut")) > 300, "the stream moved to the new SA: " + after);
            }
        }
    }

    /**
     * ike4j rekeys the Child SA itself (15 s after installing it: 25 s lifetime, 10 s margin) while
     * 200 UDP datagrams a second flow from charon's side into ike4j's: the new inbound SA is ready
     * before charon moves to it, and the receiver counts none lost.
     */
    @Test
    void ike4jsChildSaRekeyUnderInboundTrafficLosesNothing(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.installRoutes(true)).swanctl()
                    .load(Ikev2CharonTest.charonConf(IKE, "aes128-sha256-x25519", c -> c));
            try (Ike4jDaemon ike4j = ike4j(lab, dir, "aes128-sha256-x25519", "lifetime=25s", "rekeymargin=10s",
                    "rekeyfuzz=0%")) {
                assertEquals(Boolean.TRUE, ike4j.call("up", false, CONN).get("ok"));
                Ike4jStatus before = ike4j.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled(CONN));
                String oldSpi = Ike4jStatus.str(before.installed(CONN).get(0), "inboundSpi");
                lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                long[] result = Iperf.udp(lab.ike4jNs, "10.1.0.1", lab.charonNs, "10.2.0.1", 20, 200, dir, () ->
                        ike4j.await("ike4j's rekey", Duration.ofSeconds(25), s -> s.installed(CONN).size() == 1
                                && !Ike4jStatus.str(s.installed(CONN).get(0), "inboundSpi").equals(oldSpi)));
                Ike4jStatus after = ike4j.status();
                String context = "sent " + result[0] + ", lost " + result[1] + "\n" + ike4j.logTail(30)
                        + "\n--- charon ---\n" + lab.charon.logTail(30);
                assertTrue(result[0] >= 3000, context);
                assertEquals(0, result[1], context);
                Map<String, Object> renewed = after.installed(CONN).get(0);
                assertTrue(Ike4jStatus.num(renewed.get("packetsIn")) > 300, "the stream moved to the new SA: " + after);
            }
        }
    }
}

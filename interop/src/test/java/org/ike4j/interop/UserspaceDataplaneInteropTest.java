package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ike4j.testkit.ChildSa;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Traffic through a tunnel between ike4j with {@code --dataplane userspace} and charon 5.9.8 with
 * kernel-libipsec, in two namespaces (Lab's topology: 10.1.0.0/24 behind ike4j at 192.0.2.1,
 * 10.2.0.0/24 behind charon at 192.0.2.2): IKEv1 with the seed's ESP proposal (aes128-sha1, no
 * PFS) and with AES-GCM; ESP in UDP 4500 both ways. ICMP echo from either side gets every reply;
 * iperf3 TCP transfers in both directions, from either side, count their bytes; both sides' SA counters moved; after {@code down}, ike4j's TUN
 * device and routes are gone, and at the end no namespace or process is left.
 */
@Interop(strongSwan = true, needs = {Requirement.IPERF3, Requirement.PING})
class UserspaceDataplaneInteropTest {
    private static final Duration ESTABLISH = Duration.ofSeconds(15);
    private static final String CONN = "charon";

    @ParameterizedTest
    @ValueSource(strings = {"aes128-sha1", "aes128gcm16"})
    void trafficFlowsBothWaysThroughTheTunnel(String esp, @TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            // kernel-libipsec's ESP takes AES-GCM from the gcm plugin, which the default list leaves out
            lab.startCharon(b -> b.installRoutes(true).plugins(org.ike4j.testkit.Charon.DEFAULT_PLUGINS.replace(" ccm ", " ccm gcm "))).swanctl().load(Lab.charonConf("aes128-sha1-modp2048", esp, Lab.PSK,
                    c -> c, c -> c));
            try (Ike4jDaemon ike4j = Ike4jDaemon.userspace(lab.ike4jNs, dir, "ike4j", Lab.IKE4J_IP,
                    lab.ike4jConf(CONN, Lab.PSK, "ike=aes128-sha1-modp2048", "esp=" + esp, "pfs=no"))) {
                Map<String, Object> up = ike4j.call("up", false, CONN);
                assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
                try {
                    ike4j.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled(CONN));
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n--- charon ---\n" + lab.charon.logTail(80), e);
                }
                IkeSa charonSa = lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                assertTrue(charonSa.child("net").encap(), "kernel-libipsec puts ESP in UDP");
                String devices = lab.ike4jNs.ip("link", "show").stdout();
                assertTrue(devices.contains("ipsec-" + CONN), devices + "\n" + ike4j.logTail(40));
                String routes = lab.ike4jNs.ip("route", "show").stdout();
                assertTrue(routes.contains("10.2.0.0/24 dev ipsec-" + CONN), routes);

                // ICMP through the TUN device opened with offloads (a virtio header on every packet), from each side
                Pings.bothWays(lab.ike4jNs, lab.charonNs, () -> ike4j.logTail(30) + "\n--- charon ---\n"
                        + lab.charon.logTail(30));
                // ike4j's side sends, then receives (-R); then charon's side starts a transfer to ike4j's
                long up1 = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, false, dir);
                long down1 = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, true, dir);
                long fromCharon = Iperf.tcp(lab.ike4jNs, "10.1.0.1", lab.charonNs, "10.2.0.1", 2, false, dir);
                String context = ike4j.logTail(30) + "\n" + lab.charon.logTail(30);
                assertTrue(up1 > 1_000_000, "ike4j -> charon " + up1 + " bytes\n" + context);
                assertTrue(down1 > 1_000_000, "charon -> ike4j " + down1 + " bytes\n" + context);
                assertTrue(fromCharon > 1_000_000, "charon's side initiating " + fromCharon + " bytes\n" + context);

                Map<String, Object> child = ike4j.status().installed(CONN).get(0);
                long bytesIn = Ike4jStatus.num(child.get("bytesIn"));
                long bytesOut = Ike4jStatus.num(child.get("bytesOut"));
                assertTrue(bytesIn > down1 && bytesOut > up1, child.toString());
                ChildSa c = lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH).child("net");
                assertTrue(c.bytesIn() > up1 && c.bytesOut() > down1, c.toString());
                assertEquals(Ike4jStatus.str(child, "outboundSpi"), c.spiIn(), "our outbound SPI is charon's inbound");

                Map<String, Object> down = ike4j.call("down", false, CONN);
                assertEquals(Boolean.TRUE, down.get("ok"), down.toString());
                ike4j.await("no IPsec SA", ESTABLISH, s -> !s.hasInstalled(CONN));
                long until = System.nanoTime() + 5_000_000_000L;
                while (lab.ike4jNs.ip("link", "show").stdout().contains("ipsec-" + CONN) && System.nanoTime() < until) {
                    Ike4jStatus.pause(100);
                }
                assertFalse(lab.ike4jNs.ip("link", "show").stdout().contains("ipsec-" + CONN), "TUN device left");
                assertFalse(lab.ike4jNs.ip("route", "show").stdout().contains("10.2.0.0/24"), "route left");
            }
        }
    }

    /**
     * auto=route: the daemon makes the tunnel's device and route at start, with no SA; the first
     * packet into it (iperf3's SYN) raises an acquire, the engine negotiates with charon, the held
     * packet goes out once the SA is installed, and the transfer runs.
     */
    @org.junit.jupiter.api.Test
    void trafficIntoARoutedTunnelNegotiatesIt(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.installRoutes(true)).swanctl().load(Lab.charonConf("aes128-sha1-modp2048", "aes128-sha1",
                    Lab.PSK, c -> c, c -> c));
            try (Ike4jDaemon ike4j = Ike4jDaemon.userspace(lab.ike4jNs, dir, "ike4j", Lab.IKE4J_IP,
                    lab.ike4jConf(CONN, Lab.PSK, "ike=aes128-sha1-modp2048", "esp=aes128-sha1", "auto=route"))) {
                long until = System.nanoTime() + 10_000_000_000L;
                while (!lab.ike4jNs.ip("route", "show").stdout().contains("10.2.0.0/24 dev ipsec-" + CONN)
                        && System.nanoTime() < until) {
                    Ike4jStatus.pause(100);
                }
                assertTrue(lab.ike4jNs.ip("route", "show").stdout().contains("10.2.0.0/24 dev ipsec-" + CONN),
                        "routed before any SA\n" + ike4j.logTail(30));
                assertTrue(ike4j.status().childSas().isEmpty(), "no SA yet");

                long bytes = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, false, dir);
                assertTrue(bytes > 1_000_000, bytes + " bytes\n" + ike4j.logTail(30));
                Ike4jStatus s = ike4j.status();
                assertTrue(s.hasInstalled(CONN), s.toString());
                assertTrue(lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH).child("net").bytesIn() > 1_000_000);
                assertEquals(1, s.installed(CONN).size(), "one negotiation for all the held traffic");
            }
        }
    }

    /**
     * charon rekeys the IPsec SA while a steady UDP stream (200 datagrams a second) flows from
     * ike4j's side: the new SA pair is installed and traffic moves to it at once while the old
     * pair stays (charon's IKEv1 keeps it until it expires), and the receiver counts no lost
     * datagram.
     */
    @org.junit.jupiter.api.Test
    void aRekeyUnderTrafficLosesNothing(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.installRoutes(true)).swanctl().load(Lab.charonConf("aes128-sha1-modp2048", "aes128-sha1",
                    Lab.PSK, c -> c, c -> c));
            try (Ike4jDaemon ike4j = Ike4jDaemon.userspace(lab.ike4jNs, dir, "ike4j", Lab.IKE4J_IP,
                    lab.ike4jConf(CONN, Lab.PSK, "ike=aes128-sha1-modp2048", "esp=aes128-sha1"))) {
                assertEquals(Boolean.TRUE, ike4j.call("up", false, CONN).get("ok"));
                Ike4jStatus before = ike4j.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled(CONN));
                String oldSpi = Ike4jStatus.str(before.installed(CONN).get(0), "inboundSpi");
                lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                long[] result = Iperf.udp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 6, 200, dir, () -> {
                    lab.charon.swanctl().rekeyChild("net");
                    // charon (IKEv1) keeps the old pair until it expires; ours stays inbound-ready with it
                    ike4j.await("the rekeyed SA", ESTABLISH, s -> s.installed(CONN).stream()
                            .anyMatch(c -> !Ike4jStatus.str(c, "inboundSpi").equals(oldSpi)));
                });
                Ike4jStatus after = ike4j.status();
                String context = "sent " + result[0] + ", lost " + result[1] + "\n" + ike4j.logTail(30);
                assertTrue(result[0] >= 800, context);
                assertEquals(0, result[1], context);
                Map<String, Object> renewed = after.installed(CONN).stream()
                        .filter(c -> !Ike4jStatus.str(c, "inboundSpi").equals(oldSpi)).findFirst().orElseThrow();
                assertTrue(Ike4jStatus.num(renewed.get("packetsOut")) > 300, "the stream moved to the new SA: " + after);
            }
        }
    }

    /**
     * ike4j plays the SRX with the seed's Junos configuration (bind-interface st0.80, proxy-IDs
     * 0.0.0.0/0 both ways), charon the strongSwan box and initiates: ike4j's device is st0.80, the
     * "everything" selector becomes 0.0.0.0/1 and 128.0.0.0/1 beside the default route (with a
     * host route pinned for charon, so IKE and ESP still go out on the wire), and traffic flows
     * both ways. charon installs no routes for 0.0.0.0/0 (they would capture its own IKE traffic):
     * the test routes 10.1.0.0/24 into its ipsec0 by hand.
     */
    @org.junit.jupiter.api.Test
    void ike4jAsTheSrxCarriesTrafficThroughSt0(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            Path junos = lab.seedCopy("srx-13.conf", Map.of("10.80.80.13", Lab.IKE4J_IP, "10.80.80.80", Lab.CHARON_IP));
            lab.startCharon().swanctl().load(SeedInteropTest.charonAsStrongSwanBox("3des-md5-modp1024", "aes128-sha1"));
            String routesBefore = lab.ike4jNs.ip("route", "show").stdout();
            try (Ike4jDaemon ike4j = Ike4jDaemon.userspace(lab.ike4jNs, dir, "srx", Lab.IKE4J_IP, List.of(junos))) {
                lab.charon.swanctl().initiate("vpn", "srx", ESTABLISH);
                lab.charon.swanctl().awaitChildSaInstalled("vpn", ESTABLISH);
                ike4j.await("SERVER-BOX with an IPsec SA", ESTABLISH, s -> s.hasInstalled("SERVER-BOX"));
                String routes = lab.ike4jNs.ip("route", "show").stdout();
                assertTrue(routes.contains("0.0.0.0/1 dev st0.80") && routes.contains("128.0.0.0/1 dev st0.80"), routes);
                assertTrue(routes.contains(Lab.CHARON_IP + " dev "), "the peer pinned outside the tunnel: " + routes);
                lab.charonNs.ip("route", "add", Lab.IKE4J_NET, "dev", "ipsec0", "src", "10.2.0.1");

                long there = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, false, dir);
                long back = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, true, dir);
                assertTrue(there > 1_000_000 && back > 1_000_000, there + " / " + back + "\n" + ike4j.logTail(30));
                // summed over the connection's pairs: with establish-tunnels immediately ike4j initiates
                // too, and when both ends' Main Modes cross there are two pairs, one used each way
                Ike4jStatus st = ike4j.status();
                long out = st.installed("SERVER-BOX").stream().mapToLong(c -> Ike4jStatus.num(c.get("bytesOut"))).sum();
                long in = st.installed("SERVER-BOX").stream().mapToLong(c -> Ike4jStatus.num(c.get("bytesIn"))).sum();
                assertTrue(out > there && in > back, "counters in status: " + st);
            }
            long until = System.nanoTime() + 5_000_000_000L;
            while (lab.ike4jNs.ip("link", "show").stdout().contains("st0.80") && System.nanoTime() < until) {
                Ike4jStatus.pause(100);
            }
            assertFalse(lab.ike4jNs.ip("link", "show").stdout().contains("st0.80"), "st0.80 left behind");
            assertEquals(routesBefore, lab.ike4jNs.ip("route", "show").stdout(), "the routes as they were");
        }
    }
}

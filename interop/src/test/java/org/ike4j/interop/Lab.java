package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.ike4j.testkit.Capture;
import org.ike4j.testkit.Charon;
import org.ike4j.testkit.ChildSa;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.TwoPeers;
import org.ike4j.testkit.VethPair;

/**
 * The interop topology, testkit's {@link TwoPeers}: namespace {@code ike4j} (192.0.2.1) and
 * namespace {@code charon} (192.0.2.2) on one veth, inner addresses 10.1.0.1 and 10.2.0.1 on
 * {@code lo}, a capture on charon's end; charon and the ike4j daemon started here are closed with
 * it (by PID, before the namespaces go). The seed's addresses map onto these: the strongSwan box
 * 10.80.80.80 becomes ike4j's 192.0.2.1 when ike4j plays strongSwan (case 1), the SRX
 * 10.80.80.13 becomes ike4j's address when ike4j plays the SRX (case 2).
 */
final class Lab implements AutoCloseable {

    static final String IKE4J_IP = TwoPeers.LEFT_IP;
    static final String CHARON_IP = TwoPeers.RIGHT_IP;
    static final String IKE4J_NET = TwoPeers.LEFT_NET;
    static final String CHARON_NET = TwoPeers.RIGHT_NET;
    static final String PSK = "juniper123";

    /** Where the seed's configuration files live (the config module's test resources). */
    static final Path SEED = Path.of("..", "config", "src", "test", "resources", "seed");

    final TwoPeers peers;
    final NetNamespace ike4jNs;
    final NetNamespace charonNs;
    final VethPair wire;
    final Path dir;
    /** The charon started last ({@link #startCharon}). */
    Charon charon;
    /** The ike4j daemon started last ({@link #startIke4j}). */
    Ike4jDaemon ike4j;
    /** Every exchange of the test, captured on charon's end of the veth (kept in the temp dir only). */
    final Capture capture;

    Lab(Path dir) {
        this.dir = dir;
        peers = TwoPeers.create("ike4j", "charon");
        ike4jNs = peers.left();
        charonNs = peers.right();
        wire = peers.wire();
        try {
            capture = peers.own(Capture.start(charonNs, wire.bInterface(), dir.resolve("exchanges.pcapng"),
                    Capture.IKE_AND_ESP));
        } catch (RuntimeException | AssertionError e) {
            peers.close();
            throw e;
        }
    }

    /**
     * charon with routes off: 0.0.0.0/0 selectors would send everything, the IKE traffic too,
     * through kernel-libipsec's ipsec0; the tests check negotiation, not traffic.
     */
    Charon startCharon() {
        return startCharon(b -> { });
    }

    Charon startCharon(java.util.function.Consumer<Charon.Builder> options) {
        Charon.Builder b = Charon.builder(charonNs).log("ike", 2).log("cfg", 2).retransmit(2, 1.0, 1.2)
                .installRoutes(false);
        options.accept(b);
        charon = peers.own(b.start());
        return charon;
    }

    /**
     * ike4j's side as ipsec.conf: connection {@code name} from 192.0.2.1 (10.1.0.0/24) to
     * 192.0.2.2 (10.2.0.0/24), IKEv1 PSK, with more {@code key=value} lines; and its secrets.
     */
    List<Path> ike4jConf(String name, String psk, String... more) {
        return ipsecConf(dir, "ikev1", name, IKE4J_IP, IKE4J_NET, CHARON_IP, CHARON_NET, psk, more);
    }

    /**
     * An ipsec.conf with one PSK connection and its ipsec.secrets, written to {@code dir} (made if
     * missing): {@code left}/{@code leftid} and {@code right}/{@code rightid} are the addresses,
     * the subnets are the traffic selectors (comma-separated for several).
     *
     * @param keyexchange {@code ikev1}, {@code ikev2} or {@code ike}
     * @param more further {@code key=value} lines of the connection
     * @return ipsec.conf and ipsec.secrets, in that order
     */
    static List<Path> ipsecConf(Path dir, String keyexchange, String name, String left, String leftSubnet,
            String right, String rightSubnet, String psk, String... more) {
        StringBuilder conf = new StringBuilder("conn " + name + "\n\tkeyexchange=" + keyexchange + "\n\tauthby=psk\n"
                + "\tleft=" + left + "\n\tleftid=" + left + "\n\tleftsubnet=" + leftSubnet + "\n"
                + "\tright=" + right + "\n\trightid=" + right + "\n\trightsubnet=" + rightSubnet + "\n");
        for (String line : more) {
            conf.append('\t').append(line).append('\n');
        }
        try {
            Files.createDirectories(dir);
            return List.of(Files.writeString(dir.resolve("ipsec.conf"), conf.toString()),
                    Files.writeString(dir.resolve("ipsec.secrets"), left + " " + right + " : PSK \"" + psk + "\"\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** charon's mirror of {@link #ike4jConf}: connection {@code ike4j}, child {@code net}. */
    static org.ike4j.testkit.SwanctlConfig charonConf(String ikeProposals, String espProposals, String psk,
            java.util.function.UnaryOperator<org.ike4j.testkit.SwanctlConfig.ConnectionBuilder> connection,
            java.util.function.UnaryOperator<org.ike4j.testkit.SwanctlConfig.ChildBuilder> child) {
        var c = org.ike4j.testkit.SwanctlConfig.child("net").localTs(CHARON_NET).remoteTs(IKE4J_NET)
                .espProposals(espProposals).lifeTime(java.time.Duration.ofHours(1))
                .rekeyTime(java.time.Duration.ofMinutes(51));
        var conn = org.ike4j.testkit.SwanctlConfig.connection("ike4j").version(1).localAddrs(CHARON_IP)
                .remoteAddrs(IKE4J_IP).proposals(ikeProposals).localId(CHARON_IP).remoteId(IKE4J_IP)
                .child(child.apply(c));
        return new org.ike4j.testkit.SwanctlConfig(List.of(connection.apply(conn).build()),
                List.of(new org.ike4j.testkit.SwanctlConfig.Psk("ike4j", psk, List.of(IKE4J_IP, CHARON_IP))));
    }

    Ike4jDaemon startIke4j(List<Path> configFiles) {
        return startIke4j(configFiles, "all=3,dmn=2", List.of());
    }

    /** ike4j with its log levels and more options ({@code --pcap FILE}, {@code --keylog DIR}). */
    Ike4jDaemon startIke4j(List<Path> configFiles, String debug, List<String> moreOptions) {
        return startIke4j(configFiles, debug, Map.of(), moreOptions);
    }

    /** As above, with environment variables for the daemon's JVM (e.g. JAVA_TOOL_OPTIONS). */
    Ike4jDaemon startIke4j(List<Path> configFiles, String debug, Map<String, String> environment,
            List<String> moreOptions) {
        ike4j = peers.own(Ike4jDaemon.start(ike4jNs, dir, IKE4J_IP, configFiles, debug, environment, moreOptions));
        ike4j.peerLog = () -> charon == null ? "" : charon.logTail(40);
        return ike4j;
    }

    /** How long a negotiation with charon may take in the tests that use {@link #ike4jUp} and {@link #charonUp}. */
    static final Duration ESTABLISH = Duration.ofSeconds(10);

    /**
     * ike4j to ike4j, the tunnel {@code tunnel} taken down from {@code first}: both sides ({@code
     * left} in {@link #ike4jNs}, {@code right} in {@link #charonNs}) lose the IPsec SA, and neither
     * namespace keeps the TUN device or a route for the two subnets.
     */
    void downAndAssertTornDown(Ike4jDaemon first, Ike4jDaemon left, Ike4jDaemon right) {
        assertEquals(Boolean.TRUE, first.call("down", false, "tunnel").get("ok"));
        left.await("no IPsec SA", ESTABLISH, s -> !s.hasInstalled("tunnel"));
        right.await("no IPsec SA", ESTABLISH, s -> !s.hasInstalled("tunnel"));
        Ike4jStatus.pause(500);
        for (NetNamespace ns : List.of(ike4jNs, charonNs)) {
            assertFalse(ns.ip("link", "show").stdout().contains("ipsec-tunnel"), "TUN device left in " + ns);
            String routes = ns.ip("route", "show").stdout();
            assertFalse(routes.contains("10.1.0.0/24") || routes.contains("10.2.0.0/24"), routes);
        }
    }

    /**
     * Both sides' view of connection {@code charon} (ike4j's name, as {@link #ike4jConf} writes it)
     * with its first Child SA: ike4j's snapshot and charon's IKE SA with child {@code net}
     * ({@link #charonConf}).
     */
    record Established(Ike4jStatus ike4j, IkeSa charon) {
        static final String CONN = "charon";

        Map<String, Object> ike4jSa() {
            return ike4j.established(CONN).get(0);
        }

        Map<String, Object> ike4jChild() {
            return ike4j.installed(CONN).get(0);
        }

        ChildSa charonChild() {
            return charon.child("net");
        }
    }

    /** ike4j's {@code up charon}; then both sides report the SAs. */
    Established ike4jUp() {
        Map<String, Object> up = ike4j.call("up", false, Established.CONN);
        assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
        return awaitBoth();
    }

    /** charon initiates child {@code net} of its connection {@code ike4j}; then both sides report the SAs. */
    Established charonUp() {
        charon.swanctl().initiate("net", "ike4j", ESTABLISH);
        return awaitBoth();
    }

    /** Waits until ike4j has connection {@code charon} established with a Child SA and charon has child {@code net}. */
    Established awaitBoth() {
        Ike4jStatus s = ike4j.await(Established.CONN + " established with a Child SA", ESTABLISH,
                st -> !st.established(Established.CONN).isEmpty() && st.hasInstalled(Established.CONN));
        IkeSa c = charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
        return new Established(s, c);
    }

    /** A copy of a seed file in the temp dir with only the addresses rewritten. */
    Path seedCopy(String name, Map<String, String> addresses) {
        try {
            String text = Files.readString(SEED.resolve(name));
            for (Map.Entry<String, String> e : addresses.entrySet()) {
                text = text.replace(e.getKey(), e.getValue());
            }
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException("seed file " + SEED.resolve(name).toAbsolutePath(), e);
        }
    }

    /** Failure context: both sides' logs. */
    String logs() {
        return "--- ike4j ---\n" + (ike4j == null ? "" : ike4j.logTail(60)) + "\n--- charon ---\n"
                + (charon == null ? "" : charon.logTail(60));
    }

    /** Stops the capture (after its drain time) and returns the file. */
    Path stopCapture() {
        return capture.stop();
    }

    /** Stops the daemons and the capture (newest first, by PID), then deletes both namespaces. */
    @Override
    public void close() {
        peers.close();
    }
}

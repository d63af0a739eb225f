package org.ike4j.config.swanctl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.Identity;
import org.ike4j.config.strongswan.StrongSwanLoader;
import org.ike4j.testkit.SwanctlConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The swanctl.conf files the interop tests write for charon (built here with the same
 * {@link SwanctlConfig} calls as interop's Lab.charonConf and SeedInteropTest.charonAsSrx) load
 * into the same connection and key as the ipsec.conf that says the same thing.
 *
 * <p>"The same thing" spells out where the two formats' defaults differ (swanctl.conf(5) against
 * ipsec.conf(5)): keyingtries 1 against 3, reauth_time 0 against reauth=yes, exact proposal lists
 * against lists followed by the defaults ({@code !}), an IKE SA renewed at 4 h with 10% over_time
 * against ikelifetime 3 h. One thing ipsec.conf cannot say: an IKE SA margin apart from the IPsec
 * SA's (over_time 24 min against the child's 9 min); that field alone is compared apart.
 */
class SwanctlEquivalenceTest {
    // Lab's addresses, charon's side being the local one here.
    static final String IKE4J_IP = "192.0.2.1";
    static final String CHARON_IP = "192.0.2.2";
    static final String IKE4J_NET = "10.1.0.0/24";
    static final String CHARON_NET = "10.2.0.0/24";
    static final String PSK = "juniper123";

    /** Lab.charonConf, as the interop tests call it. */
    static SwanctlConfig charonConf(String ike, String esp, UnaryOperator<SwanctlConfig.ConnectionBuilder> connection,
                                    UnaryOperator<SwanctlConfig.ChildBuilder> child) {
        var c = SwanctlConfig.child("net").localTs(CHARON_NET).remoteTs(IKE4J_NET)
                .espProposals(esp).lifeTime(Duration.ofHours(1)).rekeyTime(Duration.ofMinutes(51));
        var conn = SwanctlConfig.connection("ike4j").version(1).localAddrs(CHARON_IP).remoteAddrs(IKE4J_IP)
                .proposals(ike).localId(CHARON_IP).remoteId(IKE4J_IP).child(child.apply(c));
        return new SwanctlConfig(List.of(connection.apply(conn).build()),
                List.of(new SwanctlConfig.Psk("ike4j", PSK, List.of(IKE4J_IP, CHARON_IP))));
    }

    /** SeedInteropTest.charonAsSrx. */
    static SwanctlConfig charonAsSrx(String ike, String esp) {
        return new SwanctlConfig(List.of(SwanctlConfig.connection("server-box")
                .version(1).localAddrs(CHARON_IP).remoteAddrs(IKE4J_IP).proposals(ike)
                .localId(CHARON_IP).remoteId(IKE4J_IP)
                .child(SwanctlConfig.child("vpn").localTs("0.0.0.0/0").remoteTs("0.0.0.0/0").espProposals(esp)
                        .lifeTime(Duration.ofHours(1)).rekeyTime(Duration.ofMinutes(51)))
                .build()),
                List.of(new SwanctlConfig.Psk("seed", PSK, List.of(IKE4J_IP, CHARON_IP))));
    }

    /** The ipsec.conf conn saying what charonConf/charonAsSrx say, plus the case's own lines. */
    static String ipsecConf(String name, String ike, String esp, String leftSubnet, String rightSubnet,
                            String lifetime, String margin, String... more) {
        List<String> lines = new ArrayList<>(List.of("keyexchange=ikev1", "authby=psk", "auto=add",
                "left=" + CHARON_IP, "leftid=" + CHARON_IP, "leftsubnet=" + leftSubnet,
                "right=" + IKE4J_IP, "rightid=" + IKE4J_IP, "rightsubnet=" + rightSubnet,
                "ike=" + ike + "!", "esp=" + esp + "!",
                "keyingtries=1", "reauth=no", "ikelifetime=264m", // rekey_time 4h + over_time 24m
                "lifetime=" + lifetime, "margintime=" + margin, "rekeyfuzz=100%"));
        lines.addAll(List.of(more));
        return "conn " + name + "\n\t" + String.join("\n\t", lines) + "\n";
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("seed proposals", charonConf("3des-md5-modp1024", "aes128-sha1", c -> c, c -> c),
                        ipsecConf("ike4j", "3des-md5-modp1024", "aes128-sha1", CHARON_NET, IKE4J_NET, "1h", "9m")),
                Arguments.of("aggressive", charonConf("3des-md5-modp1024", "aes128-sha1", c -> c.aggressive(true), c -> c),
                        ipsecConf("ike4j", "3des-md5-modp1024", "aes128-sha1", CHARON_NET, IKE4J_NET, "1h", "9m",
                                "aggressive=yes")),
                Arguments.of("PFS modp2048", charonConf("aes256-sha256-modp2048", "aes256-sha256-modp2048", c -> c, c -> c),
                        ipsecConf("ike4j", "aes256-sha256-modp2048", "aes256-sha256-modp2048", CHARON_NET, IKE4J_NET,
                                "1h", "9m")),
                Arguments.of("forced NAT-T", charonConf("3des-md5-modp1024", "aes128-sha1", c -> c.encap(true), c -> c),
                        ipsecConf("ike4j", "3des-md5-modp1024", "aes128-sha1", CHARON_NET, IKE4J_NET, "1h", "9m",
                                "forceencaps=yes")),
                Arguments.of("proxy-ID mismatch", charonConf("3des-md5-modp1024", "aes128-sha1", c -> c,
                                c -> c.remoteTs("10.1.5.0/24")),
                        ipsecConf("ike4j", "3des-md5-modp1024", "aes128-sha1", CHARON_NET, "10.1.5.0/24", "1h", "9m")),
                Arguments.of("short lifetime", charonConf("3des-md5-modp1024", "aes128-sha1", c -> c,
                                c -> c.lifeTime(Duration.ofSeconds(120)).rekeyTime(Duration.ofSeconds(100))),
                        ipsecConf("ike4j", "3des-md5-modp1024", "aes128-sha1", CHARON_NET, IKE4J_NET, "120s", "20s")),
                Arguments.of("charon as the SRX", charonAsSrx("3des-md5-modp1024", "aes128-sha1"),
                        ipsecConf("server-box", "3des-md5-modp1024", "aes128-sha1", "0.0.0.0/0", "0.0.0.0/0", "1h", "9m")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void swanctlConfLoadsAsTheEquivalentIpsecConf(String title, SwanctlConfig swanctl, String ipsecConf,
                                                  @TempDir Path dir) throws Exception {
        Path sw = swanctl.writeTo(dir.resolve("swanctl.conf"));
        Configuration fromSwanctl = new SwanctlLoader().load(sw);
        assertEquals(List.of(), fromSwanctl.errors(), swanctl.render());

        Path conf = Files.writeString(dir.resolve("ipsec.conf"), ipsecConf);
        Path secrets = Files.writeString(dir.resolve("ipsec.secrets"), IKE4J_IP + " " + CHARON_IP + " : PSK \"" + PSK + "\"\n");
        Configuration fromIpsec = new StrongSwanLoader(Set.of(InetAddress.getByName(CHARON_IP))).load(conf, secrets);
        assertEquals(List.of(), fromIpsec.errors(), ipsecConf);

        assertEquals(fromIpsec.connections().keySet(), fromSwanctl.connections().keySet());
        for (String name : fromIpsec.connections().keySet()) {
            Connection expected = fromIpsec.connections().get(name);
            Connection actual = fromSwanctl.connections().get(name);
            assertEquals(Duration.ofMinutes(24), actual.lifetimes().ikeRekeyMargin(), "over_time: 10% of rekey_time 4h");
            assertEquals(100, actual.lifetimes().ikeRekeyFuzzPercent(), "rand_time: over_time");
            assertEquals(expected, withIkeMargin(actual, expected), title + "\n" + swanctl.render());
            assertEquals(expected.toString(), withIkeMargin(actual, expected).toString());

            Identity local = expected.local().identity();
            Identity remote = expected.remote().identity();
            assertArrayEquals(PSK.getBytes(StandardCharsets.UTF_8),
                    fromSwanctl.secrets().psk(name, local, remote).orElseThrow().reveal());
            assertArrayEquals(fromIpsec.secrets().psk(name, local, remote).orElseThrow().reveal(),
                    fromSwanctl.secrets().psk(name, local, remote).orElseThrow().reveal());
        }
    }

    /** {@code actual} with the IKE SA margin and fuzz of {@code like}: the one thing ipsec.conf cannot set apart. */
    private static Connection withIkeMargin(Connection actual, Connection like) {
        Connection c = actual;
        return new Connection(c.name(), c.ikeVersion(), c.ikev1Mode(), c.local(), c.remote(), c.authMethod(),
                c.ikeProposals(), c.ikeProposalsStrict(), c.childProposals(), c.childProposalsStrict(),
                c.lifetimes().withIkeRekeyMargin(like.lifetimes().ikeRekeyMargin())
                        .withIkeRekeyFuzzPercent(like.lifetimes().ikeRekeyFuzzPercent()),
                c.keyingTries(), c.rekey(), c.reauth(), c.dpd(), c.natTraversal(), c.forceEncaps(), c.natKeepalive(),
                c.mobike(), c.startAction(), c.closeAction(), c.binding(), c.replayWindow(), c.mode(), c.dfBit());
    }
}

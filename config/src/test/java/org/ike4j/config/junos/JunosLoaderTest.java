package org.ike4j.config.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.ike4j.config.Binding;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.DfBit;
import org.ike4j.config.DpdAction;
import org.ike4j.config.Encryption;
import org.ike4j.config.Identity;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.Ikev1Mode;
import org.ike4j.config.Problem;
import org.ike4j.config.StartAction;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.PrfAlgorithm;
import org.junit.jupiter.api.Test;

class JunosLoaderTest {

    static final String IFACES = "set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24\n";

    /** A complete set-form VPN named NAME (gateway, policies, proposals all NAME-suffixed). */
    static String vpn(String name, String extraIke, String extraVpn) {
        return String.join("\n",
                "set security ike proposal P-" + name + " authentication-method pre-shared-keys",
                "set security ike proposal P-" + name + " dh-group group14",
                "set security ike proposal P-" + name + " authentication-algorithm sha-256",
                "set security ike proposal P-" + name + " encryption-algorithm aes-256-cbc",
                "set security ike policy IP-" + name + " proposals P-" + name,
                "set security ike policy IP-" + name + " pre-shared-key ascii-text \"secret-" + name + "\"",
                "set security ike gateway G-" + name + " ike-policy IP-" + name,
                "set security ike gateway G-" + name + " address 198.51.100.7",
                "set security ike gateway G-" + name + " external-interface ge-0/0/0.0",
                extraIke,
                "set security ipsec proposal E-" + name + " protocol esp",
                "set security ipsec proposal E-" + name + " encryption-algorithm aes-128-gcm",
                "set security ipsec policy EP-" + name + " proposals E-" + name,
                "set security ipsec vpn " + name + " ike gateway G-" + name,
                "set security ipsec vpn " + name + " ike ipsec-policy EP-" + name,
                extraVpn, "");
    }

    static Configuration load(String text) {
        return new JunosLoader().parse("j.set", text);
    }

    static List<Problem> realErrors(Configuration c) {
        return c.errors().stream().filter(p -> !p.message().endsWith("refused")).toList();
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void defaultsAndGcm() throws Exception {
        Configuration c = load(IFACES + vpn("A", "", ""));
        assertEquals(List.of(), c.errors());
        Connection a = c.connection("A").orElseThrow();
        assertEquals(IkeVersion.IKEV1, a.ikeVersion());
        assertEquals(Ikev1Mode.MAIN, a.ikev1Mode());
        assertEquals(Duration.ofSeconds(28800), a.lifetimes().ike());
        assertEquals(Duration.ofSeconds(3600), a.lifetimes().ipsec());
        assertEquals(StartAction.ROUTE, a.startAction());
        assertEquals(Binding.POLICY, a.binding());
        assertEquals(List.of(PrfAlgorithm.HMAC_SHA2_256), a.ikeProposals().getFirst().prf());
        assertEquals(List.of(Encryption.of(AeadAlgorithm.AES_GCM_16_128)), a.childProposals().getFirst().encryption());
        assertEquals(List.of(), a.childProposals().getFirst().integrity());
        assertEquals(new Identity.IpAddress(ip("192.0.2.1")), a.local().identity());
        assertEquals(new Identity.IpAddress(ip("198.51.100.7")), a.remote().identity());
        // policy-based without proxy-identity: noted, 0.0.0.0/0
        assertEquals(List.of(TrafficSelector.subnet(ip("0.0.0.0"), 0)), a.remote().selectors());
        assertTrue(c.notes().stream().anyMatch(p -> p.message().startsWith("policy-based VPN")));
        assertEquals("secret-A", new String(c.secrets().psk("A", a.local().identity(), a.remote().identity())
                .orElseThrow().reveal(), StandardCharsets.UTF_8));
    }

    @Test
    void manyStatements() throws Exception {
        String hexKey = Junos9.encode("6a756e69706572", new SplittableRandom(3));
        Configuration c = load(IFACES + vpn("B",
                String.join("\n",
                        "set security ike gateway G-B version v2-only",
                        "set security ike gateway G-B local-identity hostname gw.example.com",
                        "set security ike gateway G-B remote-identity user-at-hostname \"peer@example.com\"",
                        "set security ike gateway G-B dead-peer-detection interval 20",
                        "set security ike gateway G-B dead-peer-detection threshold 3",
                        "set security ike gateway G-B dead-peer-detection always-send",
                        "set security ike gateway G-B nat-keepalive 15",
                        "set security ike policy IP-B mode aggressive",
                        "set security ike policy IP-B pre-shared-key hexadecimal \"" + hexKey + "\"",
                        "set security ipsec policy EP-B perfect-forward-secrecy keys group19",
                        "set security ipsec proposal E-B lifetime-kilobytes 1000"),
                String.join("\n",
                        "set security ipsec vpn B bind-interface st0.1",
                        "set security ipsec vpn B establish-tunnels immediately",
                        "set security ipsec vpn B df-bit copy",
                        "set security ipsec vpn B ike no-anti-replay",
                        "set security ipsec vpn B ike proxy-identity local 10.1.0.0/16",
                        "set security ipsec vpn B ike proxy-identity remote 10.2.0.0/16",
                        "set security ipsec vpn B ike proxy-identity service junos-https",
                        "set security ipsec vpn B vpn-monitor")));
        assertEquals(List.of(), c.errors());
        Connection b = c.connection("B").orElseThrow();
        assertEquals(IkeVersion.IKEV2, b.ikeVersion());
        assertEquals(Ikev1Mode.AGGRESSIVE, b.ikev1Mode());
        assertEquals(new Identity.Fqdn("gw.example.com"), b.local().identity());
        assertEquals(new Identity.UserFqdn("peer@example.com"), b.remote().identity());
        assertEquals(DpdAction.CLEAR, b.dpd().action());
        assertEquals(Duration.ofSeconds(20), b.dpd().delay());
        assertEquals(Duration.ofSeconds(60), b.dpd().timeout());
        assertTrue(b.dpd().alwaysSend());
        assertEquals(Duration.ofSeconds(15), b.natKeepalive());
        assertEquals(List.of(DhGroup.ECP_256), b.childProposals().getFirst().pfsGroups());
        assertEquals(1024000, b.lifetimes().ipsecBytes());
        assertEquals(new Binding.Interface("st0.1"), b.binding());
        assertEquals(StartAction.START, b.startAction());
        assertEquals(DfBit.COPY, b.dfBit());
        assertEquals(0, b.replayWindow());
        assertEquals(List.of(TrafficSelector.subnet(ip("10.1.0.0"), 16, 6, 0, 65535)), b.local().selectors());
        assertEquals(List.of(TrafficSelector.subnet(ip("10.2.0.0"), 16, 6, 443, 443)), b.remote().selectors());
        assertEquals("6a756e69706572", HexFormat.of().formatHex(
                c.secrets().psk("B", b.local().identity(), b.remote().identity()).orElseThrow().reveal()));
        assertTrue(c.notes().stream().anyMatch(p -> p.message().startsWith("vpn-monitor")));
    }

    @Test
    void badVpnRefusedOthersLoad() {
        Configuration c = load(IFACES + vpn("GOOD", "", "")
                + vpn("BAD", "set security ike proposal P-BAD encryption-algorithm aes-129-cbc", ""));
        assertTrue(c.connection("GOOD").isPresent());
        assertFalse(c.connection("BAD").isPresent());
        List<Problem> errors = realErrors(c);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("j.set:27:54", errors.getFirst().location().toString());
        assertTrue(errors.getFirst().message().startsWith("expected one of 3des-cbc, aes-128-cbc,"), errors.getFirst().message());
        assertTrue(errors.getFirst().message().endsWith("after 'encryption-algorithm', found 'aes-129-cbc'"));
        assertTrue(c.errors().stream().anyMatch(p -> p.message().equals("vpn BAD refused")));
    }

    @Test
    void modeError() {
        Configuration c = load("""
                security {
                    ike {
                        policy P {
                            mode quick;
                        }
                    }
                    ipsec {
                        vpn V {
                            ike {
                                gateway G;
                                ipsec-policy E;
                            }
                        }
                    }
                }
                """);
        List<String> got = c.errors().stream().map(Problem::toString).toList();
        // gateway and ipsec-policy are missing; mode is not reached without a gateway that names P
        assertTrue(got.contains("j.set:10:25: error: no security ike gateway named 'G'"), got.toString());
        assertTrue(got.contains("j.set:11:30: error: no security ipsec policy named 'E'"), got.toString());
        Configuration m = load(IFACES + vpn("M", "set security ike policy IP-M mode quick", ""));
        assertEquals("j.set:11:35: error: expected one of main, aggressive after 'mode', found 'quick'",
                realErrors(m).getFirst().toString());
    }

    @Test
    void unknownStatementsAndReferences() {
        Configuration c = load(IFACES + vpn("U", "set security ike gateway G-U frobnicate yes", "")
                .replace("ike-policy IP-U", "ike-policy NOPE"));
        List<String> got = realErrors(c).stream().map(Problem::toString).toList();
        assertTrue(got.contains("j.set:11:30: error: unknown statement 'frobnicate' in ike gateway G-U"), got.toString());
        assertTrue(got.contains("j.set:8:41: error: no security ike policy named 'NOPE'"), got.toString());
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        assertEquals("j.set:2:7: error: expected '}' to close 'ike' opened at j.set:2:3",
                load("security {\n  ike {\n").errors().getFirst().toString());
        assertEquals("j.set:1:3: error: expected ';' or '{' to end the statement", load("a b").errors().getFirst().toString());
        assertEquals("j.set:2:7: error: expected ';' before '}'",
                load("a {\n  b c }\n").errors().getFirst().toString());
        assertEquals("j.set:1:1: error: unexpected '}' (no block is open)", load("}\n").errors().getFirst().toString());
        assertEquals("j.set:2:3: error: unterminated string (expected '\"')",
                load("a {\n  \"b;\n}\n").errors().getFirst().toString());
        assertEquals("j.set:2:1: error: expected one of set, deactivate at the start of a command, found 'sett'",
                load("set a b\nsett a b\n").errors().getFirst().toString());
        assertEquals("j.set:1:3: error: unterminated comment (expected '*/')", load("a /* b\n").errors().getFirst().toString());
    }

    @Test
    void inactiveAndDeactivate() {
        String brace = """
                /* annotation */
                security {
                    ike {
                        proposal P { authentication-method pre-shared-keys; dh-group group2;
                            authentication-algorithm sha1; encryption-algorithm aes-128-cbc; }
                        policy IP { proposals [ P ]; pre-shared-key ascii-text "k"; }
                        gateway G { ike-policy IP; address 198.51.100.7; local-address 192.0.2.9; }
                        inactive: gateway H { ike-policy IP; address 198.51.100.8; local-address 192.0.2.9; }
                    }
                    ipsec {
                        proposal E { protocol esp; authentication-algorithm hmac-sha1-96; encryption-algorithm 3des-cbc; }
                        policy EP { proposals E; }
                        vpn V { ike { gateway G; ipsec-policy EP; } }
                        inactive: vpn W { ike { gateway H; ipsec-policy EP; } }
                        vpn X { ike { gateway H; ipsec-policy EP; } }
                    }
                }
                """;
        Configuration c = load(brace);
        assertTrue(c.connection("V").isPresent(), c.errors().toString());
        assertFalse(c.connection("W").isPresent());
        assertFalse(c.connection("X").isPresent()); // its gateway is inactive
        assertEquals("no security ike gateway named 'H'", realErrors(c).getFirst().message());

        String set = """
                set security ike proposal P authentication-method pre-shared-keys
                set security ike proposal P dh-group group2
                set security ike proposal P authentication-algorithm sha1
                set security ike proposal P encryption-algorithm aes-128-cbc
                set security ike policy IP proposals [ P ]
                set security ike policy IP pre-shared-key ascii-text "k"
                set security ike gateway G ike-policy IP
                set security ike gateway G address 198.51.100.7
                set security ike gateway G local-address 192.0.2.9
                set security ike gateway H ike-policy IP
                set security ike gateway H address 198.51.100.8
                set security ike gateway H local-address 192.0.2.9
                deactivate security ike gateway H
                set security ipsec proposal E protocol esp
                set security ipsec proposal E authentication-algorithm hmac-sha1-96
                set security ipsec proposal E encryption-algorithm 3des-cbc
                set security ipsec policy EP proposals E
                set security ipsec vpn V ike gateway G
                set security ipsec vpn V ike ipsec-policy EP
                set security ipsec vpn W ike gateway H
                set security ipsec vpn W ike ipsec-policy EP
                deactivate security ipsec vpn W
                set security ipsec vpn X ike gateway H
                set security ipsec vpn X ike ipsec-policy EP
                """;
        Configuration s = load(set);
        assertEquals(c.connections(), s.connections());
        assertEquals(c.secrets(), s.secrets());
    }

    @Test
    void externalInterfaceWithoutAddress() {
        Configuration c = load(vpn("N", "", ""));
        assertEquals("j.set:9:49: error: external-interface ge-0/0/0.0 has no 'family inet address' in the interfaces stanza",
                realErrors(c).getFirst().toString());
    }

    @Test
    void gcmIkeNeedsIkev2() {
        String gcm = "set security ike proposal P-G encryption-algorithm aes-256-gcm\n";
        Configuration c = load(IFACES + vpn("G", "", "").replace("set security ike proposal P-G authentication-algorithm sha-256\n", "")
                .replace("set security ike proposal P-G encryption-algorithm aes-256-cbc\n", gcm));
        assertEquals("ike gateway G-G: GCM IKE proposals need 'version v2-only'", realErrors(c).getFirst().message());
        Configuration v2 = load(IFACES + vpn("G", "set security ike gateway G-G version v2-only", "")
                .replace("set security ike proposal P-G authentication-algorithm sha-256\n", "")
                .replace("set security ike proposal P-G encryption-algorithm aes-256-cbc\n", gcm));
        assertEquals(List.of(), v2.errors());
        assertEquals(List.of(PrfAlgorithm.HMAC_SHA2_384), v2.connection("G").orElseThrow().ikeProposals().getFirst().prf());
    }

    @Test
    void dynamicGateway() throws Exception {
        Configuration c = load(IFACES + vpn("D", String.join("\n",
                "set security ike gateway G-D dynamic ike-user-type shared-ike-id",
                "set security ike gateway G-D dynamic hostname peer.example.com"), "")
                .replace("set security ike gateway G-D address 198.51.100.7\n", ""));
        assertEquals(List.of(), c.errors());
        Connection d = c.connection("D").orElseThrow();
        assertEquals(org.ike4j.config.PeerAddress.ANY, d.remote().address());
        assertEquals(new Identity.Fqdn("peer.example.com"), d.remote().identity());
    }

    @Test
    void missingReferencesNameTheirPlace() {
        Configuration c = load(IFACES + vpn("R", "", "").replace("set security ipsec vpn R ike gateway G-R\n", ""));
        assertEquals("j.set:15:26: error: expected 'gateway' in vpn R ike", realErrors(c).getFirst().toString());
    }
}

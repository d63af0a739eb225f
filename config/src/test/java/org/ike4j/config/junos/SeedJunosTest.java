package org.ike4j.config.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.ike4j.config.AuthMethod;
import org.ike4j.config.Binding;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.DfBit;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Encryption;
import org.ike4j.config.Identity;
import org.ike4j.config.IkeProposal;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.Ikev1Mode;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.StartAction;
import org.ike4j.config.TrafficSelector;
import org.ike4j.config.strongswan.StrongSwanLoader;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SRX-13's configuration from the seed document (src/test/resources/seed/README.md), in brace and
 * set form, against what the document's {@code show security ike/ipsec security-associations}
 * output and IKE log report.
 */
class SeedJunosTest {
    static Path seed(String name) throws Exception {
        return Path.of(SeedJunosTest.class.getResource("/seed/" + name).toURI());
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"srx-13.conf", "srx-13.set"})
    void seedLoads(String file) throws Exception {
        Configuration c = new JunosLoader().load(seed(file));
        assertEquals(List.of(), c.errors());
        Connection vpn = c.connection("SERVER-BOX").orElseThrow();
        assertEquals(IkeVersion.IKEV1, vpn.ikeVersion());
        assertEquals(Ikev1Mode.MAIN, vpn.ikev1Mode());
        assertEquals(AuthMethod.PSK, vpn.authMethod());
        // "Authentication: hmac-md5-96, Encryption: 3des-cbc, Pseudo random function: hmac-md5, DH-group-2"
        assertEquals(List.of(new IkeProposal(List.of(Encryption.of(CipherAlgorithm.DES3_CBC)),
                List.of(IntegrityAlgorithm.HMAC_MD5_96), List.of(PrfAlgorithm.HMAC_MD5), List.of(DhGroup.MODP_1024))),
                vpn.ikeProposals());
        // "Protocol: ESP, Authentication: hmac-sha1-96, Encryption: aes-cbc (128 bits)", "No PFS"
        assertEquals(List.of(new ChildProposal(ChildProposal.Protocol.ESP, List.of(Encryption.of(CipherAlgorithm.AES_CBC_128)),
                List.of(IntegrityAlgorithm.HMAC_SHA1_96), List.of(), List.of())), vpn.childProposals());
        assertEquals(Duration.ofSeconds(86400), vpn.lifetimes().ike());
        assertEquals(Duration.ofSeconds(1200), vpn.lifetimes().ipsec());
        assertEquals(PeerAddress.of(ip("10.80.80.13")), vpn.local().address()); // from ge-0/0/3.0
        assertEquals(PeerAddress.of(ip("10.80.80.80")), vpn.remote().address());
        assertEquals(new Identity.IpAddress(ip("10.80.80.13")), vpn.local().identity());
        assertEquals(new Identity.IpAddress(ip("10.80.80.80")), vpn.remote().identity());
        // "Local Identity: ipv4_subnet(any:0,[0..7]=0.0.0.0/0)"
        TrafficSelector all = TrafficSelector.subnet(ip("0.0.0.0"), 0);
        assertEquals(List.of(all), vpn.local().selectors());
        assertEquals(List.of(all), vpn.remote().selectors());
        assertEquals(new Binding.Interface("st0.80"), vpn.binding());
        assertEquals(StartAction.ROUTE, vpn.startAction());
        assertEquals(64, vpn.replayWindow()); // "Replay window size: 64"
        assertEquals(DfBit.CLEAR, vpn.dfBit()); // "DF-bit: clear"
        byte[] psk = c.secrets().psk("SERVER-BOX", vpn.local().identity(), vpn.remote().identity()).orElseThrow().reveal();
        assertEquals("juniper123", new String(psk, StandardCharsets.US_ASCII));
        assertEquals("file", c.settings().debug().get("junos-ike"));
        assertFalse(c.toString().contains("juniper123"));
        assertFalse(c.toString().contains("$9$"));
        // protocols, forwarding-options, policies, zones: skipped with a note each
        for (String skipped : new String[] {"'protocols'", "forwarding-options", "security policies", "security zones"}) {
            assertTrue(c.notes().stream().anyMatch(p -> p.message().contains(skipped)), skipped);
        }
    }

    @Test
    void braceAndSetFormsAreEqual() throws Exception {
        Configuration brace = new JunosLoader().load(seed("srx-13.conf"));
        Configuration set = new JunosLoader().load(seed("srx-13.set"));
        assertEquals(brace.connections(), set.connections());
        assertEquals(brace.secrets(), set.secrets());
        assertEquals(brace.settings(), set.settings());
        // the trees agree except for the traceoptions line that display set splits in two
        Diagnostics d = new Diagnostics();
        JunosNode b = JunosLoader.tree("b", Files.readString(seed("srx-13.conf")), d);
        JunosNode s = JunosLoader.tree("s", Files.readString(seed("srx-13.set")), d);
        assertTrue(b.at("security", "ipsec").sameTree(s.at("security", "ipsec")));
        assertTrue(b.at("interfaces").sameTree(s.at("interfaces")));
        assertFalse(b.at("security", "ike").sameTree(s.at("security", "ike")));
    }

    /** Both ends of the seed's tunnel agree: the same algorithms, lifetimes crossing, ids and PSK mirrored. */
    @Test
    void bothEndsMatch() throws Exception {
        Configuration srx = new JunosLoader().load(seed("srx-13.conf"));
        Configuration server = new StrongSwanLoader(Set.of(ip("10.80.80.80"))).load(
                Path.of(seed("ipsec.conf").toString()), seed("ipsec.secrets"));
        Connection j = srx.connection("SERVER-BOX").orElseThrow();
        Connection s = server.connection("srx-13").orElseThrow();
        assertEquals(j.ikeProposals(), s.ikeProposals());
        assertEquals(j.childProposals(), s.childProposals());
        assertEquals(j.local().identity(), s.remote().identity());
        assertEquals(j.remote().identity(), s.local().identity());
        assertEquals(j.local().selectors(), s.remote().selectors());
        assertEquals(j.ikeVersion(), s.ikeVersion());
        assertEquals(srx.secrets().psk("SERVER-BOX", j.local().identity(), j.remote().identity()).orElseThrow(),
                server.secrets().psk("srx-13", s.local().identity(), s.remote().identity()).orElseThrow());
    }
}

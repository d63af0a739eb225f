package org.ike4j.config.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.ike4j.config.AuthMethod;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.Encryption;
import org.ike4j.config.Identity;
import org.ike4j.config.IkeProposal;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.Ikev1Mode;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.StartAction;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.junit.jupiter.api.Test;

/**
 * The strongSwan server's ipsec.conf and ipsec.secrets from the seed document (see
 * src/test/resources/seed/README.md) load as they are, with the values the document's pluto log
 * and {@code ipsec status} show.
 */
class SeedStrongSwanTest {
    static Path seed(String name) throws Exception {
        return Path.of(SeedStrongSwanTest.class.getResource("/seed/" + name).toURI());
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void seedLoads() throws Exception {
        Configuration c = new StrongSwanLoader(Set.of(ip("10.80.80.80")))
                .load(seed("ipsec.conf"), seed("ipsec.secrets"));
        assertEquals(List.of(), c.errors());
        Connection srx = c.connection("srx-13").orElseThrow();
        assertEquals(IkeVersion.IKEV1, srx.ikeVersion());
        assertEquals(Ikev1Mode.MAIN, srx.ikev1Mode());
        assertEquals(AuthMethod.PSK, srx.authMethod());
        assertEquals(List.of(new IkeProposal(List.of(Encryption.of(CipherAlgorithm.DES3_CBC)),
                List.of(IntegrityAlgorithm.HMAC_MD5_96), List.of(PrfAlgorithm.HMAC_MD5), List.of(DhGroup.MODP_1024))),
                srx.ikeProposals());
        assertEquals(List.of(new ChildProposal(ChildProposal.Protocol.ESP, List.of(Encryption.of(CipherAlgorithm.AES_CBC_128)),
                List.of(IntegrityAlgorithm.HMAC_SHA1_96), List.of(), List.of())), srx.childProposals());
        assertFalse(srx.childProposals().getFirst().pfs());
        assertEquals(PeerAddress.of(ip("10.80.80.80")), srx.local().address());
        assertEquals(PeerAddress.of(ip("10.80.80.13")), srx.remote().address());
        assertEquals(new Identity.IpAddress(ip("10.80.80.80")), srx.local().identity());
        assertEquals(new Identity.IpAddress(ip("10.80.80.13")), srx.remote().identity());
        TrafficSelector all = TrafficSelector.subnet(ip("0.0.0.0"), 0);
        assertEquals(List.of(all), srx.local().selectors());
        assertEquals(List.of(all), srx.remote().selectors());
        assertEquals("0.0.0.0/0", all.toString());
        assertEquals(Duration.ofHours(24), srx.lifetimes().ike());
        assertEquals(Duration.ofHours(1), srx.lifetimes().ipsec()); // default, 3600 s in the pluto log
        assertEquals(Duration.ofMinutes(9), srx.lifetimes().rekeyMargin());
        assertEquals(100, srx.lifetimes().rekeyFuzzPercent());
        assertEquals(1, srx.keyingTries());
        assertEquals(StartAction.ADD, srx.startAction());
        byte[] psk = c.secrets().psk("srx-13", srx.local().identity(), srx.remote().identity()).orElseThrow().reveal();
        assertEquals("juniper123", new String(psk, StandardCharsets.US_ASCII));
        assertEquals("all", c.settings().debug().get("pluto"));
        assertEquals("/var/log/pluto.log", c.settings().other().get("plutostderrlog"));
        // plutodebug, plutostderrlog, plutostart: accepted with a note each
        assertEquals(3, c.notes().stream().filter(p -> p.message().contains("obsolete pluto")).count());
        assertTrue(c.notes().stream().anyMatch(p -> p.location().line() == 5 && p.location().column() == 2
                && p.message().equals("'plutostderrlog' is an obsolete pluto setting, accepted and ignored")));
        assertEquals("ipsec.conf", Path.of(c.locations().get("conn srx-13").file()).getFileName().toString());
        assertEquals(9, c.locations().get("conn srx-13").line());
        assertEquals(13, c.locations().get("conn srx-13 ike").line());
    }

    @Test
    void sidesSwapWhenRightIsLocal() throws Exception {
        Configuration c = new StrongSwanLoader(Set.of(ip("10.80.80.13")))
                .load(seed("ipsec.conf"), seed("ipsec.secrets"));
        Connection srx = c.connection("srx-13").orElseThrow();
        assertEquals(PeerAddress.of(ip("10.80.80.13")), srx.local().address());
        assertEquals(new Identity.IpAddress(ip("10.80.80.80")), srx.remote().identity());
        // the PSK line names both, so it serves either side
        assertTrue(c.secrets().psk("srx-13", srx.local().identity(), srx.remote().identity()).isPresent());
    }

    @Test
    void secretsNeverPrinted() throws Exception {
        Configuration c = new StrongSwanLoader(Set.of()).load(seed("ipsec.conf"), seed("ipsec.secrets"));
        assertFalse(c.toString().contains("juniper123"), c.toString());
        assertFalse(c.secrets().toString().contains("juniper123"));
        assertTrue(c.toString().contains("Secret[10 bytes]"));
    }

    @Test
    void aeadKeywords() throws Exception {
        var p = ProposalParser.parseIke("aes256gcm16-prfsha384-ecp384", "ike", org.ike4j.config.SourceLocation.NONE);
        assertEquals(List.of(Encryption.of(AeadAlgorithm.AES_GCM_16_256)), p.proposals().getFirst().encryption());
    }
}

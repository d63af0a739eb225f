package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.junit.jupiter.api.Test;

/** Successful negotiations between two engines: Aggressive Mode, PFS, proposal choice, selectors. */
class NegotiationTest {

    static void assertMirrored(ChildSa a, ChildSa b) {
        assertEquals(a.inboundSpi(), b.outboundSpi());
        assertEquals(a.outboundSpi(), b.inboundSpi());
        assertTrue(a.inboundEncryptionKey().sameAs(b.outboundEncryptionKey().reveal()));
        assertTrue(a.inboundIntegrityKey().sameAs(b.outboundIntegrityKey().reveal()));
        assertTrue(a.outboundEncryptionKey().sameAs(b.inboundEncryptionKey().reveal()));
        assertTrue(a.outboundIntegrityKey().sameAs(b.inboundIntegrityKey().reveal()));
        assertTrue(!a.inboundEncryptionKey().sameAs(a.outboundEncryptionKey().reveal()));
    }

    static CipherAlgorithm cipher(ChildSa c) {
        return ((Encryption.Cipher) c.encryption().orElseThrow()).algorithm();
    }

    @Test
    void aggressiveModeWithFqdnIdentities() throws Exception {
        Harness h = new Harness();
        List<String> common = List.of("aggressive=yes", "ike=aes128-sha1-modp1024", "esp=aes128-sha1");
        var m = h.peer("moon", Configs.MOON, Configs.strongSwan(Configs.MOON, Configs.SUN, "@moon.example @sun.example : PSK \"agg\"",
                concat(common, "leftid=@moon.example", "rightid=@sun.example")), 5);
        var s = h.peer("sun", Configs.SUN, Configs.strongSwan(Configs.SUN, Configs.MOON, "@sun.example @moon.example : PSK \"agg\"",
                concat(common, "leftid=@sun.example", "rightid=@moon.example")), 6);
        // AGGRESSIVE { SA, KE, Ni, IDii } -->   <-- { SA, KE, Nr, IDir, HASH_R }   AGGRESSIVE* { HASH_I } -->
        m.command(new Operator.Up("c"));
        h.run();
        String log = m.log() + s.log();
        assertEquals(1, m.installed.size(), log);
        assertEquals(1, s.installed.size(), log);
        assertMirrored(m.installed.get(0), s.installed.get(0));
        Snapshot.IkeSaInfo im = m.engine.snapshot().ikeSas().get(0);
        Snapshot.IkeSaInfo is = s.engine.snapshot().ikeSas().get(0);
        assertEquals("AGGR_I2", im.state());
        assertEquals("AGGR_R2", is.state());
        assertEquals("Aggressive", is.exchange());
        assertEquals("@sun.example", im.remoteId());
        assertEquals("@moon.example", is.remoteId());
        assertEquals("AES_CBC_128", is.encryption());
        assertEquals("HMAC_SHA1", is.prf());
    }

    @Test
    void aggressiveModeThirdMessageInTheClearIsAccepted() throws Exception {
        Harness h = new Harness();
        List<String> lines = List.of("aggressive=yes", "ike=3des-sha1-modp1024", "esp=aes128-sha1");
        var m = h.peer("moon", Configs.MOON, Configs.strongSwan(Configs.MOON, Configs.SUN,
                Configs.psk(Configs.MOON, Configs.SUN, "agg"), lines.toArray(String[]::new)), 7,
                Ikev1Options.DEFAULTS.withEncryptAggressive3(false));
        var s = h.peer("sun", Configs.SUN, Configs.strongSwan(Configs.SUN, Configs.MOON,
                Configs.psk(Configs.SUN, Configs.MOON, "agg"), lines.toArray(String[]::new)), 8);
        m.command(new Operator.Up("c"));
        h.run();
        String log = m.log() + s.log();
        assertEquals(1, m.installed.size(), log);
        assertEquals(1, s.installed.size(), log);
        assertMirrored(m.installed.get(0), s.installed.get(0));
        // the third message went in the clear
        byte[] am3 = m.sent.get(1).data().toByteArray();
        assertEquals(4, am3[18]); // AGGRESSIVE
        assertEquals(0, am3[19] & 1); // no E flag
    }

    @Test
    void pfsWithModp2048AndAes256Sha256() throws Exception {
        Harness h = new Harness();
        List<String> lines = List.of("ike=aes256-sha256-modp2048", "esp=aes256-sha256-modp2048",
                "leftsubnet=10.1.0.0/16", "rightsubnet=10.2.0.0/16");
        List<String> sunLines = List.of("ike=aes256-sha256-modp2048", "esp=aes256-sha256-modp2048",
                "leftsubnet=10.2.0.0/16", "rightsubnet=10.1.0.0/16");
        var p = Configs.pair(h, lines, sunLines);
        // QUICK* { HASH(1), SA, Ni, KE, IDci, IDcr } -->   <-- { HASH(2), SA, Nr, KE, IDci, IDcr }   { HASH(3) } -->
        p[0].command(new Operator.Up("c"));
        h.run();
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[0].installed.size(), log);
        ChildSa a = p[0].installed.get(0);
        ChildSa b = p[1].installed.get(0);
        assertMirrored(a, b);
        assertEquals(CipherAlgorithm.AES_CBC_256, cipher(a));
        assertEquals(IntegrityAlgorithm.HMAC_SHA2_256_128, a.integrity().orElseThrow());
        assertEquals(32, a.inboundEncryptionKey().length());
        assertEquals(32, a.inboundIntegrityKey().length());
        assertEquals("10.1.0.0/16", a.localSelectors().get(0).toString());
        assertEquals("10.2.0.0/16", a.remoteSelectors().get(0).toString());
        assertEquals("10.2.0.0/16", b.localSelectors().get(0).toString());
        assertEquals("MODP_2048", p[0].engine.snapshot().childSas().get(0).pfsGroup());
        assertEquals("MODP_2048", p[1].engine.snapshot().childSas().get(0).pfsGroup());
        assertEquals("MODP_2048", p[1].engine.snapshot().ikeSas().get(0).dhGroup());
        assertEquals("HMAC_SHA2_256", p[1].engine.snapshot().ikeSas().get(0).prf());
    }

    @Test
    void responderChoosesByItsOwnPreference() throws Exception {
        Harness h = new Harness();
        // the initiator prefers 3DES, then AES-128; the responder AES-256 (not offered), then AES-128, then 3DES
        var p = Configs.pair(h, List.of("ike=3des-md5-modp1024,aes128-sha1-modp2048", "esp=3des-md5,aes128-sha1"),
                List.of("ike=aes128-sha1-modp2048,3des-md5-modp1024", "esp=aes256-sha256,aes128-sha1,3des-md5"));
        p[0].command(new Operator.Up("c"));
        h.run();
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[0].installed.size(), log);
        assertMirrored(p[0].installed.get(0), p[1].installed.get(0));
        assertEquals(CipherAlgorithm.AES_CBC_128, cipher(p[0].installed.get(0)));
        assertEquals(IntegrityAlgorithm.HMAC_SHA1_96, p[1].installed.get(0).integrity().orElseThrow());
        // Phase 1: the first of the initiator's transforms that the responder's policy accepts
        assertEquals("3DES_CBC", p[1].engine.snapshot().ikeSas().get(0).encryption());
    }

    @Test
    void responderAcceptsNarrowerSelectorsAndInstallsWhatWasProposed() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("leftsubnet=10.1.1.0/24", "rightsubnet=10.2.2.2/32"),
                List.of("leftsubnet=10.2.0.0/16", "rightsubnet=10.1.0.0/16"));
        p[0].command(new Operator.Up("c"));
        h.run();
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[1].installed.size(), log);
        assertEquals("10.2.2.2/32", p[1].installed.get(0).localSelectors().get(0).toString());
        assertEquals("10.1.1.0/24", p[1].installed.get(0).remoteSelectors().get(0).toString());
    }

    @Test
    void lifetimesTheShorterWins() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("ikelifetime=2h", "lifetime=30m"), List.of("ikelifetime=1h", "lifetime=1h"));
        p[0].command(new Operator.Up("c"));
        h.run();
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[0].installed.size(), log);
        // Phase 1: the responder uses the shorter offered; Quick Mode: ours is shorter, no RESPONDER-LIFETIME
        Snapshot.IkeSaInfo is = p[1].engine.snapshot().ikeSas().get(0);
        assertEquals(3600_000L, is.expiresAtMillis() - is.establishedAtMillis());
        assertEquals(1800, p[0].installed.get(0).hardLifetimeSeconds());
        assertEquals(1800, p[1].installed.get(0).hardLifetimeSeconds());
    }

    @Test
    void responderPicksTheConnectionWhoseProposalsMatch() throws Exception {
        Harness h = new Harness();
        var m = h.peer("moon", Configs.MOON, Configs.strongSwan(Configs.MOON, Configs.SUN,
                Configs.psk(Configs.MOON, Configs.SUN, "two"), "ike=aes128-sha1-modp2048",
                "leftsubnet=10.1.0.0/16", "rightsubnet=10.20.0.0/16"), 61);
        String conf = "conn %default\n\tkeyexchange=ikev1\n\tauthby=psk\n\tleft=" + Configs.SUN + "\n\tright="
                + Configs.MOON + "\n\trightsubnet=10.1.0.0/16\n"
                + "conn old\n\tike=3des-md5-modp1024\n\tleftsubnet=10.10.0.0/16\n"
                + "conn new\n\tike=aes128-sha1-modp2048\n\tleftsubnet=10.20.0.0/16\n";
        var s = h.peer("sun", Configs.SUN, Configs.strongSwanText(Configs.SUN, conf,
                Configs.psk(Configs.SUN, Configs.MOON, "two")), 62);
        m.command(new Operator.Up("c"));
        h.run();
        String log = m.log() + s.log();
        assertEquals(1, s.installed.size(), log);
        assertEquals("new", s.engine.snapshot().ikeSas().get(0).connection());
        assertEquals("new", s.installed.get(0).connection());
    }

    @Test
    void transportMode() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("type=transport"), List.of("type=transport"));
        p[0].command(new Operator.Up("c"));
        h.run();
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[1].installed.size(), log);
        assertEquals(org.ike4j.config.IpsecMode.TRANSPORT, p[0].installed.get(0).mode());
        assertEquals(org.ike4j.config.IpsecMode.TRANSPORT, p[1].installed.get(0).mode());
    }

    @Test
    void tunnelAgainstTransportIsRefused() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("type=transport"), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(0, p[1].installed.size());
        assertEquals(1, p[1].events(org.ike4j.engine.Event.Kind.NEGOTIATION_FAILED).size(), p[1].log());
    }

    @Test
    void ipv6Endpoints() throws Exception {
        Harness h = new Harness();
        var m = h.peer("moon", "fd00::1", Configs.strongSwan("fd00::1", "fd00::2", Configs.psk("fd00::1", "fd00::2", "six"),
                "ike=aes256-sha256-modp2048", "esp=aes256-sha256"), 71);
        var s = h.peer("sun", "fd00::2", Configs.strongSwan("fd00::2", "fd00::1", Configs.psk("fd00::2", "fd00::1", "six"),
                "ike=aes256-sha256-modp2048", "esp=aes256-sha256"), 72);
        m.command(new Operator.Up("c"));
        h.run();
        String log = m.log() + s.log();
        assertEquals(1, s.installed.size(), log);
        assertMirrored(m.installed.get(0), s.installed.get(0));
        assertEquals("fd00:0:0:0:0:0:0:1/128", s.installed.get(0).remoteSelectors().get(0).toString());
        assertEquals("fd00:0:0:0:0:0:0:1", s.engine.snapshot().ikeSas().get(0).remoteId());
    }

    @Test
    void initialContactDropsTheOldSas() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[1].installed.size());
        // moon restarts: a new engine on the same address, forgetting everything
        h.peers.remove(p[0]);
        var moon2 = h.peer("moon2", Configs.MOON, Configs.strongSwan(Configs.MOON, Configs.SUN,
                Configs.psk(Configs.MOON, Configs.SUN, "secret")), 99);
        moon2.command(new Operator.Up("c"));
        h.run();
        String log = p[1].log() + moon2.log();
        assertEquals(2, p[1].installed.size(), log);
        assertEquals(1, p[1].deleted.size(), log);
        assertEquals(p[1].installed.get(0).inboundSpi(), p[1].deleted.get(0).inboundSpi());
        assertEquals(1, p[1].engine.snapshot().ikeSas().size(), log);
        assertEquals(1, p[1].engine.snapshot().childSas().size(), log);
    }

    static String[] concat(List<String> a, String... more) {
        List<String> l = new java.util.ArrayList<>(a);
        l.addAll(List.of(more));
        return l.toArray(String[]::new);
    }
}

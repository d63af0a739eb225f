package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * IKE_SA_INIT and IKE_AUTH between two engines (RFC 7296 1.2):
 * <pre>
 * // IKE_SA_INIT { SA, KE, Ni, N(NAT_D)*2, N(FRAG) } -->
 * //         <-- { SA, KE, Nr, N(NAT_D)*2, N(FRAG) }
 * // IKE_AUTH SK { IDi, N(INITIAL_CONTACT), AUTH, SA, TSi, TSr } -->
 * //         <-- SK { IDr, AUTH, SA, TSi, TSr }
 * </pre>
 */
class EstablishTest {
    static final List<String> NETS_MOON = List.of("leftsubnet=10.1.0.0/24", "rightsubnet=10.2.0.0/24");
    static final List<String> NETS_SUN = List.of("leftsubnet=10.2.0.0/24", "rightsubnet=10.1.0.0/24");

    static List<String> with(List<String> base, String... more) {
        List<String> l = new java.util.ArrayList<>(base);
        l.addAll(List.of(more));
        return l;
    }

    static void assertPair(Harness.Peer a, Harness.Peer b) {
        assertEquals(1, a.installed.size(), a.log() + b.log());
        assertEquals(1, b.installed.size(), a.log() + b.log());
        ChildSa x = a.installed.get(0);
        ChildSa y = b.installed.get(0);
        assertEquals(x.inboundSpi(), y.outboundSpi());
        assertEquals(x.outboundSpi(), y.inboundSpi());
        assertArrayEquals(x.outboundEncryptionKey().reveal(), y.inboundEncryptionKey().reveal());
        assertArrayEquals(x.inboundEncryptionKey().reveal(), y.outboundEncryptionKey().reveal());
        assertArrayEquals(x.outboundIntegrityKey().reveal(), y.inboundIntegrityKey().reveal());
        assertEquals(x.encryption(), y.encryption());
        assertEquals(x.integrity(), y.integrity());
        assertEquals(x.localSelectors(), y.remoteSelectors());
        assertEquals(x.remoteSelectors(), y.localSelectors());
    }

    @Test
    void aes128Sha256X25519() throws Exception {
        Harness h = new Harness();
        var p = h.pair(with(NETS_MOON, "ike=aes128-sha256-x25519", "esp=aes128-sha256"),
                with(NETS_SUN, "ike=aes128-sha256-x25519", "esp=aes128-sha256"));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[0].events(Event.Kind.IKE_SA_ESTABLISHED).size(), p[0].log() + p[1].log());
        assertEquals(1, p[1].events(Event.Kind.IKE_SA_ESTABLISHED).size(), p[0].log() + p[1].log());
        assertPair(p[0], p[1]);
        assertEquals("10.1.0.0/24", p[0].installed.get(0).localSelectors().get(0).toString());
        assertFalse(p[0].installed.get(0).udpEncapsulation(), "no NAT, no forceencaps");
        Snapshot.IkeSaInfo mi = p[0].engine.snapshot().ikeSas().get(0);
        Snapshot.IkeSaInfo si = p[1].engine.snapshot().ikeSas().get(0);
        assertEquals(mi.initiatorSpi(), si.initiatorSpi());
        assertEquals(mi.responderSpi(), si.responderSpi());
        assertEquals("AES_CBC_128", mi.encryption());
        assertEquals("HMAC_SHA2_256_128", mi.integrity());
        assertEquals("HMAC_SHA2_256", si.prf());
        assertEquals("CURVE25519", si.dhGroup());
        assertEquals(2, mi.ikeVersion());
        assertTrue(mi.initiator() && !si.initiator());
        // IKE_SA_INIT 2, IKE_AUTH 2
        assertEquals(2, p[0].sent.size());
        assertEquals(2, p[1].sent.size());
    }

    @Test
    void aes256gcm16PrfSha384Ecp384() throws Exception {
        Harness h = new Harness();
        var p = h.pair(with(NETS_MOON, "ike=aes256gcm16-prfsha384-ecp384", "esp=aes256gcm16"),
                with(NETS_SUN, "ike=aes256gcm16-prfsha384-ecp384", "esp=aes256gcm16"));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertPair(p[0], p[1]);
        Snapshot.IkeSaInfo mi = p[0].engine.snapshot().ikeSas().get(0);
        assertEquals("AES_GCM_16_256", mi.encryption());
        assertEquals("", mi.integrity());
        assertEquals("HMAC_SHA2_384", mi.prf());
        assertEquals("ECP_384", mi.dhGroup());
        assertEquals("AES_GCM_16_256", p[1].engine.snapshot().childSas().get(0).encryption());
    }

    @Test
    void responderChoosesByItsOwnPreference() throws Exception {
        Harness h = new Harness();
        var p = h.pair(with(NETS_MOON, "ike=aes128-sha256-x25519,aes256-sha384-ecp384"),
                with(NETS_SUN, "ike=aes256-sha384-ecp384,aes128-sha256-x25519"));
        p[0].command(new Operator.Up("c"));
        h.run();
        // sun prefers ECP_384, moon sent an x25519 KE: INVALID_KE_PAYLOAD, then the retry with ECP_384
        assertTrue(p[1].logged("answering INVALID_KE_PAYLOAD"), p[1].log());
        assertTrue(p[0].logged("peer prefers key exchange group ECP_384"), p[0].log());
        assertEquals("ECP_384", p[0].engine.snapshot().ikeSas().get(0).dhGroup());
        assertEquals("AES_CBC_256", p[1].engine.snapshot().ikeSas().get(0).encryption());
        assertPair(p[0], p[1]);
    }

    @Test
    void cookieWhenThresholdIsZero() throws Exception {
        Harness h = new Harness();
        var p = h.pair(NETS_MOON, NETS_SUN, "secret", "secret", Ikev2Options.DEFAULTS.withCookieThreshold(0));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertTrue(p[1].logged("asking 10.1.0.1 for a COOKIE"), p[1].log());
        assertTrue(p[0].logged("peer asks for a COOKIE"), p[0].log());
        assertPair(p[0], p[1]);
        // the first answer created nothing on sun: one IKE SA only
        assertEquals(1, p[1].engine.snapshot().ikeSas().size());
    }

    @Test
    void noProposalChosen() throws Exception {
        Harness h = new Harness();
        var p = h.pair(with(NETS_MOON, "ike=aes128-sha256-modp2048!"), with(NETS_SUN, "ike=aes256-sha384-ecp384!"));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertTrue(p[1].events(Event.Kind.NEGOTIATION_FAILED).get(0).message().startsWith("NO_PROPOSAL_CHOSEN"),
                p[1].log());
        assertTrue(p[0].logged("refused IKE_SA_INIT with NO_PROPOSAL_CHOSEN"), p[0].log());
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty());
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty());
    }

    @Test
    void wrongPreSharedKey() throws Exception {
        Harness h = new Harness();
        var p = h.pair(NETS_MOON, NETS_SUN, "secret", "other", Ikev2Options.DEFAULTS);
        p[0].command(new Operator.Up("c"));
        h.run();
        assertTrue(p[1].logged("probable pre-shared key mismatch"), p[1].log());
        assertTrue(p[0].logged("AUTHENTICATION_FAILED"), p[0].log());
        assertTrue(p[0].installed.isEmpty() && p[1].installed.isEmpty());
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty());
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty());
    }

    @Test
    void narrowsTrafficSelectors() throws Exception {
        Harness h = new Harness();
        // moon asks for all of 10.2.0.0/16; sun allows only 10.2.0.0/24 on its side
        var p = h.pair(List.of("leftsubnet=10.1.0.0/24", "rightsubnet=10.2.0.0/16"), NETS_SUN);
        p[0].command(new Operator.Up("c"));
        h.run();
        assertPair(p[0], p[1]);
        assertEquals("10.2.0.0/24", p[0].installed.get(0).remoteSelectors().get(0).toString());
    }

    @Test
    void tsUnacceptableKeepsTheIkeSa() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of("leftsubnet=10.1.0.0/24", "rightsubnet=10.9.0.0/24"), NETS_SUN);
        p[0].command(new Operator.Up("c"));
        h.run();
        assertTrue(p[1].logged("TS_UNACCEPTABLE"), p[1].log());
        assertTrue(p[0].logged("TS_UNACCEPTABLE (we proposed 10.1.0.0/24 === 10.9.0.0/24)"), p[0].log());
        assertEquals(1, p[0].events(Event.Kind.IKE_SA_ESTABLISHED).size());
        assertTrue(p[0].installed.isEmpty() && p[1].installed.isEmpty());
    }

    @Test
    void forceEncapsMovesToPort4500() throws Exception {
        Harness h = new Harness();
        var p = h.pair(with(NETS_MOON, "forceencaps=yes"), NETS_SUN);
        p[0].command(new Operator.Up("c"));
        h.run();
        assertPair(p[0], p[1]);
        assertTrue(p[0].installed.get(0).udpEncapsulation());
        assertTrue(p[1].installed.get(0).udpEncapsulation());
        assertEquals(4500, p[1].installed.get(0).local().getPort());
        assertEquals(4500, p[0].sent.get(1).remote().getPort());
        assertTrue(p[0].sent.get(1).nonEspMarker());
    }

    @Test
    void responderPicksTheConnectionByTheInitiatorsIdentity() throws Exception {
        Harness h = new Harness();
        String sunConf = "conn a\n\tkeyexchange=ikev2\n\tauthby=psk\n\tleft=10.2.0.2\n\tleftid=@sun\n"
                + "\tleftsubnet=10.2.0.0/24\n\tright=%any\n\trightid=@alice\n\trightsubnet=10.3.0.0/24\n"
                + "conn b\n\tkeyexchange=ikev2\n\tauthby=psk\n\tleft=10.2.0.2\n\tleftid=@sun\n"
                + "\tleftsubnet=10.2.0.0/24\n\tright=%any\n\trightid=@moon\n\trightsubnet=10.1.0.0/24\n";
        String sunSecrets = "@sun @alice : PSK \"alice's\"\n@sun @moon : PSK \"secret\"\n";
        var sunCfg = Harness.configText(Harness.SUN, sunConf, sunSecrets);
        Harness.Peer moon = h.peer("moon", Harness.MOON, Harness.configText(Harness.MOON, "conn c\n\tkeyexchange=ikev2\n"
                + "\tauthby=psk\n\tleft=10.1.0.1\n\tleftid=@moon\n\tleftsubnet=10.1.0.0/24\n\tright=10.2.0.2\n"
                + "\trightid=@sun\n\trightsubnet=10.2.0.0/24\n", "@moon @sun : PSK \"secret\"\n"), 11,
                Ikev2Options.DEFAULTS);
        Harness.Peer sun = h.peer("sun", Harness.SUN, sunCfg, 22, Ikev2Options.DEFAULTS);
        moon.command(new Operator.Up("c"));
        h.run();
        assertPair(moon, sun);
        assertTrue(sun.logged("selects connection b instead of a"), sun.log());
        assertEquals("b", sun.engine.snapshot().ikeSas().get(0).connection());
        assertEquals("@moon", sun.engine.snapshot().ikeSas().get(0).remoteId());
    }

    @Test
    void transportModeWhenBothWantIt() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of("type=transport"), List.of("type=transport"));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertPair(p[0], p[1]);
        assertEquals(org.ike4j.config.IpsecMode.TRANSPORT, p[0].installed.get(0).mode());
        assertEquals(org.ike4j.config.IpsecMode.TRANSPORT, p[1].installed.get(0).mode());
    }

    @Test
    void tunnelModeWhenTheResponderDeclinesTransport() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of("type=transport"), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        assertPair(p[0], p[1]);
        assertEquals(org.ike4j.config.IpsecMode.TUNNEL, p[0].installed.get(0).mode());
        assertEquals(org.ike4j.config.IpsecMode.TUNNEL, p[1].installed.get(0).mode());
        assertTrue(p[0].logged("peer declined transport mode"), p[0].log());
    }
}

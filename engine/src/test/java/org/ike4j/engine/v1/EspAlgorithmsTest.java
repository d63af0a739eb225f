package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Encryption;
import org.ike4j.config.IpsecMode;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.ike4j.wire.v1.DataAttribute;
import org.ike4j.wire.v1.IpsecAttributes;
import org.ike4j.wire.v1.SecurityAssociationPayload;
import org.ike4j.wire.v1.Transform;
import org.junit.jupiter.api.Test;

/**
 * ESP algorithms beyond CBC in Quick Mode: AES-GCM (RFC 4106 section 8.1: transform IDs 18/19/20,
 * KEY_LENGTH, no AUTH_ALGORITHM), AES-CTR (RFC 3686 section 5), and ChaCha20-Poly1305, which IKEv1
 * cannot carry, refused with the reason.
 */
class EspAlgorithmsTest {

    private static Harness.Peer[] negotiate(String moonEsp, String sunEsp) throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("ike=aes128-sha1-modp2048", "esp=" + moonEsp),
                List.of("ike=aes128-sha1-modp2048", "esp=" + sunEsp));
        p[0].command(new Operator.Up("c"));
        h.run();
        return p;
    }

    private static void assertAead(Harness.Peer[] p, AeadAlgorithm expected) {
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[0].installed.size(), log);
        assertEquals(1, p[1].installed.size(), log);
        ChildSa a = p[0].installed.get(0);
        ChildSa b = p[1].installed.get(0);
        NegotiationTest.assertMirrored(a, b);
        for (ChildSa c : List.of(a, b)) {
            assertEquals(Encryption.of(expected), c.encryption().orElseThrow());
            assertTrue(c.integrity().isEmpty(), "an AEAD has no integrity algorithm");
            // KEYMAT: the AES key and the 4-byte salt (RFC 4106 8.1), no integrity key
            assertEquals(expected.keySize(), c.inboundEncryptionKey().length());
            assertEquals(0, c.inboundIntegrityKey().length());
        }
        for (Harness.Peer peer : p) {
            var info = peer.engine.snapshot().childSas().get(0);
            assertEquals(expected.name(), info.encryption());
            assertEquals("", info.integrity());
        }
    }

    @Test
    void aes128Gcm16BothWays() throws Exception {
        assertAead(negotiate("aes128gcm16", "aes128gcm16"), AeadAlgorithm.AES_GCM_16_128);
    }

    @Test
    void aes256Gcm16WithPfs() throws Exception {
        var p = negotiate("aes256gcm16-modp2048", "aes256gcm16-modp2048");
        assertAead(p, AeadAlgorithm.AES_GCM_16_256);
        assertEquals("MODP_2048", p[1].engine.snapshot().childSas().get(0).pfsGroup());
    }

    @Test
    void responderPicksGcmFromAMixedOfferByItsOwnPreference() throws Exception {
        assertAead(negotiate("aes128-sha1,aes128gcm16", "aes256gcm16,aes128gcm16,aes128-sha1"),
                AeadAlgorithm.AES_GCM_16_128);
    }

    @Test
    void gcmIcvLengthsAreDifferentTransforms() throws Exception {
        var p = negotiate("aes128gcm12", "aes128gcm16");
        assertTrue(p[0].installed.isEmpty());
        String failed = p[1].events(Event.Kind.NEGOTIATION_FAILED).toString();
        assertTrue(failed.contains("ESP_AES-GCM_12-128") && failed.contains("we accept ESP_AES-GCM_16-128"), failed);
        assertAead(negotiate("aes192gcm8", "aes192gcm8"), AeadAlgorithm.AES_GCM_8_192);
    }

    @Test
    void aesCcmCarriesAThreeByteSalt() throws Exception {
        var p = negotiate("aes256ccm12", "aes256ccm12");
        assertAead(p, AeadAlgorithm.AES_CCM_12_256);
        assertEquals(35, p[0].installed.get(0).inboundEncryptionKey().length()); // RFC 4309 7.1: key + 3-byte salt
    }

    @Test
    void aesCtrWithIntegrity() throws Exception {
        var p = negotiate("aes256ctr-sha256", "aes256ctr-sha256");
        assertEquals(1, p[0].installed.size(), p[0].log() + p[1].log());
        ChildSa a = p[0].installed.get(0);
        NegotiationTest.assertMirrored(a, p[1].installed.get(0));
        assertEquals(Encryption.of(CipherAlgorithm.AES_CTR_256), a.encryption().orElseThrow());
        assertEquals(36, a.inboundEncryptionKey().length()); // 32-byte key, 4-byte nonce (RFC 3686 5.1)
        assertEquals(IntegrityAlgorithm.HMAC_SHA2_256_128, a.integrity().orElseThrow());
    }

    /** What goes on the wire: transform ID 20, KEY_LENGTH 128, no AUTH_ALGORITHM (RFC 4106 8.1). */
    @Test
    void gcmTransformOnTheWire() {
        var cp = new ChildProposal(ChildProposal.Protocol.ESP, List.of(Encryption.of(AeadAlgorithm.AES_GCM_16_128),
                Encryption.of(AeadAlgorithm.AES_GCM_8_256)), List.of(), List.of(), List.of());
        SecurityAssociationPayload sa = QuickModeProposal.offer(List.of(cp), 0x1234, null, IpsecMode.TUNNEL, 3600, false);
        List<Transform> ts = sa.proposals().get(0).transforms();
        assertEquals(20, ts.get(0).transformId());
        assertEquals(18, ts.get(1).transformId());
        assertEquals(128, attribute(ts.get(0), IpsecAttributes.Type.KEY_LENGTH.code()));
        assertEquals(256, attribute(ts.get(1), IpsecAttributes.Type.KEY_LENGTH.code()));
        for (Transform t : ts) {
            assertEquals(-1, attribute(t, IpsecAttributes.Type.AUTH_ALGORITHM.code()));
        }
        // and back: parsed as offered
        var parsed = QuickModeProposal.parse(ts.get(0), new ArrayList<>()).orElseThrow();
        assertEquals(Encryption.of(AeadAlgorithm.AES_GCM_16_128), parsed.encryption());
        assertEquals(null, parsed.integrity());
    }

    /** A GCM transform that also names an AUTH_ALGORITHM, or lacks KEY_LENGTH, is not a valid offer. */
    @Test
    void malformedGcmTransformsAreRefused() {
        List<String> why = new ArrayList<>();
        var withAuth = new Transform(0, 20, List.of(DataAttribute.basic(IpsecAttributes.Type.ENCAPSULATION_MODE.code(), 1),
                DataAttribute.basic(IpsecAttributes.Type.AUTH_ALGORITHM.code(), 2),
                DataAttribute.basic(IpsecAttributes.Type.KEY_LENGTH.code(), 128)));
        assertFalse(QuickModeProposal.parse(withAuth, why).isPresent());
        assertTrue(why.get(0).contains("AUTH_ALGORITHM"), why.toString());
        var noLength = new Transform(0, 20, List.of(DataAttribute.basic(IpsecAttributes.Type.ENCAPSULATION_MODE.code(), 1)));
        assertFalse(QuickModeProposal.parse(noLength, why).isPresent());
    }

    @Test
    void chachaIsRefusedAsIkev2OnlyByTheInitiator() throws Exception {
        var p = negotiate("chacha20poly1305", "aes128gcm16");
        assertTrue(p[0].installed.isEmpty());
        String failed = p[0].events(Event.Kind.NEGOTIATION_FAILED).toString();
        assertTrue(failed.contains("no ESP proposal IKEv1 can offer") && failed.contains("IKEv2-only"), failed);
        assertFalse((p[0].log() + p[1].log()).contains("internal error"), p[0].log());
        // Phase 1 stays up
        assertTrue(p[0].engine.snapshot().ikeSas().get(0).established());
    }

    @Test
    void chachaIsSkippedWhenSomethingElseCanBeOffered() throws Exception {
        assertAead(negotiate("chacha20poly1305,aes128gcm16", "aes128gcm16"), AeadAlgorithm.AES_GCM_16_128);
    }

    @Test
    void chachaIsRefusedAsIkev2OnlyByTheResponder() throws Exception {
        var p = negotiate("aes128gcm16", "chacha20poly1305");
        assertTrue(p[1].installed.isEmpty());
        String failed = p[1].events(Event.Kind.NEGOTIATION_FAILED).toString();
        assertTrue(failed.contains("NO-PROPOSAL-CHOSEN") && failed.contains("IKEv2-only"), failed);
    }

    private static long attribute(Transform t, int type) {
        return t.attributes().stream().filter(a -> a.type() == type).mapToLong(DataAttribute::numericValue)
                .findFirst().orElse(-1);
    }
}

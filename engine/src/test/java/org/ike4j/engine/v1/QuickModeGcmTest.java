package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.Configuration;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Operator;
import org.ike4j.wire.v1.DataAttribute;
import org.ike4j.wire.v1.IpsecAttributes;
import org.ike4j.wire.v1.Transform;
import org.ike4j.wire.v1.TransformId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AES-GCM in Quick Mode (RFC 4106 section 8): ESP_AES-GCM_8/12/16 with KEY_LENGTH and no
 * AUTH_ALGORITHM; 20, 28 or 36 bytes of KEYMAT per direction (key and salt, section 8.1), no
 * integrity key; both ends install the same keys crosswise.
 */
class QuickModeGcmTest {
    private static final String MOON = Configs.MOON;
    private static final String SUN = Configs.SUN;

    private static Configuration config(String self, String peer, String net1, String net2, String esp) throws Exception {
        return Configs.strongSwanText(self, "conn gcm\n\tkeyexchange=ikev1\n\tauthby=psk\n\tleft=" + self + "\n\tright="
                + peer + "\n\tleftsubnet=" + net1 + "\n\trightsubnet=" + net2 + "\n\tesp=" + esp + "\n",
                Configs.psk(self, peer, "secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes128gcm16", "aes256gcm16", "aes128gcm8", "aes192gcm12"})
    void bothEndsInstallTheSameGcmKeys(String esp) throws Exception {
        Harness h = new Harness();
        Harness.Peer moon = h.peer("moon", MOON, config(MOON, SUN, "10.10.5.0/24", "10.20.5.0/24", esp), 11);
        Harness.Peer sun = h.peer("sun", SUN, config(SUN, MOON, "10.20.5.0/24", "10.10.5.0/24", esp), 22);
        moon.command(new Operator.Up("gcm"));
        h.run();
        String log = moon.log() + sun.log();
        assertEquals(1, moon.installed.size(), log);
        assertEquals(1, sun.installed.size(), log);
        ChildSa m = moon.installed.get(0);
        ChildSa s = sun.installed.get(0);
        Encryption.Aead aead = (Encryption.Aead) m.encryption().orElseThrow();
        assertTrue(aead.algorithm().name().startsWith("AES_GCM_"), aead.toString());
        assertEquals(Optional.empty(), m.integrity());
        assertEquals(aead.algorithm().keySize(), m.outboundEncryptionKey().length(), "key and 4-byte salt");
        assertEquals(0, m.outboundIntegrityKey().length());
        assertArrayEquals(m.outboundEncryptionKey().reveal(), s.inboundEncryptionKey().reveal());
        assertArrayEquals(m.inboundEncryptionKey().reveal(), s.outboundEncryptionKey().reveal());
    }

    @Test
    void theTransformCarriesKeyLengthAndNoAuthAlgorithm() {
        List<String> why = new ArrayList<>();
        Transform t = new Transform(0, TransformId.ESP_AES_GCM_16.code(), List.of(
                DataAttribute.basic(IpsecAttributes.Type.ENCAPSULATION_MODE.code(), 1),
                DataAttribute.basic(IpsecAttributes.Type.KEY_LENGTH.code(), 128)));
        QuickModeProposal q = QuickModeProposal.parse(t, why).orElseThrow();
        assertEquals(Encryption.of(AeadAlgorithm.AES_GCM_16_128), q.encryption());
        assertEquals(null, q.integrity());
        assertTrue(q.attributes().stream().noneMatch(a -> a.type() == IpsecAttributes.Type.AUTH_ALGORITHM.code()));
        assertTrue(q.attributes().stream().anyMatch(a -> a.type() == IpsecAttributes.Type.KEY_LENGTH.code()
                && a.numericValue() == 128));
        // GCM with an AUTH_ALGORITHM, or without KEY_LENGTH, is refused
        Transform withAuth = new Transform(0, TransformId.ESP_AES_GCM_16.code(), List.of(
                DataAttribute.basic(IpsecAttributes.Type.KEY_LENGTH.code(), 128),
                DataAttribute.basic(IpsecAttributes.Type.AUTH_ALGORITHM.code(), 2)));
        assertTrue(QuickModeProposal.parse(withAuth, why).isEmpty());
        Transform noLength = new Transform(0, TransformId.ESP_AES_GCM_16.code(), List.of());
        assertTrue(QuickModeProposal.parse(noLength, why).isEmpty());
    }
}

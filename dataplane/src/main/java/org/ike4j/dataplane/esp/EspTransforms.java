package org.ike4j.dataplane.esp;

import java.security.SecureRandom;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.PacketAead;
import org.ike4j.crypto.PacketCipher;
import org.ike4j.crypto.PacketIntegrity;
import org.ike4j.crypto.Secret;

/**
 * The transforms of one direction of an ESP SA, keyed for packets: a cipher with its integrity
 * algorithm (RFC 4303 section 3.2), or an AEAD that carries its own ICV (RFC 4106, RFC 7634).
 * {@link EspInbound} and {@link EspOutbound} key theirs here, so both directions of an SA are keyed
 * the same way and the revealed key copies are wiped in one place.
 *
 * @param cipher the cipher, or null with an AEAD
 * @param aead the AEAD, or null with a cipher
 * @param integrity the integrity algorithm, or null with an AEAD (or, for tests, none beside a cipher)
 */
record EspTransforms(PacketCipher cipher, PacketAead aead, PacketIntegrity integrity) {

    /** @param key the encryption key (with salt for an AEAD); integrityKey empty with an AEAD */
    static EspTransforms key(EspSuite suite, Secret key, Secret integrityKey, Crypto crypto) {
        PacketCipher cipher = null;
        PacketAead aead = null;
        byte[] k = key.reveal();
        try {
            switch (suite.encryption()) {
                case Encryption.Cipher c -> cipher = crypto.cipher(c.algorithm()).forPackets(k);
                case Encryption.Aead a -> aead = crypto.aead(a.algorithm()).forPackets(k);
            }
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
        return new EspTransforms(cipher, aead, suite.packetIntegrity(crypto, integrityKey));
    }

    /**
     * Whether the suite's IV is a counter, the sequence number itself: AES-GCM and
     * ChaCha20-Poly1305 (RFC 4106 section 3.1, RFC 7634 section 2) and AES-CTR (RFC 3686 section 3.1).
     */
    static boolean counterIv(EspSuite suite) {
        return switch (suite.encryption()) {
            case Encryption.Aead a -> true;
            case Encryption.Cipher c -> c.algorithm().name().startsWith("AES_CTR");
        };
    }

    /**
     * The sender's IV generator for a CBC suite, or null for a suite whose IV is a counter or that
     * has none: AES under a random key of the SA's own, applied to the sequence number, which is
     * unpredictable without that key and never repeats (RFC 3602 section 2.1 asks for unpredictable IVs).
     */
    static PacketCipher cbcIvGenerator(EspSuite suite, Crypto crypto, SecureRandom random) {
        if (suite.ivSize() == 0 || counterIv(suite)) {
            return null;
        }
        byte[] ivKey = new byte[16];
        random.nextBytes(ivKey);
        try {
            return crypto.cipher(CipherAlgorithm.AES_CBC_128).forPackets(ivKey);
        } finally {
            java.util.Arrays.fill(ivKey, (byte) 0);
        }
    }
}

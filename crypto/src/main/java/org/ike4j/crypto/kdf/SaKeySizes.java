package org.ike4j.crypto.kdf;

import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;

/**
 * How many bytes of keying material one direction of an SA takes: the encryption key (including any
 * salt or nonce that follows it, RFC 3686, RFC 4106) and the integrity key. The same sizes serve
 * the IKEv2 SA (SK_e*, SK_a*, RFC 7296 2.14), IKEv2 Child SAs (RFC 7296 2.17) and IKEv1 Quick Mode
 * KEYMAT (RFC 2409 5.5).
 */
public record SaKeySizes(int encryptionKeySize, int integrityKeySize) {

    public SaKeySizes {
        if (encryptionKeySize < 0 || integrityKeySize < 0) {
            throw new IllegalArgumentException("negative key size");
        }
    }

    /** A cipher with a separate integrity algorithm (ESP, or the IKEv2 SA). */
    public static SaKeySizes of(CipherAlgorithm cipher, IntegrityAlgorithm integrity) {
        return new SaKeySizes(cipher.keySize(), integrity.keySize());
    }

    /** An AEAD: no integrity key; the encryption key includes the salt (RFC 5282 section 7). */
    public static SaKeySizes of(AeadAlgorithm aead) {
        return new SaKeySizes(aead.keySize(), 0);
    }

    /** Integrity only (AH, or ESP with NULL encryption given as no cipher). */
    public static SaKeySizes of(IntegrityAlgorithm integrity) {
        return new SaKeySizes(0, integrity.keySize());
    }

    /** Bytes per direction. */
    public int total() {
        return encryptionKeySize + integrityKeySize;
    }
}

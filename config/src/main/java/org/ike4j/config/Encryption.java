package org.ike4j.config;

import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;

/**
 * An encryption transform with its key size: a classic cipher that needs an integrity algorithm
 * beside it, or an AEAD that does not (RFC 5282 for IKEv2, RFC 4106 for ESP).
 */
public sealed interface Encryption {

    record Cipher(CipherAlgorithm algorithm) implements Encryption {
        @Override
        public int keyBits() {
            return algorithm.keySize() * 8 - nonceBits();
        }

        private int nonceBits() {
            return algorithm.name().startsWith("AES_CTR") ? 32 : 0;
        }

        @Override
        public String toString() {
            return algorithm.name();
        }
    }

    record Aead(AeadAlgorithm algorithm) implements Encryption {
        @Override
        public int keyBits() {
            return algorithm.cipherKeySize() * 8;
        }

        @Override
        public String toString() {
            return algorithm.name();
        }
    }

    /** Cipher key size in bits (without salt or nonce). */
    int keyBits();

    default boolean isAead() {
        return this instanceof Aead;
    }

    static Encryption of(CipherAlgorithm a) {
        return new Cipher(a);
    }

    static Encryption of(AeadAlgorithm a) {
        return new Aead(a);
    }
}

package org.ike4j.crypto.mac;

import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;

/** ESP's NULL encryption (RFC 2410): no key, no IV, the text unchanged. Every backend offers it. */
public record NullCipher() implements Cipher {
    @Override
    public CipherAlgorithm algorithm() {
        return CipherAlgorithm.NULL;
    }

    @Override
    public byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) {
        CipherAlgorithm.NULL.check(key, iv, plaintext);
        return plaintext.clone();
    }

    @Override
    public byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext) {
        CipherAlgorithm.NULL.check(key, iv, ciphertext);
        return ciphertext.clone();
    }
}

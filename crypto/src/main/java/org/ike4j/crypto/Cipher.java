package org.ike4j.crypto;

/** A non-AEAD cipher over whole blocks, no padding. Stateless and thread-safe. */
public interface Cipher {
    CipherAlgorithm algorithm();

    byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext);

    byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext);
}

package org.ike4j.crypto;

/**
 * A non-AEAD cipher over whole blocks, no padding. Stateless and thread-safe. Both methods throw
 * IllegalArgumentException for a key or IV of the wrong size or a text that is not whole blocks
 * (see {@link CipherAlgorithm#check}).
 */
public interface Cipher {
    CipherAlgorithm algorithm();

    byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext);

    byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext);
}

package org.ike4j.crypto;

/** An AEAD cipher. Stateless and thread-safe. */
public interface Aead {
    AeadAlgorithm algorithm();

    /**
     * @param key cipher key followed by the salt ({@link AeadAlgorithm#keySize()} bytes)
     * @param iv the explicit IV ({@link AeadAlgorithm#ivSize()} bytes)
     * @return ciphertext followed by the ICV
     */
    byte[] seal(byte[] key, byte[] iv, byte[] aad, byte[] plaintext);

    /** Verifies and decrypts ciphertext | ICV. */
    byte[] open(byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndIcv) throws AuthenticationException;
}

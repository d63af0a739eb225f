package org.ike4j.crypto;

/**
 * An AEAD cipher. Stateless and thread-safe: a pure function of its arguments. Never seal twice
 * under one key and IV; the IV's uniqueness is the caller's (RFC 4106 section 3.1, RFC 7634
 * section 2).
 */
public interface Aead {
    AeadAlgorithm algorithm();

    /**
     * @param key cipher key followed by the salt ({@link AeadAlgorithm#keySize()} bytes)
     * @param iv the explicit IV ({@link AeadAlgorithm#ivSize()} bytes)
     * @return ciphertext followed by the ICV
     * @throws IllegalArgumentException if the key or IV has the wrong size
     */
    byte[] seal(byte[] key, byte[] iv, byte[] aad, byte[] plaintext);

    /**
     * Verifies and decrypts ciphertext | ICV; no plaintext is released unless the ICV verifies.
     *
     * @throws AuthenticationException if the ICV does not verify or the input is shorter than an ICV
     * @throws IllegalArgumentException if the key or IV has the wrong size
     */
    byte[] open(byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndIcv) throws AuthenticationException;
}

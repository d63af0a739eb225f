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

    /**
     * This AEAD keyed with {@code key} (cipher key and salt) for in-place packet work. The default
     * goes through {@link #seal}/{@link #open} and copies; backends override it where they can work
     * in place.
     *
     * @throws IllegalArgumentException if the key has the wrong size
     */
    default PacketAead forPackets(byte[] key) {
        algorithm().check(key, new byte[algorithm().ivSize()]);
        byte[] k = key.clone();
        int ivSize = algorithm().ivSize();
        return new PacketAead() {
            @Override
            public int seal(byte[] iv, int ivOffset, byte[] aad, int aadOffset, int aadLength, byte[] buf, int offset,
                            int length) {
                byte[] out = Aead.this.seal(k, java.util.Arrays.copyOfRange(iv, ivOffset, ivOffset + ivSize),
                        java.util.Arrays.copyOfRange(aad, aadOffset, aadOffset + aadLength),
                        java.util.Arrays.copyOfRange(buf, offset, offset + length));
                System.arraycopy(out, 0, buf, offset, out.length);
                return out.length;
            }

            @Override
            public int open(byte[] iv, int ivOffset, byte[] aad, int aadOffset, int aadLength, byte[] buf, int offset,
                            int length) throws AuthenticationException {
                byte[] out = Aead.this.open(k, java.util.Arrays.copyOfRange(iv, ivOffset, ivOffset + ivSize),
                        java.util.Arrays.copyOfRange(aad, aadOffset, aadOffset + aadLength),
                        java.util.Arrays.copyOfRange(buf, offset, offset + length));
                System.arraycopy(out, 0, buf, offset, out.length);
                return out.length;
            }
        };
    }
}

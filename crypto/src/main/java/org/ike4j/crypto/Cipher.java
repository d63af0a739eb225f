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

    /**
     * This cipher keyed with {@code key} for in-place packet work. The default goes through
     * {@link #encrypt}/{@link #decrypt} and copies; backends override it where they can work in place.
     *
     * @throws IllegalArgumentException if the key has the wrong size
     */
    default PacketCipher forPackets(byte[] key) {
        algorithm().check(key, new byte[algorithm().ivSize()], new byte[0]);
        byte[] k = key.clone();
        int ivSize = algorithm().ivSize();
        return new PacketCipher() {
            @Override
            public void encrypt(byte[] iv, int ivOffset, byte[] buf, int offset, int length) {
                byte[] out = Cipher.this.encrypt(k, java.util.Arrays.copyOfRange(iv, ivOffset, ivOffset + ivSize),
                        java.util.Arrays.copyOfRange(buf, offset, offset + length));
                System.arraycopy(out, 0, buf, offset, length);
            }

            @Override
            public void decrypt(byte[] iv, int ivOffset, byte[] buf, int offset, int length) {
                byte[] out = Cipher.this.decrypt(k, java.util.Arrays.copyOfRange(iv, ivOffset, ivOffset + ivSize),
                        java.util.Arrays.copyOfRange(buf, offset, offset + length));
                System.arraycopy(out, 0, buf, offset, length);
            }
        };
    }
}

package org.ike4j.crypto;

/**
 * AEAD ciphers as IKEv2 and ESP use them: the key from the keying material is the cipher key
 * followed by a salt (4 bytes for GCM per RFC 4106/5282 and ChaCha20-Poly1305 per RFC 7634,
 * 3 bytes for CCM per RFC 4309), and {@link #keySize()} counts both. The nonce is salt | IV.
 */
public enum AeadAlgorithm {
    AES_GCM_8_128("ENCR_AES_GCM_8", 16, 4, 8, 8),
    AES_GCM_8_192("ENCR_AES_GCM_8", 24, 4, 8, 8),
    AES_GCM_8_256("ENCR_AES_GCM_8", 32, 4, 8, 8),
    AES_GCM_12_128("ENCR_AES_GCM_12", 16, 4, 8, 12),
    AES_GCM_12_192("ENCR_AES_GCM_12", 24, 4, 8, 12),
    AES_GCM_12_256("ENCR_AES_GCM_12", 32, 4, 8, 12),
    AES_GCM_16_128("ENCR_AES_GCM_16", 16, 4, 8, 16),
    AES_GCM_16_192("ENCR_AES_GCM_16", 24, 4, 8, 16),
    AES_GCM_16_256("ENCR_AES_GCM_16", 32, 4, 8, 16),
    AES_CCM_8_128("ENCR_AES_CCM_8", 16, 3, 8, 8),
    AES_CCM_8_192("ENCR_AES_CCM_8", 24, 3, 8, 8),
    AES_CCM_8_256("ENCR_AES_CCM_8", 32, 3, 8, 8),
    AES_CCM_12_128("ENCR_AES_CCM_12", 16, 3, 8, 12),
    AES_CCM_12_192("ENCR_AES_CCM_12", 24, 3, 8, 12),
    AES_CCM_12_256("ENCR_AES_CCM_12", 32, 3, 8, 12),
    AES_CCM_16_128("ENCR_AES_CCM_16", 16, 3, 8, 16),
    AES_CCM_16_192("ENCR_AES_CCM_16", 24, 3, 8, 16),
    AES_CCM_16_256("ENCR_AES_CCM_16", 32, 3, 8, 16),
    CHACHA20_POLY1305("ENCR_CHACHA20_POLY1305", 32, 4, 8, 16);

    private final String ianaName;
    private final int cipherKeySize;
    private final int saltSize;
    private final int ivSize;
    private final int icvSize;

    AeadAlgorithm(String ianaName, int cipherKeySize, int saltSize, int ivSize, int icvSize) {
        this.ianaName = ianaName;
        this.cipherKeySize = cipherKeySize;
        this.saltSize = saltSize;
        this.ivSize = ivSize;
        this.icvSize = icvSize;
    }

    public String ianaName() {
        return ianaName;
    }

    /** Keying material bytes: cipher key plus salt. */
    public int keySize() {
        return cipherKeySize + saltSize;
    }

    public int cipherKeySize() {
        return cipherKeySize;
    }

    public int saltSize() {
        return saltSize;
    }

    /** Explicit IV bytes carried in each message. */
    public int ivSize() {
        return ivSize;
    }

    public int icvSize() {
        return icvSize;
    }

    /**
     * Checks key and IV sizes before any provider sees them.
     *
     * @throws IllegalArgumentException on a wrong key (cipher key plus salt) or IV size
     */
    public void check(byte[] key, byte[] iv) {
        if (key.length != keySize()) {
            throw new IllegalArgumentException(this + " needs " + keySize() + " bytes of key and salt ("
                    + cipherKeySize + " + " + saltSize + "), got " + key.length);
        }
        if (iv.length != ivSize) {
            throw new IllegalArgumentException(this + " needs an " + ivSize + "-byte IV, got " + iv.length);
        }
    }

    /** The nonce: the salt from the end of the keying material, then the explicit IV. */
    public byte[] nonce(byte[] key, byte[] iv) {
        byte[] nonce = new byte[saltSize + ivSize];
        System.arraycopy(key, cipherKeySize, nonce, 0, saltSize);
        System.arraycopy(iv, 0, nonce, saltSize, ivSize);
        return nonce;
    }
}

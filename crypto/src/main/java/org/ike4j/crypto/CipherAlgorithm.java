package org.ike4j.crypto;

/**
 * Non-AEAD ciphers. IKE pads its own plaintext, so CBC here works on whole blocks with no padding.
 * For AES-CTR (RFC 3686, RFC 5930) the key is followed by the 4-byte nonce, as KEYMAT and SK_e
 * deliver it, and {@link #keySize()} counts both.
 */
public enum CipherAlgorithm {
    DES3_CBC("ENCR_3DES", 24, 8, 8),
    AES_CBC_128("ENCR_AES_CBC", 16, 16, 16),
    AES_CBC_192("ENCR_AES_CBC", 24, 16, 16),
    AES_CBC_256("ENCR_AES_CBC", 32, 16, 16),
    AES_CTR_128("ENCR_AES_CTR", 20, 1, 8),
    AES_CTR_192("ENCR_AES_CTR", 28, 1, 8),
    AES_CTR_256("ENCR_AES_CTR", 36, 1, 8),
    /** ESP NULL encryption (RFC 2410), for tests. */
    NULL("ENCR_NULL", 0, 1, 0);

    private final String ianaName;
    private final int keySize;
    private final int blockSize;
    private final int ivSize;

    CipherAlgorithm(String ianaName, int keySize, int blockSize, int ivSize) {
        this.ianaName = ianaName;
        this.keySize = keySize;
        this.blockSize = blockSize;
        this.ivSize = ivSize;
    }

    public String ianaName() {
        return ianaName;
    }

    /** Key bytes, including any salt/nonce that follows the key in the keying material. */
    public int keySize() {
        return keySize;
    }

    /** Plaintext must be a multiple of this (1 for stream modes). */
    public int blockSize() {
        return blockSize;
    }

    /** IV bytes carried in each message. */
    public int ivSize() {
        return ivSize;
    }

    /**
     * Checks the arguments of {@link Cipher#encrypt}/{@link Cipher#decrypt} before any provider
     * sees them, so that every backend refuses the same inputs with the same message.
     *
     * @throws IllegalArgumentException on a wrong key or IV size or a partial block
     */
    public void check(byte[] key, byte[] iv, byte[] text) {
        if (key.length != keySize) {
            throw new IllegalArgumentException(this + " needs a " + keySize + "-byte key, got " + key.length);
        }
        if (iv.length != ivSize) {
            throw new IllegalArgumentException(this + " needs a " + ivSize + "-byte IV, got " + iv.length);
        }
        if (text.length % blockSize != 0) {
            throw new IllegalArgumentException(
                    this + " works on whole " + blockSize + "-byte blocks, got " + text.length + " bytes");
        }
    }
}

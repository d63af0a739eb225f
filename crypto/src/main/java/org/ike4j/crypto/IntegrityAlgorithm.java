package org.ike4j.crypto;

/**
 * Integrity (MAC) algorithms with their truncated ICV sizes (RFC 2403, RFC 2404, RFC 4868, RFC 3566,
 * RFC 4494). The key is exactly {@link #keySize()} bytes, as KEYMAT and SK_a deliver it.
 */
public enum IntegrityAlgorithm {
    HMAC_MD5_96("AUTH_HMAC_MD5_96", 16, 12),
    HMAC_SHA1_96("AUTH_HMAC_SHA1_96", 20, 12),
    /** Untruncated HMAC-SHA1 (160-bit ICV), as in one of the Wireshark test captures. */
    HMAC_SHA1_160("AUTH_HMAC_SHA1_160", 20, 20),
    HMAC_SHA2_256_128("AUTH_HMAC_SHA2_256_128", 32, 16),
    HMAC_SHA2_384_192("AUTH_HMAC_SHA2_384_192", 48, 24),
    HMAC_SHA2_512_256("AUTH_HMAC_SHA2_512_256", 64, 32),
    AES_XCBC_96("AUTH_AES_XCBC_96", 16, 12),
    /** RFC 4494: AES-CMAC truncated to 96 bits. */
    AES_CMAC_96("AUTH_AES_CMAC_96", 16, 12);

    private final String ianaName;
    private final int keySize;
    private final int icvSize;

    IntegrityAlgorithm(String ianaName, int keySize, int icvSize) {
        this.ianaName = ianaName;
        this.keySize = keySize;
        this.icvSize = icvSize;
    }

    public String ianaName() {
        return ianaName;
    }

    public int keySize() {
        return keySize;
    }

    public int icvSize() {
        return icvSize;
    }

    /** @throws IllegalArgumentException unless the key is exactly {@link #keySize()} bytes */
    public void checkKey(byte[] key) {
        if (key.length != keySize) {
            throw new IllegalArgumentException(this + " needs a " + keySize + "-byte key, got " + key.length);
        }
    }
}

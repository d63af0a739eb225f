package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 transform type 3 (integrity algorithm) ID: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.3.2; RFC 4595 (HMAC_MD5_128, HMAC_SHA1_160); RFC 4494 (AES_CMAC_96); RFC 4543 (GMAC); RFC 4868 (HMAC-SHA2).
 */
public record IntegAlgorithm(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof IntegAlgorithm other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<IntegAlgorithm> R = new Registry<>("IKEv2 transform type 3 (integrity algorithm) ID", IntegAlgorithm::new);

    public static final IntegAlgorithm NONE = R.known(0, "NONE");
    public static final IntegAlgorithm AUTH_HMAC_MD5_96 = R.known(1, "AUTH_HMAC_MD5_96");
    public static final IntegAlgorithm AUTH_HMAC_SHA1_96 = R.known(2, "AUTH_HMAC_SHA1_96");
    public static final IntegAlgorithm AUTH_DES_MAC = R.known(3, "AUTH_DES_MAC");
    public static final IntegAlgorithm AUTH_KPDK_MD5 = R.known(4, "AUTH_KPDK_MD5");
    public static final IntegAlgorithm AUTH_AES_XCBC_96 = R.known(5, "AUTH_AES_XCBC_96");
    public static final IntegAlgorithm AUTH_HMAC_MD5_128 = R.known(6, "AUTH_HMAC_MD5_128");
    public static final IntegAlgorithm AUTH_HMAC_SHA1_160 = R.known(7, "AUTH_HMAC_SHA1_160");
    public static final IntegAlgorithm AUTH_AES_CMAC_96 = R.known(8, "AUTH_AES_CMAC_96");
    public static final IntegAlgorithm AUTH_AES_128_GMAC = R.known(9, "AUTH_AES_128_GMAC");
    public static final IntegAlgorithm AUTH_AES_192_GMAC = R.known(10, "AUTH_AES_192_GMAC");
    public static final IntegAlgorithm AUTH_AES_256_GMAC = R.known(11, "AUTH_AES_256_GMAC");
    public static final IntegAlgorithm AUTH_HMAC_SHA2_256_128 = R.known(12, "AUTH_HMAC_SHA2_256_128");
    public static final IntegAlgorithm AUTH_HMAC_SHA2_384_192 = R.known(13, "AUTH_HMAC_SHA2_384_192");
    public static final IntegAlgorithm AUTH_HMAC_SHA2_512_256 = R.known(14, "AUTH_HMAC_SHA2_512_256");

    public static IntegAlgorithm of(int code) {
        return R.of(code);
    }

    public static Registry<IntegAlgorithm> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

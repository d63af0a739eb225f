package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 transform type 1 (encryption algorithm) ID: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.3.2; RFC 5282 (CCM, GCM); RFC 4543 (GMAC); RFC 5529 (Camellia); RFC 7634 (ChaCha20-Poly1305); RFC 8750 (IIV).
 */
public record EncrAlgorithm(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof EncrAlgorithm other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<EncrAlgorithm> R = new Registry<>("IKEv2 transform type 1 (encryption algorithm) ID", EncrAlgorithm::new);

    public static final EncrAlgorithm ENCR_DES_IV64 = R.known(1, "ENCR_DES_IV64");
    public static final EncrAlgorithm ENCR_DES = R.known(2, "ENCR_DES");
    public static final EncrAlgorithm ENCR_3DES = R.known(3, "ENCR_3DES");
    public static final EncrAlgorithm ENCR_RC5 = R.known(4, "ENCR_RC5");
    public static final EncrAlgorithm ENCR_IDEA = R.known(5, "ENCR_IDEA");
    public static final EncrAlgorithm ENCR_CAST = R.known(6, "ENCR_CAST");
    public static final EncrAlgorithm ENCR_BLOWFISH = R.known(7, "ENCR_BLOWFISH");
    public static final EncrAlgorithm ENCR_3IDEA = R.known(8, "ENCR_3IDEA");
    public static final EncrAlgorithm ENCR_DES_IV32 = R.known(9, "ENCR_DES_IV32");
    public static final EncrAlgorithm ENCR_NULL = R.known(11, "ENCR_NULL");
    public static final EncrAlgorithm ENCR_AES_CBC = R.known(12, "ENCR_AES_CBC");
    public static final EncrAlgorithm ENCR_AES_CTR = R.known(13, "ENCR_AES_CTR");
    public static final EncrAlgorithm ENCR_AES_CCM_8 = R.known(14, "ENCR_AES_CCM_8");
    public static final EncrAlgorithm ENCR_AES_CCM_12 = R.known(15, "ENCR_AES_CCM_12");
    public static final EncrAlgorithm ENCR_AES_CCM_16 = R.known(16, "ENCR_AES_CCM_16");
    public static final EncrAlgorithm ENCR_AES_GCM_8 = R.known(18, "ENCR_AES_GCM_8");
    public static final EncrAlgorithm ENCR_AES_GCM_12 = R.known(19, "ENCR_AES_GCM_12");
    public static final EncrAlgorithm ENCR_AES_GCM_16 = R.known(20, "ENCR_AES_GCM_16");
    public static final EncrAlgorithm ENCR_NULL_AUTH_AES_GMAC = R.known(21, "ENCR_NULL_AUTH_AES_GMAC");
    public static final EncrAlgorithm ENCR_CAMELLIA_CBC = R.known(23, "ENCR_CAMELLIA_CBC");
    public static final EncrAlgorithm ENCR_CAMELLIA_CTR = R.known(24, "ENCR_CAMELLIA_CTR");
    public static final EncrAlgorithm ENCR_CAMELLIA_CCM_8 = R.known(25, "ENCR_CAMELLIA_CCM_8");
    public static final EncrAlgorithm ENCR_CAMELLIA_CCM_12 = R.known(26, "ENCR_CAMELLIA_CCM_12");
    public static final EncrAlgorithm ENCR_CAMELLIA_CCM_16 = R.known(27, "ENCR_CAMELLIA_CCM_16");
    public static final EncrAlgorithm ENCR_CHACHA20_POLY1305 = R.known(28, "ENCR_CHACHA20_POLY1305");
    public static final EncrAlgorithm ENCR_AES_CCM_8_IIV = R.known(29, "ENCR_AES_CCM_8_IIV");
    public static final EncrAlgorithm ENCR_AES_GCM_16_IIV = R.known(30, "ENCR_AES_GCM_16_IIV");
    public static final EncrAlgorithm ENCR_CHACHA20_POLY1305_IIV = R.known(31, "ENCR_CHACHA20_POLY1305_IIV");

    public static EncrAlgorithm of(int code) {
        return R.of(code);
    }

    public static Registry<EncrAlgorithm> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 transform type 4 (key exchange method, formerly D-H group) ID, also used by ADDKE1..7: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.3.2; RFC 3526 (MODP 14-18); RFC 5903 (ECP 19-21); RFC 5114 (22-26); RFC 6954 (Brainpool); RFC 8031 (Curve25519/448); RFC 9370 and the IANA registry (ML-KEM 35-37).
 */
public record KeyExchangeMethod(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyExchangeMethod other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<KeyExchangeMethod> R = new Registry<>("IKEv2 transform type 4 (key exchange method, formerly D-H group) ID, also used by ADDKE1..7", KeyExchangeMethod::new);

    public static final KeyExchangeMethod NONE = R.known(0, "NONE");
    public static final KeyExchangeMethod MODP_768 = R.known(1, "MODP_768");
    public static final KeyExchangeMethod MODP_1024 = R.known(2, "MODP_1024");
    public static final KeyExchangeMethod MODP_1536 = R.known(5, "MODP_1536");
    public static final KeyExchangeMethod MODP_2048 = R.known(14, "MODP_2048");
    public static final KeyExchangeMethod MODP_3072 = R.known(15, "MODP_3072");
    public static final KeyExchangeMethod MODP_4096 = R.known(16, "MODP_4096");
    public static final KeyExchangeMethod MODP_6144 = R.known(17, "MODP_6144");
    public static final KeyExchangeMethod MODP_8192 = R.known(18, "MODP_8192");
    public static final KeyExchangeMethod ECP_256 = R.known(19, "ECP_256");
    public static final KeyExchangeMethod ECP_384 = R.known(20, "ECP_384");
    public static final KeyExchangeMethod ECP_521 = R.known(21, "ECP_521");
    public static final KeyExchangeMethod MODP_1024_160 = R.known(22, "MODP_1024_160");
    public static final KeyExchangeMethod MODP_2048_224 = R.known(23, "MODP_2048_224");
    public static final KeyExchangeMethod MODP_2048_256 = R.known(24, "MODP_2048_256");
    public static final KeyExchangeMethod ECP_192 = R.known(25, "ECP_192");
    public static final KeyExchangeMethod ECP_224 = R.known(26, "ECP_224");
    public static final KeyExchangeMethod BRAINPOOL_P224R1 = R.known(27, "BRAINPOOL_P224R1");
    public static final KeyExchangeMethod BRAINPOOL_P256R1 = R.known(28, "BRAINPOOL_P256R1");
    public static final KeyExchangeMethod BRAINPOOL_P384R1 = R.known(29, "BRAINPOOL_P384R1");
    public static final KeyExchangeMethod BRAINPOOL_P512R1 = R.known(30, "BRAINPOOL_P512R1");
    public static final KeyExchangeMethod CURVE25519 = R.known(31, "CURVE25519");
    public static final KeyExchangeMethod CURVE448 = R.known(32, "CURVE448");
    public static final KeyExchangeMethod ML_KEM_512 = R.known(35, "ML_KEM_512");
    public static final KeyExchangeMethod ML_KEM_768 = R.known(36, "ML_KEM_768");
    public static final KeyExchangeMethod ML_KEM_1024 = R.known(37, "ML_KEM_1024");

    public static KeyExchangeMethod of(int code) {
        return R.of(code);
    }

    public static Registry<KeyExchangeMethod> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

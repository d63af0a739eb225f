package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 authentication method: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.8; RFC 4754 (ECDSA); RFC 6467 (GSPM); RFC 7619 (NULL); RFC 7427 (DIGITAL_SIGNATURE).
 */
public record AuthMethod(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof AuthMethod other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<AuthMethod> R = new Registry<>("IKEv2 authentication method", AuthMethod::new);

    public static final AuthMethod RSA_DIGITAL_SIGNATURE = R.known(1, "RSA_DIGITAL_SIGNATURE");
    public static final AuthMethod SHARED_KEY_MIC = R.known(2, "SHARED_KEY_MIC");
    public static final AuthMethod DSS_DIGITAL_SIGNATURE = R.known(3, "DSS_DIGITAL_SIGNATURE");
    public static final AuthMethod ECDSA_SHA256_P256 = R.known(9, "ECDSA_SHA256_P256");
    public static final AuthMethod ECDSA_SHA384_P384 = R.known(10, "ECDSA_SHA384_P384");
    public static final AuthMethod ECDSA_SHA512_P521 = R.known(11, "ECDSA_SHA512_P521");
    public static final AuthMethod GENERIC_SECURE_PASSWORD = R.known(12, "GENERIC_SECURE_PASSWORD");
    public static final AuthMethod NULL_AUTHENTICATION = R.known(13, "NULL_AUTHENTICATION");
    public static final AuthMethod DIGITAL_SIGNATURE = R.known(14, "DIGITAL_SIGNATURE");

    public static AuthMethod of(int code) {
        return R.of(code);
    }

    public static Registry<AuthMethod> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 transform type 2 (pseudorandom function) ID: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.3.2; RFC 4434 (AES128_XCBC); RFC 4868 (HMAC-SHA2); RFC 4615 (AES128_CMAC).
 */
public record PrfAlgorithm(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof PrfAlgorithm other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<PrfAlgorithm> R = new Registry<>("IKEv2 transform type 2 (pseudorandom function) ID", PrfAlgorithm::new);

    public static final PrfAlgorithm PRF_HMAC_MD5 = R.known(1, "PRF_HMAC_MD5");
    public static final PrfAlgorithm PRF_HMAC_SHA1 = R.known(2, "PRF_HMAC_SHA1");
    public static final PrfAlgorithm PRF_HMAC_TIGER = R.known(3, "PRF_HMAC_TIGER");
    public static final PrfAlgorithm PRF_AES128_XCBC = R.known(4, "PRF_AES128_XCBC");
    public static final PrfAlgorithm PRF_HMAC_SHA2_256 = R.known(5, "PRF_HMAC_SHA2_256");
    public static final PrfAlgorithm PRF_HMAC_SHA2_384 = R.known(6, "PRF_HMAC_SHA2_384");
    public static final PrfAlgorithm PRF_HMAC_SHA2_512 = R.known(7, "PRF_HMAC_SHA2_512");
    public static final PrfAlgorithm PRF_AES128_CMAC = R.known(8, "PRF_AES128_CMAC");

    public static PrfAlgorithm of(int code) {
        return R.of(code);
    }

    public static Registry<PrfAlgorithm> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

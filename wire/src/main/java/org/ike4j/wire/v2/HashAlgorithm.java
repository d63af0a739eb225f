package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 hash algorithm (SIGNATURE_HASH_ALGORITHMS notify): an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7427 section 7; RFC 8420 (IDENTITY).
 */
public record HashAlgorithm(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof HashAlgorithm other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<HashAlgorithm> R = new Registry<>("IKEv2 hash algorithm (SIGNATURE_HASH_ALGORITHMS notify)", HashAlgorithm::new);

    public static final HashAlgorithm RESERVED = R.known(0, "RESERVED");
    public static final HashAlgorithm SHA1 = R.known(1, "SHA1");
    public static final HashAlgorithm SHA2_256 = R.known(2, "SHA2_256");
    public static final HashAlgorithm SHA2_384 = R.known(3, "SHA2_384");
    public static final HashAlgorithm SHA2_512 = R.known(4, "SHA2_512");
    public static final HashAlgorithm IDENTITY = R.known(5, "IDENTITY");

    public static HashAlgorithm of(int code) {
        return R.of(code);
    }

    public static Registry<HashAlgorithm> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

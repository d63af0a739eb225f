package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 transform type: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.3.2; RFC 9370 section 2.2.1 (KE renamed from D-H, ADDKE1..7).
 */
public record TransformType(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof TransformType other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<TransformType> R = new Registry<>("IKEv2 transform type", TransformType::new);

    public static final TransformType ENCR = R.known(1, "ENCR");
    public static final TransformType PRF = R.known(2, "PRF");
    public static final TransformType INTEG = R.known(3, "INTEG");
    public static final TransformType KE = R.known(4, "KE");
    public static final TransformType ESN = R.known(5, "ESN");
    public static final TransformType ADDKE1 = R.known(6, "ADDKE1");
    public static final TransformType ADDKE2 = R.known(7, "ADDKE2");
    public static final TransformType ADDKE3 = R.known(8, "ADDKE3");
    public static final TransformType ADDKE4 = R.known(9, "ADDKE4");
    public static final TransformType ADDKE5 = R.known(10, "ADDKE5");
    public static final TransformType ADDKE6 = R.known(11, "ADDKE6");
    public static final TransformType ADDKE7 = R.known(12, "ADDKE7");

    public static TransformType of(int code) {
        return R.of(code);
    }

    public static Registry<TransformType> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

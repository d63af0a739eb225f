package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 transform type 5 (extended sequence numbers) ID: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.3.2.
 */
public record EsnValue(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof EsnValue other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<EsnValue> R = new Registry<>("IKEv2 transform type 5 (extended sequence numbers) ID", EsnValue::new);

    public static final EsnValue NO_ESN = R.known(0, "NO_ESN");
    public static final EsnValue ESN = R.known(1, "ESN");

    public static EsnValue of(int code) {
        return R.of(code);
    }

    public static Registry<EsnValue> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

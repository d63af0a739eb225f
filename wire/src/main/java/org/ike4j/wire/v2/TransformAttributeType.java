package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 transform attribute type: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.3.5.
 */
public record TransformAttributeType(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof TransformAttributeType other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<TransformAttributeType> R = new Registry<>("IKEv2 transform attribute type", TransformAttributeType::new);

    public static final TransformAttributeType KEY_LENGTH = R.known(14, "KEY_LENGTH");

    public static TransformAttributeType of(int code) {
        return R.of(code);
    }

    public static Registry<TransformAttributeType> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

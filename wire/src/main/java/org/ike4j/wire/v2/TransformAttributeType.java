package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 transform attribute type: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.3.5.
 */
public record TransformAttributeType(int code, String name) implements Registry.Code {
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

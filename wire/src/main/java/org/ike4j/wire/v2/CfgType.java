package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 configuration payload CFG type: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.15.
 */
public record CfgType(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof CfgType other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<CfgType> R = new Registry<>("IKEv2 configuration payload CFG type", CfgType::new);

    public static final CfgType CFG_REQUEST = R.known(1, "CFG_REQUEST");
    public static final CfgType CFG_REPLY = R.known(2, "CFG_REPLY");
    public static final CfgType CFG_SET = R.known(3, "CFG_SET");
    public static final CfgType CFG_ACK = R.known(4, "CFG_ACK");

    public static CfgType of(int code) {
        return R.of(code);
    }

    public static Registry<CfgType> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

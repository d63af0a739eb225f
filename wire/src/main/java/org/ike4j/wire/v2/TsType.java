package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 traffic selector type: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.13.1; RFC 4595 (TS_FC_ADDR_RANGE); RFC 9478 (TS_SECLABEL).
 */
public record TsType(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof TsType other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<TsType> R = new Registry<>("IKEv2 traffic selector type", TsType::new);

    public static final TsType TS_IPV4_ADDR_RANGE = R.known(7, "TS_IPV4_ADDR_RANGE");
    public static final TsType TS_IPV6_ADDR_RANGE = R.known(8, "TS_IPV6_ADDR_RANGE");
    public static final TsType TS_FC_ADDR_RANGE = R.known(9, "TS_FC_ADDR_RANGE");
    public static final TsType TS_SECLABEL = R.known(10, "TS_SECLABEL");

    public static TsType of(int code) {
        return R.of(code);
    }

    public static Registry<TsType> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

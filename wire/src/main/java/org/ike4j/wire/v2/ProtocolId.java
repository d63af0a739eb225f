package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 security protocol identifier: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 sections 3.3.1 and 3.10 (0 is reserved; a Notify without SPI carries it, so it prints as NONE).
 */
public record ProtocolId(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof ProtocolId other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<ProtocolId> R = new Registry<>("IKEv2 security protocol identifier", ProtocolId::new);

    public static final ProtocolId NONE = R.known(0, "NONE");
    public static final ProtocolId IKE = R.known(1, "IKE");
    public static final ProtocolId AH = R.known(2, "AH");
    public static final ProtocolId ESP = R.known(3, "ESP");

    public static ProtocolId of(int code) {
        return R.of(code);
    }

    public static Registry<ProtocolId> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

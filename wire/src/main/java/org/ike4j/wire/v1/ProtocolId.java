package org.ike4j.wire.v1;

import org.ike4j.wire.Registry;

/** IPsec DOI security protocol identifiers, RFC 2407 section 4.4.1. */
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

    private static final Registry<ProtocolId> R = new Registry<>("IPsec DOI protocol identifier", ProtocolId::new);

    /** Used in notifications that concern no SA (RFC 2407 section 4.4.1 lists 0 as RESERVED). */
    public static final ProtocolId RESERVED = R.known(0, "RESERVED");
    public static final ProtocolId PROTO_ISAKMP = R.known(1, "PROTO_ISAKMP");
    public static final ProtocolId PROTO_IPSEC_AH = R.known(2, "PROTO_IPSEC_AH");
    public static final ProtocolId PROTO_IPSEC_ESP = R.known(3, "PROTO_IPSEC_ESP");
    public static final ProtocolId PROTO_IPCOMP = R.known(4, "PROTO_IPCOMP");

    public ProtocolId {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("protocol id is one byte: " + code);
        }
    }

    public static ProtocolId of(int code) {
        return R.of(code);
    }
}

package org.ike4j.wire.v1;

import org.ike4j.wire.Registry;

/**
 * ISAKMP exchange types: RFC 2408 section 3.1 (0-5), mode-config TRANSACTION (6,
 * draft-ietf-ipsec-isakmp-mode-cfg), RFC 2409 Quick Mode (32) and New Group Mode (33).
 */
public record ExchangeType(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof ExchangeType other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<ExchangeType> R = new Registry<>("ISAKMP exchange type", ExchangeType::new);

    public static final ExchangeType NONE = R.known(0, "NONE");
    public static final ExchangeType BASE = R.known(1, "BASE");
    /** Identity Protection, which RFC 2409 uses for Main Mode. */
    public static final ExchangeType ID_PROT = R.known(2, "ID_PROT");
    public static final ExchangeType AUTH_ONLY = R.known(3, "AUTH_ONLY");
    public static final ExchangeType AGGRESSIVE = R.known(4, "AGGRESSIVE");
    public static final ExchangeType INFORMATIONAL = R.known(5, "INFORMATIONAL");
    public static final ExchangeType TRANSACTION = R.known(6, "TRANSACTION");
    public static final ExchangeType QUICK = R.known(32, "QUICK");
    public static final ExchangeType NEW_GROUP = R.known(33, "NEW_GROUP");

    public ExchangeType {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("exchange type is one byte: " + code);
        }
    }

    public static ExchangeType of(int code) {
        return R.of(code);
    }
}

package org.ike4j.wire.v1;

import org.ike4j.wire.Registry;

/** IPsec DOI identification types, RFC 2407 section 4.6.2.1 (ID_LIST 12 from RFC 3554). */
public record IdType(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof IdType other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<IdType> R = new Registry<>("IPsec DOI identification type", IdType::new);

    public static final IdType IPV4_ADDR = R.known(1, "ID_IPV4_ADDR");
    public static final IdType FQDN = R.known(2, "ID_FQDN");
    public static final IdType USER_FQDN = R.known(3, "ID_USER_FQDN");
    public static final IdType IPV4_ADDR_SUBNET = R.known(4, "ID_IPV4_ADDR_SUBNET");
    public static final IdType IPV6_ADDR = R.known(5, "ID_IPV6_ADDR");
    public static final IdType IPV6_ADDR_SUBNET = R.known(6, "ID_IPV6_ADDR_SUBNET");
    public static final IdType IPV4_ADDR_RANGE = R.known(7, "ID_IPV4_ADDR_RANGE");
    public static final IdType IPV6_ADDR_RANGE = R.known(8, "ID_IPV6_ADDR_RANGE");
    public static final IdType DER_ASN1_DN = R.known(9, "ID_DER_ASN1_DN");
    public static final IdType DER_ASN1_GN = R.known(10, "ID_DER_ASN1_GN");
    public static final IdType KEY_ID = R.known(11, "ID_KEY_ID");
    public static final IdType LIST = R.known(12, "ID_LIST");

    public IdType {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("ID type is one byte: " + code);
        }
    }

    public static IdType of(int code) {
        return R.of(code);
    }

    /**
     * The exact identification data length this type requires (RFC 2407 section 4.6.2.2-4.6.2.12:
     * an IPv4 address is 4 bytes, a subnet or range two of them, IPv6 the same with 16), or -1
     * when the type has variable-length data.
     */
    public int fixedDataLength() {
        return switch (code) {
            case 1 -> 4;
            case 4, 7 -> 8;
            case 5 -> 16;
            case 6, 8 -> 32;
            default -> -1;
        };
    }

    /** True for the types whose data must not be empty (names, DNs, key ids, lists). */
    public boolean requiresData() {
        return code >= 1 && code <= 12;
    }
}

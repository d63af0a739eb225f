package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 identification type: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.5; RFC 4595 (ID_FC_NAME); RFC 7619 (ID_NULL).
 */
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

    private static final Registry<IdType> R = new Registry<>("IKEv2 identification type", IdType::new);

    public static final IdType ID_IPV4_ADDR = R.known(1, "ID_IPV4_ADDR");
    public static final IdType ID_FQDN = R.known(2, "ID_FQDN");
    public static final IdType ID_RFC822_ADDR = R.known(3, "ID_RFC822_ADDR");
    public static final IdType ID_IPV6_ADDR = R.known(5, "ID_IPV6_ADDR");
    public static final IdType ID_DER_ASN1_DN = R.known(9, "ID_DER_ASN1_DN");
    public static final IdType ID_DER_ASN1_GN = R.known(10, "ID_DER_ASN1_GN");
    public static final IdType ID_KEY_ID = R.known(11, "ID_KEY_ID");
    public static final IdType ID_FC_NAME = R.known(12, "ID_FC_NAME");
    public static final IdType ID_NULL = R.known(13, "ID_NULL");

    public static IdType of(int code) {
        return R.of(code);
    }

    public static Registry<IdType> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

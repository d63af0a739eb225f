package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 payload type: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.2; RFC 6467 (GSPM); G-IKEv2 (IDg, GSA, KD); RFC 7383 (SKF); RFC 8019 (PS).
 */
public record PayloadType(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof PayloadType other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<PayloadType> R = new Registry<>("IKEv2 payload type", PayloadType::new);

    public static final PayloadType NO_NEXT_PAYLOAD = R.known(0, "NO_NEXT_PAYLOAD");
    public static final PayloadType SA = R.known(33, "SA");
    public static final PayloadType KE = R.known(34, "KE");
    public static final PayloadType IDI = R.known(35, "IDi");
    public static final PayloadType IDR = R.known(36, "IDr");
    public static final PayloadType CERT = R.known(37, "CERT");
    public static final PayloadType CERTREQ = R.known(38, "CERTREQ");
    public static final PayloadType AUTH = R.known(39, "AUTH");
    public static final PayloadType NONCE = R.known(40, "Nonce");
    public static final PayloadType NOTIFY = R.known(41, "Notify");
    public static final PayloadType DELETE = R.known(42, "Delete");
    public static final PayloadType VENDOR_ID = R.known(43, "Vendor_ID");
    public static final PayloadType TSI = R.known(44, "TSi");
    public static final PayloadType TSR = R.known(45, "TSr");
    public static final PayloadType SK = R.known(46, "SK");
    public static final PayloadType CP = R.known(47, "CP");
    public static final PayloadType EAP = R.known(48, "EAP");
    public static final PayloadType GSPM = R.known(49, "GSPM");
    public static final PayloadType IDG = R.known(50, "IDg");
    public static final PayloadType GSA = R.known(51, "GSA");
    public static final PayloadType KD = R.known(52, "KD");
    public static final PayloadType SKF = R.known(53, "SKF");
    public static final PayloadType PS = R.known(54, "PS");

    public static PayloadType of(int code) {
        return R.of(code);
    }

    public static Registry<PayloadType> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * EAP packet code: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 3748 section 4 (carried in the IKEv2 EAP payload, RFC 7296 section 3.16); RFC 6696 (Initiate, Finish).
 */
public record EapCode(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof EapCode other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<EapCode> R = new Registry<>("EAP packet code", EapCode::new);

    public static final EapCode REQUEST = R.known(1, "Request");
    public static final EapCode RESPONSE = R.known(2, "Response");
    public static final EapCode SUCCESS = R.known(3, "Success");
    public static final EapCode FAILURE = R.known(4, "Failure");
    public static final EapCode INITIATE = R.known(5, "Initiate");
    public static final EapCode FINISH = R.known(6, "Finish");

    public static EapCode of(int code) {
        return R.of(code);
    }

    public static Registry<EapCode> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

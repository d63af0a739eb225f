package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 exchange type: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.1; RFC 5723 (IKE_SESSION_RESUME); G-IKEv2 (GSA_*); RFC 9242 (IKE_INTERMEDIATE); RFC 9370 (IKE_FOLLOWUP_KE).
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

    private static final Registry<ExchangeType> R = new Registry<>("IKEv2 exchange type", ExchangeType::new);

    public static final ExchangeType IKE_SA_INIT = R.known(34, "IKE_SA_INIT");
    public static final ExchangeType IKE_AUTH = R.known(35, "IKE_AUTH");
    public static final ExchangeType CREATE_CHILD_SA = R.known(36, "CREATE_CHILD_SA");
    public static final ExchangeType INFORMATIONAL = R.known(37, "INFORMATIONAL");
    public static final ExchangeType IKE_SESSION_RESUME = R.known(38, "IKE_SESSION_RESUME");
    public static final ExchangeType GSA_AUTH = R.known(39, "GSA_AUTH");
    public static final ExchangeType GSA_REGISTRATION = R.known(40, "GSA_REGISTRATION");
    public static final ExchangeType GSA_REKEY = R.known(41, "GSA_REKEY");
    public static final ExchangeType IKE_INTERMEDIATE = R.known(43, "IKE_INTERMEDIATE");
    public static final ExchangeType IKE_FOLLOWUP_KE = R.known(44, "IKE_FOLLOWUP_KE");

    public static ExchangeType of(int code) {
        return R.of(code);
    }

    public static Registry<ExchangeType> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

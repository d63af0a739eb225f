package org.ike4j.wire.v1;

import org.ike4j.wire.Registry;

/**
 * ISAKMP next payload types: RFC 2408 section 3.1, the mode-config attribute payload
 * (draft-ietf-ipsec-isakmp-mode-cfg), the GDOI types (RFC 6407), NAT-T (RFC 3947 section 3.2 and
 * 4.2, with the draft-era private numbers 130 and 131), and the IKEv1 fragment payload (132, the
 * Cisco/strongSwan format). Names follow RFC 2408 ("SA", "P", "T", ...).
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

    private static final Registry<PayloadType> R = new Registry<>("ISAKMP payload type", PayloadType::new);

    public static final PayloadType NONE = R.known(0, "NONE");
    public static final PayloadType SA = R.known(1, "SA");
    /** Proposal: only inside an SA payload. */
    public static final PayloadType P = R.known(2, "P");
    /** Transform: only inside a proposal. */
    public static final PayloadType T = R.known(3, "T");
    public static final PayloadType KE = R.known(4, "KE");
    public static final PayloadType ID = R.known(5, "ID");
    public static final PayloadType CERT = R.known(6, "CERT");
    public static final PayloadType CR = R.known(7, "CR");
    public static final PayloadType HASH = R.known(8, "HASH");
    public static final PayloadType SIG = R.known(9, "SIG");
    public static final PayloadType NONCE = R.known(10, "NONCE");
    public static final PayloadType N = R.known(11, "N");
    public static final PayloadType D = R.known(12, "D");
    public static final PayloadType VID = R.known(13, "VID");
    /** Mode-config / XAUTH attribute payload. */
    public static final PayloadType ATTR = R.known(14, "ATTR");
    public static final PayloadType SAK = R.known(15, "SAK");
    public static final PayloadType SAT = R.known(16, "SAT");
    public static final PayloadType KD = R.known(17, "KD");
    public static final PayloadType SEQ = R.known(18, "SEQ");
    public static final PayloadType POP = R.known(19, "POP");
    /** RFC 3947 section 3.2. */
    public static final PayloadType NAT_D = R.known(20, "NAT-D");
    /** RFC 3947 section 5.2. */
    public static final PayloadType NAT_OA = R.known(21, "NAT-OA");
    /** draft-ietf-ipsec-nat-t-ike-02/03 private-use number for NAT-D. */
    public static final PayloadType NAT_D_DRAFT = R.known(130, "NAT-D-DRAFT");
    /** draft-ietf-ipsec-nat-t-ike-02/03 private-use number for NAT-OA. */
    public static final PayloadType NAT_OA_DRAFT = R.known(131, "NAT-OA-DRAFT");
    /** IKEv1 fragment (Cisco/strongSwan format). */
    public static final PayloadType FRAGMENT = R.known(132, "FRAGMENT");

    public PayloadType {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("payload type is one byte: " + code);
        }
    }

    public static PayloadType of(int code) {
        return R.of(code);
    }
}

package org.ike4j.wire.v1;

import org.ike4j.wire.Registry;

/**
 * Domains of interpretation (RFC 2408 section 3.4, RFC 2407 section 4.2, GDOI RFC 6407), and the
 * IPsec DOI situation bits of RFC 2407 section 4.2. The DOI is a 32-bit field; it is kept as its
 * raw int bits.
 */
public record Doi(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof Doi other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<Doi> R = new Registry<>("DOI", Doi::new);

    /** Generic ISAKMP SA (RFC 2408 section 3.4: DOI 0 during Phase 1). */
    public static final Doi ISAKMP = R.known(0, "ISAKMP");
    public static final Doi IPSEC = R.known(1, "IPSEC");
    public static final Doi GDOI = R.known(2, "GDOI");

    /** RFC 2407 section 4.2 situation bits. */
    public static final int SIT_IDENTITY_ONLY = 0x01;
    public static final int SIT_SECRECY = 0x02;
    public static final int SIT_INTEGRITY = 0x04;

    public static Doi of(int code) {
        return R.of(code);
    }

    /** The situation bits by name, e.g. {@code SIT_IDENTITY_ONLY}, with the raw value. */
    public static String situationName(int situation) {
        // every SA payload of a capture prints its situation: the few usual values' texts made once
        if (situation >= 0 && situation < SITUATION_NAMES.length) {
            String made = SITUATION_NAMES[situation];
            if (made == null) {
                made = makeSituationName(situation);
                SITUATION_NAMES[situation] = made;
            }
            return made;
        }
        return makeSituationName(situation);
    }

    /** The texts of situations 0..7, made when first asked for (strings are safe to publish racily). */
    private static final String[] SITUATION_NAMES = new String[8];

    private static String makeSituationName(int situation) {
        StringBuilder sb = new StringBuilder();
        int rest = situation;
        String[] names = {"SIT_IDENTITY_ONLY", "SIT_SECRECY", "SIT_INTEGRITY"};
        for (int i = 0; i < names.length; i++) {
            if ((situation & (1 << i)) != 0) {
                sb.append(sb.isEmpty() ? "" : "+").append(names[i]);
                rest &= ~(1 << i);
            }
        }
        if (rest != 0 || sb.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : "+").append(String.format("0x%08x", rest));
        }
        return sb + String.format(" (0x%08x)", situation);
    }
}

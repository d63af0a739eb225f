package org.ike4j.crypto.ke;

import java.math.BigInteger;
import java.security.spec.NamedParameterSpec;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;

/**
 * The two RFC 7748 functions as RFC 8031 uses them for IKE groups 31 and 32: field prime, base
 * point and the decoding of a received u-coordinate.
 */
enum Xdh {
    /** p = 2^255 - 19, base point u = 9 (RFC 7748 section 4.1). */
    X25519(DhGroup.CURVE25519, NamedParameterSpec.X25519,
        BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19)), BigInteger.valueOf(9)),
    /** p = 2^448 - 2^224 - 1, base point u = 5 (RFC 7748 section 4.2). */
    X448(DhGroup.CURVE448, NamedParameterSpec.X448,
        BigInteger.ONE.shiftLeft(448).subtract(BigInteger.ONE.shiftLeft(224)).subtract(BigInteger.ONE),
        BigInteger.valueOf(5));

    private final DhGroup group;
    private final NamedParameterSpec spec;
    private final BigInteger p;
    private final BigInteger basePoint;

    Xdh(DhGroup group, NamedParameterSpec spec, BigInteger p, BigInteger basePoint) {
        this.group = group;
        this.spec = spec;
        this.p = p;
        this.basePoint = basePoint;
    }

    static Xdh of(DhGroup group) {
        return switch (group) {
            case CURVE25519 -> X25519;
            case CURVE448 -> X448;
            default -> throw new IllegalArgumentException(group + " is not a Montgomery group");
        };
    }

    DhGroup group() {
        return group;
    }

    NamedParameterSpec spec() {
        return spec;
    }

    BigInteger basePoint() {
        return basePoint;
    }

    /**
     * A received u-coordinate as RFC 7748 section 5 decodes it: little-endian; for X25519 the
     * unused top bit is masked; a non-canonical value (p or more) is taken modulo p. Only the length
     * is refused here; small-order points show up as an all-zero result.
     */
    BigInteger decodeU(byte[] publicValue) throws InvalidPublicValueException {
        if (publicValue.length != group.publicSize()) {
            throw new InvalidPublicValueException(group + ": public value has " + publicValue.length
                + " bytes, expected " + group.publicSize());
        }
        byte[] le = publicValue.clone();
        if (this == X25519) {
            le[31] &= 0x7f;
        }
        return Octets.unsignedLittleEndian(le).mod(p);
    }
}

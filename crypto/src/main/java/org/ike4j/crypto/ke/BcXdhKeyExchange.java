package org.ike4j.crypto.ke;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X448;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;

/**
 * Curve25519 and Curve448 (RFC 8031) with BouncyCastle's RFC 7748 functions. The private scalar
 * stays in an array this class owns, so {@link #close()} can overwrite it. BouncyCastle's decoding
 * masks the X25519 top bit and reduces non-canonical u as RFC 7748 section 5 requires.
 */
final class BcXdhKeyExchange implements KeyExchange {
    private final DhGroup group;
    private final byte[] scalar;
    private final byte[] publicValue;
    private boolean closed;

    private BcXdhKeyExchange(DhGroup group, byte[] scalar) {
        this.group = group;
        this.scalar = scalar;
        this.publicValue = new byte[group.publicSize()];
        switch (group) {
            case CURVE25519 -> X25519.generatePublicKey(scalar, 0, publicValue, 0);
            case CURVE448 -> X448.generatePublicKey(scalar, 0, publicValue, 0);
            default -> throw new IllegalArgumentException(group + " is not a Montgomery group");
        }
    }

    static BcXdhKeyExchange generate(DhGroup group, SecureRandom random) {
        byte[] k = new byte[group.sharedSize()];
        switch (group) {
            case CURVE25519 -> X25519.generatePrivateKey(random, k);
            case CURVE448 -> X448.generatePrivateKey(random, k);
            default -> throw new IllegalArgumentException(group + " is not a Montgomery group");
        }
        return new BcXdhKeyExchange(group, k);
    }

    /** Test hook for known-answer vectors: the raw little-endian private scalar. */
    static BcXdhKeyExchange withPrivateValue(DhGroup group, byte[] scalar) {
        if (scalar.length != group.sharedSize()) {
            throw new IllegalArgumentException("scalar must have " + group.sharedSize() + " bytes");
        }
        return new BcXdhKeyExchange(group, scalar.clone());
    }

    @Override
    public DhGroup group() {
        return group;
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public Secret sharedSecret(byte[] peerPublicValue) throws InvalidPublicValueException {
        if (closed) {
            throw new IllegalStateException("key exchange was closed");
        }
        Xdh.of(group).decodeU(peerPublicValue); // length check; BouncyCastle decodes itself
        byte[] z = new byte[group.sharedSize()];
        boolean nonZero = switch (group) {
            case CURVE25519 -> X25519.calculateAgreement(scalar, 0, peerPublicValue, 0, z, 0);
            case CURVE448 -> X448.calculateAgreement(scalar, 0, peerPublicValue, 0, z, 0);
            default -> throw new IllegalStateException();
        };
        if (!nonZero || Octets.allZero(z)) {
            // RFC 7748 section 6.1 / RFC 8031 section 2: an all-zero result means a small-order point.
            throw new InvalidPublicValueException(group + ": shared secret is all zero (small-order point)");
        }
        return Secret.wrap(z);
    }

    @Override
    public void close() {
        closed = true;
        Arrays.fill(scalar, (byte) 0);
    }

    @Override
    public String toString() {
        return "BcXdhKeyExchange[" + group + "]";
    }
}

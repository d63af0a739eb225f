package org.ike4j.crypto.ke;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;

/**
 * Diffie-Hellman over a MODP group (RFC 2409 section 6, RFC 3526, RFC 5114) on
 * {@link BigInteger#modPow}, which is also what the JDK's own "DH" KeyAgreement and BouncyCastle's
 * DHBasicAgreement compute with; both the jca and the bc backend use this class.
 *
 * <p>The private exponent follows NIST SP 800-56A rev. 3 section 5.6.1.1.1 (and the sizing
 * discussion of RFC 3526 section 8): x is uniform in [1, min(2^N, q) - 1] with N twice the group's
 * security strength, so a 2048-bit group gets a 224-bit exponent rather than the 1024 bits the
 * JDK's DH key pair generator picks by default. For the safe-prime groups q = (p-1)/2 is far above
 * 2^N; for the RFC 5114 groups 22-24 the published q also bounds x.
 *
 * <p>The peer's value is checked as RFC 6989 section 2.1 asks for MODP groups: exactly as long as
 * the prime, 1 &lt; y &lt; p-1, and for the RFC 5114 groups, whose primes are not safe, also
 * y^q = 1 mod p (section 2.2), so that y lies in the prime-order subgroup.
 */
final class ModpKeyExchange implements KeyExchange {
    private final DhGroup group;
    private final ModpConstants.Params params;
    private BigInteger x;
    private final byte[] publicValue;

    private ModpKeyExchange(DhGroup group, BigInteger x) {
        this.group = group;
        this.params = ModpConstants.of(group);
        this.x = x;
        this.publicValue = Octets.leftPad(params.g().modPow(x, params.p()), group.publicSize());
    }

    static ModpKeyExchange generate(DhGroup group, SecureRandom random) {
        return new ModpKeyExchange(group, privateExponent(group, random));
    }

    /** Test hook for known-answer vectors: a key exchange with the given private exponent. */
    static ModpKeyExchange withPrivateValue(DhGroup group, BigInteger x) {
        ModpConstants.Params params = ModpConstants.of(group);
        if (x.signum() <= 0 || x.compareTo(params.p().subtract(BigInteger.ONE)) >= 0) {
            throw new IllegalArgumentException("private exponent out of range");
        }
        return new ModpKeyExchange(group, x);
    }

    /** The exclusive upper bound min(2^N, q) of the private exponent, N = 2 x strength. */
    static BigInteger exponentBound(DhGroup group) {
        BigInteger bound = BigInteger.ONE.shiftLeft(2 * group.strengthBits());
        BigInteger q = ModpConstants.of(group).q();
        return q != null && q.compareTo(bound) < 0 ? q : bound;
    }

    private static BigInteger privateExponent(DhGroup group, SecureRandom random) {
        BigInteger bound = exponentBound(group);
        int bits = bound.subtract(BigInteger.ONE).bitLength();
        // Rejection sampling keeps x uniform; for a power-of-two bound only x = 0 is redrawn.
        while (true) {
            BigInteger x = new BigInteger(bits, random);
            if (x.signum() > 0 && x.compareTo(bound) < 0) {
                return x;
            }
        }
    }

    /** Test hook: the private exponent, so a test can check its size. */
    BigInteger privateExponentForTest() {
        return x;
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
        BigInteger privateExponent = x;
        if (privateExponent == null) {
            throw new IllegalStateException("key exchange was closed");
        }
        BigInteger y = validate(group, peerPublicValue);
        BigInteger shared = y.modPow(privateExponent, params.p());
        if (shared.equals(BigInteger.ONE)) {
            // Unreachable for a validated y and an exponent below its order; kept as a last guard.
            throw new InvalidPublicValueException(group + ": shared secret is 1");
        }
        return Secret.wrap(Octets.leftPad(shared, group.sharedSize()));
    }

    /** RFC 6989 section 2.1/2.2 checks on a peer's MODP public value; returns it as an integer. */
    static BigInteger validate(DhGroup group, byte[] peerPublicValue) throws InvalidPublicValueException {
        BigInteger y = checkRange(group, peerPublicValue);
        ModpConstants.Params params = ModpConstants.of(group);
        if (params.q() != null && !y.modPow(params.q(), params.p()).equals(BigInteger.ONE)) {
            throw new InvalidPublicValueException(group + ": public value not in the order-q subgroup");
        }
        return y;
    }

    /**
     * The cheap part of the checks, done before anything is answered (RFC 6989 section 2.1): as long
     * as the prime, and 1 &lt; y &lt; p-1. For the safe-prime groups this is all there is to check:
     * the only small subgroup is {1, p-1}, excluded here. The subgroup test y^q = 1 of the RFC 5114
     * groups 22-24 (section 2.2) costs a modular exponentiation about as long as the shared secret
     * itself, so it stays with the computation in {@link #validate}.
     */
    static BigInteger checkRange(DhGroup group, byte[] peerPublicValue) throws InvalidPublicValueException {
        if (peerPublicValue.length != group.publicSize()) {
            throw new InvalidPublicValueException(group + ": public value has " + peerPublicValue.length
                + " bytes, expected " + group.publicSize());
        }
        ModpConstants.Params params = ModpConstants.of(group);
        BigInteger p = params.p();
        BigInteger y = new BigInteger(1, peerPublicValue);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            throw new InvalidPublicValueException(group + ": public value " + describe(y, p) + " is not in (1, p-1)");
        }
        return y;
    }

    /** Names a value that failed the range check: 0, 1, p-1, p or above p. */
    private static String describe(BigInteger y, BigInteger p) {
        if (y.signum() == 0) {
            return "0";
        }
        if (y.equals(BigInteger.ONE)) {
            return "1";
        }
        if (y.equals(p.subtract(BigInteger.ONE))) {
            return "p-1";
        }
        if (y.equals(p)) {
            return "p";
        }
        return "above p"; // the range check fails for nothing else
    }

    /**
     * Drops the exponent. A BigInteger cannot be overwritten, so its bytes stay on the heap until
     * the garbage collector reuses them.
     */
    @Override
    public void close() {
        x = null;
    }

    @Override
    public String toString() {
        return "ModpKeyExchange[" + group + "]";
    }
}

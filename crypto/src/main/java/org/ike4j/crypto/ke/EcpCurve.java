package org.ike4j.crypto.ke;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.EnumMap;
import java.util.Map;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;

/**
 * The NIST prime curves of RFC 5903 (groups 19-21) and their KE payload encoding: the public value
 * is x | y, each coordinate as long as the field (section 7), with no point-format byte; the
 * shared secret is the x coordinate of the shared point alone (section 7). The curve parameters come
 * from the JDK's SunEC named-curve table (FIPS 186-4 D.1.2), so no constants are repeated here.
 *
 * @param name the SEC 2 name the JCA knows the curve by
 * @param fieldSize bytes of one coordinate
 */
record EcpCurve(DhGroup group, String name, ECParameterSpec spec, int fieldSize) {

    private static final Map<DhGroup, EcpCurve> ALL = new EnumMap<>(DhGroup.class);

    static {
        ALL.put(DhGroup.ECP_256, load(DhGroup.ECP_256, "secp256r1"));
        ALL.put(DhGroup.ECP_384, load(DhGroup.ECP_384, "secp384r1"));
        ALL.put(DhGroup.ECP_521, load(DhGroup.ECP_521, "secp521r1"));
    }

    static EcpCurve of(DhGroup group) {
        EcpCurve curve = ALL.get(group);
        if (curve == null) {
            throw new IllegalArgumentException(group + " is not an ECP group");
        }
        return curve;
    }

    private static EcpCurve load(DhGroup group, String name) {
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("EC", "SunEC");
            ap.init(new ECGenParameterSpec(name));
            ECParameterSpec spec = ap.getParameterSpec(ECParameterSpec.class);
            int fieldSize = (spec.getCurve().getField().getFieldSize() + 7) / 8;
            if (2 * fieldSize != group.publicSize() || fieldSize != group.sharedSize()) {
                throw new IllegalStateException(group + " sizes disagree with " + name);
            }
            return new EcpCurve(group, name, spec, fieldSize);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunEC lacks " + name, e);
        }
    }

    BigInteger p() {
        return ((ECFieldFp) spec.getCurve().getField()).getP();
    }

    /** x | y, each left-padded to the field size (RFC 5903 section 7). */
    byte[] encode(BigInteger x, BigInteger y) {
        byte[] out = new byte[2 * fieldSize];
        System.arraycopy(Octets.leftPad(x, fieldSize), 0, out, 0, fieldSize);
        System.arraycopy(Octets.leftPad(y, fieldSize), 0, out, fieldSize, fieldSize);
        return out;
    }

    /**
     * Decodes and validates a peer's x | y as RFC 6989 section 2.3 and SP 800-56A section 5.6.2.3.3
     * ask: exactly 2 x field size bytes, both coordinates in [0, p-1], and y^2 = x^3 + ax + b mod p.
     * The point at infinity has no x | y encoding, and (0, 0), the usual stand-in, fails the curve
     * equation because b is not zero. The NIST curves have cofactor 1, so a point on the curve is in
     * the group and no order check is needed.
     */
    ECPoint decode(byte[] publicValue) throws InvalidPublicValueException {
        if (publicValue.length != 2 * fieldSize) {
            throw new InvalidPublicValueException(group + ": public value has " + publicValue.length
                + " bytes, expected " + 2 * fieldSize);
        }
        BigInteger p = p();
        BigInteger x = Octets.unsigned(publicValue, 0, fieldSize);
        BigInteger y = Octets.unsigned(publicValue, fieldSize, 2 * fieldSize);
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw new InvalidPublicValueException(group + ": coordinate not below the field prime");
        }
        if (x.signum() == 0 && y.signum() == 0) {
            // what some encoders send for the point at infinity, which has no x | y form (RFC 6989 2.3)
            throw new InvalidPublicValueException(group + ": public value is (0, 0), the point at infinity");
        }
        BigInteger a = spec.getCurve().getA();
        BigInteger b = spec.getCurve().getB();
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).add(a).multiply(x).add(b).mod(p);
        if (!lhs.equals(rhs)) {
            throw new InvalidPublicValueException(group + ": point is not on the curve");
        }
        if (spec.getCofactor() != 1) {
            throw new IllegalStateException(name + " has a cofactor; subgroup check missing");
        }
        return new ECPoint(x, y);
    }
}

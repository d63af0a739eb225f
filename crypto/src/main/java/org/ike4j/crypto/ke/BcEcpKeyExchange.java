package org.ike4j.crypto.ke;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;

/**
 * ECDH over the RFC 5903 curves with BouncyCastle's lightweight API (its specialised field
 * arithmetic for the NIST primes). The peer's point is validated by {@link EcpCurve#decode} and
 * then rebuilt with BouncyCastle's own {@code validatePoint}, which checks the curve equation again.
 */
final class BcEcpKeyExchange implements KeyExchange {
    private static final Map<DhGroup, ECDomainParameters> DOMAINS = new EnumMap<>(DhGroup.class);

    static {
        for (DhGroup group : new DhGroup[] {DhGroup.ECP_256, DhGroup.ECP_384, DhGroup.ECP_521}) {
            X9ECParameters x9 = CustomNamedCurves.getByName(EcpCurve.of(group).name());
            DOMAINS.put(group, new ECDomainParameters(x9));
        }
    }

    private final EcpCurve curve;
    private final ECDomainParameters domain;
    private ECPrivateKeyParameters privateKey;
    private final byte[] publicValue;

    private BcEcpKeyExchange(DhGroup group, ECPrivateKeyParameters privateKey, ECPoint publicPoint) {
        this.curve = EcpCurve.of(group);
        this.domain = DOMAINS.get(group);
        this.privateKey = privateKey;
        ECPoint q = publicPoint.normalize();
        this.publicValue = curve.encode(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    }

    static BcEcpKeyExchange generate(DhGroup group, SecureRandom random) {
        ECDomainParameters domain = domain(group);
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(domain, random));
        AsymmetricCipherKeyPair kp = gen.generateKeyPair();
        return new BcEcpKeyExchange(group, (ECPrivateKeyParameters) kp.getPrivate(),
            ((ECPublicKeyParameters) kp.getPublic()).getQ());
    }

    /** Test hook for known-answer vectors: the private scalar {@code d} (big-endian). */
    static BcEcpKeyExchange withPrivateValue(DhGroup group, BigInteger d) {
        ECDomainParameters domain = domain(group);
        ECPrivateKeyParameters key = new ECPrivateKeyParameters(d, domain);
        return new BcEcpKeyExchange(group, key, new FixedPointCombMultiplier().multiply(domain.getG(), d));
    }

    /** d x G encoded as x | y; also serves the JCA test hook, which has no way to compute it. */
    static byte[] publicValueOf(DhGroup group, BigInteger d) {
        ECDomainParameters domain = domain(group);
        if (d.signum() <= 0 || d.compareTo(domain.getN()) >= 0) {
            throw new IllegalArgumentException("private scalar out of range");
        }
        ECPoint q = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
        return EcpCurve.of(group).encode(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    }

    private static ECDomainParameters domain(DhGroup group) {
        ECDomainParameters domain = DOMAINS.get(group);
        if (domain == null) {
            throw new IllegalArgumentException(group + " is not an ECP group");
        }
        return domain;
    }

    @Override
    public DhGroup group() {
        return curve.group();
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public Secret sharedSecret(byte[] peerPublicValue) throws InvalidPublicValueException {
        ECPrivateKeyParameters key = privateKey;
        if (key == null) {
            throw new IllegalStateException("key exchange was closed");
        }
        java.security.spec.ECPoint checked = curve.decode(peerPublicValue);
        ECPoint peer;
        try {
            peer = domain.getCurve().validatePoint(checked.getAffineX(), checked.getAffineY());
        } catch (IllegalArgumentException e) {
            throw new InvalidPublicValueException(curve.group() + ": point is not on the curve");
        }
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(key);
        BigInteger z;
        try {
            z = agreement.calculateAgreement(new ECPublicKeyParameters(peer, domain));
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The shared point is infinity: impossible for a validated point on a prime-order curve.
            throw new InvalidPublicValueException(curve.group() + ": no shared point");
        }
        return Secret.wrap(Octets.leftPad(z, curve.fieldSize()));
    }

    /** Drops the private scalar; BouncyCastle keeps it as a BigInteger, which cannot be wiped. */
    @Override
    public void close() {
        privateKey = null;
    }

    @Override
    public String toString() {
        return "BcEcpKeyExchange[" + curve.group() + "]";
    }
}

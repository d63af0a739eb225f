package org.ike4j.crypto.ke;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.security.auth.DestroyFailedException;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;

/**
 * ECDH over the RFC 5903 curves through a JCA provider's "EC" KeyPairGenerator and "ECDH"
 * KeyAgreement: the JDK's SunEC for the jca backend, Amazon Corretto Crypto Provider (AWS-LC) for
 * the accp backend. The provider object is passed to every getInstance and never installed.
 * The peer's point is validated here ({@link EcpCurve#decode}) before the provider sees it, so the
 * check does not depend on what each provider does.
 */
final class JcaEcpKeyExchange implements KeyExchange {
    private final EcpCurve curve;
    private final Provider provider;
    private PrivateKey privateKey;
    private final byte[] publicValue;

    private JcaEcpKeyExchange(EcpCurve curve, Provider provider, PrivateKey privateKey, byte[] publicValue) {
        this.curve = curve;
        this.provider = provider;
        this.privateKey = privateKey;
        this.publicValue = publicValue;
    }

    /**
     * A fresh key pair. SunEC draws the scalar from {@code random}; ACCP ignores it and uses
     * AWS-LC's own DRBG.
     */
    static JcaEcpKeyExchange generate(DhGroup group, Provider provider, SecureRandom random) {
        EcpCurve curve = EcpCurve.of(group);
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", provider);
            kpg.initialize(new ECGenParameterSpec(curve.name()), random);
            KeyPair kp = kpg.generateKeyPair();
            ECPoint w = ((ECPublicKey) kp.getPublic()).getW();
            return new JcaEcpKeyExchange(curve, provider, kp.getPrivate(), curve.encode(w.getAffineX(), w.getAffineY()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(provider.getName() + " cannot generate " + curve.name(), e);
        }
    }

    /**
     * Test hook for known-answer vectors: the private scalar {@code d} (big-endian). The public
     * point is computed with BouncyCastle's curve arithmetic, as the JCA offers no way to derive it.
     */
    static JcaEcpKeyExchange withPrivateValue(DhGroup group, Provider provider, BigInteger d) {
        EcpCurve curve = EcpCurve.of(group);
        try {
            PrivateKey key = KeyFactory.getInstance("EC", provider)
                .generatePrivate(new ECPrivateKeySpec(d, curve.spec()));
            return new JcaEcpKeyExchange(curve, provider, key, BcEcpKeyExchange.publicValueOf(group, d));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(provider.getName() + " rejects the private value", e);
        }
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
        PrivateKey key = privateKey;
        if (key == null) {
            throw new IllegalStateException("key exchange was closed");
        }
        ECPoint peer = curve.decode(peerPublicValue);
        byte[] z;
        try {
            KeyFactory kf = KeyFactory.getInstance("EC", provider);
            KeyAgreement ka = KeyAgreement.getInstance("ECDH", provider);
            ka.init(key);
            ka.doPhase(kf.generatePublic(new ECPublicKeySpec(peer, curve.spec())), true);
            z = ka.generateSecret();
        } catch (java.security.InvalidKeyException | java.security.spec.InvalidKeySpecException e) {
            // Our own checks passed, so this would be the provider's stricter view of the point.
            throw new InvalidPublicValueException(curve.group() + ": " + provider.getName() + " rejected the point");
        } catch (RuntimeException e) {
            // ACCP reports a point AWS-LC refuses with an unchecked RuntimeCryptoException; fail closed.
            throw new InvalidPublicValueException(curve.group() + ": " + provider.getName() + " rejected the point");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(provider.getName() + " ECDH failed", e);
        }
        try {
            return Secret.wrap(Octets.leftPad(z, curve.fieldSize()));
        } finally {
            Arrays.fill(z, (byte) 0);
        }
    }

    /**
     * Drops the private key after asking it to destroy itself; SunEC's and ACCP's keys refuse
     * ({@link DestroyFailedException}), so their copies stay until garbage collection.
     */
    @Override
    public void close() {
        PrivateKey key = privateKey;
        privateKey = null;
        if (key != null) {
            try {
                key.destroy();
            } catch (DestroyFailedException e) {
                // Not supported by the provider; nothing more can be done from here.
            }
        }
    }

    @Override
    public String toString() {
        return "JcaEcpKeyExchange[" + curve.group() + ", " + provider.getName() + "]";
    }
}

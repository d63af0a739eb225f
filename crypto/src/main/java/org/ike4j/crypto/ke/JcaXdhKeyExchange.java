package org.ike4j.crypto.ke;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.XECPublicKey;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.security.auth.DestroyFailedException;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;

/**
 * Curve25519 and Curve448 (RFC 8031) through the JDK's SunEC "XDH" KeyAgreement. The KE payload
 * carries the raw little-endian u-coordinate (RFC 8031 section 2, RFC 7748 section 5): 32 bytes for
 * X25519, 56 for X448.
 */
final class JcaXdhKeyExchange implements KeyExchange {
    private static final Provider SUN_EC = Security.getProvider("SunEC");

    private final DhGroup group;
    private PrivateKey privateKey;
    private final byte[] publicValue;

    private JcaXdhKeyExchange(DhGroup group, PrivateKey privateKey, byte[] publicValue) {
        this.group = group;
        this.privateKey = privateKey;
        this.publicValue = publicValue;
    }

    static JcaXdhKeyExchange generate(DhGroup group, SecureRandom random) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("XDH", SUN_EC);
            kpg.initialize(Xdh.of(group).spec(), random);
            KeyPair kp = kpg.generateKeyPair();
            BigInteger u = ((XECPublicKey) kp.getPublic()).getU();
            return new JcaXdhKeyExchange(group, kp.getPrivate(), Octets.littleEndian(u, group.publicSize()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunEC cannot generate " + group, e);
        }
    }

    /**
     * Test hook for known-answer vectors: the raw little-endian private scalar (clamped by the
     * function, RFC 7748 section 5). Its public value is the scalar times the base point.
     */
    static JcaXdhKeyExchange withPrivateValue(DhGroup group, byte[] scalar) {
        Xdh xdh = Xdh.of(group);
        try {
            PrivateKey key = KeyFactory.getInstance("XDH", SUN_EC)
                .generatePrivate(new XECPrivateKeySpec(xdh.spec(), scalar.clone()));
            byte[] pub = agree(group, key, xdh.basePoint());
            return new JcaXdhKeyExchange(group, key, pub);
        } catch (GeneralSecurityException | InvalidPublicValueException e) {
            throw new IllegalStateException("SunEC rejects the private value", e);
        }
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
        PrivateKey key = privateKey;
        if (key == null) {
            throw new IllegalStateException("key exchange was closed");
        }
        BigInteger u = Xdh.of(group).decodeU(peerPublicValue);
        try {
            return Secret.wrap(agree(group, key, u));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunEC XDH failed", e);
        }
    }

    private static byte[] agree(DhGroup group, PrivateKey key, BigInteger u)
        throws GeneralSecurityException, InvalidPublicValueException {
        Xdh xdh = Xdh.of(group);
        KeyAgreement ka = KeyAgreement.getInstance("XDH", SUN_EC);
        ka.init(key);
        byte[] z;
        try {
            ka.doPhase(KeyFactory.getInstance("XDH", SUN_EC).generatePublic(new XECPublicKeySpec(xdh.spec(), u)), true);
            z = ka.generateSecret();
        } catch (InvalidKeyException e) {
            // SunEC refuses a small-order point by its all-zero result, as RFC 7748 section 6 allows.
            throw new InvalidPublicValueException(group + ": shared secret is all zero (small-order point)");
        }
        if (z.length != group.sharedSize() || Octets.allZero(z)) {
            Arrays.fill(z, (byte) 0);
            throw new InvalidPublicValueException(group + ": shared secret is all zero (small-order point)");
        }
        return z;
    }

    /** Drops the private key; SunEC's XDH keys refuse {@code destroy()}. */
    @Override
    public void close() {
        PrivateKey key = privateKey;
        privateKey = null;
        if (key != null) {
            try {
                key.destroy();
            } catch (DestroyFailedException e) {
                // Not supported by SunEC.
            }
        }
    }

    @Override
    public String toString() {
        return "JcaXdhKeyExchange[" + group + "]";
    }
}

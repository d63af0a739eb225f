package org.ike4j.crypto.ke;

import java.math.BigInteger;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Optional;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;

/**
 * Key exchange implementations per backend; each backend's {@code keyExchange} delegates here.
 *
 * <table>
 * <caption>Who computes what</caption>
 * <tr><th>groups</th><th>jca</th><th>bc</th><th>accp</th></tr>
 * <tr><td>MODP 1, 2, 5, 14-18, 22-24</td><td>BigInteger</td><td>BigInteger</td><td>-</td></tr>
 * <tr><td>ECP 19-21</td><td>SunEC</td><td>lightweight ECDH</td><td>AWS-LC ECDH</td></tr>
 * <tr><td>Curve25519/448 (31, 32)</td><td>SunEC XDH</td><td>rfc7748 X25519/X448</td><td>-</td></tr>
 * </table>
 *
 * <p>MODP is one implementation on {@link BigInteger#modPow} for jca and bc alike: the JDK's "DH"
 * KeyAgreement computes the same modPow with more conversions around it, and ACCP 2.5 offers no
 * finite-field DH (nor XDH) at all.
 */
public final class KeyExchanges {
    private KeyExchanges() {
    }

    /** The JDK's providers. */
    public static Optional<KeyExchange> jca(DhGroup group, SecureRandom random) {
        return Backend.JCA.create(group, random);
    }

    /** BouncyCastle's lightweight API. */
    public static Optional<KeyExchange> bc(DhGroup group, SecureRandom random) {
        return Backend.BC.create(group, random);
    }

    /** Amazon Corretto Crypto Provider, only where its native library loads. */
    public static Optional<KeyExchange> accp(DhGroup group, SecureRandom random) {
        return Backend.ACCP.create(group, random);
    }

    /**
     * The checks of a peer's public value that cost next to nothing, for a responder to make before
     * it keeps state or answers (RFC 7296 1.2, RFC 6989 section 2), the same for every backend:
     * <ul>
     * <li>MODP: the prime's length and 1 &lt; y &lt; p-1 (RFC 6989 2.1). The order-q subgroup test
     * of groups 22-24 (2.2) is a modular exponentiation; it is made with the shared secret.</li>
     * <li>ECP: twice the field's length, coordinates below p, not (0, 0) for the point at infinity,
     * and on the curve (2.3): a few multiplications mod p.</li>
     * <li>Curve25519/448: the length only. Every 32 or 56 bytes decode to a u-coordinate (RFC 7748
     * section 5); a small-order one shows only as the all-zero shared secret that RFC 8031 section 2
     * has the computation refuse.</li>
     * </ul>
     * {@link KeyExchange#sharedSecret} repeats these checks, so a value that passes here can still
     * fail there, for the reasons above only.
     *
     * @throws InvalidPublicValueException naming the group and what is wrong with the value
     */
    public static void checkPublicValue(DhGroup group, byte[] peerPublicValue) throws InvalidPublicValueException {
        switch (group.kind()) {
            case MODP -> ModpKeyExchange.checkRange(group, peerPublicValue);
            case ECP -> EcpCurve.of(group).decode(peerPublicValue);
            case MONTGOMERY -> Xdh.of(group).decodeU(peerPublicValue);
        }
    }

    /**
     * A key exchange of the named backend ("jca", "bc", "accp") whose private value is given rather
     * than drawn, for the start-up known-answer tests; empty when that backend lacks the group.
     * For MODP and ECP the value is the big-endian exponent or scalar; for Curve25519/448 the raw
     * little-endian scalar of RFC 7748. Never use it to negotiate.
     */
    public static Optional<KeyExchange> knownAnswer(String backend, DhGroup group, byte[] privateValue) {
        for (Backend b : Backend.values()) {
            if (b.name().equalsIgnoreCase(backend)) {
                return b.withPrivateValue(group, privateValue);
            }
        }
        return Optional.empty();
    }

    enum Backend {
        JCA, BC, ACCP;

        boolean available() {
            return switch (this) {
                case JCA, BC -> true;
                case ACCP -> Accp.PROVIDER != null;
            };
        }

        Optional<KeyExchange> create(DhGroup group, SecureRandom random) {
            if (!supports(group)) {
                return Optional.empty();
            }
            return Optional.of(switch (group.kind()) {
                case MODP -> ModpKeyExchange.generate(group, random);
                case ECP -> this == BC
                    ? BcEcpKeyExchange.generate(group, random)
                    : JcaEcpKeyExchange.generate(group, ecProvider(), random);
                case MONTGOMERY -> this == BC
                    ? BcXdhKeyExchange.generate(group, random)
                    : JcaXdhKeyExchange.generate(group, random);
            });
        }

        /**
         * Test hook for known-answer vectors: a key exchange whose private value is given rather
         * than drawn. For MODP and ECP it is the big-endian exponent or scalar; for Curve25519/448
         * the raw little-endian scalar of RFC 7748.
         */
        Optional<KeyExchange> withPrivateValue(DhGroup group, byte[] privateValue) {
            if (!supports(group)) {
                return Optional.empty();
            }
            BigInteger asInteger = new BigInteger(1, privateValue);
            return Optional.of(switch (group.kind()) {
                case MODP -> ModpKeyExchange.withPrivateValue(group, asInteger);
                case ECP -> this == BC
                    ? BcEcpKeyExchange.withPrivateValue(group, asInteger)
                    : JcaEcpKeyExchange.withPrivateValue(group, ecProvider(), asInteger);
                case MONTGOMERY -> this == BC
                    ? BcXdhKeyExchange.withPrivateValue(group, privateValue)
                    : JcaXdhKeyExchange.withPrivateValue(group, privateValue);
            });
        }

        boolean supports(DhGroup group) {
            return available() && switch (this) {
                case JCA -> group.kind() == DhGroup.Kind.MODP || Jca.SUN_EC != null;
                case BC -> true;
                case ACCP -> group.kind() == DhGroup.Kind.ECP;
            };
        }

        private Provider ecProvider() {
            return this == ACCP ? Accp.PROVIDER : Jca.SUN_EC;
        }
    }

    private static final class Jca {
        static final Provider SUN_EC = Security.getProvider("SunEC");
    }

    /** ACCP, held apart so that a missing jar or native library only disables this backend. */
    private static final class Accp {
        static final Provider PROVIDER = load();

        private static Provider load() {
            try {
                var accp = com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
                return accp.getLoadingError() == null ? accp : null;
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }
    }
}

package org.ike4j.wire.v1;

import org.ike4j.wire.Registry;

/**
 * The IPsec DOI SA attributes of RFC 2407 section 4.5, with ECN_TUNNEL (RFC 3168 section 9.2.1),
 * EXTENDED_SEQUENCE_NUMBER (RFC 4304), AUTH_KEY_LENGTH (RFC 4359), the NAT-T encapsulation modes
 * (RFC 3947 section 5.1 and the draft-era 61443/61444) and the IANA authentication algorithms
 * (RFC 4868 SHA-2, RFC 3566 XCBC, RFC 4543 GMAC).
 */
public final class IpsecAttributes {
    private IpsecAttributes() {
    }

    /** IPsec DOI attribute classes. */
    public record Type(int code, String name) implements Registry.Code {
        private static final Registry<Type> R = new Registry<>("IPsec DOI attribute type", Type::new);
        public static final Type SA_LIFE_TYPE = R.known(1, "SA_LIFE_TYPE");
        public static final Type SA_LIFE_DURATION = R.known(2, "SA_LIFE_DURATION");
        public static final Type GROUP_DESCRIPTION = R.known(3, "GROUP_DESCRIPTION");
        public static final Type ENCAPSULATION_MODE = R.known(4, "ENCAPSULATION_MODE");
        public static final Type AUTH_ALGORITHM = R.known(5, "AUTH_ALGORITHM");
        public static final Type KEY_LENGTH = R.known(6, "KEY_LENGTH");
        public static final Type KEY_ROUNDS = R.known(7, "KEY_ROUNDS");
        public static final Type COMPRESS_DICTIONARY_SIZE = R.known(8, "COMPRESS_DICTIONARY_SIZE");
        public static final Type COMPRESS_PRIVATE_ALGORITHM = R.known(9, "COMPRESS_PRIVATE_ALGORITHM");
        public static final Type ECN_TUNNEL = R.known(10, "ECN_TUNNEL");
        public static final Type EXTENDED_SEQUENCE_NUMBER = R.known(11, "EXTENDED_SEQUENCE_NUMBER");
        public static final Type AUTH_KEY_LENGTH = R.known(12, "AUTH_KEY_LENGTH");
        public static final Type SIG_ENC_ALGO = R.known(13, "SIG_ENC_ALGO");
        public static final Type ADDR_PRESERVATION = R.known(14, "ADDR_PRESERVATION");
        public static final Type SA_DIRECTION = R.known(15, "SA_DIRECTION");

        public static Type of(int code) {
            return R.of(code);
        }
    }

    /** RFC 2407 section 4.5 encapsulation modes, RFC 3947 section 5.1 UDP modes and their draft numbers. */
    public record EncapsulationMode(int code, String name) implements Registry.Code {
        private static final Registry<EncapsulationMode> R = new Registry<>("encapsulation mode", EncapsulationMode::new);
        public static final EncapsulationMode TUNNEL = R.known(1, "TUNNEL");
        public static final EncapsulationMode TRANSPORT = R.known(2, "TRANSPORT");
        public static final EncapsulationMode UDP_TUNNEL = R.known(3, "UDP_TUNNEL");
        public static final EncapsulationMode UDP_TRANSPORT = R.known(4, "UDP_TRANSPORT");
        public static final EncapsulationMode UDP_TUNNEL_DRAFT = R.known(61443, "UDP_TUNNEL_DRAFT");
        public static final EncapsulationMode UDP_TRANSPORT_DRAFT = R.known(61444, "UDP_TRANSPORT_DRAFT");

        public static EncapsulationMode of(int code) {
            return R.of(code);
        }
    }

    /** RFC 2407 section 4.5 authentication algorithms and IANA additions. */
    public record AuthAlgorithm(int code, String name) implements Registry.Code {
        private static final Registry<AuthAlgorithm> R = new Registry<>("IPsec authentication algorithm", AuthAlgorithm::new);
        public static final AuthAlgorithm HMAC_MD5 = R.known(1, "HMAC_MD5");
        public static final AuthAlgorithm HMAC_SHA = R.known(2, "HMAC_SHA");
        public static final AuthAlgorithm DES_MAC = R.known(3, "DES_MAC");
        public static final AuthAlgorithm KPDK = R.known(4, "KPDK");
        public static final AuthAlgorithm HMAC_SHA2_256 = R.known(5, "HMAC_SHA2_256");
        public static final AuthAlgorithm HMAC_SHA2_384 = R.known(6, "HMAC_SHA2_384");
        public static final AuthAlgorithm HMAC_SHA2_512 = R.known(7, "HMAC_SHA2_512");
        public static final AuthAlgorithm HMAC_RIPEMD = R.known(8, "HMAC_RIPEMD");
        public static final AuthAlgorithm AES_XCBC_MAC = R.known(9, "AES_XCBC_MAC");
        public static final AuthAlgorithm SIG_RSA = R.known(10, "SIG_RSA");
        public static final AuthAlgorithm AES_128_GMAC = R.known(11, "AES_128_GMAC");
        public static final AuthAlgorithm AES_192_GMAC = R.known(12, "AES_192_GMAC");
        public static final AuthAlgorithm AES_256_GMAC = R.known(13, "AES_256_GMAC");

        public static AuthAlgorithm of(int code) {
            return R.of(code);
        }
    }

    /** RFC 3168 section 9.2.1 ECN_TUNNEL values. */
    public record EcnTunnel(int code, String name) implements Registry.Code {
        private static final Registry<EcnTunnel> R = new Registry<>("ECN tunnel", EcnTunnel::new);
        public static final EcnTunnel ALLOWED = R.known(1, "ALLOWED");
        public static final EcnTunnel FORBIDDEN = R.known(2, "FORBIDDEN");

        public static EcnTunnel of(int code) {
            return R.of(code);
        }
    }

    static Registry.Code valueName(int type, int value) {
        return switch (type) {
            case 1 -> Phase1Attributes.LifeType.of(value);
            case 3 -> Phase1Attributes.GroupDescription.of(value);
            case 4 -> EncapsulationMode.of(value);
            case 5 -> AuthAlgorithm.of(value);
            case 10 -> EcnTunnel.of(value);
            default -> null;
        };
    }
}

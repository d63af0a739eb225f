package org.ike4j.wire.v1;

import org.ike4j.wire.Registry;

/**
 * The Phase 1 (Oakley) SA attributes of RFC 2409 Appendix A: the attribute classes and the value
 * registries of the basic ones. Later IANA assignments are named with their RFC: AES-CBC
 * (RFC 3602), Camellia (RFC 4312), SHA-2 (RFC 4868), ECDSA (RFC 4754), the MODP and ECP groups of
 * RFC 3526, RFC 5903, RFC 5114 and RFC 6932, and the XAUTH / hybrid authentication methods of
 * draft-ietf-ipsec-isakmp-xauth and draft-ietf-ipsec-isakmp-hybrid-auth.
 */
public final class Phase1Attributes {
    private Phase1Attributes() {
    }

    /** Phase 1 attribute classes (RFC 2409 Appendix A); B = basic (TV), V = variable (TLV). */
    public record Type(int code, String name) implements Registry.Code {
        private static final Registry<Type> R = new Registry<>("Phase 1 attribute type", Type::new);
        public static final Type ENCRYPTION_ALGORITHM = R.known(1, "ENCRYPTION_ALGORITHM");
        public static final Type HASH_ALGORITHM = R.known(2, "HASH_ALGORITHM");
        public static final Type AUTHENTICATION_METHOD = R.known(3, "AUTHENTICATION_METHOD");
        public static final Type GROUP_DESCRIPTION = R.known(4, "GROUP_DESCRIPTION");
        public static final Type GROUP_TYPE = R.known(5, "GROUP_TYPE");
        public static final Type GROUP_PRIME = R.known(6, "GROUP_PRIME");
        public static final Type GROUP_GENERATOR_ONE = R.known(7, "GROUP_GENERATOR_ONE");
        public static final Type GROUP_GENERATOR_TWO = R.known(8, "GROUP_GENERATOR_TWO");
        public static final Type GROUP_CURVE_A = R.known(9, "GROUP_CURVE_A");
        public static final Type GROUP_CURVE_B = R.known(10, "GROUP_CURVE_B");
        public static final Type LIFE_TYPE = R.known(11, "LIFE_TYPE");
        public static final Type LIFE_DURATION = R.known(12, "LIFE_DURATION");
        public static final Type PRF = R.known(13, "PRF");
        public static final Type KEY_LENGTH = R.known(14, "KEY_LENGTH");
        public static final Type FIELD_SIZE = R.known(15, "FIELD_SIZE");
        public static final Type GROUP_ORDER = R.known(16, "GROUP_ORDER");

        public static Type of(int code) {
            return R.of(code);
        }
    }

    /** RFC 2409 Appendix A encryption algorithms. */
    public record EncryptionAlgorithm(int code, String name) implements Registry.Code {
        private static final Registry<EncryptionAlgorithm> R = new Registry<>("Phase 1 encryption algorithm", EncryptionAlgorithm::new);
        public static final EncryptionAlgorithm DES_CBC = R.known(1, "DES_CBC");
        public static final EncryptionAlgorithm IDEA_CBC = R.known(2, "IDEA_CBC");
        public static final EncryptionAlgorithm BLOWFISH_CBC = R.known(3, "BLOWFISH_CBC");
        public static final EncryptionAlgorithm RC5_R16_B64_CBC = R.known(4, "RC5_R16_B64_CBC");
        public static final EncryptionAlgorithm TRIPLE_DES_CBC = R.known(5, "3DES_CBC");
        public static final EncryptionAlgorithm CAST_CBC = R.known(6, "CAST_CBC");
        public static final EncryptionAlgorithm AES_CBC = R.known(7, "AES_CBC");
        public static final EncryptionAlgorithm CAMELLIA_CBC = R.known(8, "CAMELLIA_CBC");

        public static EncryptionAlgorithm of(int code) {
            return R.of(code);
        }
    }

    /** RFC 2409 Appendix A hash algorithms (4-6 from RFC 4868). */
    public record HashAlgorithm(int code, String name) implements Registry.Code {
        private static final Registry<HashAlgorithm> R = new Registry<>("Phase 1 hash algorithm", HashAlgorithm::new);
        public static final HashAlgorithm MD5 = R.known(1, "MD5");
        public static final HashAlgorithm SHA = R.known(2, "SHA");
        public static final HashAlgorithm TIGER = R.known(3, "TIGER");
        public static final HashAlgorithm SHA2_256 = R.known(4, "SHA2_256");
        public static final HashAlgorithm SHA2_384 = R.known(5, "SHA2_384");
        public static final HashAlgorithm SHA2_512 = R.known(6, "SHA2_512");

        public static HashAlgorithm of(int code) {
            return R.of(code);
        }
    }

    /** RFC 2409 Appendix A authentication methods, with RFC 4754 ECDSA and the XAUTH/hybrid numbers. */
    public record AuthMethod(int code, String name) implements Registry.Code {
        private static final Registry<AuthMethod> R = new Registry<>("Phase 1 authentication method", AuthMethod::new);
        public static final AuthMethod PRE_SHARED_KEY = R.known(1, "PRE_SHARED_KEY");
        public static final AuthMethod DSS_SIGNATURES = R.known(2, "DSS_SIGNATURES");
        public static final AuthMethod RSA_SIGNATURES = R.known(3, "RSA_SIGNATURES");
        public static final AuthMethod RSA_ENCRYPTION = R.known(4, "RSA_ENCRYPTION");
        public static final AuthMethod RSA_REVISED_ENCRYPTION = R.known(5, "RSA_REVISED_ENCRYPTION");
        public static final AuthMethod ELGAMAL_ENCRYPTION = R.known(6, "ELGAMAL_ENCRYPTION");
        public static final AuthMethod ELGAMAL_REVISED_ENCRYPTION = R.known(7, "ELGAMAL_REVISED_ENCRYPTION");
        public static final AuthMethod ECDSA_SIGNATURES = R.known(8, "ECDSA_SIGNATURES");
        public static final AuthMethod ECDSA_SHA256_P256 = R.known(9, "ECDSA_SHA256_P256");
        public static final AuthMethod ECDSA_SHA384_P384 = R.known(10, "ECDSA_SHA384_P384");
        public static final AuthMethod ECDSA_SHA512_P521 = R.known(11, "ECDSA_SHA512_P521");
        public static final AuthMethod HYBRID_INIT_RSA = R.known(64221, "HybridInitRSA");
        public static final AuthMethod HYBRID_RESP_RSA = R.known(64222, "HybridRespRSA");
        public static final AuthMethod HYBRID_INIT_DSS = R.known(64223, "HybridInitDSS");
        public static final AuthMethod HYBRID_RESP_DSS = R.known(64224, "HybridRespDSS");
        public static final AuthMethod XAUTH_INIT_PRESHARED = R.known(65001, "XAUTHInitPreShared");
        public static final AuthMethod XAUTH_RESP_PRESHARED = R.known(65002, "XAUTHRespPreShared");
        public static final AuthMethod XAUTH_INIT_DSS = R.known(65003, "XAUTHInitDSS");
        public static final AuthMethod XAUTH_RESP_DSS = R.known(65004, "XAUTHRespDSS");
        public static final AuthMethod XAUTH_INIT_RSA = R.known(65005, "XAUTHInitRSA");
        public static final AuthMethod XAUTH_RESP_RSA = R.known(65006, "XAUTHRespRSA");
        public static final AuthMethod XAUTH_INIT_RSA_ENCRYPTION = R.known(65007, "XAUTHInitRSAEncryption");
        public static final AuthMethod XAUTH_RESP_RSA_ENCRYPTION = R.known(65008, "XAUTHRespRSAEncryption");
        public static final AuthMethod XAUTH_INIT_RSA_REVISED_ENCRYPTION = R.known(65009, "XAUTHInitRSARevisedEncryption");
        public static final AuthMethod XAUTH_RESP_RSA_REVISED_ENCRYPTION = R.known(65010, "XAUTHRespRSARevisedEncryption");

        public static AuthMethod of(int code) {
            return R.of(code);
        }
    }

    /**
     * Group descriptions (RFC 2409 section 6 and Appendix A; RFC 3526 MODP 5 and 14-18; RFC 5903
     * ECP 19-21; RFC 5114 22-26; RFC 6932 brainpool 27-30). Shared by the IPsec DOI
     * GROUP_DESCRIPTION attribute (RFC 2407 section 4.5).
     */
    public record GroupDescription(int code, String name) implements Registry.Code {
        private static final Registry<GroupDescription> R = new Registry<>("group description", GroupDescription::new);
        public static final GroupDescription MODP_768 = R.known(1, "MODP_768");
        public static final GroupDescription MODP_1024 = R.known(2, "MODP_1024");
        public static final GroupDescription EC2N_155 = R.known(3, "EC2N_155");
        public static final GroupDescription EC2N_185 = R.known(4, "EC2N_185");
        public static final GroupDescription MODP_1536 = R.known(5, "MODP_1536");
        public static final GroupDescription MODP_2048 = R.known(14, "MODP_2048");
        public static final GroupDescription MODP_3072 = R.known(15, "MODP_3072");
        public static final GroupDescription MODP_4096 = R.known(16, "MODP_4096");
        public static final GroupDescription MODP_6144 = R.known(17, "MODP_6144");
        public static final GroupDescription MODP_8192 = R.known(18, "MODP_8192");
        public static final GroupDescription ECP_256 = R.known(19, "ECP_256");
        public static final GroupDescription ECP_384 = R.known(20, "ECP_384");
        public static final GroupDescription ECP_521 = R.known(21, "ECP_521");
        public static final GroupDescription MODP_1024_160 = R.known(22, "MODP_1024_160");
        public static final GroupDescription MODP_2048_224 = R.known(23, "MODP_2048_224");
        public static final GroupDescription MODP_2048_256 = R.known(24, "MODP_2048_256");
        public static final GroupDescription ECP_192 = R.known(25, "ECP_192");
        public static final GroupDescription ECP_224 = R.known(26, "ECP_224");
        public static final GroupDescription ECP_224_BP = R.known(27, "ECP_224_BP");
        public static final GroupDescription ECP_256_BP = R.known(28, "ECP_256_BP");
        public static final GroupDescription ECP_384_BP = R.known(29, "ECP_384_BP");
        public static final GroupDescription ECP_512_BP = R.known(30, "ECP_512_BP");

        public static GroupDescription of(int code) {
            return R.of(code);
        }
    }

    /** RFC 2409 Appendix A group types. */
    public record GroupType(int code, String name) implements Registry.Code {
        private static final Registry<GroupType> R = new Registry<>("group type", GroupType::new);
        public static final GroupType MODP = R.known(1, "MODP");
        public static final GroupType ECP = R.known(2, "ECP");
        public static final GroupType EC2N = R.known(3, "EC2N");

        public static GroupType of(int code) {
            return R.of(code);
        }
    }

    /** Life types: RFC 2409 Appendix A (Phase 1) and RFC 2407 section 4.5 SA_LIFE_TYPE use the same numbers. */
    public record LifeType(int code, String name) implements Registry.Code {
        private static final Registry<LifeType> R = new Registry<>("life type", LifeType::new);
        public static final LifeType SECONDS = R.known(1, "SECONDS");
        public static final LifeType KILOBYTES = R.known(2, "KILOBYTES");

        public static LifeType of(int code) {
            return R.of(code);
        }
    }

    /** The named value of a basic attribute of this class, or null when its values are not a registry. */
    static Registry.Code valueName(int type, int value) {
        return switch (type) {
            case 1 -> EncryptionAlgorithm.of(value);
            case 2 -> HashAlgorithm.of(value);
            case 3 -> AuthMethod.of(value);
            case 4 -> GroupDescription.of(value);
            case 5 -> GroupType.of(value);
            case 11 -> LifeType.of(value);
            default -> null;
        };
    }
}

package org.ike4j.engine.v1;

import java.util.Optional;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.config.IkeProposal;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.kdf.Ikev1HashAlgorithm;
import org.ike4j.wire.v1.IpsecAttributes;
import org.ike4j.wire.v1.Phase1Attributes;
import org.ike4j.wire.v1.TransformId;

/**
 * The one place where IKEv1 attribute values (RFC 2409 Appendix A for Phase 1, RFC 2407 section
 * 4.5 and 4.4.4 for the IPsec DOI) meet the crypto and configuration enums.
 */
public final class Ikev1Algorithms {
    private Ikev1Algorithms() {
    }

    /** Phase 1 ENCRYPTION_ALGORITHM (+ KEY_LENGTH in bits, 0 when absent) to a CBC cipher. */
    public static Optional<CipherAlgorithm> phase1Cipher(int code, int keyBits) {
        if (code == Phase1Attributes.EncryptionAlgorithm.TRIPLE_DES_CBC.code()) {
            return keyBits == 0 || keyBits == 192 ? Optional.of(CipherAlgorithm.DES3_CBC) : Optional.empty();
        }
        if (code == Phase1Attributes.EncryptionAlgorithm.AES_CBC.code()) {
            return aesCbc(keyBits);
        }
        return Optional.empty();
    }

    /** The Phase 1 ENCRYPTION_ALGORITHM code of a CBC cipher, -1 if IKEv1 has none. */
    public static int phase1CipherCode(CipherAlgorithm c) {
        return switch (c) {
            case DES3_CBC -> Phase1Attributes.EncryptionAlgorithm.TRIPLE_DES_CBC.code();
            case AES_CBC_128, AES_CBC_192, AES_CBC_256 -> Phase1Attributes.EncryptionAlgorithm.AES_CBC.code();
            default -> -1;
        };
    }

    /** Whether the cipher's key length goes in a KEY_LENGTH attribute (variable-length ciphers). */
    public static boolean needsKeyLength(CipherAlgorithm c) {
        return c == CipherAlgorithm.AES_CBC_128 || c == CipherAlgorithm.AES_CBC_192 || c == CipherAlgorithm.AES_CBC_256;
    }

    static Optional<CipherAlgorithm> aesCbc(int keyBits) {
        return switch (keyBits) {
            case 128, 0 -> Optional.of(CipherAlgorithm.AES_CBC_128);
            case 192 -> Optional.of(CipherAlgorithm.AES_CBC_192);
            case 256 -> Optional.of(CipherAlgorithm.AES_CBC_256);
            default -> Optional.empty();
        };
    }

    /** Phase 1 HASH_ALGORITHM to the hash (and its HMAC, the PRF when no PRF attribute is sent). */
    public static Optional<Ikev1HashAlgorithm> phase1Hash(int code) {
        return switch (code) {
            case 1 -> Optional.of(Ikev1HashAlgorithm.MD5);
            case 2 -> Optional.of(Ikev1HashAlgorithm.SHA1);
            case 4 -> Optional.of(Ikev1HashAlgorithm.SHA2_256);
            case 5 -> Optional.of(Ikev1HashAlgorithm.SHA2_384);
            case 6 -> Optional.of(Ikev1HashAlgorithm.SHA2_512);
            default -> Optional.empty();
        };
    }

    public static int phase1HashCode(Ikev1HashAlgorithm h) {
        return switch (h) {
            case MD5 -> Phase1Attributes.HashAlgorithm.MD5.code();
            case SHA1 -> Phase1Attributes.HashAlgorithm.SHA.code();
            case SHA2_256 -> Phase1Attributes.HashAlgorithm.SHA2_256.code();
            case SHA2_384 -> Phase1Attributes.HashAlgorithm.SHA2_384.code();
            case SHA2_512 -> Phase1Attributes.HashAlgorithm.SHA2_512.code();
        };
    }

    /** The IKEv1 hash a configured proposal means: from its PRF, else from its integrity algorithm. */
    public static Optional<Ikev1HashAlgorithm> hashOf(PrfAlgorithm prf) {
        for (Ikev1HashAlgorithm h : Ikev1HashAlgorithm.values()) {
            if (h.hmac() == prf) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    public static Optional<Ikev1HashAlgorithm> hashOf(IntegrityAlgorithm integrity) {
        return switch (integrity) {
            case HMAC_MD5_96 -> Optional.of(Ikev1HashAlgorithm.MD5);
            case HMAC_SHA1_96, HMAC_SHA1_160 -> Optional.of(Ikev1HashAlgorithm.SHA1);
            case HMAC_SHA2_256_128 -> Optional.of(Ikev1HashAlgorithm.SHA2_256);
            case HMAC_SHA2_384_192 -> Optional.of(Ikev1HashAlgorithm.SHA2_384);
            case HMAC_SHA2_512_256 -> Optional.of(Ikev1HashAlgorithm.SHA2_512);
            default -> Optional.empty();
        };
    }

    /** The hashes a configured IKE proposal allows, PRFs first (strongSwan's order), deduplicated. */
    public static java.util.List<Ikev1HashAlgorithm> hashes(IkeProposal p) {
        java.util.LinkedHashSet<Ikev1HashAlgorithm> s = new java.util.LinkedHashSet<>();
        p.prf().forEach(a -> hashOf(a).ifPresent(s::add));
        p.integrity().forEach(a -> hashOf(a).ifPresent(s::add));
        return java.util.List.copyOf(s);
    }

    public static Optional<DhGroup> group(int code) {
        try {
            return Optional.of(DhGroup.byNumber(code));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** IPsec DOI ESP transform ID (+ KEY_LENGTH) to a classic cipher (3DES, AES-CBC, AES-CTR, NULL). */
    public static Optional<CipherAlgorithm> espCipher(int transformId, int keyBits) {
        return espEncryption(transformId, keyBits).flatMap(e -> e instanceof Encryption.Cipher c
                ? Optional.of(c.algorithm()) : Optional.empty());
    }

    /**
     * IPsec DOI ESP transform ID (+ KEY_LENGTH in bits, 0 when absent) to the encryption it names:
     * ESP_3DES, ESP_AES (RFC 3602, 128 bits without KEY_LENGTH), ESP_NULL, ESP_AES-CTR (RFC 3686
     * section 5), ESP_AES-CCM_8/12/16 (RFC 4309 section 7.1) and ESP_AES-GCM_8/12/16 (RFC 4106
     * section 8.1); the last three families must carry KEY_LENGTH.
     */
    public static Optional<Encryption> espEncryption(int transformId, int keyBits) {
        if (transformId == TransformId.ESP_3DES.code()) {
            return keyBits == 0 || keyBits == 192 ? Optional.of(Encryption.of(CipherAlgorithm.DES3_CBC)) : Optional.empty();
        }
        if (transformId == TransformId.ESP_AES.code()) {
            return aesCbc(keyBits).map(Encryption::of);
        }
        if (transformId == TransformId.ESP_NULL.code()) {
            return keyBits == 0 ? Optional.of(Encryption.of(CipherAlgorithm.NULL)) : Optional.empty();
        }
        if (keyBits != 128 && keyBits != 192 && keyBits != 256) {
            return Optional.empty();
        }
        if (transformId == TransformId.ESP_AES_CTR.code()) {
            return Optional.of(Encryption.of(CipherAlgorithm.valueOf("AES_CTR_" + keyBits)));
        }
        String family = transformId == TransformId.ESP_AES_GCM_8.code() ? "AES_GCM_8_"
                : transformId == TransformId.ESP_AES_GCM_12.code() ? "AES_GCM_12_"
                : transformId == TransformId.ESP_AES_GCM_16.code() ? "AES_GCM_16_"
                : transformId == TransformId.ESP_AES_CCM_8.code() ? "AES_CCM_8_"
                : transformId == TransformId.ESP_AES_CCM_12.code() ? "AES_CCM_12_"
                : transformId == TransformId.ESP_AES_CCM_16.code() ? "AES_CCM_16_" : null;
        return family == null ? Optional.empty() : Optional.of(Encryption.of(AeadAlgorithm.valueOf(family + keyBits)));
    }

    public static int espTransformId(CipherAlgorithm c) {
        return switch (c) {
            case DES3_CBC -> TransformId.ESP_3DES.code();
            case AES_CBC_128, AES_CBC_192, AES_CBC_256 -> TransformId.ESP_AES.code();
            case AES_CTR_128, AES_CTR_192, AES_CTR_256 -> TransformId.ESP_AES_CTR.code();
            case NULL -> TransformId.ESP_NULL.code();
        };
    }

    /** The ESP transform ID of an encryption, -1 if the IPsec DOI has none (see {@link #espRefusal}). */
    public static int espTransformId(Encryption e) {
        return switch (e) {
            case Encryption.Cipher c -> espTransformId(c.algorithm());
            case Encryption.Aead a -> switch (a.algorithm()) {
                case AES_GCM_8_128, AES_GCM_8_192, AES_GCM_8_256 -> TransformId.ESP_AES_GCM_8.code();
                case AES_GCM_12_128, AES_GCM_12_192, AES_GCM_12_256 -> TransformId.ESP_AES_GCM_12.code();
                case AES_GCM_16_128, AES_GCM_16_192, AES_GCM_16_256 -> TransformId.ESP_AES_GCM_16.code();
                case AES_CCM_8_128, AES_CCM_8_192, AES_CCM_8_256 -> TransformId.ESP_AES_CCM_8.code();
                case AES_CCM_12_128, AES_CCM_12_192, AES_CCM_12_256 -> TransformId.ESP_AES_CCM_12.code();
                case AES_CCM_16_128, AES_CCM_16_192, AES_CCM_16_256 -> TransformId.ESP_AES_CCM_16.code();
                case CHACHA20_POLY1305 -> -1;
            };
        };
    }

    /**
     * The KEY_LENGTH attribute of an ESP transform in bits, 0 when none is sent: AES in every mode
     * has one (RFC 3602 says so for CBC, RFC 3686 for CTR, RFC 4106 8.1 and RFC 4309 7.1 make it
     * mandatory for GCM and CCM); it counts the AES key only, never the salt or nonce that KEYMAT
     * also supplies.
     */
    public static int espKeyLength(Encryption e) {
        return switch (e) {
            case Encryption.Cipher c -> c.algorithm() == CipherAlgorithm.DES3_CBC || c.algorithm() == CipherAlgorithm.NULL
                    ? 0 : c.keyBits();
            case Encryption.Aead a -> a.keyBits();
        };
    }

    /** Why a configured ESP encryption cannot be negotiated with IKEv1, if it cannot. */
    public static Optional<String> espRefusal(Encryption e) {
        if (espTransformId(e) >= 0) {
            return Optional.empty();
        }
        if (e instanceof Encryption.Aead a && a.algorithm() == AeadAlgorithm.CHACHA20_POLY1305) {
            return Optional.of("chacha20poly1305 is IKEv2-only: the IPsec DOI (RFC 2407) has no ESP transform ID for it"
                    + " (RFC 7634 defines it for IKEv2)");
        }
        return Optional.of(e + " has no ESP transform ID in the IPsec DOI (RFC 2407)");
    }

    /** The name of an ESP encryption as Quick Mode traces and errors show it: {@code ESP_AES-GCM_16-128}. */
    public static String espName(Encryption e) {
        int id = espTransformId(e);
        int bits = espKeyLength(e);
        return (id < 0 ? e.toString() : TransformId.of(org.ike4j.wire.v1.ProtocolId.PROTO_IPSEC_ESP, id).name())
                + (bits > 0 ? "-" + bits : "");
    }

    /** IPsec DOI AUTH_ALGORITHM to the ESP/AH integrity algorithm. */
    public static Optional<IntegrityAlgorithm> ipsecIntegrity(int code) {
        return switch (code) {
            case 1 -> Optional.of(IntegrityAlgorithm.HMAC_MD5_96);
            case 2 -> Optional.of(IntegrityAlgorithm.HMAC_SHA1_96);
            case 5 -> Optional.of(IntegrityAlgorithm.HMAC_SHA2_256_128);
            case 6 -> Optional.of(IntegrityAlgorithm.HMAC_SHA2_384_192);
            case 7 -> Optional.of(IntegrityAlgorithm.HMAC_SHA2_512_256);
            case 9 -> Optional.of(IntegrityAlgorithm.AES_XCBC_96);
            default -> Optional.empty();
        };
    }

    public static int ipsecAuthCode(IntegrityAlgorithm a) {
        return switch (a) {
            case HMAC_MD5_96 -> IpsecAttributes.AuthAlgorithm.HMAC_MD5.code();
            case HMAC_SHA1_96 -> IpsecAttributes.AuthAlgorithm.HMAC_SHA.code();
            case HMAC_SHA2_256_128 -> IpsecAttributes.AuthAlgorithm.HMAC_SHA2_256.code();
            case HMAC_SHA2_384_192 -> IpsecAttributes.AuthAlgorithm.HMAC_SHA2_384.code();
            case HMAC_SHA2_512_256 -> IpsecAttributes.AuthAlgorithm.HMAC_SHA2_512.code();
            case AES_XCBC_96 -> IpsecAttributes.AuthAlgorithm.AES_XCBC_MAC.code();
            default -> -1;
        };
    }

    /** The cipher of a configured encryption, if it is a cipher IKEv1 can name. */
    public static Optional<CipherAlgorithm> cipherOf(Encryption e) {
        return e instanceof Encryption.Cipher c ? Optional.of(c.algorithm()) : Optional.empty();
    }

    /** Names as the status shows them: {@code 3DES_CBC}, {@code AES_CBC_128}. */
    public static String name(CipherAlgorithm c) {
        return c == CipherAlgorithm.DES3_CBC ? "3DES_CBC" : c.name();
    }

    public static String name(Ikev1HashAlgorithm h) {
        return h.name();
    }
}

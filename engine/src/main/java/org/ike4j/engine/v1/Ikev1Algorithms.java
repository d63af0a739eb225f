package org.ike4j.engine.v1;

import java.util.Optional;
import org.ike4j.config.Encryption;
import org.ike4j.config.IkeProposal;
import org.ike4j.crypto.AeadAlgorithm;
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

    /** IPsec DOI ESP transform ID (+ KEY_LENGTH) to a CBC cipher. */
    public static Optional<CipherAlgorithm> espCipher(int transformId, int keyBits) {
        if (transformId == TransformId.ESP_3DES.code()) {
            return keyBits == 0 || keyBits == 192 ? Optional.of(CipherAlgorithm.DES3_CBC) : Optional.empty();
        }
        if (transformId == TransformId.ESP_AES.code()) {
            return aesCbc(keyBits);
        }
        if (transformId == TransformId.ESP_NULL.code()) {
            return Optional.of(CipherAlgorithm.NULL);
        }
        return Optional.empty();
    }

    public static int espTransformId(CipherAlgorithm c) {
        return switch (c) {
            case DES3_CBC -> TransformId.ESP_3DES.code();
            case AES_CBC_128, AES_CBC_192, AES_CBC_256 -> TransformId.ESP_AES.code();
            case NULL -> TransformId.ESP_NULL.code();
            default -> -1;
        };
    }

    /**
     * An ESP transform ID (+ KEY_LENGTH) to a cipher or, for ESP_AES-GCM_8/12/16 (RFC 4106 section
     * 8.4: KEY_LENGTH required, 128, 192 or 256), an AEAD.
     */
    public static Optional<Encryption> espEncryption(int transformId, int keyBits) {
        int icv = transformId == TransformId.ESP_AES_GCM_8.code() ? 8
                : transformId == TransformId.ESP_AES_GCM_12.code() ? 12
                : transformId == TransformId.ESP_AES_GCM_16.code() ? 16 : 0;
        if (icv == 0) {
            return espCipher(transformId, keyBits).map(Encryption::of);
        }
        if (keyBits != 128 && keyBits != 192 && keyBits != 256) {
            return Optional.empty();
        }
        return Optional.of(Encryption.of(AeadAlgorithm.valueOf("AES_GCM_" + icv + "_" + keyBits)));
    }

    /** The ESP transform ID of a cipher or AEAD, or -1 if IKEv1 cannot name it here. */
    public static int espTransformId(Encryption e) {
        return switch (e) {
            case Encryption.Cipher c -> espTransformId(c.algorithm());
            case Encryption.Aead a -> switch (a.algorithm().icvSize()) {
                case 8 -> a.algorithm().name().startsWith("AES_GCM") ? TransformId.ESP_AES_GCM_8.code() : -1;
                case 12 -> a.algorithm().name().startsWith("AES_GCM") ? TransformId.ESP_AES_GCM_12.code() : -1;
                case 16 -> a.algorithm().name().startsWith("AES_GCM") ? TransformId.ESP_AES_GCM_16.code() : -1;
                default -> -1;
            };
        };
    }

    /** The KEY_LENGTH attribute's value, or 0 where none is sent (3DES, NULL). */
    public static int espKeyLength(Encryption e) {
        return switch (e) {
            case Encryption.Cipher c -> needsKeyLength(c.algorithm()) ? c.algorithm().keySize() * 8 : 0;
            case Encryption.Aead a -> a.algorithm().cipherKeySize() * 8;
        };
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

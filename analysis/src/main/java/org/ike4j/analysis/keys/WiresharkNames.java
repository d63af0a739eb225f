package org.ike4j.analysis.keys;

import java.util.Optional;

import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;

/**
 * ike4j's algorithms under the names Wireshark 4.0's key tables accept. The strings are facts
 * taken from Wireshark 4.0.17 (its ISAKMP and ESP dissectors' table choices) and each was checked
 * by feeding it to {@code tshark -o uat:...}: a name tshark does not know is refused with
 * "invalid value". An empty result means Wireshark 4.0 cannot decrypt that algorithm in that
 * table ({@link #UNSUPPORTED}).
 */
public final class WiresharkNames {

    /** What to say when a name is empty. */
    public static final String UNSUPPORTED = "unsupported by Wireshark 4.0";

    /** IKEv2 table: the integrity column for combined-mode (AEAD) ciphers. */
    public static final String IKEV2_NO_INTEGRITY = "NONE [RFC4306]";
    /** ESP table: the authentication column for AEAD ciphers, and "no encryption". */
    public static final String ESP_NULL = "NULL";

    private WiresharkNames() {
    }

    /** The {@code ikev2_decryption_table} encryption column for a classic cipher. */
    public static Optional<String> ikev2Encryption(CipherAlgorithm cipher) {
        return Optional.of(switch (cipher) {
            case NULL -> "NULL [RFC2410]";
            case DES3_CBC -> "3DES [RFC2451]";
            case AES_CBC_128 -> "AES-CBC-128 [RFC3602]";
            case AES_CBC_192 -> "AES-CBC-192 [RFC3602]";
            case AES_CBC_256 -> "AES-CBC-256 [RFC3602]";
            case AES_CTR_128 -> "AES-CTR-128 [RFC5930]";
            case AES_CTR_192 -> "AES-CTR-192 [RFC5930]";
            case AES_CTR_256 -> "AES-CTR-256 [RFC5930]";
        });
    }

    /** The {@code ikev2_decryption_table} encryption column for an AEAD cipher (RFC 5282). */
    public static Optional<String> ikev2Encryption(AeadAlgorithm aead) {
        return switch (aead) {
            case CHACHA20_POLY1305 -> Optional.empty();
            default -> {
                String name = aead.name();   // AES_GCM_16_256: family, ICV octets, key bits
                String[] part = name.split("_");
                yield Optional.of("AES-" + part[1] + "-" + part[3] + " with " + part[2] + " octet ICV [RFC5282]");
            }
        };
    }

    /** The {@code ikev2_decryption_table} integrity column. */
    public static Optional<String> ikev2Integrity(IntegrityAlgorithm integrity) {
        return switch (integrity) {
            case HMAC_MD5_96 -> Optional.of("HMAC_MD5_96 [RFC2403]");
            case HMAC_SHA1_96 -> Optional.of("HMAC_SHA1_96 [RFC2404]");
            case HMAC_SHA1_160 -> Optional.of("HMAC_SHA1_160 [RFC4595]");
            case HMAC_SHA2_256_128 -> Optional.of("HMAC_SHA2_256_128 [RFC4868]");
            case HMAC_SHA2_384_192 -> Optional.of("HMAC_SHA2_384_192 [RFC4868]");
            case HMAC_SHA2_512_256 -> Optional.of("HMAC_SHA2_512_256 [RFC4868]");
            case AES_XCBC_96, AES_CMAC_96 -> Optional.empty();
        };
    }

    /** The {@code esp_sa} encryption column for a classic cipher. */
    public static Optional<String> espEncryption(CipherAlgorithm cipher) {
        return Optional.of(switch (cipher) {
            case NULL -> ESP_NULL;
            case DES3_CBC -> "TripleDES-CBC [RFC2451]";
            case AES_CBC_128, AES_CBC_192, AES_CBC_256 -> "AES-CBC [RFC3602]";
            case AES_CTR_128, AES_CTR_192, AES_CTR_256 -> "AES-CTR [RFC3686]";
        });
    }

    /** The {@code esp_sa} encryption column for an AEAD cipher: AES-GCM only (RFC 4106). */
    public static Optional<String> espEncryption(AeadAlgorithm aead) {
        return switch (aead) {
            case AES_GCM_8_128, AES_GCM_8_192, AES_GCM_8_256 -> Optional.of("AES-GCM with 8 octet ICV [RFC4106]");
            case AES_GCM_12_128, AES_GCM_12_192, AES_GCM_12_256 -> Optional.of("AES-GCM with 12 octet ICV [RFC4106]");
            case AES_GCM_16_128, AES_GCM_16_192, AES_GCM_16_256 -> Optional.of("AES-GCM with 16 octet ICV [RFC4106]");
            default -> Optional.empty();   // CCM and ChaCha20-Poly1305
        };
    }

    /** The {@code esp_sa} authentication column. */
    public static Optional<String> espAuthentication(IntegrityAlgorithm integrity) {
        return switch (integrity) {
            case HMAC_MD5_96 -> Optional.of("HMAC-MD5-96 [RFC2403]");
            case HMAC_SHA1_96 -> Optional.of("HMAC-SHA-1-96 [RFC2404]");
            case HMAC_SHA2_256_128 -> Optional.of("HMAC-SHA-256-128 [RFC4868]");
            case HMAC_SHA2_384_192 -> Optional.of("HMAC-SHA-384-192 [RFC4868]");
            case HMAC_SHA2_512_256 -> Optional.of("HMAC-SHA-512-256 [RFC4868]");
            case HMAC_SHA1_160, AES_XCBC_96, AES_CMAC_96 -> Optional.empty();
        };
    }
}

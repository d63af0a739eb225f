package org.ike4j.config.strongswan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ike4j.config.ChildProposal.Esn;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;

/**
 * strongSwan's algorithm keywords for ike=, esp= and ah= (the "IKEv2 Cipher Suites" table of the
 * strongSwan documentation), mapped onto ike4j's algorithms. Keywords strongSwan knows for
 * algorithms ike4j does not implement are listed apart so the error can say so.
 */
final class ProposalKeywords {
    static final Map<String, Encryption> ENCRYPTION = new LinkedHashMap<>();
    static final Map<String, IntegrityAlgorithm> INTEGRITY = new LinkedHashMap<>();
    static final Map<String, PrfAlgorithm> PRF = new LinkedHashMap<>();
    static final Map<String, DhGroup> DH = new LinkedHashMap<>();
    static final Map<String, Esn> ESN = Map.of("esn", Esn.ESN, "noesn", Esn.NO_ESN);

    /** Known to strongSwan, not implemented by ike4j. */
    static final Set<String> UNSUPPORTED = Set.of(
            "des", "desiv64", "desiv32", "cast128", "blowfish", "blowfish128", "blowfish192", "blowfish256",
            "idea", "rc5", "twofish", "twofish128", "twofish192", "twofish256", "serpent", "serpent128",
            "serpent192", "serpent256", "camellia", "camellia128", "camellia192", "camellia256",
            "camellia128ctr", "camellia192ctr", "camellia256ctr", "aes128gmac", "aes192gmac", "aes256gmac",
            "null_aes_gmac", "md5_128", "sha256_96", "sha2_256_96", "camelliaxcbc", "prfcamelliaxcbc",
            "ecp192", "ecp224", "ecp224bp", "ecp256bp", "ecp384bp", "ecp512bp", "modpnull", "mlkem512",
            "mlkem768", "mlkem1024");

    static {
        ENCRYPTION.put("3des", Encryption.of(CipherAlgorithm.DES3_CBC));
        ENCRYPTION.put("aes", Encryption.of(CipherAlgorithm.AES_CBC_128));
        ENCRYPTION.put("aes128", Encryption.of(CipherAlgorithm.AES_CBC_128));
        ENCRYPTION.put("aes192", Encryption.of(CipherAlgorithm.AES_CBC_192));
        ENCRYPTION.put("aes256", Encryption.of(CipherAlgorithm.AES_CBC_256));
        ENCRYPTION.put("aes128ctr", Encryption.of(CipherAlgorithm.AES_CTR_128));
        ENCRYPTION.put("aes192ctr", Encryption.of(CipherAlgorithm.AES_CTR_192));
        ENCRYPTION.put("aes256ctr", Encryption.of(CipherAlgorithm.AES_CTR_256));
        ENCRYPTION.put("null", Encryption.of(CipherAlgorithm.NULL));
        for (int bits : new int[] {128, 192, 256}) {
            // The ICV length goes either in bytes (8, 12, 16) or in bits (64, 96, 128).
            for (int icv : new int[] {8, 12, 16}) {
                ENCRYPTION.put("aes" + bits + "gcm" + icv, Encryption.of(AeadAlgorithm.valueOf("AES_GCM_" + icv + "_" + bits)));
                ENCRYPTION.put("aes" + bits + "gcm" + icv * 8, Encryption.of(AeadAlgorithm.valueOf("AES_GCM_" + icv + "_" + bits)));
                ENCRYPTION.put("aes" + bits + "ccm" + icv, Encryption.of(AeadAlgorithm.valueOf("AES_CCM_" + icv + "_" + bits)));
                ENCRYPTION.put("aes" + bits + "ccm" + icv * 8, Encryption.of(AeadAlgorithm.valueOf("AES_CCM_" + icv + "_" + bits)));
            }
        }
        ENCRYPTION.put("chacha20poly1305", Encryption.of(AeadAlgorithm.CHACHA20_POLY1305));

        INTEGRITY.put("md5", IntegrityAlgorithm.HMAC_MD5_96);
        INTEGRITY.put("sha", IntegrityAlgorithm.HMAC_SHA1_96);
        INTEGRITY.put("sha1", IntegrityAlgorithm.HMAC_SHA1_96);
        INTEGRITY.put("sha1_160", IntegrityAlgorithm.HMAC_SHA1_160);
        INTEGRITY.put("sha256", IntegrityAlgorithm.HMAC_SHA2_256_128);
        INTEGRITY.put("sha2_256", IntegrityAlgorithm.HMAC_SHA2_256_128);
        INTEGRITY.put("sha384", IntegrityAlgorithm.HMAC_SHA2_384_192);
        INTEGRITY.put("sha2_384", IntegrityAlgorithm.HMAC_SHA2_384_192);
        INTEGRITY.put("sha512", IntegrityAlgorithm.HMAC_SHA2_512_256);
        INTEGRITY.put("sha2_512", IntegrityAlgorithm.HMAC_SHA2_512_256);
        INTEGRITY.put("aesxcbc", IntegrityAlgorithm.AES_XCBC_96);
        INTEGRITY.put("aescmac", IntegrityAlgorithm.AES_CMAC_96);

        PRF.put("prfmd5", PrfAlgorithm.HMAC_MD5);
        PRF.put("prfsha1", PrfAlgorithm.HMAC_SHA1);
        PRF.put("prfsha256", PrfAlgorithm.HMAC_SHA2_256);
        PRF.put("prfsha384", PrfAlgorithm.HMAC_SHA2_384);
        PRF.put("prfsha512", PrfAlgorithm.HMAC_SHA2_512);
        PRF.put("prfaesxcbc", PrfAlgorithm.AES128_XCBC);
        PRF.put("prfaescmac", PrfAlgorithm.AES128_CMAC);

        DH.put("modp768", DhGroup.MODP_768);
        DH.put("modp1024", DhGroup.MODP_1024);
        DH.put("modp1536", DhGroup.MODP_1536);
        DH.put("modp2048", DhGroup.MODP_2048);
        DH.put("modp3072", DhGroup.MODP_3072);
        DH.put("modp4096", DhGroup.MODP_4096);
        DH.put("modp6144", DhGroup.MODP_6144);
        DH.put("modp8192", DhGroup.MODP_8192);
        DH.put("modp1024s160", DhGroup.MODP_1024_160);
        DH.put("modp2048s224", DhGroup.MODP_2048_224);
        DH.put("modp2048s256", DhGroup.MODP_2048_256);
        DH.put("ecp256", DhGroup.ECP_256);
        DH.put("ecp384", DhGroup.ECP_384);
        DH.put("ecp521", DhGroup.ECP_521);
        DH.put("curve25519", DhGroup.CURVE25519);
        DH.put("x25519", DhGroup.CURVE25519);
        DH.put("curve448", DhGroup.CURVE448);
        DH.put("x448", DhGroup.CURVE448);
    }

    /** The PRF strongSwan proposes for an integrity algorithm when an IKE proposal names none. */
    static PrfAlgorithm prfFor(IntegrityAlgorithm integrity) {
        return switch (integrity) {
            case HMAC_MD5_96 -> PrfAlgorithm.HMAC_MD5;
            case HMAC_SHA1_96, HMAC_SHA1_160 -> PrfAlgorithm.HMAC_SHA1;
            case HMAC_SHA2_256_128 -> PrfAlgorithm.HMAC_SHA2_256;
            case HMAC_SHA2_384_192 -> PrfAlgorithm.HMAC_SHA2_384;
            case HMAC_SHA2_512_256 -> PrfAlgorithm.HMAC_SHA2_512;
            case AES_XCBC_96 -> PrfAlgorithm.AES128_XCBC;
            case AES_CMAC_96 -> PrfAlgorithm.AES128_CMAC;
        };
    }

    private ProposalKeywords() {
    }
}

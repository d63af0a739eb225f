package org.ike4j.dataplane.xfrm;

import org.ike4j.config.Encryption;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;

/**
 * The Linux crypto API names the kernel's XFRM expects for each negotiated transform (the names
 * the kernel lists in /proc/crypto and its xfrm algorithm table, net/xfrm/xfrm_algo.c - the fact
 * source), with the ICV length in bits where the attribute carries one.
 */
public final class XfrmAlgorithms {

    /** A cipher or AEAD by kernel name; {@code icvBits} 0 for a plain cipher. */
    public record Named(String name, int icvBits) {
    }

    private XfrmAlgorithms() {
    }

    /** The name for XFRMA_ALG_CRYPT or, for an AEAD, XFRMA_ALG_AEAD with its ICV length. */
    public static Named encryption(Encryption e) {
        return switch (e) {
            case Encryption.Cipher c -> new Named(cipher(c.algorithm()), 0);
            case Encryption.Aead a -> new Named(aead(a.algorithm()), a.algorithm().icvSize() * 8);
        };
    }

    static String cipher(CipherAlgorithm a) {
        return switch (a) {
            case DES3_CBC -> "cbc(des3_ede)";
            case AES_CBC_128, AES_CBC_192, AES_CBC_256 -> "cbc(aes)";
            // RFC 3686: the key carries a 4-byte nonce at its end, as KEYMAT delivers it
            case AES_CTR_128, AES_CTR_192, AES_CTR_256 -> "rfc3686(ctr(aes))";
            case NULL -> "ecb(cipher_null)";
            default -> throw new IllegalArgumentException("no kernel name for " + a);
        };
    }

    static String aead(AeadAlgorithm a) {
        return switch (a) {
            // RFC 4106 GCM and RFC 4309 CCM: key then salt, the ICV length separately
            case AES_GCM_8_128, AES_GCM_8_192, AES_GCM_8_256, AES_GCM_12_128, AES_GCM_12_192, AES_GCM_12_256,
                 AES_GCM_16_128, AES_GCM_16_192, AES_GCM_16_256 -> "rfc4106(gcm(aes))";
            case AES_CCM_8_128, AES_CCM_8_192, AES_CCM_8_256, AES_CCM_12_128, AES_CCM_12_192, AES_CCM_12_256,
                 AES_CCM_16_128, AES_CCM_16_192, AES_CCM_16_256 -> "rfc4309(ccm(aes))";
            // RFC 7634: ChaCha20-Poly1305 for ESP, key then 4-byte salt
            case CHACHA20_POLY1305 -> "rfc7539esp(chacha20,poly1305)";
        };
    }

    /** The name and truncation (bits) for XFRMA_ALG_AUTH_TRUNC. */
    public static Named integrity(IntegrityAlgorithm a) {
        String name = switch (a) {
            case HMAC_MD5_96 -> "hmac(md5)";
            case HMAC_SHA1_96, HMAC_SHA1_160 -> "hmac(sha1)";
            case HMAC_SHA2_256_128 -> "hmac(sha256)";
            case HMAC_SHA2_384_192 -> "hmac(sha384)";
            case HMAC_SHA2_512_256 -> "hmac(sha512)";
            case AES_XCBC_96 -> "xcbc(aes)";
            case AES_CMAC_96 -> "cmac(aes)";
        };
        return new Named(name, a.icvSize() * 8);
    }
}

package org.ike4j.crypto.jca;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.TableBackend;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.Integrity;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.mac.AesBlock;
import org.ike4j.crypto.mac.AesCmac;
import org.ike4j.crypto.mac.AesXcbc;
import org.ike4j.crypto.mac.CcmAead;
import org.ike4j.crypto.mac.MacFunction;
import org.ike4j.crypto.mac.MacPrf;
import org.ike4j.crypto.mac.NullCipher;
import org.ike4j.crypto.mac.TruncatedIntegrity;

/**
 * The JDK's own providers (SunJCE, SunEC): HMAC, AES-CBC/CTR, 3DES-CBC, AES-GCM with 12- and
 * 16-byte ICVs and ChaCha20-Poly1305 directly; AES-XCBC, AES-CMAC and AES-CCM from
 * {@code org.ike4j.crypto.mac} on SunJCE's AES block function (the JDK has none of the three).
 * SunJCE refuses GCM tags shorter than 96 bits, so AES-GCM with an 8-byte ICV is left to the
 * other backends.
 *
 * <p>Every primitive is built once here and keeps per-thread JCA objects, so asking again is cheap
 * and repeated use on one thread reuses one Mac or Cipher.
 */
public final class JcaBackend extends TableBackend {

    public JcaBackend() {
        Map<String, MacFunction> hmacs = new java.util.HashMap<>();
        ThreadLocal<AesBlock> aes = ThreadLocal.withInitial(() -> new JcaAesBlock(null));
        MacFunction xcbcPrf = (k, d) -> AesXcbc.prf(aes.get(), k, d);
        MacFunction cmacPrf = (k, d) -> AesCmac.prf(aes.get(), k, d);
        for (PrfAlgorithm a : PrfAlgorithm.values()) {
            MacFunction f = switch (a) {
                case AES128_XCBC -> xcbcPrf;
                case AES128_CMAC -> cmacPrf;
                default -> hmacs.computeIfAbsent(hmacName(a), n -> new JcaHmac(n, null));
            };
            prfs.put(a, new MacPrf(a, f));
        }
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            MacFunction f = switch (a) {
                case AES_XCBC_96 -> (k, d) -> AesXcbc.mac(aes.get(), k, d);
                case AES_CMAC_96 -> (k, d) -> AesCmac.mac(aes.get(), k, d);
                default -> hmacs.computeIfAbsent(hmacName(a), n -> new JcaHmac(n, null));
            };
            integrities.put(a, new TruncatedIntegrity(a, f));
        }
        for (CipherAlgorithm a : CipherAlgorithm.values()) {
            ciphers.put(a, a == CipherAlgorithm.NULL ? new NullCipher() : new JcaCipher(a, null));
        }
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            if (a.name().startsWith("AES_CCM_")) {
                aeads.put(a, new CcmAead(a, aes::get));
            } else if (a.icvSize() >= 12) {
                aeads.put(a, new JcaAead(a, null));
            }
        }
    }

    /** The JCA name of the HMAC behind a PRF, or null for the AES-based ones. */
    static String hmacName(PrfAlgorithm a) {
        return switch (a) {
            case HMAC_MD5 -> "HmacMD5";
            case HMAC_SHA1 -> "HmacSHA1";
            case HMAC_SHA2_256 -> "HmacSHA256";
            case HMAC_SHA2_384 -> "HmacSHA384";
            case HMAC_SHA2_512 -> "HmacSHA512";
            case AES128_XCBC, AES128_CMAC -> null;
        };
    }

    /** The JCA name of the HMAC behind an integrity algorithm, or null for the AES-based ones. */
    static String hmacName(IntegrityAlgorithm a) {
        return switch (a) {
            case HMAC_MD5_96 -> "HmacMD5";
            case HMAC_SHA1_96, HMAC_SHA1_160 -> "HmacSHA1";
            case HMAC_SHA2_256_128 -> "HmacSHA256";
            case HMAC_SHA2_384_192 -> "HmacSHA384";
            case HMAC_SHA2_512_256 -> "HmacSHA512";
            case AES_XCBC_96, AES_CMAC_96 -> null;
        };
    }

    @Override
    public String name() {
        return "jca";
    }

    @Override
    public Optional<KeyExchange> keyExchange(DhGroup group, SecureRandom random) {
        return org.ike4j.crypto.ke.KeyExchanges.jca(group, random);
    }
}

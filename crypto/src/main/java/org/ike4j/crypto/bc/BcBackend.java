package org.ike4j.crypto.bc;

import java.security.SecureRandom;
import java.util.Optional;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
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
import org.ike4j.crypto.ke.KeyExchanges;
import org.ike4j.crypto.mac.AesBlock;
import org.ike4j.crypto.mac.AesXcbc;
import org.ike4j.crypto.mac.MacFunction;
import org.ike4j.crypto.mac.MacPrf;
import org.ike4j.crypto.mac.NullCipher;
import org.ike4j.crypto.mac.TruncatedIntegrity;

/**
 * BouncyCastle (bcprov), through its lightweight API only: no JCA provider is registered. It has
 * every algorithm; AES-XCBC (which BouncyCastle lacks) runs from {@code org.ike4j.crypto.mac} on
 * BouncyCastle's AES engine.
 */
public final class BcBackend extends TableBackend {

    public BcBackend() {
        MacFunction md5 = new BcHmac(MD5Digest::new);
        MacFunction sha1 = new BcHmac(SHA1Digest::new);
        MacFunction sha256 = new BcHmac(SHA256Digest::new);
        MacFunction sha384 = new BcHmac(SHA384Digest::new);
        MacFunction sha512 = new BcHmac(SHA512Digest::new);
        ThreadLocal<AesBlock> aes = ThreadLocal.withInitial(BcAesBlock::new);
        BcCmac cmac = new BcCmac();
        for (PrfAlgorithm a : PrfAlgorithm.values()) {
            MacFunction f = switch (a) {
                case HMAC_MD5 -> md5;
                case HMAC_SHA1 -> sha1;
                case HMAC_SHA2_256 -> sha256;
                case HMAC_SHA2_384 -> sha384;
                case HMAC_SHA2_512 -> sha512;
                case AES128_XCBC -> (k, d) -> AesXcbc.prf(aes.get(), k, d);
                case AES128_CMAC -> cmac.prf;
            };
            prfs.put(a, new MacPrf(a, f));
        }
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            MacFunction f = switch (a) {
                case HMAC_MD5_96 -> md5;
                case HMAC_SHA1_96, HMAC_SHA1_160 -> sha1;
                case HMAC_SHA2_256_128 -> sha256;
                case HMAC_SHA2_384_192 -> sha384;
                case HMAC_SHA2_512_256 -> sha512;
                case AES_XCBC_96 -> (k, d) -> AesXcbc.mac(aes.get(), k, d);
                case AES_CMAC_96 -> cmac.mac;
            };
            integrities.put(a, new TruncatedIntegrity(a, f));
        }
        for (CipherAlgorithm a : CipherAlgorithm.values()) {
            ciphers.put(a, a == CipherAlgorithm.NULL ? new NullCipher() : new BcCipher(a));
        }
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            aeads.put(a, new BcAead(a));
        }
    }

    @Override
    public String name() {
        return "bc";
    }

    @Override
    public Optional<KeyExchange> keyExchange(DhGroup group, SecureRandom random) {
        return KeyExchanges.bc(group, random);
    }
}

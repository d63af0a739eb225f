package org.ike4j.crypto.accp;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.AuthenticationException;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.TableBackend;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.Integrity;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.jca.JcaAead;
import org.ike4j.crypto.jca.JcaCipher;
import org.ike4j.crypto.jca.JcaHmac;
import org.ike4j.crypto.ke.KeyExchanges;
import org.ike4j.crypto.mac.MacFunction;
import org.ike4j.crypto.mac.MacPrf;
import org.ike4j.crypto.mac.TruncatedIntegrity;

/**
 * Amazon Corretto Crypto Provider (AWS-LC), where its native library loads. The provider object is
 * passed to each {@code getInstance}, never installed process-wide.
 *
 * <p>ACCP 2.5 registers HmacMD5/SHA1/SHA256/SHA384/SHA512, AES/CBC/NoPadding and
 * AES/GCM/NoPadding, and nothing else this interface needs (no ECB, CTR, DESede, CCM or
 * ChaCha20-Poly1305), so that is all it offers: the HMAC PRFs and integrity algorithms, AES-CBC
 * and AES-GCM. Each is tried once at construction and left out if the provider refuses it.
 */
public final class AccpBackend extends TableBackend {
    private final Provider provider;

    public AccpBackend() {
        this.provider = load();
        if (provider == null) {
            return;
        }
        Map<String, MacFunction> hmacs = new java.util.HashMap<>();
        for (PrfAlgorithm a : PrfAlgorithm.values()) {
            String name = hmacName(a.name());
            if (name != null) {
                Prf prf = new MacPrf(a, hmacs.computeIfAbsent(name, n -> new JcaHmac(n, provider)));
                if (works(() -> prf.apply(new byte[a.preferredKeySize()], new byte[1]))) {
                    prfs.put(a, prf);
                }
            }
        }
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            String name = hmacName(a.name());
            if (name != null) {
                MacFunction hmac = hmacs.computeIfAbsent(name, n -> new JcaHmac(n, provider));
                Integrity integrity = new TruncatedIntegrity(a, hmac);
                if (works(() -> integrity.icv(new byte[a.keySize()], new byte[1]))) {
                    integrities.put(a, integrity);
                }
            }
        }
        for (CipherAlgorithm a : CipherAlgorithm.values()) {
            if (a.name().startsWith("AES_CBC_")) {
                Cipher cipher = new JcaCipher(a, provider);
                if (works(() -> cipher.decrypt(new byte[a.keySize()], new byte[a.ivSize()],
                        cipher.encrypt(new byte[a.keySize()], new byte[a.ivSize()], new byte[32])))) {
                    ciphers.put(a, cipher);
                }
            }
        }
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            if (a.name().startsWith("AES_GCM_")) {
                Aead aead = new JcaAead(a, provider, true);
                byte[] key = new byte[a.keySize()];
                byte[] iv = new byte[a.ivSize()];
                if (works(() -> {
                    try {
                        return aead.open(key, iv, new byte[0], aead.seal(key, iv, new byte[0], new byte[32]));
                    } catch (AuthenticationException e) {
                        throw new IllegalStateException(e);
                    }
                })) {
                    aeads.put(a, aead);
                }
            }
        }
    }

    /** The provider if its native library loaded and passes its self-tests, else null. */
    private static Provider load() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                return null;
            }
            accp.assertHealthy();
            return accp;
        } catch (RuntimeException | LinkageError e) {
            // No jar, no native library for this platform, or a failed self-test: not usable here.
            return null;
        }
    }

    private static boolean works(java.util.function.Supplier<byte[]> probe) {
        try {
            return probe.get() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** ACCP's HMAC name for an HMAC-based PRF or integrity algorithm (by enum name), or null. */
    private static String hmacName(String algorithm) {
        if (algorithm.startsWith("HMAC_MD5")) {
            return "HmacMD5";
        } else if (algorithm.startsWith("HMAC_SHA1")) {
            return "HmacSHA1";
        } else if (algorithm.startsWith("HMAC_SHA2_256")) {
            return "HmacSHA256";
        } else if (algorithm.startsWith("HMAC_SHA2_384")) {
            return "HmacSHA384";
        } else if (algorithm.startsWith("HMAC_SHA2_512")) {
            return "HmacSHA512";
        }
        return null;
    }

    @Override
    public String name() {
        return "accp";
    }

    @Override
    public boolean available() {
        return provider != null;
    }

    @Override
    public Optional<KeyExchange> keyExchange(DhGroup group, SecureRandom random) {
        return KeyExchanges.accp(group, random);
    }
}

package org.ike4j.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.Integrity;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;

/** The JDK's own providers (SunJCE, SunEC). */
public final class JcaBackend implements CryptoBackend {

    @Override
    public String name() {
        return "jca";
    }

    @Override
    public Optional<Prf> prf(PrfAlgorithm algorithm) {
        String mac = switch (algorithm) {
            case HMAC_MD5 -> "HmacMD5";
            case HMAC_SHA1 -> "HmacSHA1";
            case HMAC_SHA2_256 -> "HmacSHA256";
            case HMAC_SHA2_384 -> "HmacSHA384";
            case HMAC_SHA2_512 -> "HmacSHA512";
            default -> null;
        };
        return mac == null ? Optional.empty() : Optional.of(new HmacPrf(algorithm, mac));
    }

    @Override
    public Optional<Integrity> integrity(IntegrityAlgorithm algorithm) {
        return Optional.empty();
    }

    @Override
    public Optional<Cipher> cipher(CipherAlgorithm algorithm) {
        return Optional.empty();
    }

    @Override
    public Optional<Aead> aead(AeadAlgorithm algorithm) {
        return Optional.empty();
    }

    @Override
    public Optional<KeyExchange> keyExchange(DhGroup group, SecureRandom random) {
        return org.ike4j.crypto.ke.KeyExchanges.jca(group, random);
    }

    /** HMAC through javax.crypto.Mac (RFC 2104). */
    private record HmacPrf(PrfAlgorithm algorithm, String jcaName) implements Prf {
        @Override
        public byte[] apply(byte[] key, byte[]... data) {
            try {
                Mac mac = Mac.getInstance(jcaName);
                // HMAC accepts any key length, including zero (an empty PSK is the operator's
                // mistake, not ours to refuse here); SecretKeySpec refuses an empty array.
                mac.init(key.length == 0 ? new EmptyKey(jcaName) : new SecretKeySpec(key, jcaName));
                for (byte[] d : data) {
                    mac.update(d);
                }
                return mac.doFinal();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(jcaName + " unavailable", e);
            }
        }
    }

    /** A zero-length HMAC key, which SecretKeySpec cannot express. */
    private record EmptyKey(String getAlgorithm) implements javax.crypto.SecretKey {
        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return new byte[0];
        }
    }
}

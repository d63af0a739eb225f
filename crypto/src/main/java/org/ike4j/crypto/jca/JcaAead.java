package org.ike4j.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.AuthenticationException;

/**
 * AES-GCM (RFC 4106, RFC 5282) and ChaCha20-Poly1305 (RFC 7634) through a JCA cipher. The key
 * argument is cipher key | salt, the nonce salt | IV; the output is ciphertext | ICV, which is how
 * JCA lays it out too.
 *
 * <p>{@link Aead} is a pure function: nonce uniqueness is the caller's (the SA's sequence number,
 * RFC 4106 section 3.1). JCA providers refuse to encrypt twice in a row with one key and nonce on
 * the same cipher object; that guard depends on which call this thread made last, so when it
 * fires the call goes to a fresh cipher object instead of failing at random.
 */
public final class JcaAead implements Aead {
    private final AeadAlgorithm algorithm;
    private final Provider provider;
    private final String transformation;
    private final boolean chacha;
    private final boolean inPlace;
    private final ThreadLocal<javax.crypto.Cipher> perThread;

    /** @param provider the provider to take the cipher from, or null for the installed ones */
    public JcaAead(AeadAlgorithm algorithm, Provider provider) {
        this(algorithm, provider, false);
    }

    /**
     * @param provider the provider to take the cipher from, or null for the installed ones
     * @param inPlace whether the provider encrypts and decrypts within one array without copying
     *     its input first: then {@link #forPackets} hands it the packet as input and output. SunJCE
     *     does not (it copies, or allocates an output as large as the whole array); ACCP does.
     */
    public JcaAead(AeadAlgorithm algorithm, Provider provider, boolean inPlace) {
        this.algorithm = algorithm;
        this.provider = provider;
        this.inPlace = inPlace;
        this.chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        this.transformation = chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
        if (!chacha && !algorithm.name().startsWith("AES_GCM_")) {
            throw new IllegalArgumentException(algorithm + " is not AES-GCM or ChaCha20-Poly1305");
        }
        this.perThread = ThreadLocal.withInitial(() -> Jca.cipher(transformation, provider));
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public byte[] seal(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
        algorithm.check(key, iv);
        SecretKeySpec k = new SecretKeySpec(key, 0, algorithm.cipherKeySize(), chacha ? "ChaCha20" : "AES");
        AlgorithmParameterSpec spec = spec(algorithm.nonce(key, iv));
        javax.crypto.Cipher c = perThread.get();
        try {
            try {
                c.init(javax.crypto.Cipher.ENCRYPT_MODE, k, spec);
            } catch (GeneralSecurityException reuseGuard) {
                // Sizes were checked above, so this is the provider's same-key-and-nonce guard.
                c = Jca.cipher(transformation, provider);
                c.init(javax.crypto.Cipher.ENCRYPT_MODE, k, spec);
            }
            if (aad.length > 0) {
                c.updateAAD(aad);
            }
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(algorithm + " refused its input", e);
        }
    }

    @Override
    public byte[] open(byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndIcv) throws AuthenticationException {
        algorithm.check(key, iv);
        if (ciphertextAndIcv.length < algorithm.icvSize()) {
            throw new AuthenticationException(algorithm + " input shorter than its ICV");
        }
        SecretKeySpec k = new SecretKeySpec(key, 0, algorithm.cipherKeySize(), chacha ? "ChaCha20" : "AES");
        javax.crypto.Cipher c = perThread.get();
        try {
            c.init(javax.crypto.Cipher.DECRYPT_MODE, k, spec(algorithm.nonce(key, iv)));
            if (aad.length > 0) {
                c.updateAAD(aad);
            }
            return c.doFinal(ciphertextAndIcv);
        } catch (AEADBadTagException e) {
            throw new AuthenticationException(algorithm + " ICV mismatch");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(algorithm + " refused its input", e);
        }
    }

    /** Its own JCA cipher and key object for one SA direction; in place, no output arrays. */
    @Override
    public org.ike4j.crypto.PacketAead forPackets(byte[] key) {
        algorithm.check(key, new byte[algorithm.ivSize()]);
        SecretKeySpec k = new SecretKeySpec(key, 0, algorithm.cipherKeySize(), chacha ? "ChaCha20" : "AES");
        byte[] nonce = algorithm.nonce(key, new byte[algorithm.ivSize()]);
        int salt = algorithm.saltSize();
        int ivSize = algorithm.ivSize();
        int icvSize = algorithm.icvSize();
        return new org.ike4j.crypto.PacketAead() {
            private javax.crypto.Cipher c = Jca.cipher(transformation, provider);
            // SunJCE copies its input when asked to work in place: into here instead, then back
            // (unless the provider works in place)
            private byte[] scratch = new byte[2048];

            private byte[] scratch(int length) {
                if (scratch.length < length) {
                    scratch = new byte[Math.max(length, scratch.length * 2)];
                }
                return scratch;
            }

            @Override
            public int seal(byte[] iv, int ivOffset, byte[] aad, int aadOffset, int aadLength, byte[] buf, int offset,
                            int length) {
                System.arraycopy(iv, ivOffset, nonce, salt, ivSize);
                AlgorithmParameterSpec spec = spec(nonce);
                try {
                    try {
                        c.init(javax.crypto.Cipher.ENCRYPT_MODE, k, spec);
                    } catch (GeneralSecurityException reuseGuard) {
                        c = Jca.cipher(transformation, provider);
                        c.init(javax.crypto.Cipher.ENCRYPT_MODE, k, spec);
                    }
                    c.updateAAD(aad, aadOffset, aadLength);
                    if (inPlace) {
                        return c.doFinal(buf, offset, length, buf, offset);
                    }
                    byte[] out = scratch(length + icvSize);
                    int n = c.doFinal(buf, offset, length, out, 0);
                    System.arraycopy(out, 0, buf, offset, n);
                    return n;
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException(algorithm + " refused its input", e);
                }
            }

            @Override
            public int open(byte[] iv, int ivOffset, byte[] aad, int aadOffset, int aadLength, byte[] buf, int offset,
                            int length) throws AuthenticationException {
                if (length < icvSize) {
                    throw new AuthenticationException(algorithm + " input shorter than its ICV");
                }
                System.arraycopy(iv, ivOffset, nonce, salt, ivSize);
                try {
                    c.init(javax.crypto.Cipher.DECRYPT_MODE, k, spec(nonce));
                    c.updateAAD(aad, aadOffset, aadLength);
                    if (inPlace) {
                        return c.doFinal(buf, offset, length, buf, offset);
                    }
                    byte[] out = scratch(length);
                    int n = c.doFinal(buf, offset, length, out, 0);
                    System.arraycopy(out, 0, buf, offset, n);
                    return n;
                } catch (AEADBadTagException e) {
                    throw new AuthenticationException(algorithm + " ICV mismatch");
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException(algorithm + " refused its input", e);
                }
            }
        };
    }

    private AlgorithmParameterSpec spec(byte[] nonce) {
        return chacha ? new IvParameterSpec(nonce) : new GCMParameterSpec(algorithm.icvSize() * 8, nonce);
    }
}

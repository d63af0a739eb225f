package org.ike4j.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.KeptKeys;

/**
 * CBC (RFC 2451 for 3DES, RFC 3602 for AES) and AES-CTR (RFC 3686) through a JCA cipher with no
 * padding; IKE and ESP pad their own plaintext. One JCA cipher per thread, re-initialised per call
 * (each message has its own IV); the JDK's AES keeps its key schedule when the key repeats.
 *
 * <p>CBC decryption keeps key schedules instead: the JDK's CBC cipher expands a 3DES key at every
 * initialisation (and an AES key whenever it differs from the last), but only the IV changes from
 * message to message. So each thread decrypts with ECB ciphers keyed for its last few keys
 * ({@link KeptKeys}) and does the chaining itself, P[i] = D(C[i]) XOR C[i-1] with C[-1] the IV
 * (RFC 2451 section 2.2, RFC 3602 section 2.1). A capture decoder spent about a twentieth of its
 * decoding time expanding the same 3DES keys again.
 */
public final class JcaCipher implements Cipher {
    private final CipherAlgorithm algorithm;
    private final String keyAlgorithm;
    private final boolean counterMode;
    private final ThreadLocal<javax.crypto.Cipher> perThread;
    /** CBC decryption: ECB ciphers keyed for this thread's last keys; null for CTR, or without ECB. */
    private final ThreadLocal<KeptKeys<javax.crypto.Cipher>> ecbPerThread;
    private final String transformation;
    private final Provider provider;

    /** @param provider the provider to take the cipher from, or null for the installed ones */
    public JcaCipher(CipherAlgorithm algorithm, Provider provider) {
        this.algorithm = algorithm;
        String transformation = transformation(algorithm);
        this.keyAlgorithm = algorithm == CipherAlgorithm.DES3_CBC ? "DESede" : "AES";
        this.counterMode = transformation.startsWith("AES/CTR");
        this.perThread = ThreadLocal.withInitial(() -> Jca.cipher(transformation, provider));
        this.transformation = transformation;
        this.provider = provider;
        String ecb = keyAlgorithm + "/ECB/NoPadding";
        // a provider without ECB decrypts as it encrypts, through its CBC cipher
        this.ecbPerThread = counterMode || !Jca.hasCipher(ecb, provider) ? null
                : ThreadLocal.withInitial(() -> new KeptKeys<>() {
            @Override
            protected javax.crypto.Cipher make() {
                return Jca.cipher(ecb, provider);
            }

            @Override
            protected void key(javax.crypto.Cipher c, byte[] key) throws GeneralSecurityException {
                c.init(javax.crypto.Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlgorithm));
            }
        });
    }

    /** Its own JCA cipher and key object for one SA direction; in place, no output arrays. */
    @Override
    public org.ike4j.crypto.PacketCipher forPackets(byte[] key) {
        algorithm.check(key, new byte[algorithm.ivSize()], new byte[0]);
        javax.crypto.Cipher c = Jca.cipher(transformation, provider);
        int aesKeySize = counterMode ? key.length - 4 : key.length;
        SecretKeySpec keySpec = new SecretKeySpec(key, 0, aesKeySize, keyAlgorithm);
        byte[] block = counterMode ? counterBlock(key, aesKeySize, new byte[8]) : null;
        int ivSize = algorithm.ivSize();
        return new org.ike4j.crypto.PacketCipher() {
            // SunJCE copies its input when asked to work in place (input and output the same
            // array): into here instead, then back, so that no packet costs an allocation
            private byte[] scratch = new byte[2048];

            @Override
            public void encrypt(byte[] iv, int ivOffset, byte[] buf, int offset, int length) {
                run(javax.crypto.Cipher.ENCRYPT_MODE, iv, ivOffset, buf, offset, length);
            }

            @Override
            public void decrypt(byte[] iv, int ivOffset, byte[] buf, int offset, int length) {
                run(javax.crypto.Cipher.DECRYPT_MODE, iv, ivOffset, buf, offset, length);
            }

            private void run(int mode, byte[] iv, int ivOffset, byte[] buf, int offset, int length) {
                if (length % algorithm.blockSize() != 0) {
                    throw new IllegalArgumentException(algorithm + " works on whole blocks, got " + length + " bytes");
                }
                IvParameterSpec ivSpec;
                if (block != null) {
                    System.arraycopy(iv, ivOffset, block, 4, 8);
                    ivSpec = new IvParameterSpec(block);
                } else {
                    ivSpec = new IvParameterSpec(iv, ivOffset, ivSize);
                }
                if (scratch.length < length) {
                    scratch = new byte[Math.max(length, scratch.length * 2)];
                }
                try {
                    c.init(mode, keySpec, ivSpec);
                    int n = c.doFinal(buf, offset, length, scratch, 0);
                    System.arraycopy(scratch, 0, buf, offset, n);
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException(algorithm + " refused its input", e);
                }
            }
        };
    }

    /** The JCA transformation for an algorithm, or null where none applies (NULL). */
    static String transformation(CipherAlgorithm algorithm) {
        return switch (algorithm) {
            case DES3_CBC -> "DESede/CBC/NoPadding";
            case AES_CBC_128, AES_CBC_192, AES_CBC_256 -> "AES/CBC/NoPadding";
            case AES_CTR_128, AES_CTR_192, AES_CTR_256 -> "AES/CTR/NoPadding";
            case NULL -> null;
        };
    }

    @Override
    public CipherAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) {
        algorithm.check(key, iv, plaintext);
        return run(javax.crypto.Cipher.ENCRYPT_MODE, key, iv, plaintext);
    }

    @Override
    public byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext) {
        algorithm.check(key, iv, ciphertext);
        if (ecbPerThread == null) {
            return run(javax.crypto.Cipher.DECRYPT_MODE, key, iv, ciphertext);
        }
        byte[] out;
        try {
            out = ecbPerThread.get().keyed(key).doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(algorithm + " refused its input", e);
        }
        if (out.length != ciphertext.length) {
            throw new IllegalStateException(algorithm + " produced " + out.length + " bytes for " + ciphertext.length);
        }
        int block = iv.length;
        for (int i = 0; i < block && i < out.length; i++) {
            out[i] ^= iv[i];
        }
        for (int i = block; i < out.length; i++) {
            out[i] ^= ciphertext[i - block];
        }
        return out;
    }

    private byte[] run(int mode, byte[] key, byte[] iv, byte[] text) {
        SecretKeySpec keySpec;
        IvParameterSpec ivSpec;
        if (counterMode) {
            // RFC 3686 section 4: counter block = nonce (last 4 bytes of the keying material) | IV | 1.
            int aesKeySize = key.length - 4;
            keySpec = new SecretKeySpec(key, 0, aesKeySize, keyAlgorithm);
            ivSpec = new IvParameterSpec(counterBlock(key, aesKeySize, iv));
        } else {
            keySpec = new SecretKeySpec(key, keyAlgorithm);
            ivSpec = new IvParameterSpec(iv);
        }
        javax.crypto.Cipher c = perThread.get();
        try {
            c.init(mode, keySpec, ivSpec);
            byte[] out = new byte[text.length];
            int n = c.doFinal(text, 0, text.length, out, 0);
            if (n != text.length) {
                throw new IllegalStateException(algorithm + " produced " + n + " bytes for " + text.length);
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(algorithm + " refused its input", e);
        }
    }

    static byte[] counterBlock(byte[] key, int aesKeySize, byte[] iv) {
        byte[] block = new byte[16];
        System.arraycopy(key, aesKeySize, block, 0, 4);
        System.arraycopy(iv, 0, block, 4, 8);
        block[15] = 1;
        return block;
    }
}

package org.ike4j.analysis.decode;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.spec.SecretKeySpec;

import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;

/**
 * CBC decryption (3DES, RFC 2451; AES, RFC 3602) for the capture decoder, keeping each thread's key
 * schedules for its last few keys. The JDK's CBC cipher expands its key again at every
 * initialisation for 3DES (and for AES whenever the key differs from the last one), but one message
 * needs a new IV, so a decoder that decrypts message after message of the same SAs spent about a
 * twentieth of its decoding time expanding the same keys (bench/decoder, JFR). Here each thread
 * keeps ECB ciphers keyed for the last {@value #SLOTS} keys it used and does the chaining itself:
 * P[i] = D(C[i]) XOR C[i-1], with C[-1] the IV (RFC 2451 section 2.2, RFC 3602 section 2.1).
 *
 * <p>A thread holds copies of its last keys (and their schedules, as the JDK's cipher does for
 * its last key) for as long as it lives; the decoder's keys come from files the user gave it.
 * Encryption, which the decoder never does, goes to the backend's cipher.
 */
final class KeptScheduleCbc implements Cipher {

    private static final int SLOTS = 4;

    private final Cipher backend;
    private final String transformation;
    private final String keyAlgorithm;
    private final ThreadLocal<Slots> slots;

    /** @param backend the backend's cipher for the same algorithm, which must be one of the CBC ones */
    KeptScheduleCbc(Cipher backend) {
        CipherAlgorithm a = backend.algorithm();
        this.backend = backend;
        this.keyAlgorithm = switch (a) {
            case DES3_CBC -> "DESede";
            case AES_CBC_128, AES_CBC_192, AES_CBC_256 -> "AES";
            default -> throw new IllegalArgumentException("not a CBC cipher: " + a);
        };
        this.transformation = keyAlgorithm + "/ECB/NoPadding";
        this.slots = ThreadLocal.withInitial(Slots::new);
    }

    /** Whether {@code algorithm} is one this class decrypts. */
    static boolean handles(CipherAlgorithm algorithm) {
        return switch (algorithm) {
            case DES3_CBC, AES_CBC_128, AES_CBC_192, AES_CBC_256 -> true;
            default -> false;
        };
    }

    @Override
    public CipherAlgorithm algorithm() {
        return backend.algorithm();
    }

    @Override
    public byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) {
        return backend.encrypt(key, iv, plaintext);
    }

    @Override
    public byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext) {
        algorithm().check(key, iv, ciphertext);
        byte[] out;
        try {
            out = slots.get().keyed(key).doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(algorithm() + " refused its input", e);
        }
        if (out.length != ciphertext.length) {
            throw new IllegalStateException(algorithm() + " produced " + out.length + " bytes for "
                    + ciphertext.length);
        }
        int block = iv.length;
        for (int i = 0; i < block; i++) {
            out[i] ^= iv[i];
        }
        for (int i = block; i < out.length; i++) {
            out[i] ^= ciphertext[i - block];
        }
        return out;
    }

    /** One thread's ECB ciphers and the keys they hold, replaced in turn. */
    private final class Slots {
        private final byte[][] keys = new byte[SLOTS][];
        private final javax.crypto.Cipher[] ciphers = new javax.crypto.Cipher[SLOTS];
        private int next;

        javax.crypto.Cipher keyed(byte[] key) throws GeneralSecurityException {
            for (int i = 0; i < SLOTS; i++) {
                if (keys[i] != null && Arrays.equals(keys[i], key)) {
                    return ciphers[i];
                }
            }
            int i = next;
            next = (next + 1) % SLOTS;
            if (ciphers[i] == null) {
                ciphers[i] = javax.crypto.Cipher.getInstance(transformation);
            }
            keys[i] = null;
            ciphers[i].init(javax.crypto.Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlgorithm));
            keys[i] = key.clone();
            return ciphers[i];
        }
    }
}

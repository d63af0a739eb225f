package org.ike4j.crypto.bc;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Supplier;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.AuthenticationException;

/**
 * AES-GCM (RFC 4106, RFC 5282), AES-CCM (RFC 4309) and ChaCha20-Poly1305 (RFC 7634) with
 * BouncyCastle's lightweight AEAD modes. The key argument is cipher key | salt, the nonce
 * salt | IV, the output ciphertext | ICV.
 *
 * <p>GCM keeps its per-key tables between calls with the same key (an init without a key reuses
 * them). {@link Aead} is a pure function: nonce uniqueness is the caller's (RFC 4106 section 3.1);
 * BouncyCastle refuses to encrypt twice in a row with one key and nonce on the same object, a guard
 * that depends on which call this thread made last, so when it fires the call goes to a fresh
 * object instead of failing at random.
 */
final class BcAead implements Aead {
    private final AeadAlgorithm algorithm;
    private final Supplier<AEADCipher> factory;
    private final boolean keepsKey;
    private final ThreadLocal<Keyed> perThread;

    BcAead(AeadAlgorithm algorithm) {
        this.algorithm = algorithm;
        if (algorithm == AeadAlgorithm.CHACHA20_POLY1305) {
            factory = ChaCha20Poly1305::new;
            keepsKey = false;
        } else if (algorithm.name().startsWith("AES_GCM_")) {
            factory = () -> GCMBlockCipher.newInstance(AESEngine.newInstance());
            keepsKey = true;
        } else {
            factory = () -> CCMBlockCipher.newInstance(AESEngine.newInstance());
            keepsKey = false;
        }
        this.perThread = ThreadLocal.withInitial(() -> new Keyed(factory.get()));
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public byte[] seal(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
        algorithm.check(key, iv);
        Keyed k = perThread.get();
        AEADCipher c = k.cipher;
        byte[] nonce = algorithm.nonce(key, iv);
        byte[] cipherKey = Arrays.copyOf(key, algorithm.cipherKeySize());
        try {
            init(k, true, cipherKey, nonce);
        } catch (IllegalArgumentException reuseGuard) {
            // Sizes were checked above, so this is the same-key-and-nonce guard.
            c = factory.get();
            c.init(true, new AEADParameters(new KeyParameter(cipherKey), algorithm.icvSize() * 8, nonce));
        }
        if (aad.length > 0) {
            c.processAADBytes(aad, 0, aad.length);
        }
        byte[] out = new byte[c.getOutputSize(plaintext.length)];
        int n = c.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            n += c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(algorithm + " failed to encrypt", e);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    @Override
    public byte[] open(byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndIcv) throws AuthenticationException {
        algorithm.check(key, iv);
        if (ciphertextAndIcv.length < algorithm.icvSize()) {
            throw new AuthenticationException(algorithm + " input shorter than its ICV");
        }
        Keyed k = perThread.get();
        AEADCipher c = k.cipher;
        init(k, false, Arrays.copyOf(key, algorithm.cipherKeySize()), algorithm.nonce(key, iv));
        if (aad.length > 0) {
            c.processAADBytes(aad, 0, aad.length);
        }
        byte[] out = new byte[c.getOutputSize(ciphertextAndIcv.length)];
        int n = c.processBytes(ciphertextAndIcv, 0, ciphertextAndIcv.length, out, 0);
        try {
            n += c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            throw new AuthenticationException(algorithm + " ICV mismatch");
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private void init(Keyed k, boolean forEncryption, byte[] cipherKey, byte[] nonce) {
        boolean sameKey = keepsKey && k.key != null && MessageDigest.isEqual(k.key, cipherKey);
        k.key = null;
        k.cipher.init(forEncryption, new AEADParameters(
                sameKey ? null : new KeyParameter(cipherKey), algorithm.icvSize() * 8, nonce));
        k.key = cipherKey;
    }

    /** A thread's AEAD object and the key it holds. */
    private static final class Keyed {
        final AEADCipher cipher;
        byte[] key;

        Keyed(AEADCipher cipher) {
            this.cipher = cipher;
        }
    }
}

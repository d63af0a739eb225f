package org.ike4j.crypto.bc;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.function.Supplier;
import org.bouncycastle.crypto.MultiBlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CTRModeCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.KeptKeys;

/**
 * CBC (RFC 2451, RFC 3602) and AES-CTR (RFC 3686) with BouncyCastle's lightweight modes. Each
 * thread keeps, per direction, mode objects keyed with its last few keys ({@link KeptKeys}) and
 * gives a message only its IV: BouncyCastle recomputes the key schedule on every keyed init (for
 * 3DES under C1 that costs more than decrypting a short message, ShortLivedCipherBench), while an
 * IV-only init keeps it.
 */
final class BcCipher implements Cipher {
    private final CipherAlgorithm algorithm;
    private final boolean counterMode;
    private final ThreadLocal<KeptKeys<MultiBlockCipher>> encrypting;
    private final ThreadLocal<KeptKeys<MultiBlockCipher>> decrypting;

    BcCipher(CipherAlgorithm algorithm) {
        this.algorithm = algorithm;
        this.counterMode = algorithm.name().startsWith("AES_CTR_");
        Supplier<MultiBlockCipher> mode = switch (algorithm) {
            case DES3_CBC -> () -> CBCBlockCipher.newInstance(new DESedeEngine());
            case AES_CBC_128, AES_CBC_192, AES_CBC_256 -> () -> CBCBlockCipher.newInstance(AESEngine.newInstance());
            case AES_CTR_128, AES_CTR_192, AES_CTR_256 -> () -> SICBlockCipher.newInstance(AESEngine.newInstance());
            case NULL -> throw new IllegalArgumentException("NULL has no BouncyCastle mode");
        };
        this.encrypting = ThreadLocal.withInitial(() -> kept(mode, true));
        this.decrypting = ThreadLocal.withInitial(() -> kept(mode, false));
    }

    private static KeptKeys<MultiBlockCipher> kept(Supplier<MultiBlockCipher> mode, boolean forEncryption) {
        return new KeptKeys<>() {
            @Override
            protected MultiBlockCipher make() {
                return mode.get();
            }

            @Override
            protected void key(MultiBlockCipher m, byte[] key) {
                // the IV given here is replaced by each message's own
                m.init(forEncryption, new ParametersWithIV(new KeyParameter(key), new byte[m.getBlockSize()]));
            }
        };
    }

    @Override
    public CipherAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) {
        algorithm.check(key, iv, plaintext);
        return run(encrypting.get(), true, key, iv, plaintext);
    }

    @Override
    public byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext) {
        algorithm.check(key, iv, ciphertext);
        return run(decrypting.get(), false, key, iv, ciphertext);
    }

    private byte[] run(KeptKeys<MultiBlockCipher> kept, boolean forEncryption, byte[] key, byte[] iv, byte[] text) {
        byte[] cipherKey;
        byte[] ivOrCounter;
        if (counterMode) {
            // RFC 3686 section 4: counter block = nonce (last 4 bytes of the keying material) | IV | 1.
            cipherKey = Arrays.copyOf(key, key.length - 4);
            ivOrCounter = new byte[16];
            System.arraycopy(key, key.length - 4, ivOrCounter, 0, 4);
            System.arraycopy(iv, 0, ivOrCounter, 4, 8);
            ivOrCounter[15] = 1;
        } else {
            cipherKey = key;
            ivOrCounter = iv;
        }
        MultiBlockCipher mode;
        try {
            mode = kept.keyed(cipherKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle's modes throw no checked exception", e);
        }
        mode.init(forEncryption, new ParametersWithIV(null, ivOrCounter));
        byte[] out = new byte[text.length];
        if (counterMode) {
            ((CTRModeCipher) mode).processBytes(text, 0, text.length, out, 0);
        } else {
            int blocks = text.length / mode.getBlockSize();
            if (blocks > 0) {
                mode.processBlocks(text, 0, blocks, out, 0);
            }
        }
        return out;
    }
}

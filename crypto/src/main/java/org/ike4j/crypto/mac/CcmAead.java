package org.ike4j.crypto.mac;

import java.util.function.Supplier;
import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.AuthenticationException;

/**
 * AES-CCM as an {@link Aead} (RFC 4309 section 4, RFC 5282): key | 3-byte salt, nonce = salt | IV,
 * computed by {@link AesCcm} on whatever AES block function the backend supplies.
 *
 * @param blocks hands out an AES block function for this thread's exclusive use during one call
 */
public record CcmAead(AeadAlgorithm algorithm, Supplier<AesBlock> blocks) implements Aead {
    public CcmAead {
        if (!algorithm.name().startsWith("AES_CCM_")) {
            throw new IllegalArgumentException(algorithm + " is not AES-CCM");
        }
    }

    @Override
    public byte[] seal(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
        algorithm.check(key, iv);
        return AesCcm.seal(blocks.get(), cipherKey(key), algorithm.nonce(key, iv), algorithm.icvSize(), aad, plaintext);
    }

    @Override
    public byte[] open(byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndIcv) throws AuthenticationException {
        algorithm.check(key, iv);
        return AesCcm.open(
                blocks.get(), cipherKey(key), algorithm.nonce(key, iv), algorithm.icvSize(), aad, ciphertextAndIcv);
    }

    private byte[] cipherKey(byte[] key) {
        return java.util.Arrays.copyOf(key, algorithm.cipherKeySize());
    }
}

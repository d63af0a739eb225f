package org.ike4j.crypto.mac;

import java.util.Arrays;

/**
 * AES-XCBC-MAC (RFC 3566) and the PRF built on it, AES-XCBC-PRF-128 (RFC 4434).
 */
public final class AesXcbc {
    private AesXcbc() {
    }

    /**
     * The full 128-bit AES-XCBC-MAC (RFC 3566 section 4) under a 16-byte key; AES-XCBC-MAC-96 is
     * its first 12 bytes.
     */
    public static byte[] mac(AesBlock aes, byte[] key, byte[]... data) {
        if (key.length != AesBlock.BLOCK_SIZE) {
            throw new IllegalArgumentException("AES-XCBC-MAC needs a 16-byte key, got " + key.length);
        }
        // K1, K2, K3 = E(K, 0x01..), E(K, 0x02..), E(K, 0x03..) (RFC 3566 section 4, steps 1a-1c).
        byte[] k1 = constant(0x01);
        byte[] k2 = constant(0x02);
        byte[] k3 = constant(0x03);
        aes.init(key);
        aes.encrypt(k1, 0, k1, 0);
        aes.encrypt(k2, 0, k2, 0);
        aes.encrypt(k3, 0, k3, 0);
        try {
            // The chain runs under K1; K2 masks a full last block, K3 a padded one (steps 3-4).
            aes.init(k1);
            return CbcMac.compute(aes, k2, k3, data);
        } finally {
            Arrays.fill(k1, (byte) 0);
            Arrays.fill(k2, (byte) 0);
            Arrays.fill(k3, (byte) 0);
        }
    }

    /**
     * AES-XCBC-PRF-128 (RFC 4434 section 2): a key of exactly 16 bytes is used as it is, a shorter
     * one is padded on the right with zero bytes, and a longer one is reduced to
     * AES-XCBC-MAC(0^128, key).
     */
    public static byte[] prf(AesBlock aes, byte[] key, byte[]... data) {
        if (key.length == AesBlock.BLOCK_SIZE) {
            return mac(aes, key, data);
        }
        byte[] k = key.length < AesBlock.BLOCK_SIZE
                ? Arrays.copyOf(key, AesBlock.BLOCK_SIZE)
                : mac(aes, new byte[AesBlock.BLOCK_SIZE], key);
        try {
            return mac(aes, k, data);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    private static byte[] constant(int value) {
        byte[] b = new byte[AesBlock.BLOCK_SIZE];
        Arrays.fill(b, (byte) value);
        return b;
    }
}

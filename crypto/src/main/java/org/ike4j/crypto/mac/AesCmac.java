package org.ike4j.crypto.mac;

import java.util.Arrays;

/**
 * AES-CMAC (RFC 4493), AES-CMAC-96 (RFC 4494) as its first 12 bytes, and AES-CMAC-PRF-128
 * (RFC 4615).
 */
public final class AesCmac {
    /** R_128 of RFC 4493 section 2.3: the reduction constant for doubling in GF(2^128). */
    private static final int RB = 0x87;

    private AesCmac() {
    }

    /** The full 128-bit AES-CMAC under a 16-byte key (RFC 4493 section 2.4). */
    public static byte[] mac(AesBlock aes, byte[] key, byte[]... data) {
        if (key.length != AesBlock.BLOCK_SIZE) {
            throw new IllegalArgumentException("AES-CMAC needs a 16-byte key, got " + key.length);
        }
        aes.init(key);
        // L = E(K, 0^128); K1 = double(L); K2 = double(K1) (RFC 4493 section 2.3).
        byte[] l = new byte[AesBlock.BLOCK_SIZE];
        aes.encrypt(l, 0, l, 0);
        byte[] k1 = dbl(l);
        byte[] k2 = dbl(k1);
        try {
            return CbcMac.compute(aes, k1, k2, data);
        } finally {
            Arrays.fill(l, (byte) 0);
            Arrays.fill(k1, (byte) 0);
            Arrays.fill(k2, (byte) 0);
        }
    }

    /**
     * AES-CMAC-PRF-128 (RFC 4615 section 3): a 16-byte key is used as it is; any other length is
     * first reduced to AES-CMAC(0^128, key).
     */
    public static byte[] prf(AesBlock aes, byte[] key, byte[]... data) {
        if (key.length == AesBlock.BLOCK_SIZE) {
            return mac(aes, key, data);
        }
        byte[] reduced = mac(aes, new byte[AesBlock.BLOCK_SIZE], key);
        try {
            return mac(aes, reduced, data);
        } finally {
            Arrays.fill(reduced, (byte) 0);
        }
    }

    /** Multiplication by x in GF(2^128): shift left one bit, fold the carry back in with R_128. */
    private static byte[] dbl(byte[] in) {
        byte[] out = new byte[AesBlock.BLOCK_SIZE];
        int carry = 0;
        for (int i = AesBlock.BLOCK_SIZE - 1; i >= 0; i--) {
            int b = in[i] & 0xff;
            out[i] = (byte) ((b << 1) | carry);
            carry = b >>> 7;
        }
        // Constant time: mask instead of branching on the secret top bit.
        out[AesBlock.BLOCK_SIZE - 1] ^= (byte) (RB & -carry);
        return out;
    }
}

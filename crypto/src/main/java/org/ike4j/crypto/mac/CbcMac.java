package org.ike4j.crypto.mac;

import java.util.Arrays;

/**
 * The CBC-MAC core that AES-XCBC-MAC (RFC 3566) and AES-CMAC (RFC 4493) share: CBC over all blocks
 * under one key, the last block first XORed with one of two subkeys, chosen by whether the message
 * ends on a full block (then no padding) or not (then padded with 10*). Only the subkeys and the
 * key of the chain differ between the two MACs.
 *
 * <p>The message arrives in pieces ({@code data[0] | data[1] | ...}, as IKE's PRF inputs do), so the
 * last full block is held back until it is known to be the last.
 */
final class CbcMac {
    private CbcMac() {
    }

    /**
     * @param aes keyed with the chain key
     * @param completeSubkey XORed into a last block that is complete
     * @param paddedSubkey XORed into a last block that was padded (or the empty message)
     * @return the 16-byte MAC
     */
    static byte[] compute(AesBlock aes, byte[] completeSubkey, byte[] paddedSubkey, byte[][] data) {
        byte[] state = new byte[AesBlock.BLOCK_SIZE];
        byte[] pending = new byte[AesBlock.BLOCK_SIZE];
        int pendingLength = 0;
        for (byte[] piece : data) {
            int off = 0;
            while (off < piece.length) {
                if (pendingLength == AesBlock.BLOCK_SIZE) {
                    // More input follows, so the held block is not the last: chain it.
                    aes.chain(state, pending, 0, 1);
                    pendingLength = 0;
                }
                if (pendingLength == 0 && piece.length - off > AesBlock.BLOCK_SIZE) {
                    // Whole blocks straight from the input, holding back at least one byte, so
                    // that the block that may be the last is still held.
                    int blocks = (piece.length - off - 1) / AesBlock.BLOCK_SIZE;
                    aes.chain(state, piece, off, blocks);
                    off += blocks * AesBlock.BLOCK_SIZE;
                }
                int n = Math.min(AesBlock.BLOCK_SIZE - pendingLength, piece.length - off);
                System.arraycopy(piece, off, pending, pendingLength, n);
                pendingLength += n;
                off += n;
            }
        }
        byte[] subkey;
        if (pendingLength == AesBlock.BLOCK_SIZE) {
            subkey = completeSubkey;
        } else {
            pending[pendingLength] = (byte) 0x80;
            Arrays.fill(pending, pendingLength + 1, AesBlock.BLOCK_SIZE, (byte) 0);
            subkey = paddedSubkey;
        }
        xorInto(state, pending, AesBlock.BLOCK_SIZE);
        xorInto(state, subkey, AesBlock.BLOCK_SIZE);
        aes.encrypt(state, 0, state, 0);
        Arrays.fill(pending, (byte) 0);
        return state;
    }

    static void xorInto(byte[] target, byte[] source, int length) {
        for (int i = 0; i < length; i++) {
            target[i] ^= source[i];
        }
    }
}

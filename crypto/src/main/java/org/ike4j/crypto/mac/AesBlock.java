package org.ike4j.crypto.mac;

/**
 * The raw AES block function (FIPS 197), forward direction only: all that XCBC, CMAC and CCM need.
 * Each backend supplies one over its own AES (a JCA ECB cipher, BouncyCastle's engine), so that the
 * modes in this package run on every backend.
 *
 * <p>An instance is mutable and not thread-safe: it holds the key of the last {@link #init}. The
 * modes here re-key it as they go (XCBC derives K1 under K, then MACs under K1), so a caller hands
 * one instance to one computation at a time, typically from a per-thread cache.
 */
public interface AesBlock {
    int BLOCK_SIZE = 16;

    /** Keys the function with a 16-, 24- or 32-byte AES key. */
    void init(byte[] key);

    /** Encrypts the 16 bytes at {@code in[inOff]} into {@code out[outOff]}; in and out may be the same. */
    void encrypt(byte[] in, int inOff, byte[] out, int outOff);

    /**
     * The CBC-MAC chain over whole blocks: for each block B, state = E(state XOR B). A backend with a
     * CBC mode overrides this to run the blocks in one call; the default goes a block at a time.
     */
    default void chain(byte[] state, byte[] in, int off, int blocks) {
        for (int b = 0; b < blocks; b++, off += BLOCK_SIZE) {
            for (int i = 0; i < BLOCK_SIZE; i++) {
                state[i] ^= in[off + i];
            }
            encrypt(state, 0, state, 0);
        }
    }

    /**
     * Counter mode in place: XORs E(counter), E(counter + 1), ... into {@code data}, the counter
     * block incremented as one big-endian 128-bit number (which equals incrementing CCM's length
     * field, as a message never overflows it). {@code counter} is not modified. A backend with a CTR
     * mode overrides this; the default goes a block at a time.
     */
    default void ctr(byte[] counter, byte[] data, int off, int len) {
        byte[] c = counter.clone();
        byte[] s = new byte[BLOCK_SIZE];
        for (int pos = 0; pos < len; pos += BLOCK_SIZE) {
            encrypt(c, 0, s, 0);
            int n = Math.min(BLOCK_SIZE, len - pos);
            for (int i = 0; i < n; i++) {
                data[off + pos + i] ^= s[i];
            }
            for (int i = BLOCK_SIZE - 1; i >= 0 && ++c[i] == 0; i--) {
                // carry into the next byte up
            }
        }
        java.util.Arrays.fill(s, (byte) 0);
    }
}

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
}

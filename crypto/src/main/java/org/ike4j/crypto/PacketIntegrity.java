package org.ike4j.crypto;

/**
 * An {@link Integrity} keyed once for one direction of an SA, computing the truncated ICV over a
 * packet and an optional trailing piece (ESP's implicit high-order sequence bits, RFC 4303 section
 * 2.2.1) without allocating. Not thread-safe: one SA direction, one thread at a time.
 */
public interface PacketIntegrity {
    /** The ICV size in bytes. */
    int icvSize();

    /**
     * Writes the truncated ICV over {@code a[aOffset, aOffset + aLength) | b[bOffset, bOffset + bLength)}
     * to {@code out[outOffset, outOffset + icvSize())}.
     */
    void icv(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength, byte[] out, int outOffset);
}

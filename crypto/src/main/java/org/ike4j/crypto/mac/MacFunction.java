package org.ike4j.crypto.mac;

/** A keyed function over a message given in pieces: an HMAC, XCBC or CMAC computation. */
@FunctionalInterface
public interface MacFunction {
    /** The full, untruncated output over {@code data[0] | data[1] | ...}. */
    byte[] apply(byte[] key, byte[][] data);
}

package org.ike4j.crypto.kdf;

import org.ike4j.crypto.Prf;
import org.ike4j.crypto.Secret;

/**
 * prf+ (RFC 7296 section 2.13): the PRF iterated to produce as much keying material as needed.
 *
 * <pre>
 * prf+ (K,S) = T1 | T2 | T3 | T4 | ...
 *   T1 = prf (K, S | 0x01)
 *   T2 = prf (K, T1 | S | 0x02)
 *   Tn = prf (K, Tn-1 | S | n)
 * </pre>
 *
 * The counter is a single octet, so prf+ is not defined beyond 255 blocks; asking for more is an
 * error rather than a silent wrap of the counter (which would repeat keying material).
 */
public final class PrfPlus {
    /** The largest counter value: RFC 7296 2.13, "not defined beyond 255 times the size of the prf output". */
    public static final int MAX_BLOCKS = 255;

    private PrfPlus() {
    }

    /** The most bytes prf+ can produce with {@code prf}. */
    public static int maxLength(Prf prf) {
        return MAX_BLOCKS * prf.outputSize();
    }

    /**
     * The first {@code length} bytes of prf+(key, S), where S is the concatenation of
     * {@code seed}'s parts.
     *
     * @throws IllegalArgumentException if {@code length} is negative or beyond 255 blocks
     */
    public static Secret derive(Prf prf, Secret key, int length, byte[]... seed) {
        int blockSize = prf.outputSize();
        if (length < 0 || length > MAX_BLOCKS * blockSize) {
            throw new IllegalArgumentException("prf+ is not defined for " + length + " bytes with "
                    + prf.algorithm().ianaName() + " (at most " + MAX_BLOCKS * blockSize + ")");
        }
        byte[] out = new byte[length];
        byte[] k = key.reveal();
        byte[] t = new byte[0];
        try {
            // Inputs: T(n-1), the seed parts, then the counter octet; T0 is empty.
            byte[][] input = new byte[seed.length + 2][];
            System.arraycopy(seed, 0, input, 1, seed.length);
            int filled = 0;
            for (int n = 1; filled < length; n++) {
                input[0] = t;
                input[input.length - 1] = new byte[] {(byte) n};
                byte[] next = prf.apply(k, input);
                Octets.wipe(t);
                t = next;
                int take = Math.min(t.length, length - filled);
                System.arraycopy(t, 0, out, filled, take);
                filled += take;
            }
            return Secret.wrap(out);
        } finally {
            Octets.wipe(k, t);
        }
    }
}

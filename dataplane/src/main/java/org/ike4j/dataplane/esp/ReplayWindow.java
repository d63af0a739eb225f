package org.ike4j.dataplane.esp;

/**
 * The receiver's anti-replay window (RFC 4303 section 3.4.3, Appendix A): the highest sequence
 * number seen so far and a bitmap of which of the {@code size} numbers at and below it have
 * arrived. With extended sequence numbers the window also infers the 32 high-order bits that the
 * packet does not carry (Appendix A2.2).
 *
 * <p>The check ({@link #infer}, {@link #isReplay}) comes before the ICV check and the update
 * ({@link #accept}) after it, so a forged packet cannot move the window (section 3.4.3). Not
 * thread-safe: one inbound SA, one thread.
 */
public final class ReplayWindow {
    /** A window larger than this is refused; the bitmap costs size / 8 bytes. */
    public static final int MAX_SIZE = 1 << 16;

    private final int size;
    private final boolean esn;
    private final long[] bits;
    private final int mask;
    /** The highest sequence number accepted, all 64 bits (0: none yet). */
    private long top;

    /**
     * @param size the window in packets; 0 turns the replay check off (the top is still tracked
     *     for ESN inference)
     * @param esn whether sequence numbers are 64 bits with only the low 32 sent
     */
    public ReplayWindow(int size, boolean esn) {
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("replay window of " + size + " packets (0.." + MAX_SIZE + ")");
        }
        this.size = size;
        this.esn = esn;
        // a power-of-two ring of bits, at least one word, as large as the window
        int ring = Math.max(64, Integer.highestOneBit(Math.max(1, size - 1)) << 1);
        this.bits = new long[ring / 64];
        this.mask = ring - 1;
    }

    public int size() {
        return size;
    }

    /** The highest sequence number accepted so far. */
    public long top() {
        return top;
    }

    /**
     * The full sequence number of a packet carrying {@code low}: the low 32 bits themselves without
     * ESN; with ESN the high-order bits per RFC 4303 Appendix A2.2, taken from the subspace the
     * window is in, or the next one when {@code low} is below the window, or the previous one when
     * the window straddles a wrap and {@code low} is in its upper part.
     */
    public long infer(int low) {
        long seql = low & 0xFFFFFFFFL;
        if (!esn) {
            return seql;
        }
        long tl = top & 0xFFFFFFFFL;
        long th = top >>> 32;
        long w = Math.max(size, 1);
        long bottom = (tl - w + 1) & 0xFFFFFFFFL;
        long seqh;
        if (tl >= w - 1) {
            seqh = seql >= bottom ? th : th + 1;
        } else {
            seqh = seql >= bottom ? th - 1 : th;
            if (seqh < 0) {
                seqh = 0;   // nothing wrapped yet: a packet of the first subspace
            }
        }
        return (seqh << 32) | seql;
    }

    /**
     * Whether {@code seq} (as {@link #infer} gave it) must be dropped: zero is never sent
     * (section 2.2), and within the window a number seen before or one below the window is a replay.
     */
    public boolean isReplay(long seq) {
        if (seq == 0 && !esn) {
            return true;
        }
        if (size == 0 || Long.compareUnsigned(seq, top) > 0) {
            return false;
        }
        long below = top - seq;
        if (Long.compareUnsigned(below, size) >= 0) {
            return true;
        }
        int bit = (int) (seq & mask);
        return (bits[bit >>> 6] & (1L << (bit & 63))) != 0;
    }

    /** Records {@code seq} after its ICV verified: slides the window up to it, or marks it inside. */
    public void accept(long seq) {
        if (Long.compareUnsigned(seq, top) > 0) {
            long shift = seq - top;
            if (Long.compareUnsigned(shift, mask + 1L) >= 0) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long s = top + 1; s != seq + 1; s++) {
                    int bit = (int) (s & mask);
                    bits[bit >>> 6] &= ~(1L << (bit & 63));
                }
            }
            top = seq;
        }
        int bit = (int) (seq & mask);
        bits[bit >>> 6] |= 1L << (bit & 63);
    }
}

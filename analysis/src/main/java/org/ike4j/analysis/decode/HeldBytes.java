package org.ike4j.analysis.decode;

/**
 * Where one decoder keeps the bytes of the messages it decoded (datagram, plaintext, IV), one
 * after another in large chunks, until the report is written.
 *
 * <p>Why not an array a message: the decoded capture lives to the end of the run, so every object
 * of it is copied at least once by the collector, whose pauses stop every thread; the serial
 * collector the launcher uses copies a few hundred thousand small arrays much more slowly than the
 * same bytes in a few large ones (bench/decoder: two arrays a message were a fifth of the objects
 * the 100,000-message capture held). A chunk is never written where it was already written, so
 * the {@link Content} that points into it sees bytes that do not change.
 *
 * <p>Not thread-safe: each decoder (one a thread) has its own.
 */
final class HeldBytes {
    /** The first chunk is small (most captures are), the next ones double up to {@link #LARGEST}. */
    private static final int FIRST = 16 * 1024;
    private static final int LARGEST = 1024 * 1024;

    private byte[] chunk = new byte[0];
    private int used;

    /**
     * Makes room for {@code length} more bytes in the current chunk, starting a new one when they do
     * not fit; then {@link #chunk()} and {@link #position()} say where they go.
     */
    void reserve(int length) {
        if (chunk.length - used < length) {
            int size = Math.clamp(chunk.length * 2L, FIRST, LARGEST);
            chunk = new byte[Math.max(size, length)];
            used = 0;
        }
    }

    byte[] chunk() {
        return chunk;
    }

    int position() {
        return used;
    }

    /** Appends {@code b} at {@link #position()}, in room made by {@link #reserve}. */
    void append(byte[] b) {
        System.arraycopy(b, 0, chunk, used, b.length);
        used += b.length;
    }
}

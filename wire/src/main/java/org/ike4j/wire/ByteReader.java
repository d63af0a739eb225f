package org.ike4j.wire;

import java.util.Arrays;

/**
 * A bounded cursor over a byte array. Every read is checked against the bound of the container
 * being read (a message, a payload, a proposal), and a read past it becomes a
 * {@link DecodeException} naming the field, its offset in the whole message and the notify to
 * answer with. Offsets are always absolute, so nested readers report where the byte really is.
 */
public final class ByteReader {
    private final byte[] buf;
    private final int start;
    private final int end;
    private final ErrorNotify malformed;
    private int pos;

    private ByteReader(byte[] buf, int start, int end, ErrorNotify malformed) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.malformed = malformed;
        this.pos = start;
    }

    /** A reader over the whole array; {@code malformed} is the notify for a length error. */
    public static ByteReader of(byte[] buf, ErrorNotify malformed) {
        return new ByteReader(buf, 0, buf.length, malformed);
    }

    /** Absolute offset of the next byte. */
    public int position() {
        return pos;
    }

    /** Absolute offset where this reader began. */
    public int start() {
        return start;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    public ErrorNotify malformedNotify() {
        return malformed;
    }

    // The check alone, the exception made elsewhere: small enough for C1 to inline into every read
    // (a short-lived decoder runs C1 code only; its inlining stops at 35 bytes of bytecode).
    private void need(int n, String field) throws DecodeException {
        if (n < 0 || n > end - pos) {
            throw tooShort(n, field);
        }
    }

    private DecodeException tooShort(int n, String field) {
        return new DecodeException(pos, field, malformed, "needs " + n + " bytes, " + (end - pos) + " left");
    }

    public int u8(String field) throws DecodeException {
        need(1, field);
        return buf[pos++] & 0xff;
    }

    public int u16(String field) throws DecodeException {
        need(2, field);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int u24(String field) throws DecodeException {
        need(3, field);
        int v = ((buf[pos] & 0xff) << 16) | ((buf[pos + 1] & 0xff) << 8) | (buf[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    /** An unsigned 32-bit field; returned as a long so that it compares and prints as unsigned. */
    public long u32(String field) throws DecodeException {
        need(4, field);
        long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** A 32-bit field kept as its raw int bits (message IDs, SPIs). */
    public int i32(String field) throws DecodeException {
        return (int) u32(field);
    }

    public long i64(String field) throws DecodeException {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    public byte[] bytes(int n, String field) throws DecodeException {
        need(n, field);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    public byte[] rest() {
        byte[] out = Arrays.copyOfRange(buf, pos, end);
        pos = end;
        return out;
    }

    public void skip(int n, String field) throws DecodeException {
        need(n, field);
        pos += n;
    }

    /**
     * A reader over the next {@code n} bytes, which this reader then skips. The length is
     * checked against this reader's bound first: a container never reads past its parent.
     */
    public ByteReader slice(int n, String field) throws DecodeException {
        need(n, field);
        ByteReader r = new ByteReader(buf, pos, pos + n, malformed);
        pos += n;
        return r;
    }

    /** A failure at the current position with this reader's malformed notify. */
    public DecodeException error(String field, String problem) {
        return new DecodeException(pos, field, malformed, problem);
    }

    /** A failure at the current position with a given notify. */
    public DecodeException error(String field, ErrorNotify answer, String problem) {
        return new DecodeException(pos, field, answer, problem);
    }

    /** A failure at an absolute offset. */
    public DecodeException errorAt(int offset, String field, String problem) {
        return new DecodeException(offset, field, malformed, problem);
    }
}

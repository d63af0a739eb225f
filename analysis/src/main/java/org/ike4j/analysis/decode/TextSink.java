package org.ike4j.analysis.decode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.ike4j.wire.Bytes;
import org.ike4j.wire.Registry;
import org.ike4j.wire.TreeSink;

/**
 * The text report's lines written straight into a reusable byte buffer, as UTF-8: the payload
 * descriptions of the wire model ({@link TreeSink}) and the report's own lines, without a tree
 * node, a {@code String} or a {@code StringBuilder} per line. Indent comes from a table of spaces,
 * numbers and hex are written digit by digit, and text that is ASCII (every name and almost every
 * value) is copied character by character; other text is encoded as {@code String.getBytes(UTF_8)}
 * encodes it, so the bytes are those of the string the tree would hold.
 *
 * <p>Each line is {@code depth} times two spaces, then {@code name: value} or a structure's title;
 * {@link #open(String)} and {@link #close()} move the depth, as {@link org.ike4j.wire.Tree}'s
 * rendering indents a nested structure. Not thread-safe: one per rendering thread.
 */
final class TextSink implements TreeSink {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SPACES = new byte[64];
    private static final byte[] EMPTY = "(empty)".getBytes(StandardCharsets.US_ASCII);

    static {
        Arrays.fill(SPACES, (byte) ' ');
    }

    private byte[] buf;
    private int pos;
    private int depth;

    TextSink(int capacity) {
        buf = new byte[Math.max(256, capacity)];
    }

    /** Empties the buffer (keeping its capacity) and sets the depth of the next structure. */
    TextSink reset(int depth) {
        pos = 0;
        this.depth = depth;
        return this;
    }

    /** Sets the depth of the next structure opened. */
    TextSink depth(int d) {
        depth = d;
        return this;
    }

    int size() {
        return pos;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, pos);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Gives back memory after an unusually large batch, so a pooled sink does not keep it. */
    void trim(int keep) {
        if (buf.length > keep && pos <= keep) {
            buf = new byte[keep];
            pos = 0;
        }
    }

    // ---- TreeSink: the payload descriptions

    @Override
    public TextSink open(String title) {
        indent(depth);
        text(title);
        nl();
        depth++;
        return this;
    }

    @Override
    public TextSink close() {
        depth--;
        return this;
    }

    @Override
    public TextSink field(String name, String value) {
        name(name);
        text(value);
        nl();
        return this;
    }

    @Override
    public TextSink field(String name, Object value) {
        return field(name, String.valueOf(value));
    }

    @Override
    public TextSink field(String name, long value) {
        name(name);
        number(value);
        nl();
        return this;
    }

    @Override
    public TextSink hex(String name, byte[] value) {
        name(name);
        if (value.length == 0) {
            bytes(EMPTY);
        } else {
            ensure(3 * value.length);
            byte[] b = buf;
            int p = pos;
            for (byte v : value) {
                b[p] = HEX[(v >> 4) & 0xf];
                b[p + 1] = HEX[v & 0xf];
                b[p + 2] = ' ';
                p += 3;
            }
            pos = p - 1;
        }
        nl();
        return this;
    }

    @Override
    public TextSink hex(String name, Bytes value) {
        name(name);
        int n = value.length();
        if (n == 0) {
            bytes(EMPTY);
        } else {
            ensure(3 * n);
            byte[] b = buf;
            int p = pos;
            for (int i = 0; i < n; i++) {
                byte v = value.get(i);
                b[p] = HEX[(v >> 4) & 0xf];
                b[p + 1] = HEX[v & 0xf];
                b[p + 2] = ' ';
                p += 3;
            }
            pos = p - 1;
        }
        nl();
        return this;
    }

    @Override
    public TextSink code(String name, Registry.Code value) {
        name(name);
        text(value.name());
        ensure(2);
        buf[pos++] = ' ';
        buf[pos++] = '(';
        number(value.code());
        ensure(2);
        buf[pos++] = ')';
        buf[pos++] = '\n';
        return this;
    }

    // ---- pieces of lines, for the report's own lines

    /** The start of a field's line: indent, name, colon and space. */
    private void name(String name) {
        indent(depth);
        text(name);
        ensure(2);
        buf[pos++] = ':';
        buf[pos++] = ' ';
    }

    /** {@code 2 * levels} spaces. */
    TextSink indent(int levels) {
        int n = 2 * levels;
        ensure(n);
        if (n <= SPACES.length) {
            System.arraycopy(SPACES, 0, buf, pos, n);
        } else {
            Arrays.fill(buf, pos, pos + n, (byte) ' ');
        }
        pos += n;
        return this;
    }

    TextSink nl() {
        ensure(1);
        buf[pos++] = '\n';
        return this;
    }

    TextSink ch(char c) {
        if (c >= 0x80) {
            return text(String.valueOf(c));
        }
        ensure(1);
        buf[pos++] = (byte) c;
        return this;
    }

    TextSink bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** The string as UTF-8: ASCII copied directly, anything else through the charset. */
    TextSink text(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                pos = p;
                return bytes(s.substring(i).getBytes(StandardCharsets.UTF_8));
            }
            b[p++] = (byte) c;
        }
        pos = p;
        return this;
    }

    /** A number in decimal, as {@code Long.toString} writes it. */
    TextSink number(long v) {
        ensure(20);
        if (v >= 0 && v < 10) {
            buf[pos++] = (byte) ('0' + v);
            return this;
        }
        if (v == Long.MIN_VALUE) {
            return text(Long.toString(v));
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v / 10; t != 0; t /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        pos = end;
        return this;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, pos + n));
        }
    }
}

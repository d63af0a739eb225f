package org.ike4j.analysis.decode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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

    /**
     * Names, titles and registry names are a few hundred constant strings, written millions of
     * times: each is encoded once and then copied, found by identity in a small direct-mapped cache.
     */
    private static final int LABELS = 1024;

    private byte[] buf;
    private int pos;
    private int depth;
    /** The last second {@link #instant(Instant)} wrote, and its {@code yyyy-MM-ddTHH:mm:ss}. */
    private long lastSecond = Long.MIN_VALUE;
    private final byte[] lastSecondText = new byte[19];
    private final String[] labelKeys = new String[LABELS];
    private final byte[][] labelBytes = new byte[LABELS][];

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

    /**
     * Empties the sink for its next batch, and gives back the memory of an unusually large one
     * (more than {@code keep} bytes), so that a pooled sink does not hold it.
     */
    void release(int keep) {
        pos = 0;
        if (buf.length > keep) {
            buf = new byte[keep];
        }
    }

    // ---- TreeSink: the payload descriptions

    @Override
    public TextSink open(String title) {
        indent(depth);
        label(title);
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
        label(value.name());
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
        label(name);
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

    /** A string that recurs (a name, a title): its bytes from the cache, encoded on the first use. */
    TextSink label(String s) {
        int i = s.hashCode() & (LABELS - 1);
        if (labelKeys[i] == s) {
            return bytes(labelBytes[i]);
        }
        int at = pos;
        text(s);
        labelKeys[i] = s;
        labelBytes[i] = Arrays.copyOfRange(buf, at, pos);
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

    /**
     * A capture time as {@link Instant#toString()} writes it (ISO-8601 in UTC, with 0, 3, 6 or 9
     * digits of fraction, as many as it needs); nothing for null. Consecutive messages mostly fall
     * in the same second, whose date and time are formatted once.
     */
    TextSink instant(Instant t) {
        if (t == null) {
            return this;
        }
        long second = t.getEpochSecond();
        if (second != lastSecond) {
            LocalDateTime d = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            if (d.getYear() < 0 || d.getYear() > 9999) {
                return text(t.toString());
            }
            byte[] b = lastSecondText;
            digits(b, 0, d.getYear(), 4);
            b[4] = '-';
            digits(b, 5, d.getMonthValue(), 2);
            b[7] = '-';
            digits(b, 8, d.getDayOfMonth(), 2);
            b[10] = 'T';
            digits(b, 11, d.getHour(), 2);
            b[13] = ':';
            digits(b, 14, d.getMinute(), 2);
            b[16] = ':';
            digits(b, 17, d.getSecond(), 2);
            lastSecond = second;
        }
        ensure(31);
        System.arraycopy(lastSecondText, 0, buf, pos, 19);
        pos += 19;
        int nano = t.getNano();
        if (nano != 0) {
            buf[pos++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(buf, pos, nano / 1_000_000, 3);
                pos += 3;
            } else if (nano % 1000 == 0) {
                digits(buf, pos, nano / 1000, 6);
                pos += 6;
            } else {
                digits(buf, pos, nano, 9);
                pos += 9;
            }
        }
        buf[pos++] = 'Z';
        return this;
    }

    /** {@code value} in {@code n} decimal digits, with leading zeros. */
    private static void digits(byte[] b, int at, int value, int n) {
        for (int i = at + n - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
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

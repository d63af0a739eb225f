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
    /** The two hex digits of each octet value. */
    private static final byte[] HEX_HIGH = new byte[256];
    private static final byte[] HEX_LOW = new byte[256];
    private static final byte[] SPACES = new byte[64];
    private static final byte[] EMPTY = "(empty)".getBytes(StandardCharsets.US_ASCII);

    static {
        Arrays.fill(SPACES, (byte) ' ');
        for (int v = 0; v < 256; v++) {
            HEX_HIGH[v] = HEX[v >> 4];
            HEX_LOW[v] = HEX[v & 0xf];
        }
    }

    /**
     * Names, titles and registry names are a few hundred constant strings, written millions of
     * times: each line's constant start (indent, name, colon and space), each heading's whole line,
     * each registry value's {@code NAME (n)} with its newline, and the whole line of a name with a
     * registry value or a recurring text at a depth are encoded once and then copied (one lookup
     * and one copy a line, under C1 which the decoder runs with), found by identity in small
     * direct-mapped caches ({@code String.hashCode} is a field read for a constant). A string equal
     * to the cached one but not the same object (a name made afresh) still finds its bytes, by
     * {@code equals}.
     */
    private static final int SLOTS = 4096;
    private static final int MASK = SLOTS - 1;
    /** Room for a number ({@code Long.MIN_VALUE} is 20 characters) and a newline. */
    private static final int NUMBER_LINE = 21;

    private byte[] buf;
    private int pos;
    private int depth;
    /** The last second {@link #instant(Instant)} wrote, and its {@code yyyy-MM-ddTHH:mm:ss}. */
    private long lastSecond = Long.MIN_VALUE;
    private final byte[] lastSecondText = new byte[19];
    /** {@link #label(String)}: the string's bytes. */
    private final String[] labelKeys = new String[SLOTS];
    private final byte[][] labelBytes = new byte[SLOTS][];
    /** A field's start at a depth: indent, name, {@code ": "}. */
    private final String[] nameKeys = new String[SLOTS];
    private final int[] nameDepths = new int[SLOTS];
    private final byte[][] nameBytes = new byte[SLOTS][];
    /** A heading's line at a depth: indent, title, newline. */
    private final String[] titleKeys = new String[SLOTS];
    private final int[] titleDepths = new int[SLOTS];
    private final byte[][] titleBytes = new byte[SLOTS][];
    /** A registry value's {@code NAME (n)} and newline, by its name and number. */
    private final String[] codeKeys = new String[SLOTS];
    private final int[] codeNumbers = new int[SLOTS];
    private final byte[][] codeBytes = new byte[SLOTS][];
    /** Whole lines of a name, a value (a registry value, a recurring text) and a depth. */
    private final String[] lineNames = new String[SLOTS];
    private final Object[] lineValues = new Object[SLOTS];
    private final int[] lineDepths = new int[SLOTS];
    private final byte[][] lineBytes = new byte[SLOTS][];
    /** The last value not in the line cache, per slot: its line cached if it comes again. */
    private final Object[] lineSeen = new Object[SLOTS];
    /** A field's text value that recurs ({@code no}, a flags text): its bytes and newline. */
    private final String[] valueKeys = new String[SLOTS];
    private final byte[][] valueBytes = new byte[SLOTS][];
    /** The last value not in the cache, per slot: cached if it comes again. */
    private final String[] valueSeen = new String[SLOTS];

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
        int i = slot(title.hashCode(), depth);
        byte[] line = titleBytes[i];
        if (titleKeys[i] != title || titleDepths[i] != depth) {
            line = titleLine(title, i);
        }
        copy(line);
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
        int h = value.hashCode();
        int l = slot(name.hashCode() ^ h, depth);
        if (lineNames[l] == name && lineValues[l] == value && lineDepths[l] == depth) {
            return copy(lineBytes[l]);
        }
        int at = pos;
        copy(nameStart(name));
        int i = slot(h, 0);
        byte[] v = valueBytes[i];
        if (valueKeys[i] == value || (v != null && value.equals(valueKeys[i]))) {
            copy(v);
            // a recurring value (no, TV, a flags text): the whole line from now on
            remember(l, name, value, at);
            return this;
        }
        int valueAt = pos;
        text(value);
        nl();
        // cached when the same string object comes a second time: a value made afresh for each
        // line (an address, a hex number) is never cached, so it costs no copy and evicts nothing
        if (valueSeen[i] == value) {
            valueKeys[i] = value;
            valueBytes[i] = Arrays.copyOfRange(buf, valueAt, pos);
        } else {
            valueSeen[i] = value;
        }
        return this;
    }

    @Override
    public TextSink field(String name, Object value) {
        return field(name, String.valueOf(value));
    }

    @Override
    public TextSink field(String name, long value) {
        byte[] start = nameStart(name);
        int n = start.length;
        ensure(n + NUMBER_LINE);
        System.arraycopy(start, 0, buf, pos, n);
        pos += n;
        putNumber(value);
        buf[pos++] = '\n';
        return this;
    }

    @Override
    public TextSink hex(String name, byte[] value) {
        byte[] start = nameStart(name);
        int n = start.length;
        int m = value.length;
        if (m == 0) {
            ensure(n + EMPTY.length + 1);
            copy(start);
            bytes(EMPTY);
            buf[pos++] = '\n';
            return this;
        }
        ensure(n + 3 * m);
        byte[] b = buf;
        System.arraycopy(start, 0, b, pos, n);
        int p = pos + n;
        for (int i = 0; i < m; i++) {
            int v = value[i] & 0xff;
            b[p] = HEX_HIGH[v];
            b[p + 1] = HEX_LOW[v];
            b[p + 2] = ' ';
            p += 3;
        }
        b[p - 1] = '\n';
        pos = p;
        return this;
    }

    @Override
    public TextSink hex(String name, Bytes value) {
        byte[] start = nameStart(name);
        int n = start.length;
        int m = value.length();
        if (m == 0) {
            ensure(n + EMPTY.length + 1);
            copy(start);
            bytes(EMPTY);
            buf[pos++] = '\n';
            return this;
        }
        ensure(n + 3 * m);
        byte[] b = buf;
        System.arraycopy(start, 0, b, pos, n);
        int p = pos + n;
        for (int i = 0; i < m; i++) {
            int v = value.get(i) & 0xff;
            b[p] = HEX_HIGH[v];
            b[p + 1] = HEX_LOW[v];
            b[p + 2] = ' ';
            p += 3;
        }
        b[p - 1] = '\n';
        pos = p;
        return this;
    }

    @Override
    public TextSink fixedHex(String name, long value, int digits) {
        if (digits != 8 && digits != 16) {
            throw new IllegalArgumentException("digits: 8 or 16, not " + digits);
        }
        byte[] start = nameStart(name);
        int n = start.length;
        ensure(n + digits + 1);
        byte[] b = buf;
        System.arraycopy(start, 0, b, pos, n);
        int p = pos + n;
        for (int i = p + digits - 1; i >= p; i--) {
            b[i] = HEX[(int) value & 0xf];
            value >>>= 4;
        }
        p += digits;
        b[p] = '\n';
        pos = p + 1;
        return this;
    }

    @Override
    public TextSink code(String name, Registry.Code value) {
        String key = value.name();
        int l = slot(name.hashCode() ^ key.hashCode(), depth);
        if (lineNames[l] == name && lineValues[l] == value && lineDepths[l] == depth) {
            return copy(lineBytes[l]);
        }
        int at = pos;
        codeLine(name, value, key);
        remember(l, name, value, at);
        return this;
    }

    /**
     * Caches the line written since {@code at} as the line of this name, value and depth, when
     * the same value object comes to this slot a second time: a registry's named value or a
     * constant text is one object, while a value made afresh for each line (an UNKNOWN-n, an equal
     * string) never comes twice, so it costs no copy and evicts nothing.
     */
    private void remember(int l, String name, Object value, int at) {
        if (lineSeen[l] != value) {
            lineSeen[l] = value;
            return;
        }
        lineNames[l] = name;
        lineValues[l] = value;
        lineDepths[l] = depth;
        lineBytes[l] = Arrays.copyOfRange(buf, at, pos);
    }

    /** A registry value's line from the name's start and the value's {@code NAME (n)}. */
    private void codeLine(String name, Registry.Code value, String key) {
        byte[] start = nameStart(name);
        int number = value.code();
        int i = slot(key.hashCode() + number, 0);
        byte[] v = codeBytes[i];
        if (codeKeys[i] != key || codeNumbers[i] != number) {
            v = codeText(key, number, i);
        }
        int n = start.length;
        int m = v.length;
        ensure(n + m);
        System.arraycopy(start, 0, buf, pos, n);
        System.arraycopy(v, 0, buf, pos + n, m);
        pos += n + m;
    }

    // ---- the caches' misses

    /** A cache slot for a string's hash at a depth: the same name at two depths has two slots. */
    private static int slot(int hash, int depth) {
        return (hash ^ (hash >>> 12) ^ (depth * 0x9e3779b9 >>> 20)) & MASK;
    }

    /** A field's start at the current depth: from the cache, else made and cached. */
    private byte[] nameStart(String name) {
        int i = slot(name.hashCode(), depth);
        byte[] start = nameBytes[i];
        if (nameKeys[i] == name && nameDepths[i] == depth) {
            return start;
        }
        if (start != null && nameDepths[i] == depth && name.equals(nameKeys[i])) {
            return start;
        }
        start = encoded(name, 2 * depth, ": ");
        nameKeys[i] = name;
        nameDepths[i] = depth;
        nameBytes[i] = start;
        return start;
    }

    private byte[] titleLine(String title, int i) {
        byte[] line = titleBytes[i];
        if (line != null && titleDepths[i] == depth && title.equals(titleKeys[i])) {
            return line;
        }
        line = encoded(title, 2 * depth, "\n");
        titleKeys[i] = title;
        titleDepths[i] = depth;
        titleBytes[i] = line;
        return line;
    }

    private byte[] codeText(String name, int number, int i) {
        byte[] v = codeBytes[i];
        if (v != null && codeNumbers[i] == number && name.equals(codeKeys[i])) {
            return v;
        }
        v = encoded(name, 0, " (" + number + ")\n");
        codeKeys[i] = name;
        codeNumbers[i] = number;
        codeBytes[i] = v;
        return v;
    }

    /** {@code spaces} spaces, the text as UTF-8, then the suffix (ASCII). */
    private static byte[] encoded(String text, int spaces, String suffix) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[spaces + t.length + suffix.length()];
        Arrays.fill(out, 0, spaces, (byte) ' ');
        System.arraycopy(t, 0, out, spaces, t.length);
        for (int k = 0; k < suffix.length(); k++) {
            out[spaces + t.length + k] = (byte) suffix.charAt(k);
        }
        return out;
    }

    // ---- pieces of lines, for the report's own lines

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

    /** Copies bytes after an {@link #ensure} made room, or with one. */
    private TextSink copy(byte[] b) {
        int n = b.length;
        if (pos + n > buf.length) {
            grow(n);
        }
        System.arraycopy(b, 0, buf, pos, n);
        pos += n;
        return this;
    }

    /** A string that recurs (a name, a title): its bytes from the cache, encoded on the first use. */
    TextSink label(String s) {
        int i = slot(s.hashCode(), 0);
        byte[] b = labelBytes[i];
        if (labelKeys[i] == s || (b != null && s.equals(labelKeys[i]))) {
            return copy(b);
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
        return t == null ? this : instant(t.getEpochSecond(), t.getNano());
    }

    /**
     * As {@link #instant(Instant)}, from the instant's two numbers (as a {@link DecodedMessage}
     * keeps them: no {@code Instant} made a line); a {@code nano} of -1 writes nothing.
     */
    TextSink instant(long second, int nano) {
        if (nano < 0) {
            return this;
        }
        if (second != lastSecond) {
            LocalDateTime d = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            if (d.getYear() < 0 || d.getYear() > 9999) {
                return text(Instant.ofEpochSecond(second, nano).toString());
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

    /**
     * A number in lowercase hex, as {@code Long.toHexString} writes it, with leading zeros to at
     * least {@code minDigits} digits.
     */
    TextSink hexDigits(long v, int minDigits) {
        int digits = Math.max(minDigits, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
        ensure(digits);
        for (int i = pos + digits - 1; i >= pos; i--) {
            buf[i] = HEX[(int) v & 0xf];
            v >>>= 4;
        }
        pos += digits;
        return this;
    }

    /** A number in decimal, as {@code Long.toString} writes it. */
    TextSink number(long v) {
        ensure(20);
        putNumber(v);
        return this;
    }

    /** {@link #number(long)} where room for 20 characters is made. */
    private void putNumber(long v) {
        if (v >= 0 && v < 10) {
            buf[pos++] = (byte) ('0' + v);
            return;
        }
        if (v == Long.MIN_VALUE) {
            byte[] min = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(min, 0, buf, pos, min.length);
            pos += min.length;
            return;
        }
        byte[] b = buf;
        int p = pos;
        if (v > 0 && v <= Integer.MAX_VALUE) {
            // lengths, sizes, counts: int arithmetic, which C1 compiles inline (a long division is a call)
            int x = (int) v;
            int digits = x < 100 ? 2 : x < 1000 ? 3 : x < 10000 ? 4 : x < 100000 ? 5 : 10;
            if (digits == 10) {
                digits = 6;
                for (int t = x / 1000000; t != 0; t /= 10) {
                    digits++;
                }
            }
            int end = p + digits;
            for (int i = end - 1; i >= p; i--) {
                int q = x / 10;
                b[i] = (byte) ('0' + (x - 10 * q));
                x = q;
            }
            pos = end;
            return;
        }
        if (v < 0) {
            b[p++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v / 10; t != 0; t /= 10) {
            digits++;
        }
        int end = p + digits;
        for (int i = end - 1; i >= p; i--) {
            b[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        pos = end;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            grow(n);
        }
    }

    private void grow(int n) {
        buf = Arrays.copyOf(buf, Math.max(2 * buf.length, pos + n));
    }
}

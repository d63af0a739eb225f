package org.ike4j.wire;

/**
 * Where a message or payload describes itself, line by line: a heading per structure, then its
 * fields in wire order, nested structures between {@link #open(String)} and {@link #close()}.
 * Each structure has one description ({@code describe}/{@code describeBody} methods of the v1 and
 * v2 payloads) and several sinks: {@link Tree.Builder} builds {@link Tree} nodes (the debug trace,
 * JSON and HTML reports, the library API); the decoder's text report writes the same lines
 * straight into bytes, without a node or a string per line.
 *
 * <p>The value methods are the text a {@link TreeField} holds: {@link #field(String, long)} is the
 * number in decimal, {@link #hex(String, byte[])} spaced lowercase hex or {@code (empty)},
 * {@link #code(String, Registry.Code)} the registry name with the number beside it. Names and
 * titles are ASCII.
 */
public interface TreeSink {

    /** Starts a nested structure with this heading; its fields follow until {@link #close()}. */
    TreeSink open(String title);

    /** Ends the structure the last unclosed {@link #open(String)} started. */
    TreeSink close();

    /** A field whose value is already text. */
    TreeSink field(String name, String value);

    /** A field whose value is {@code String.valueOf(value)}. */
    default TreeSink field(String name, Object value) {
        return field(name, String.valueOf(value));
    }

    /** A number, in decimal. */
    default TreeSink field(String name, long value) {
        return field(name, Long.toString(value));
    }

    /** Raw bytes in spaced hex, as pluto prints them; {@code (empty)} for none. */
    default TreeSink hex(String name, byte[] value) {
        return field(name, value.length == 0 ? "(empty)" : Hex.spaced(value));
    }

    /** Raw bytes in spaced hex; {@code (empty)} for none. */
    default TreeSink hex(String name, Bytes value) {
        return hex(name, value.toByteArray());
    }

    /**
     * A number in fixed-width lowercase hex, as {@link Hex#fixed(int, int)} writes an {@code int}
     * in 8 digits and {@link Hex#fixed(long, int)} a {@code long} in 16: its low {@code 4 * digits}
     * bits, with leading zeros.
     *
     * @param digits 8 or 16
     */
    default TreeSink fixedHex(String name, long value, int digits) {
        return field(name, switch (digits) {
            case 8 -> Hex.fixed((int) value, 8);
            case 16 -> Hex.fixed(value, 16);
            default -> throw new IllegalArgumentException("digits: 8 or 16, not " + digits);
        });
    }

    /** A registry value: its name and, beside it, its number. */
    default TreeSink code(String name, Registry.Code value) {
        return field(name, value.name() + " (" + value.code() + ")");
    }

    /** A tree built before, as a nested structure: its heading, fields and children. */
    default TreeSink tree(Tree t) {
        open(t.title());
        for (TreeEntry e : t.entries()) {
            switch (e) {
                case TreeField f -> field(f.name(), f.value());
                case Tree child -> tree(child);
            }
        }
        return close();
    }
}

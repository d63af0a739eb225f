package org.ike4j.wire.v1;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.Registry;
import org.ike4j.wire.Tree;

/**
 * A data attribute, RFC 2408 section 3.3:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |A|       Attribute Type        |    AF=0  Attribute Length     |
 * |F|                             |    AF=1  Attribute Value      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                   AF=0  Attribute Value                       .
 * </pre>
 *
 * The form (TV when AF=1, TLV when AF=0) is kept as received so that re-encoding is byte-exact:
 * a 2-byte value may legally come in either form.
 *
 * @param type the attribute type, 15 bits
 * @param tv true for the basic (TV) form; then {@code value} is exactly 2 bytes
 * @param value the value bytes
 */
public record DataAttribute(int type, boolean tv, Bytes value) {

    public DataAttribute {
        if (type < 0 || type > 0x7fff) {
            throw new IllegalArgumentException("attribute type is 15 bits: " + type);
        }
        if (tv && value.length() != 2) {
            throw new IllegalArgumentException("a TV attribute value is 2 bytes");
        }
        if (value.length() > 0xffff) {
            throw new IllegalArgumentException("a TLV attribute value is at most 65535 bytes");
        }
    }

    /** A basic (TV) attribute. */
    public static DataAttribute basic(int type, int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("a TV attribute value is 16 bits: " + value);
        }
        return new DataAttribute(type, true, Bytes.wrap(new byte[] {(byte) (value >>> 8), (byte) value}));
    }

    /** A variable (TLV) attribute. */
    public static DataAttribute variable(int type, Bytes value) {
        return new DataAttribute(type, false, value);
    }

    /** A variable (TLV) attribute holding an unsigned number in {@code length} bytes. */
    public static DataAttribute variable(int type, long number, int length) {
        byte[] b = new byte[length];
        for (int i = length - 1, s = 0; i >= 0; i--, s += 8) {
            b[i] = s < 64 ? (byte) (number >>> s) : 0;
        }
        return new DataAttribute(type, false, Bytes.wrap(b));
    }

    /** The wire size: 4 for TV, 4 + length for TLV. */
    public int encodedLength() {
        return tv ? 4 : 4 + value.length();
    }

    /** The value as an unsigned number; for TLV values up to 8 bytes (e.g. a 4-byte life duration). */
    public long numericValue() {
        if (value.length() > 8) {
            throw new IllegalStateException("attribute value of " + value.length() + " bytes is not a number");
        }
        long v = 0;
        for (int i = 0; i < value.length(); i++) {
            v = (v << 8) | (value.get(i) & 0xff);
        }
        return v;
    }

    public void encode(ByteWriter w) {
        if (tv) {
            w.u16(0x8000 | type);
            value.writeTo(w);
        } else {
            w.u16(type);
            w.u16(value.length());
            value.writeTo(w);
        }
    }

    /** Reads one attribute; a TLV length past the reader's end is a length error of the container. */
    public static DataAttribute decode(ByteReader r, String container) throws DecodeException {
        return decode(r, FieldNames.of(container));
    }

    private static DataAttribute decode(ByteReader r, FieldNames f) throws DecodeException {
        int afType = r.u16(f.type);
        if ((afType & 0x8000) != 0) {
            return new DataAttribute(afType & 0x7fff, true, Bytes.wrap(r.bytes(2, f.value)));
        }
        int len = r.u16(f.length);
        if (len > r.remaining()) {
            throw r.errorAt(r.position() - 2, f.length,
                    "attribute length " + len + " exceeds the " + r.remaining() + " bytes left");
        }
        return new DataAttribute(afType, false, Bytes.wrap(r.bytes(len, f.value)));
    }

    /**
     * The texts of the attribute lines that depend only on the class, the type and (for a TV
     * attribute) its value: the same few are printed for every transform of every SA payload of a
     * capture, and a string concatenation each was a good part of rendering them. Bounded: a
     * capture of odd attributes does not fill memory (past the bound the text is made each time).
     */
    private static final BoundedTexts TEXT = new BoundedTexts();

    /**
     * The usual texts by index, without a boxed key or a lambda (C1, which the short-lived commands
     * run with, inlines neither): {@code af+type} of types below 64, {@code value} of types below
     * 32 with values below 64; the rest in {@link #TEXT}. Strings are safe to publish racily.
     */
    private static final String[] AF_TYPE_TEXT = new String[AttributeClass.values().length * 2 * 64];
    private static final String[] VALUE_TEXT = new String[AttributeClass.values().length * 32 * 64];

    /** The {@code af+type} line's text: {@code AF+ENCRYPTION_ALGORITHM (1)}. */
    private String afTypeText(AttributeClass cls) {
        int i = type >= 0 && type < 64 ? (cls.ordinal() * 2 + (tv ? 1 : 0)) * 64 + type : -1;
        String text = i >= 0 ? AF_TYPE_TEXT[i] : null;
        if (text != null) {
            return text;
        }
        long key = ((long) cls.ordinal() << 40) | (tv ? 1L << 32 : 0) | type;
        text = TEXT.get(key);
        if (text == null) {
            text = (tv ? "AF+" : "") + cls.typeName(type).name() + " (" + type + ")";
            TEXT.remember(key, text);
        }
        if (i >= 0) {
            AF_TYPE_TEXT[i] = text;
        }
        return text;
    }

    /** A TV attribute's named value: {@code [1 is DES_CBC]}. */
    private String valueText(AttributeClass cls, int v, Registry.Code name) {
        int i = type >= 0 && type < 32 && v >= 0 && v < 64 ? (cls.ordinal() * 32 + type) * 64 + v : -1;
        String text = i >= 0 ? VALUE_TEXT[i] : null;
        if (text != null) {
            return text;
        }
        // the key leaves room for any int value: bit 63 marks these keys apart from the af+type ones
        long key = Long.MIN_VALUE | ((long) cls.ordinal() << 48) | ((long) (type & 0xffff) << 32) | (v & 0xffffffffL);
        text = TEXT.get(key);
        if (text == null) {
            text = "[" + v + " is " + name.name() + "]";
            TEXT.remember(key, text);
        }
        if (i >= 0) {
            VALUE_TEXT[i] = text;
        }
        return text;
    }

    /** A concurrent map that stops remembering after 4,096 entries. */
    private static final class BoundedTexts extends java.util.concurrent.ConcurrentHashMap<Long, String> {
        void remember(long key, String v) {
            if (size() < 4096) {
                putIfAbsent(key, v);
            }
        }
    }

    /**
     * The names an attribute's fields have in errors, made once per container: a capture decodes
     * millions of attributes, and three string concatenations each were a fifth of what the
     * decoder allocated.
     */
    private record FieldNames(String type, String value, String length) {
        private static final java.util.concurrent.ConcurrentHashMap<String, FieldNames> MADE =
                new java.util.concurrent.ConcurrentHashMap<>();

        static FieldNames of(String container) {
            FieldNames f = MADE.get(container);
            if (f == null) {
                f = new FieldNames(container + ".Attribute Type", container + ".Attribute Value",
                        container + ".Attribute Length");
                if (MADE.size() < 64) {
                    MADE.putIfAbsent(container, f);
                }
            }
            return f;
        }
    }

    /** Reads attributes until the reader is exhausted. */
    public static List<DataAttribute> decodeAll(ByteReader r, String container) throws DecodeException {
        List<DataAttribute> out = new ArrayList<>();
        FieldNames f = FieldNames.of(container);
        while (r.hasRemaining()) {
            out.add(decode(r, f));
        }
        return out;
    }

    public static void encodeAll(List<DataAttribute> attributes, ByteWriter w) {
        for (DataAttribute a : attributes) {
            a.encode(w);
        }
    }

    public static int encodedLength(List<DataAttribute> attributes) {
        int n = 0;
        for (DataAttribute a : attributes) {
            n += a.encodedLength();
        }
        return n;
    }

    /** The attribute for a log line, with the value hidden when the class says it is a secret. */
    public String toString(AttributeClass cls) {
        String name = cls.typeName(type).name();
        if (cls.isSecret(type)) {
            return name + "=(secret, " + value.length() + " bytes)";
        }
        return name + (tv ? "=" + numericValue() : "=" + value.hex());
    }

    /**
     * The attribute as pluto traces it: {@code af+type: ENCAPSULATION_MODE | length/value: 1 |
     * [1 is ENCAPSULATION_MODE_TUNNEL]}.
     */
    public Tree tree(AttributeClass cls) {
        return Tree.of(s -> describe(s, cls));
    }

    /** The attribute as a nested structure of {@code b}, as {@link #tree(AttributeClass)} shows it. */
    public void describe(TreeSink b, AttributeClass cls) {
        b.open(cls.title());
        b.field("af+type", afTypeText(cls));
        b.field("format", tv ? "TV" : "TLV");
        if (cls.isSecret(type)) {
            b.field("length/value", tv ? "(secret)" : value.length());
            b.field("value", "(secret, " + value.length() + " bytes)");
        } else if (tv) {
            int v = (int) numericValue();
            b.field("length/value", v);
            Registry.Code name = cls.valueName(type, v);
            if (name != null) {
                b.field("value", valueText(cls, v, name));
            }
        } else {
            b.field("length/value", value.length());
            b.hex("value", value);
            if (!value.isEmpty() && value.length() <= 8) {
                b.field("number", Long.toUnsignedString(numericValue()));
            }
        }
        b.close();
    }
}

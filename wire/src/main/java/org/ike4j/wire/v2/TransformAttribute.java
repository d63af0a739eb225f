package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/**
 * A transform attribute (RFC 7296 section 3.3.5), in TV form (AF bit set, a 2-octet value in
 * place of the length) or TLV form (AF bit clear, length and value). The form is kept as
 * received: the same value can be sent either way, and re-encoding must not change it.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |A|       Attribute Type        |    AF=0  Attribute Length     |
 * |F|                             |    AF=1  Attribute Value      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   AF=0  Attribute Value                       |
 * |                   AF=1  Not Transmitted                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param type the 15-bit attribute type
 * @param tv true for the TV form, whose value is exactly 2 octets
 * @param value the attribute value
 */
public record TransformAttribute(TransformAttributeType type, boolean tv, Bytes value) {

    public TransformAttribute {
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
        if (type.code() < 0 || type.code() > 0x7fff) {
            throw new IllegalArgumentException("attribute type out of range: " + type);
        }
        if (tv && value.length() != 2) {
            throw new IllegalArgumentException("a TV attribute has a 2-octet value");
        }
        if (value.length() > 0xffff) {
            throw new IllegalArgumentException("attribute value too long");
        }
    }

    /** KEY_LENGTH in TV form, as RFC 7296 section 3.3.5 sends it. */
    public static TransformAttribute keyLength(int bits) {
        return new TransformAttribute(TransformAttributeType.KEY_LENGTH, true,
                Bytes.wrap(new byte[] {(byte) (bits >>> 8), (byte) bits}));
    }

    /** The value as an unsigned number (TV form, or a TLV value of up to 4 octets); else -1. */
    public long numericValue() {
        if (value.length() > 4) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < value.length(); i++) {
            v = (v << 8) | (value.get(i) & 0xff);
        }
        return v;
    }

    int encodedLength() {
        return tv ? 4 : 4 + value.length();
    }

    void encode(ByteWriter w) {
        if (tv) {
            w.u16(0x8000 | type.code());
            value.writeTo(w);
        } else {
            w.u16(type.code()).u16(value.length());
            value.writeTo(w);
        }
    }

    String describe() {
        if (!tv || value.length() != 2) {
            return makeDescription();
        }
        // a TV attribute (a key length): the same few are printed for every transform of a capture
        int key = (type.code() << 16) | (int) numericValue();
        int i = (key ^ (key >>> 11)) & (TEXTS.length - 1);
        Text t = TEXTS[i];
        if (t != null && t.key() == key) {
            return t.text();
        }
        String made = makeDescription();
        if (type.code() <= 0xffff) {
            TEXTS[i] = new Text(key, made);
        }
        return made;
    }

    /** A TV attribute's description by type and value, in a small direct-mapped cache (published racily: final fields). */
    private record Text(int key, String text) {
    }

    private static final Text[] TEXTS = new Text[256];

    private String makeDescription() {
        return type.name() + " (" + type.code() + ") " + (tv ? "TV" : "TLV") + ": "
                + (tv || value.length() <= 4 ? String.valueOf(numericValue()) : value.hex());
    }
}

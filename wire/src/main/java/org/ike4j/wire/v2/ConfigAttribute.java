package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/**
 * A configuration attribute (RFC 7296 section 3.15.1).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |R|         Attribute Type      |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                             Value                             ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param reservedBit the R bit, kept as received
 * @param type the 15-bit attribute type
 * @param value the value (empty in a request for any value)
 */
public record ConfigAttribute(boolean reservedBit, ConfigAttributeType type, Bytes value) {

    public ConfigAttribute {
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
        if (type.code() < 0 || type.code() > 0x7fff || value.length() > 0xffff) {
            throw new IllegalArgumentException("attribute type or length out of range");
        }
    }

    public ConfigAttribute(ConfigAttributeType type, Bytes value) {
        this(false, type, value);
    }

    void encode(ByteWriter w) {
        w.u16((reservedBit ? 0x8000 : 0) | type.code()).u16(value.length());
        value.writeTo(w);
    }

    String describe() {
        return type + (reservedBit ? " R" : "") + ": " + (value.isEmpty() ? "(empty)" : value.hex());
    }
}

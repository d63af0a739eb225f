package org.ike4j.wire.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.Registry;

/**
 * A transform substructure (RFC 7296 section 3.3.2) inside a proposal.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Last Substruc |   RESERVED    |        Transform Length       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Transform Type |   RESERVED    |          Transform ID         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                      Transform Attributes                     ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Last Substruc (0 last, 3 more) and the length are derived when encoding; a received value other
 * than the one the position calls for is INVALID_SYNTAX.
 *
 * @param reserved1 the RESERVED octet after Last Substruc, kept as received
 * @param reserved2 the RESERVED octet after Transform Type, kept as received
 */
public record Transform(TransformType type, int id, List<TransformAttribute> attributes, int reserved1, int reserved2) {
    static final int LAST = 0;
    static final int MORE = 3;

    public Transform {
        Objects.requireNonNull(type);
        attributes = List.copyOf(attributes);
        if (type.code() < 0 || type.code() > 0xff || id < 0 || id > 0xffff) {
            throw new IllegalArgumentException("transform type or ID out of range");
        }
        if (reserved1 < 0 || reserved1 > 0xff || reserved2 < 0 || reserved2 > 0xff) {
            throw new IllegalArgumentException("reserved out of range");
        }
    }

    public Transform(TransformType type, int id, List<TransformAttribute> attributes) {
        this(type, id, attributes, 0, 0);
    }

    public Transform(TransformType type, int id) {
        this(type, id, List.of(), 0, 0);
    }

    /** The transform ID in the registry its type selects (RFC 7296 section 3.3.2, RFC 9370). */
    public Registry.Code transformId() {
        return switch (type.code()) {
            case 1 -> EncrAlgorithm.of(id);
            case 2 -> PrfAlgorithm.of(id);
            case 3 -> IntegAlgorithm.of(id);
            case 4, 6, 7, 8, 9, 10, 11, 12 -> KeyExchangeMethod.of(id);
            case 5 -> EsnValue.of(id);
            default -> new UnknownId(id);
        };
    }

    /** The KEY_LENGTH attribute's value in bits, or -1 when absent. */
    public int keyLength() {
        for (TransformAttribute a : attributes) {
            if (a.type().equals(TransformAttributeType.KEY_LENGTH)) {
                return (int) a.numericValue();
            }
        }
        return -1;
    }

    private record UnknownId(int code) implements Registry.Code {
        @Override
        public String name() {
            return "UNKNOWN-" + code;
        }
    }

    /** Decodes one transform; {@code lastExpected} tells whether it is the last of the proposal. */
    static Transform decode(ByteReader r) throws DecodeException {
        int at = r.position();
        int last = r.u8("Transform Substructure.Last Substruc");
        int reserved1 = r.u8("Transform Substructure.RESERVED");
        int lengthAt = r.position();
        int length = r.u16("Transform Substructure.Transform Length");
        if (length < 8) {
            throw r.errorAt(lengthAt, "Transform Substructure.Transform Length", "length " + length + " < 8");
        }
        if (length - 4 > r.remaining()) {
            throw r.errorAt(lengthAt, "Transform Substructure.Transform Length",
                    "length " + length + " exceeds the " + (r.remaining() + 4) + " octets left in the proposal");
        }
        ByteReader t = r.slice(length - 4, "Transform Substructure.Transform Length");
        // Last Substruc must say "last" exactly when this transform ends its container.
        boolean lastExpected = !r.hasRemaining();
        if (last != (lastExpected ? LAST : MORE)) {
            throw r.errorAt(at, "Transform Substructure.Last Substruc",
                    "is " + last + ", must be " + (lastExpected ? "0 for the last transform" : "3 when more follow"));
        }
        TransformType type = TransformType.of(t.u8("Transform Substructure.Transform Type"));
        int reserved2 = t.u8("Transform Substructure.RESERVED");
        int id = t.u16("Transform Substructure.Transform ID");
        List<TransformAttribute> attrs = new ArrayList<>();
        while (t.hasRemaining()) {
            int typeAt = t.position();
            int af = t.u16("Transform Attribute.Attribute Type");
            TransformAttributeType at2 = TransformAttributeType.of(af & 0x7fff);
            if ((af & 0x8000) != 0) {
                attrs.add(new TransformAttribute(at2, true, Bytes.wrap(t.bytes(2, "Transform Attribute.Attribute Value"))));
            } else {
                int len = t.u16("Transform Attribute.Attribute Length");
                if (len > t.remaining()) {
                    throw t.errorAt(typeAt + 2, "Transform Attribute.Attribute Length",
                            "length " + len + " exceeds the " + t.remaining() + " octets left in the transform");
                }
                attrs.add(new TransformAttribute(at2, false, Bytes.wrap(t.bytes(len, "Transform Attribute.Attribute Value"))));
            }
        }
        return new Transform(type, id, attrs, reserved1, reserved2);
    }

    /** The length {@link #encode} writes, or its exception for a transform over 65535 octets. */
    int encodedLength() {
        int length = 8;
        for (TransformAttribute a : attributes) {
            length += a.encodedLength();
        }
        if (length > 0xffff) {
            throw new IllegalArgumentException("transform too long: " + length);
        }
        return length;
    }

    void encode(ByteWriter w, boolean last) {
        w.u8(last ? LAST : MORE).u8(reserved1);
        int lengthAt = w.position();
        w.u16(0).u8(type.code()).u8(reserved2).u16(id);
        for (TransformAttribute a : attributes) {
            a.encode(w);
        }
        int length = w.position() - lengthAt + 2;
        if (length > 0xffff) {
            throw new IllegalArgumentException("transform too long: " + length);
        }
        w.patchU16(lengthAt, length);
    }

    void describe(TreeSink b) {
        b.open("IKEv2 Transform Substructure")
                .code("transform type", type)
                .code("transform ID", transformId());
        if (reserved1 != 0 || reserved2 != 0) {
            b.field("reserved", reserved1 + ", " + reserved2);
        }
        for (TransformAttribute a : attributes) {
            b.field("attribute", a.describe());
        }
        b.close();
    }
}

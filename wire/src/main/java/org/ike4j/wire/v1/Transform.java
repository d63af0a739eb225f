package org.ike4j.wire.v1;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.DecodeException;

/**
 * A Transform payload inside a proposal, RFC 2408 section 3.6:
 *
 * <pre>
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * !  Transform #  !  Transform-Id !           RESERVED2           !
 * ~                        SA Attributes                          ~
 * </pre>
 *
 * The next payload (3 for another transform, 0 for the last) and the length are derived.
 *
 * @param number the transform number
 * @param transformId the transform identifier, named by the proposal's protocol
 *                    ({@link TransformId#of(ProtocolId, int)})
 * @param attributes the SA attributes in wire order
 * @param reserved the RESERVED byte after the next payload
 * @param reserved2 the 16-bit RESERVED2 field
 */
public record Transform(int number, int transformId, List<DataAttribute> attributes, int reserved, int reserved2) {
    static final String NAME = "Transform Payload";

    public Transform {
        Checks.u8(number, "transform number");
        Checks.u8(transformId, "transform id");
        attributes = List.copyOf(attributes);
        Checks.u8(reserved, "RESERVED");
        Checks.u16(reserved2, "RESERVED2");
    }

    public Transform(int number, int transformId, List<DataAttribute> attributes) {
        this(number, transformId, attributes, 0, 0);
    }

    /** The transform id named for the protocol of the proposal holding it. */
    public TransformId transformId(ProtocolId protocol) {
        return TransformId.of(protocol, transformId);
    }

    int encodedLength() {
        return 8 + DataAttribute.encodedLength(attributes);
    }

    void encode(ByteWriter w, boolean last) {
        int start = w.position();
        w.u8(last ? PayloadType.NONE.code() : PayloadType.T.code()).u8(reserved).u16(0);
        w.u8(number).u8(transformId).u16(reserved2);
        DataAttribute.encodeAll(attributes, w);
        w.patchU16(start + 2, w.position() - start);
    }

    /**
     * Reads the transforms that fill a proposal's remaining bytes; the chain of next payload
     * fields must agree with where the proposal ends. {@code r} answers BAD-PROPOSAL-SYNTAX.
     */
    static List<Transform> decodeAll(ByteReader r) throws DecodeException {
        List<Transform> out = new ArrayList<>();
        while (r.hasRemaining()) {
            int start = r.position();
            int next = r.u8(NAME + ".next payload");
            int reserved = r.u8(NAME + ".RESERVED");
            int length = r.u16(NAME + ".length");
            if (length < 8) {
                throw r.errorAt(start + 2, NAME + ".length", "length " + length + " is below the 8-byte header");
            }
            if (length - 4 > r.remaining()) {
                throw r.errorAt(start + 2, NAME + ".length",
                        "length " + length + " exceeds the " + (r.remaining() + 4) + " bytes left in the proposal");
            }
            ByteReader t = r.slice(length - 4, NAME);
            int number = t.u8(NAME + ".transform number");
            int id = t.u8(NAME + ".transform ID");
            int reserved2 = t.u16(NAME + ".RESERVED2");
            List<DataAttribute> attributes = DataAttribute.decodeAll(t, NAME);
            out.add(new Transform(number, id, attributes, reserved, reserved2));
            SubstructureChain.checkNext(r, start, NAME, next, PayloadType.T, "transform", "the proposal");
        }
        return out;
    }

    void describe(TreeSink b, ProtocolId protocol, boolean last) {
        // the title a constant for the four protocols (a text sink writes a constant from its cache)
        String title = switch (protocol.code()) {
            case 1 -> "ISAKMP Transform Payload (ISAKMP)";
            case 2 -> "ISAKMP Transform Payload (AH)";
            case 3 -> "ISAKMP Transform Payload (ESP)";
            case 4 -> "ISAKMP Transform Payload (COMP)";
            default -> "ISAKMP Transform Payload (" + protocol.name() + ")";
        };
        AttributeClass cls = AttributeClass.forProtocol(protocol);
        b.open(title);
        b.code("next payload type", last ? PayloadType.NONE : PayloadType.T);
        b.field("length", encodedLength());
        b.field("transform number", number);
        b.code("transform ID", transformId(protocol));
        if (reserved != 0 || reserved2 != 0) {
            b.field("reserved", reserved + "/" + reserved2);
        }
        for (DataAttribute a : attributes) {
            a.describe(b, cls);
        }
        b.close();
    }
}

package org.ike4j.wire.v2;

import java.util.Objects;
import java.util.OptionalInt;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * Extensible Authentication payload, EAP (RFC 7296 section 3.16): one EAP message (RFC 3748
 * section 4).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Code      | Identifier    |           Length              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      | Type_Data...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The EAP Length must equal the payload body's length. Request and Response carry at least the
 * Type octet; Success and Failure carry nothing after Length (RFC 3748 section 4.2).
 *
 * @param data the octets after Length: Type and Type-Data (empty for Success and Failure)
 */
public record EapPayload(PayloadFlags flags, EapCode code, int identifier, Bytes data) implements Payload {

    public EapPayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(code);
        Objects.requireNonNull(data);
        if (code.code() < 0 || code.code() > 0xff || identifier < 0 || identifier > 0xff) {
            throw new IllegalArgumentException("EAP field out of range");
        }
    }

    @Override
    public PayloadType type() {
        return PayloadType.EAP;
    }

    /** The EAP method type of a Request or Response. */
    public OptionalInt eapType() {
        return data.isEmpty() ? OptionalInt.empty() : OptionalInt.of(data.get(0) & 0xff);
    }

    static EapPayload decode(PayloadFlags flags, ByteReader r) throws DecodeException {
        int bodyLength = r.remaining();
        EapCode code = EapCode.of(r.u8("EAP Payload.Code"));
        int identifier = r.u8("EAP Payload.Identifier");
        int lengthAt = r.position();
        int length = r.u16("EAP Payload.Length");
        if (length != bodyLength) {
            throw r.errorAt(lengthAt, "EAP Payload.Length",
                    "EAP length " + length + " differs from the payload's " + bodyLength + " octets");
        }
        boolean requestOrResponse = code.equals(EapCode.REQUEST) || code.equals(EapCode.RESPONSE);
        boolean successOrFailure = code.equals(EapCode.SUCCESS) || code.equals(EapCode.FAILURE);
        if (requestOrResponse && length < 5) {
            throw r.errorAt(lengthAt, "EAP Payload.Length", code.name() + " without a Type");
        }
        if (successOrFailure && length != 4) {
            throw r.errorAt(lengthAt, "EAP Payload.Length", code.name() + " must have length 4");
        }
        return new EapPayload(flags, code, identifier, Bytes.wrap(r.rest()));
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(code.code()).u8(identifier).u16(4 + data.length());
        data.writeTo(w);
    }

    @Override
    public String title() {
        return "IKEv2 EAP Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.code("code", code).field("identifier", identifier).field("length", 4 + data.length());
        eapType().ifPresent(t -> b.field("type", t));
        if (data.length() > 1) {
            b.hex("type data", Bytes.wrap(java.util.Arrays.copyOfRange(data.toByteArray(), 1, data.length())));
        }
    }
}

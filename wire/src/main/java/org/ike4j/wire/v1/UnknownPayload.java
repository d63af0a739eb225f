package org.ike4j.wire.v1;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/**
 * A payload of a type this codec does not model (GDOI payloads, private-use numbers, types
 * assigned later). Its body is kept whole so that it passes through and re-encodes unchanged;
 * whether to accept it is the exchange's decision (RFC 2408 section 5.1: INVALID-PAYLOAD-TYPE).
 *
 * @param type the payload type; never one the codec models, nor NONE, P or T
 * @param body the payload after the generic header
 * @param reserved the generic header's RESERVED byte
 */
public record UnknownPayload(PayloadType type, Bytes body, int reserved) implements Payload {

    public UnknownPayload {
        if (IsakmpCodec.isModeled(type.code()) || type.code() <= PayloadType.T.code()) {
            throw new IllegalArgumentException("payload type " + type.name() + " is not an unknown payload");
        }
        Checks.bytes(body, Checks.MAX_BODY, "payload body");
        Checks.u8(reserved, "RESERVED");
    }

    public UnknownPayload(PayloadType type, Bytes body) {
        this(type, body, 0);
    }

    @Override
    public void encodeBody(ByteWriter w) {
        body.writeTo(w);
    }

    @Override
    public String title() {
        return "ISAKMP Payload " + type.name();
    }

    @Override
    public void describe(TreeSink b) {
        b.hex("body", body);
    }
}

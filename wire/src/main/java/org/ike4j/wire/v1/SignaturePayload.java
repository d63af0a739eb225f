package org.ike4j.wire.v1;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/**
 * The Signature Payload, RFC 2408 section 3.12: the generic header followed by opaque signature data.
 *
 * @param signature the signature data
 * @param reserved the generic header's RESERVED byte
 */
public record SignaturePayload(Bytes signature, int reserved) implements Payload {

    public SignaturePayload {
        Checks.bytes(signature, Checks.MAX_BODY, "signature data");
        Checks.u8(reserved, "RESERVED");
    }

    public SignaturePayload(Bytes signature) {
        this(signature, 0);
    }

    @Override
    public PayloadType type() {
        return PayloadType.SIG;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        signature.writeTo(w);
    }

    @Override
    public String title() {
        return "ISAKMP Signature Payload";
    }

    @Override
    public void describe(TreeSink b) {
        b.hex("signature data", signature);
    }
}

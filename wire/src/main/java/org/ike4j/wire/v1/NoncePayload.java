package org.ike4j.wire.v1;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/**
 * The Nonce Payload, RFC 2408 section 3.13: the generic header followed by opaque nonce data.
 *
 * @param nonce the nonce data
 * @param reserved the generic header's RESERVED byte
 */
public record NoncePayload(Bytes nonce, int reserved) implements Payload {

    public NoncePayload {
        Checks.bytes(nonce, Checks.MAX_BODY, "nonce data");
        Checks.u8(reserved, "RESERVED");
    }

    public NoncePayload(Bytes nonce) {
        this(nonce, 0);
    }

    @Override
    public PayloadType type() {
        return PayloadType.NONCE;
    }

    @Override
    public int encodedBodyLength() {
        return nonce.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        nonce.writeTo(w);
    }

    @Override
    public String title() {
        return "ISAKMP Nonce Payload";
    }

    @Override
    public void describe(TreeSink b) {
        b.hex("nonce data", nonce);
    }
}

package org.ike4j.wire.v1;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/**
 * The Hash Payload, RFC 2408 section 3.11: the generic header followed by opaque hash data.
 *
 * @param hash the hash data
 * @param reserved the generic header's RESERVED byte
 */
public record HashPayload(Bytes hash, int reserved) implements Payload {

    public HashPayload {
        Checks.bytes(hash, Checks.MAX_BODY, "hash data");
        Checks.u8(reserved, "RESERVED");
    }

    public HashPayload(Bytes hash) {
        this(hash, 0);
    }

    @Override
    public PayloadType type() {
        return PayloadType.HASH;
    }

    @Override
    public int encodedBodyLength() {
        return hash.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        hash.writeTo(w);
    }

    @Override
    public String title() {
        return "ISAKMP Hash Payload";
    }

    @Override
    public void describe(TreeSink b) {
        b.hex("hash data", hash);
    }
}

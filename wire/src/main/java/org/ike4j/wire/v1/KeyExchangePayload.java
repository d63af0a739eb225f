package org.ike4j.wire.v1;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/**
 * The Key Exchange Payload, RFC 2408 section 3.7: the generic header followed by opaque key exchange data.
 *
 * @param keyExchangeData the key exchange data
 * @param reserved the generic header's RESERVED byte
 */
public record KeyExchangePayload(Bytes keyExchangeData, int reserved) implements Payload {

    public KeyExchangePayload {
        Checks.bytes(keyExchangeData, Checks.MAX_BODY, "key exchange data");
        Checks.u8(reserved, "RESERVED");
    }

    public KeyExchangePayload(Bytes keyExchangeData) {
        this(keyExchangeData, 0);
    }

    @Override
    public PayloadType type() {
        return PayloadType.KE;
    }

    @Override
    public int encodedBodyLength() {
        return keyExchangeData.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        keyExchangeData.writeTo(w);
    }

    @Override
    public String title() {
        return "ISAKMP Key Exchange Payload";
    }

    @Override
    public void describe(TreeSink b) {
        b.hex("key exchange data", keyExchangeData);
    }
}

package org.ike4j.wire.v1;

import java.util.List;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.Bytes;

/**
 * A message sent in the clear (the header's E flag is not set), RFC 2408 section 3.1.
 *
 * @param header the header, without the E flag
 * @param payloads the payloads in wire order; chaining and lengths are derived
 */
public record PlainMessage(IsakmpHeader header, List<Payload> payloads) implements IsakmpMessage {

    public PlainMessage {
        if (header.encrypted()) {
            throw new IllegalArgumentException("a plain message must not have the E flag; use EncryptedMessage");
        }
        payloads = List.copyOf(payloads);
    }

    @Override
    public PayloadType firstPayload() {
        return payloads.isEmpty() ? PayloadType.NONE : payloads.get(0).type();
    }

    @Override
    public void describeContents(TreeSink b) {
        header.describe(b, firstPayload(), IsakmpHeader.LENGTH + IsakmpCodec.encodePayloads(payloads, Bytes.EMPTY).length);
        IsakmpCodec.describe(payloads, b);
    }
}

package org.ike4j.wire.v1;

import java.util.List;
import org.ike4j.wire.TreeSink;

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
        // each payload's length counted once, for its own line and for the message's
        int[] lengths = IsakmpCodec.payloadLengths(payloads);
        long length = IsakmpHeader.LENGTH;
        for (int l : lengths) {
            length += l;
        }
        header.describe(b, firstPayload(), length);
        IsakmpCodec.describe(payloads, lengths, b);
    }
}

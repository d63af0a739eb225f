package org.ike4j.wire.v1;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.Bytes;

/**
 * A message whose payloads are encrypted (E flag set, RFC 2408 section 3.1 and RFC 2409
 * section 5.3): the header in the clear, then ciphertext up to the header's length.
 *
 * @param header the header, with the E flag
 * @param firstPayload the header's next payload: the type of the first encrypted payload
 * @param body the ciphertext (payloads and padding, encrypted)
 */
public record EncryptedMessage(IsakmpHeader header, PayloadType firstPayload, Bytes body) implements IsakmpMessage {

    public EncryptedMessage {
        if (!header.encrypted()) {
            throw new IllegalArgumentException("an encrypted message needs the E flag");
        }
        if ((long) body.length() + IsakmpHeader.LENGTH > 0xffffffffL) {
            throw new IllegalArgumentException("message too long");
        }
    }

    @Override
    public void describeContents(TreeSink b) {
        header.describe(b, firstPayload, IsakmpHeader.LENGTH + (long) body.length());
        b.field("encrypted body length", body.length());
        b.hex("encrypted body", body);
    }
}

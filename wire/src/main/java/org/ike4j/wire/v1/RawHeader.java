package org.ike4j.wire.v1;

/**
 * The header fields as sent, including the two the message model derives (next payload and
 * length). {@link IsakmpCodec#peekHeader} returns it without judging anything but the 28-byte
 * minimum, so that a receiver can find the SA (cookies, message ID) to answer a message that
 * then fails to decode, or hand an IKEv2 datagram (major version 2) to the other codec.
 *
 * @param header cookies, versions, exchange type, flags and message ID
 * @param nextPayload the header's next payload field
 * @param length the header's length field
 */
public record RawHeader(IsakmpHeader header, PayloadType nextPayload, long length) {
}

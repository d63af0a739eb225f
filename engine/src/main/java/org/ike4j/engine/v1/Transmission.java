package org.ike4j.engine.v1;

import java.net.InetSocketAddress;
import org.ike4j.wire.Bytes;

/**
 * The last message sent and received in one exchange (one message ID) of an ISAKMP SA, for
 * retransmission (RFC 2408 section 5.1 leaves timers to the implementation; strongSwan's: 4 s,
 * times 1.8, 5 retransmissions) and for answering a retransmitted request with the stored
 * response without processing it twice.
 */
final class Transmission {
    final int messageId;
    Bytes lastSent;
    InetSocketAddress sentTo;
    /** The last message of the peer's we processed in this exchange, byte for byte. */
    Bytes lastReceived;
    /** True when {@link #lastSent} answered {@link #lastReceived}: only then is a duplicate answered again. */
    boolean lastSentIsReply;
    /** True while our last message waits for the peer's next one (a timer runs). */
    boolean awaitingReply;
    int retransmits;
    long timeoutMillis;
    /** The state name the message was sent in, for the give-up line. */
    String sentInState;

    Transmission(int messageId) {
        this.messageId = messageId;
    }
}

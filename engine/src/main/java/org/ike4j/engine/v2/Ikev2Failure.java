package org.ike4j.engine.v2;

import org.ike4j.wire.v2.NotifyType;

/**
 * A negotiation that cannot go on: the one line for the operator, and the error notify to answer
 * the peer with (RFC 7296 section 3.10.1), or null when the peer is not told.
 */
final class Ikev2Failure extends Exception {
    private final transient NotifyType notify;
    private final transient byte[] data;

    Ikev2Failure(NotifyType notify, String message) {
        this(notify, new byte[0], message);
    }

    Ikev2Failure(NotifyType notify, byte[] data, String message) {
        super(message, null, false, false);
        this.notify = notify;
        this.data = data.clone();
    }

    NotifyType answer() {
        return notify;
    }

    byte[] data() {
        return data.clone();
    }
}

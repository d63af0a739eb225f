package org.ike4j.engine.v1;

import org.ike4j.wire.v1.NotifyType;

/**
 * A negotiation failure that knows how to answer: the notify to send the peer (RFC 2408 section
 * 3.14.1), whether it may be sent at all, and the one line for the operator.
 */
final class Ikev1Failure extends Exception {
    private final transient NotifyType notify;
    private final boolean answer;

    Ikev1Failure(NotifyType notify, String diagnostic) {
        this(notify, true, diagnostic);
    }

    Ikev1Failure(NotifyType notify, boolean answer, String diagnostic) {
        super(diagnostic, null, false, false);
        this.notify = notify;
        this.answer = answer;
    }

    NotifyType answerType() {
        return notify;
    }

    /** False when telling the peer would leak (e.g. a message that failed to authenticate). */
    boolean answer() {
        return answer;
    }
}

package org.ike4j.engine.v1;

/** The task that negotiates an ISAKMP SA: Main Mode or Aggressive Mode (RFC 2409 section 5). */
sealed interface Phase1Task permits MainModeTask, AggressiveModeTask {

    /** Builds and sends the first message (initiator). */
    void initiate(Outbox out) throws Ikev1Failure;

    /** Processes the peer's next message and sends ours. */
    void process(Inbound in, Outbox out) throws Ikev1Failure;
}

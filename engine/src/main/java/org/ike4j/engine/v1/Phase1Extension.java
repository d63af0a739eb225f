package org.ike4j.engine.v1;

import java.util.List;
import org.ike4j.wire.v1.Payload;

/**
 * A feature that rides on Phase 1 messages of either mode (vendor IDs, NAT detection): it adds
 * payloads to the messages it cares about and reads the peer's, independent of Main or
 * Aggressive Mode, which call it through the {@link TaskManager}.
 */
sealed interface Phase1Extension permits VendorIdTask, NatDetectionTask {

    /** Adds this feature's payloads to a message we are about to send. */
    void build(Phase1Message message, List<Payload> payloads, Outbox out);

    /** Reads this feature's payloads from an authentic message of the peer's. */
    void process(Phase1Message message, Inbound in, Outbox out);
}

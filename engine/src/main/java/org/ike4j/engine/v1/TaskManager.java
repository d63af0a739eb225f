package org.ike4j.engine.v1;

import java.util.List;
import org.ike4j.wire.v1.Payload;

/**
 * Composes the tasks of one ISAKMP SA per Phase 1 message: the mode task (Main or Aggressive)
 * builds and processes its payloads and lets every extension task add and read theirs, in a fixed
 * order (vendor IDs before NAT detection, which depends on them).
 */
final class TaskManager {
    private final List<Phase1Extension> extensions;

    TaskManager(Ikev1Engine engine, IsakmpSa sa) {
        this.extensions = List.of(new VendorIdTask(sa), new NatDetectionTask(sa));
    }

    void build(Phase1Message message, List<Payload> payloads, Outbox out) {
        for (Phase1Extension e : extensions) {
            e.build(message, payloads, out);
        }
    }

    void process(Phase1Message message, Inbound in, Outbox out) {
        for (Phase1Extension e : extensions) {
            e.process(message, in, out);
        }
    }
}

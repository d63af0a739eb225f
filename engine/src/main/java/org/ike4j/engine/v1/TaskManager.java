package org.ike4j.engine.v1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ike4j.config.Connection;
import org.ike4j.engine.Event;
import org.ike4j.wire.v1.ExchangeType;
import org.ike4j.wire.v1.NotifyType;
import org.ike4j.wire.v1.Payload;

/**
 * The tasks of one ISAKMP SA, one feature each, and which of them a message or a timer goes to.
 * The engine finds the SA (by cookies) and hands the message over; this decides the rest:
 * <ul>
 * <li>the mode task (Main or Aggressive Mode, RFC 2409 section 5), the active task until Phase 1
 *     completes, with its explicit round; it gets message ID 0 of its own exchange type;</li>
 * <li>the Phase 1 extensions (vendor IDs, then NAT detection, which depends on them), composed
 *     into every Phase 1 message of either mode through {@link #build} and {@link #process(Phase1Message, Inbound, Outbox)};</li>
 * <li>Quick Modes by message ID (RFC 2409 section 5.5), each with its own round: ours started by
 *     {@link #startQuickMode}, the peer's created by its first message, once Phase 1 is up;</li>
 * <li>Informational exchanges (one message each, no rounds) and, on them, DPD (RFC 3706), whose
 *     task lives as long as the SA: armed when Phase 1 completes, fired by its timer.</li>
 * </ul>
 */
final class TaskManager {
    private final Ikev1Engine engine;
    private final IsakmpSa sa;
    private final Phase1Task phase1;
    private final List<Phase1Extension> extensions;
    private final Map<Integer, QuickModeTask> quickModes = new LinkedHashMap<>();
    private final DpdTask dpd;

    /** The tasks of a new ISAKMP SA negotiated by {@code mode} (ID_PROT or AGGRESSIVE). */
    TaskManager(Ikev1Engine engine, IsakmpSa sa, ExchangeType mode) {
        this.engine = engine;
        this.sa = sa;
        this.extensions = List.of(new VendorIdTask(sa), new NatDetectionTask(sa));
        this.dpd = new DpdTask(engine, sa);
        this.phase1 = mode.code() == ExchangeType.AGGRESSIVE.code() ? new AggressiveModeTask(engine, sa)
                : new MainModeTask(engine, sa);
    }

    // ---- Phase 1

    /** The initiator's first Phase 1 message. */
    void initiate(Outbox out) throws Ikev1Failure {
        phase1.initiate(out);
    }

    /** Lets every extension add its payloads to a Phase 1 message we are about to send. */
    void build(Phase1Message message, List<Payload> payloads, Outbox out) {
        for (Phase1Extension e : extensions) {
            e.build(message, payloads, out);
        }
    }

    /** Lets every extension read its payloads of an authentic Phase 1 message. */
    void process(Phase1Message message, Inbound in, Outbox out) {
        for (Phase1Extension e : extensions) {
            e.process(message, in, out);
        }
    }

    /** Phase 1 is up: the tasks that live on the ISAKMP SA start. */
    void phase1Done(Outbox out) {
        dpd.start(out);
    }

    // ---- dispatch

    /** A decoded (and decrypted) message for this SA: to the task its exchange and message ID name. */
    void process(Inbound in, Outbox out) throws Ikev1Failure {
        int x = in.header().exchangeType().code();
        int mid = in.header().messageId();
        if (x == ExchangeType.ID_PROT.code() || x == ExchangeType.AGGRESSIVE.code()) {
            if (x != sa.exchange.code() || mid != 0) {
                engine.ignore(out, sa, in.header().exchangeType().name() + " message on a " + sa.exchange.name() + " SA");
                return;
            }
            phase1.process(in, out);
        } else if (x == ExchangeType.QUICK.code()) {
            if (!sa.established || !in.encrypted() || mid == 0) {
                engine.ignore(out, sa, "Quick Mode message before Phase 1 completed, unencrypted, or with message ID 0");
                return;
            }
            QuickModeTask q = quickModes.get(mid);
            if (q == null) {
                q = new QuickModeTask(engine, sa, mid, false, null);
                quickModes.put(mid, q);
            }
            q.process(in, out);
        } else if (x == ExchangeType.INFORMATIONAL.code()) {
            InformationalTask.process(engine, sa, in, out);
        } else {
            throw new Ikev1Failure(NotifyType.INVALID_EXCHANGE_TYPE, "exchange type "
                    + in.header().exchangeType().name() + " is not supported");
        }
    }

    // ---- Quick Mode

    /** Starts a Quick Mode of ours for {@code c}, renewing {@code replaces} (null: a new pair). */
    Optional<QuickModeTask> startQuickMode(Connection c, ChildState replaces, Outbox out) {
        int mid = engine.newMessageId(sa);
        QuickModeTask q = new QuickModeTask(engine, sa, mid, true, c);
        if (replaces != null) {
            q.replaces(replaces);
        }
        quickModes.put(mid, q);
        try {
            q.initiate(out);
            return Optional.of(q);
        } catch (Ikev1Failure f) {
            out.report(Event.Level.ERROR, Event.Kind.NEGOTIATION_FAILED, sa, f.getMessage());
            engine.removeQuickMode(out, sa, mid);
            return Optional.empty();
        }
    }

    /** Whether a Quick Mode of this ISAKMP SA is under way. */
    boolean quickModeUnderWay() {
        return !quickModes.isEmpty();
    }

    boolean hasQuickMode(int messageId) {
        return quickModes.containsKey(messageId);
    }

    /** A Quick Mode that completed: its message ID is free again (its transmission stays for retransmissions). */
    void quickModeDone(int messageId) {
        quickModes.remove(messageId);
    }

    /** Forgets a Quick Mode that failed or was given up. */
    void removeQuickMode(int messageId) {
        quickModes.remove(messageId);
    }

    /** Our Quick Modes still waiting for the peer's answer, by message ID. */
    List<Integer> waitingQuickModes() {
        List<Integer> out = new ArrayList<>();
        quickModes.forEach((mid, q) -> {
            if (q.initiator() && q.waiting()) {
                out.add(mid);
            }
        });
        return out;
    }

    // ---- DPD and the tasks' timers

    DpdTask dpd() {
        return dpd;
    }

    /** A timer one of the tasks armed: true if it was one (and it ran), false for the lifecycle's own. */
    boolean timer(org.ike4j.engine.TimerKey key, Outbox out) {
        if (key.equals(DpdTask.timer(sa))) {
            if (sa.established) {
                dpd.fire(out);
            }
            return true;
        }
        return false;
    }
}

package org.ike4j.engine.v1;

import java.util.List;
import org.ike4j.config.DpdAction;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.engine.TimerKey;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.Doi;
import org.ike4j.wire.v1.NotificationPayload;
import org.ike4j.wire.v1.NotifyType;
import org.ike4j.wire.v1.ProtocolId;

/**
 * Dead Peer Detection, RFC 3706, on an established ISAKMP SA whose peer announced the DPD vendor
 * ID: every {@code dpddelay} an R-U-THERE with the next sequence number (the first one random,
 * section 5.5), protected like every Informational message; an R-U-THERE-ACK with the number
 * outstanding proves the peer alive. Nothing acknowledged for {@code dpdtimeout}: the peer is dead
 * and the connection's dpdaction runs: clear deletes the SAs; hold deletes them and keeps the
 * connection held (shown in status) until up, or traffic the dataplane reports, negotiates again;
 * restart deletes them and negotiates again at once. Junos dead-peer-detection maps interval to the
 * delay and interval times threshold to the timeout; R-U-THERE goes out every interval whether
 * traffic flows or not (always-send; the engine sees no traffic counters, so optimized behaves
 * the same). R-U-THERE from the peer is always answered.
 *
 * <pre>
 *   HDR*, HASH(1), N(R-U-THERE, seq)      --&gt;
 *                                          &lt;--   HDR*, HASH(1), N(R-U-THERE-ACK, seq)
 * </pre>
 */
final class DpdTask {
    private final Ikev1Engine engine;
    private final IsakmpSa sa;
    /** The last R-U-THERE sequence number sent, and since when none was answered (0: all were). */
    private int sequence;
    private long unansweredSince;

    DpdTask(Ikev1Engine engine, IsakmpSa sa) {
        this.engine = engine;
        this.sa = sa;
    }

    static TimerKey timer(IsakmpSa sa) {
        return new TimerKey("dpd", "#" + sa.serial);
    }

    /** Arms DPD when Phase 1 completes, if the connection wants it and the peer speaks it. */
    void start(Outbox out) {
        if (!sa.connection.dpd().enabled() || !VendorIdTask.peerSupportsDpd(sa)) {
            return;
        }
        sequence = engine.secureRandom().nextInt() & 0x7fffffff;
        unansweredSince = 0;
        out.add(new Action.Schedule(timer(sa), engine.now() + sa.connection.dpd().delay().toMillis()));
    }

    /** The DPD timer: dead after the timeout, else another R-U-THERE. */
    void fire(Outbox out) {
        long now = engine.now();
        if (unansweredSince > 0 && now - unansweredSince >= sa.connection.dpd().timeout().toMillis()) {
            dead(out);
            return;
        }
        if (unansweredSince == 0) {
            unansweredSince = now;
        }
        sequence++;
        send(NotifyType.R_U_THERE, sequence, out);
        out.debug(sa, "DPD: sent R-U-THERE " + Integer.toUnsignedString(sequence));
        out.add(new Action.Schedule(timer(sa), now + sa.connection.dpd().delay().toMillis()));
    }

    private void send(NotifyType type, int sequence, Outbox out) {
        InformationalTask.send(engine, out, sa, List.of(new NotificationPayload(Doi.IPSEC, ProtocolId.PROTO_ISAKMP,
                Ikev1Engine.cookies(sa), type, Bytes.wrap(Ikev1Engine.u32(sequence)))));
    }

    /** R-U-THERE or R-U-THERE-ACK in a protected Informational message. */
    void process(NotificationPayload n, Outbox out) {
        if (n.data().length() != 4) {
            out.debug(sa, "DPD: ignoring " + n.notifyType().name() + " without a 4-byte sequence number");
            return;
        }
        int seq = java.nio.ByteBuffer.wrap(n.data().toByteArray()).getInt();
        if (n.notifyType().code() == NotifyType.R_U_THERE.code()) {
            send(NotifyType.R_U_THERE_ACK, seq, out);
            return;
        }
        if (seq == sequence && unansweredSince > 0) {
            unansweredSince = 0;
            out.debug(sa, "DPD: R-U-THERE-ACK " + Integer.toUnsignedString(seq) + ", the peer is alive");
        } else {
            out.debug(sa, "DPD: ignoring R-U-THERE-ACK " + Integer.toUnsignedString(seq) + " (expected "
                    + Integer.toUnsignedString(sequence) + ")");
        }
    }

    private void dead(Outbox out) {
        DpdAction action = sa.connection.dpd().action();
        out.report(Event.Level.WARNING, Event.Kind.PEER_DEAD, sa, "DPD: no answer from the peer "
                + sa.remote.getAddress().getHostAddress() + " for " + sa.connection.dpd().timeout().toSeconds()
                + " s; " + switch (action) {
                    case RESTART -> "deleting its SAs and negotiating again";
                    case HOLD -> "deleting its SAs, the connection is held: up or traffic negotiates again";
                    default -> "deleting its SAs";
                });
        for (ChildState c : List.copyOf(sa.children)) {
            engine.deleteChild(out, sa, c, "dead peer", false, action == DpdAction.HOLD);
        }
        out.report(Event.Level.INFO, Event.Kind.IKE_SA_DELETED, sa, "ISAKMP SA deleted: dead peer");
        engine.removeSa(out, sa);
        if (action == DpdAction.RESTART) {
            engine.restart(sa.connection, out);
        } else if (action == DpdAction.HOLD) {
            engine.hold(sa.connection, out);
        }
    }
}

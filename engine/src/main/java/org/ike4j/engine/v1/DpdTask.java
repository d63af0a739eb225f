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
    private DpdTask() {
    }

    static TimerKey timer(IsakmpSa sa) {
        return new TimerKey("dpd", "#" + sa.serial);
    }

    /** Arms DPD when Phase 1 completes, if the connection wants it and the peer speaks it. */
    static void start(Ikev1Engine engine, IsakmpSa sa, Outbox out) {
        if (!sa.connection.dpd().enabled() || !VendorIdTask.peerSupportsDpd(sa)) {
            return;
        }
        sa.dpdSequence = engine.secureRandom().nextInt() & 0x7fffffff;
        sa.dpdUnansweredSince = 0;
        out.add(new Action.Schedule(timer(sa), engine.now() + sa.connection.dpd().delay().toMillis()));
    }

    /** The DPD timer: dead after the timeout, else another R-U-THERE. */
    static void fire(Ikev1Engine engine, IsakmpSa sa, Outbox out) {
        long now = engine.now();
        if (sa.dpdUnansweredSince > 0 && now - sa.dpdUnansweredSince >= sa.connection.dpd().timeout().toMillis()) {
            dead(engine, sa, out);
            return;
        }
        if (sa.dpdUnansweredSince == 0) {
            sa.dpdUnansweredSince = now;
        }
        sa.dpdSequence++;
        send(engine, sa, NotifyType.R_U_THERE, sa.dpdSequence, out);
        out.debug(sa, "DPD: sent R-U-THERE " + Integer.toUnsignedString(sa.dpdSequence));
        out.add(new Action.Schedule(timer(sa), now + sa.connection.dpd().delay().toMillis()));
    }

    private static void send(Ikev1Engine engine, IsakmpSa sa, NotifyType type, int sequence, Outbox out) {
        InformationalTask.send(engine, out, sa, List.of(new NotificationPayload(Doi.IPSEC, ProtocolId.PROTO_ISAKMP,
                Ikev1Engine.cookies(sa), type, Bytes.wrap(Ikev1Engine.u32(sequence)))));
    }

    /** R-U-THERE or R-U-THERE-ACK in a protected Informational message. */
    static void process(Ikev1Engine engine, IsakmpSa sa, NotificationPayload n, Outbox out) {
        if (n.data().length() != 4) {
            out.debug(sa, "DPD: ignoring " + n.notifyType().name() + " without a 4-byte sequence number");
            return;
        }
        int seq = java.nio.ByteBuffer.wrap(n.data().toByteArray()).getInt();
        if (n.notifyType().code() == NotifyType.R_U_THERE.code()) {
            send(engine, sa, NotifyType.R_U_THERE_ACK, seq, out);
            return;
        }
        if (seq == sa.dpdSequence && sa.dpdUnansweredSince > 0) {
            sa.dpdUnansweredSince = 0;
            out.debug(sa, "DPD: R-U-THERE-ACK " + Integer.toUnsignedString(seq) + ", the peer is alive");
        } else {
            out.debug(sa, "DPD: ignoring R-U-THERE-ACK " + Integer.toUnsignedString(seq) + " (expected "
                    + Integer.toUnsignedString(sa.dpdSequence) + ")");
        }
    }

    private static void dead(Ikev1Engine engine, IsakmpSa sa, Outbox out) {
        DpdAction action = sa.connection.dpd().action();
        out.report(Event.Level.WARNING, Event.Kind.PEER_DEAD, sa, "DPD: no answer from the peer "
                + sa.remote.getAddress().getHostAddress() + " for " + sa.connection.dpd().timeout().toSeconds()
                + " s; " + switch (action) {
                    case RESTART -> "deleting its SAs and negotiating again";
                    case HOLD -> "deleting its SAs, the connection is held: up or traffic negotiates again";
                    default -> "deleting its SAs";
                });
        for (ChildState c : List.copyOf(sa.children)) {
            engine.deleteChild(out, sa, c, "dead peer", false);
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

package org.ike4j.engine.v2;

import java.util.List;
import org.ike4j.config.Connection;
import org.ike4j.config.DpdAction;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.engine.TimerKey;

/**
 * The timers of IKEv2 SAs: retransmission with back-off and give-up (RFC 7296 2.1), the
 * responder's half-open timeout, liveness checks (2.4) with the connection's DPD delay, timeout and
 * action (clear: the SAs go; hold: they go as a hold, the connection trapped until traffic or up
 * negotiates again; restart: negotiate again at once), and the lifetimes of IKE and Child SAs with
 * their renewal (2.8).
 */
final class Ikev2Lifecycle {
    private final Ikev2Engine engine;

    Ikev2Lifecycle(Ikev2Engine engine) {
        this.engine = engine;
    }

    void timer(TimerKey key, Outbox out) {
        String owner = key.owner();
        if (!owner.startsWith(Ikev2Engine.TIMER_PREFIX)) {
            return;
        }
        String rest = owner.substring(Ikev2Engine.TIMER_PREFIX.length());
        int slash = rest.indexOf('/');
        int serial = Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash));
        IkeSa sa = engine.sas().stream().filter(s -> s.serial == serial).findFirst().orElse(null);
        if (sa == null) {
            return;
        }
        switch (key.purpose()) {
            case "retransmit" -> retransmit(sa, Long.parseLong(rest.substring(slash + 1)), out);
            case "half-open" -> {
                if (!sa.established) {
                    out.report(Event.Level.INFO, Event.Kind.NEGOTIATION_FAILED, sa, "half-open IKE SA with "
                            + sa.remote.getAddress().getHostAddress() + " timed out in " + sa.state);
                    engine.removeSa(out, sa);
                }
            }
            case "dpd" -> dpd(sa, out);
            case "ike-rekey" -> {
                if (sa.established && sa.state == IkeSa.State.ESTABLISHED && !sa.rekeying) {
                    IkeSaRekey.rekeyIke(engine, sa, out);
                }
            }
            case "ike-expire" -> {
                out.report(Event.Level.INFO, Event.Kind.IKE_SA_DELETED, sa, "IKE SA lifetime expired");
                Informational.deleteIke(engine, sa, "lifetime expired", out);
            }
            case "rekey", "expire" -> {
                int childSerial = Integer.parseInt(rest.substring(rest.indexOf("/child") + 6));
                ChildState c = sa.children.stream().filter(x -> x.serial == childSerial).findFirst().orElse(null);
                if (c == null) {
                    return;
                }
                if (key.purpose().equals("rekey")) {
                    if (!c.rekeying && !c.rekeyed && sa.established) {
                        CreateChildSa.rekeyChild(engine, sa, c, out);
                    }
                } else {
                    out.report(Event.Level.INFO, Event.Kind.CHILD_SA_DELETED, sa, "CHILD_SA " + c.sa.connection() + "{"
                            + c.serial + "} lifetime of " + c.lifetimeSeconds + " s expired");
                    Informational.deleteChildren(engine, sa, List.of(c), out);
                }
            }
            default -> {
            }
        }
    }

    /**
     * The dataplane's byte or packet limit of a Child SA was reached: the soft limit rekeys it, the
     * hard limit deletes it (RFC 7296 2.8; the limits come from the connection's lifebytes and
     * lifepackets).
     */
    void volume(int inboundSpi, boolean hard, String reason, Outbox out) {
        for (IkeSa sa : engine.sas()) {
            for (ChildState c : sa.children) {
                if (c.sa.inboundSpi() != inboundSpi) {
                    continue;
                }
                if (hard) {
                    out.report(Event.Level.INFO, Event.Kind.CHILD_SA_DELETED, sa, "CHILD_SA " + c.sa.connection() + "{"
                            + c.serial + "} " + reason);
                    Informational.deleteChildren(engine, sa, List.of(c), out);
                } else if (!c.rekeying && !c.rekeyed && sa.established) {
                    out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "rekeying CHILD_SA " + c.sa.connection() + "{"
                            + c.serial + "} (" + reason + ")");
                    CreateChildSa.rekeyChild(engine, sa, c, out);
                }
                return;
            }
        }
    }

    private void retransmit(IkeSa sa, long mid, Outbox out) {
        IkeSa.Outstanding o = sa.outstanding;
        if (o == null || o.messageId != mid) {
            return;
        }
        Connection c = sa.connection;
        boolean liveness = o.request instanceof Request.Liveness;
        boolean giveUp = o.retransmits >= engine.options().retransmitTries()
                || liveness && c.dpd().enabled() && engine.now() - o.firstSentAt >= c.dpd().timeout().toMillis();
        if (!giveUp) {
            o.retransmits++;
            o.timeoutMillis = (long) (o.timeoutMillis * engine.options().retransmitBase());
            out.debug(sa, "retransmitting request " + mid + " (" + o.retransmits + " of "
                    + engine.options().retransmitTries() + ")");
            engine.resend(out, sa, o.datagrams);
            long next = engine.now() + o.timeoutMillis;
            if (liveness && c.dpd().enabled()) {
                next = Math.min(next, o.firstSentAt + c.dpd().timeout().toMillis());
            }
            out.add(new Action.Schedule(Ikev2Engine.retransmitTimer(sa, mid), next));
            return;
        }
        sa.outstanding = null;
        String what = o.request.getClass().getSimpleName();
        if (!sa.established) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "no answer from "
                    + sa.remote.getAddress().getHostAddress() + " to " + (o.request instanceof Request.Init ? "IKE_SA_INIT"
                            : "IKE_AUTH") + " after " + o.retransmits + " retransmissions; giving up");
            engine.removeSa(out, sa);
            if (sa.initiator && sa.keyingTriesLeft > 0 && engine.configuration().connection(c.name()).isPresent()) {
                out.info(sa, "keyingtries: trying again (" + sa.keyingTriesLeft + " left)");
                engine.commands.initiate(c, out, sa.keyingTriesLeft - 1);
            }
            return;
        }
        if (o.request instanceof Request.DeleteIke di) {
            // the SA was ending anyway (down, reload, lifetime): no dpdaction, above all no restart
            out.report(Event.Level.INFO, Event.Kind.IKE_SA_DELETED, sa, "IKE SA deleted (" + di.reason()
                    + "); the peer did not answer the Delete after " + o.retransmits + " retransmissions");
            engine.removeSa(out, sa);
            return;
        }
        out.report(Event.Level.WARNING, Event.Kind.PEER_DEAD, sa, "peer " + sa.remote.getAddress().getHostAddress()
                + " did not answer " + (liveness ? "the liveness check" : what) + " after " + o.retransmits
                + " retransmissions: declaring it dead (dpdaction=" + c.dpd().action().name().toLowerCase(java.util.Locale.ROOT)
                + ")");
        DpdAction action = c.dpd().action();
        if (action == DpdAction.HOLD) {
            // the Child SAs go as a hold: the dataplane keeps the connection trapped, and its next
            // packet raises an acquire that negotiates again (strongSwan's dpdaction=hold, swanctl's trap)
            for (ChildState child : List.copyOf(sa.children)) {
                removeChild(out, sa, child, "dead peer (dpdaction=hold)", true);
            }
            engine.commands.hold(c.name());
            out.info(sa, "dpdaction=hold: " + c.name() + " is held; traffic for it (or up) negotiates again");
        }
        engine.removeSa(out, sa);
        if (action == DpdAction.RESTART && engine.configuration().connection(c.name()).isPresent()) {
            out.info(sa, "dpdaction=restart: initiating " + c.name() + " again");
            engine.commands.initiate(c, out, c.keyingTries() <= 0 ? Integer.MAX_VALUE : c.keyingTries() - 1);
        }
    }

    private void dpd(IkeSa sa, Outbox out) {
        Connection c = sa.connection;
        if (!sa.established || !c.dpd().enabled()) {
            return;
        }
        long delay = c.dpd().delay().toMillis();
        long idle = engine.now() - sa.lastHeardAt;
        if (idle >= delay) {
            Informational.liveness(engine, sa, out);
            out.add(new Action.Schedule(Ikev2Engine.timer("dpd", sa), engine.now() + delay));
        } else {
            out.add(new Action.Schedule(Ikev2Engine.timer("dpd", sa), sa.lastHeardAt + delay));
        }
    }

    void removeChild(Outbox out, IkeSa sa, ChildState c, String reason) {
        removeChild(out, sa, c, reason, false);
    }

    /** As above; {@code hold}: the dataplane keeps the connection trapped (dpdaction=hold). */
    void removeChild(Outbox out, IkeSa sa, ChildState c, String reason, boolean hold) {
        sa.children.remove(c);
        out.add(new Action.Cancel(Ikev2Engine.childTimer("rekey", sa, c)));
        out.add(new Action.Cancel(Ikev2Engine.childTimer("expire", sa, c)));
        out.add(new Action.DeleteChildSa(c.sa, reason, hold));
    }
}

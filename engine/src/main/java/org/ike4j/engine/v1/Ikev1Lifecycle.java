package org.ike4j.engine.v1;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.Ikev1Mode;
import org.ike4j.config.PeerAddress;
import org.ike4j.crypto.Crypto;
import org.ike4j.engine.Action;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Engine;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.ike4j.engine.TimerKey;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.v1.EncryptedMessage;
import org.ike4j.wire.v1.ExchangeType;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.IsakmpHeader;
import org.ike4j.wire.v1.IsakmpMessage;
import org.ike4j.wire.v1.NotifyType;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.PayloadChain;
import org.ike4j.wire.v1.PlainMessage;
import org.ike4j.wire.v1.ProtocolId;
import org.ike4j.wire.v1.RawHeader;

/**
 * The lifecycle of the engine's SAs: the timers (half-open, retransmission, lifetimes, DPD,
 * keepalives), renewal of ISAKMP and IPsec SAs before their lifetime ends and collisions between
 * both peers' renewals, IPsec SAs moved to a renewed ISAKMP SA, and SAs deleted and forgotten.
 */
final class Ikev1Lifecycle {
    private final Ikev1Engine engine;

    Ikev1Lifecycle(Ikev1Engine engine) {
        this.engine = engine;
    }

    /**
     * A volume lifetime the dataplane counted: the soft one renews the IPsec SA as its soft time
     * lifetime would, the hard one deletes it (with a Delete to the peer). An SA already renewing
     * or gone is left alone.
     */
    void volume(int inboundSpi, boolean hard, String reason, Outbox out) {
        for (IsakmpSa sa : engine.sas()) {
            for (ChildState c : sa.children) {
                if (c.sa.inboundSpi() != inboundSpi) {
                    continue;
                }
                if (hard) {
                    deleteChild(out, sa, c, reason, true);
                } else if (sa.established && !c.rekeying) {
                    c.rekeying = true;
                    out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "rekeying IPsec SA " + c.sa.spis() + " (" + reason + ")");
                    Connection now = engine.commands.current(c.connection);
                    engine.commands.startQuickMode(out, sa, now == null ? c.connection : now).ifPresent(q -> q.replaces(c));
                }
                return;
            }
        }
    }

    void timer(TimerKey key, Outbox out) {
        String owner = key.owner();
        int slash = owner.indexOf('/');
        int serial = Integer.parseInt(owner.substring(1, slash < 0 ? owner.length() : slash));
        IsakmpSa sa = engine.sas().stream().filter(s -> s.serial == serial).findFirst().orElse(null);
        if (sa == null) {
            return;
        }
        if (key.purpose().equals("half-open")) {
            if (!sa.established) {
                out.report(Event.Level.INFO, Event.Kind.NEGOTIATION_FAILED, sa, "half-open ISAKMP SA with "
                        + sa.remote.getAddress().getHostAddress() + " timed out in " + sa.state);
                removeSa(out, sa);
            }
            return;
        }
        if (key.purpose().equals("ike-rekey")) {
            if (sa.established && !sa.rekeying) {
                rekeyIsakmpSa(sa, out);
            }
            return;
        }
        if (key.purpose().equals("ike-expire")) {
            IsakmpSa next = successor(sa);
            if (next != null) {
                moveChildren(sa, next, out);
            }
            InformationalTask.deleteAll(engine, out, sa, "lifetime of " + sa.lifetimeSeconds + " s expired");
            removeSa(out, sa);
            return;
        }
        if (key.purpose().equals("rekey") || key.purpose().equals("expire") || key.purpose().equals("retire")) {
            int childSerial = Integer.parseInt(owner.substring(owner.indexOf("/child") + 6));
            ChildState c = sa.children.stream().filter(x -> x.serial == childSerial).findFirst().orElse(null);
            if (c == null) {
                return;
            }
            if (key.purpose().equals("expire")) {
                deleteChild(out, sa, c, "hard lifetime of " + c.lifetimeSeconds + " s expired", true);
            } else if (key.purpose().equals("retire")) {
                deleteChild(out, sa, c, "rekeyed", true);
            } else if (sa.established && !c.rekeying && c.retireAt == 0) {
                c.rekeying = true;
                out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "rekeying IPsec SA " + c.sa.spis()
                        + " (soft lifetime reached" + (c.initiator ? ")" : "; the peer initiated it, we renew it too)"));
                Connection now = engine.commands.current(c.connection);
                engine.commands.startQuickMode(out, sa, now == null ? c.connection : now, c);
            }
            return;
        }
        if (key.purpose().equals("keepalive")) {
            if (sa.established && sa.natT) {
                // RFC 3948 2.3: one 0xFF byte, no non-ESP marker
                out.add(new Action.Send(sa.local, sa.remote, Bytes.wrap(new byte[] {(byte) 0xff}), false));
                out.add(new Action.Schedule(key, engine.now() + sa.connection.natKeepalive().toMillis()));
            }
            return;
        }
        if (sa.tasks.timer(key, out)) {
            return; // a timer of one of the SA's tasks (DPD)
        }
        if (!key.purpose().equals("retransmit")) {
            return;
        }
        int mid = Integer.parseUnsignedInt(owner.substring(slash + 1), 16);
        Transmission t = sa.transmissions.get(mid);
        if (t == null || !t.awaitingReply) {
            return;
        }
        if (t.retransmits < engine.options().retransmitTries()) {
            t.retransmits++;
            t.timeoutMillis = (long) (t.timeoutMillis * engine.options().retransmitBase());
            out.debug(sa, "retransmit " + t.retransmits + " of message " + String.format("%08x", mid) + " ("
                    + t.sentInState + ")");
            engine.emit(out, sa, t.lastSent);
            out.add(new Action.Schedule(key, engine.now() + t.timeoutMillis));
            return;
        }
        t.awaitingReply = false;
        int tries = t.retransmits + 1;
        String line = "giving up: no answer from the peer " + sa.remote.getAddress().getHostAddress() + " after "
                + tries + " tries (" + t.sentInState + ")";
        if (mid != 0 && sa.established) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, line);
            engine.removeQuickMode(out, sa, mid);
            return;
        }
        boolean again = sa.initiator && sa.keyingTriesLeft > 0;
        out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, line
                + (again ? "; starting keying try again (" + sa.keyingTriesLeft + " left)" : ""));
        removeSa(out, sa);
        if (again) {
            engine.commands.initiatePhase1(out, sa.connection, sa.keyingTriesLeft - 1);
        }
    }

    /** The ISAKMP SA's lifetime: the initiator renews it a margin before it ends; it is deleted at its end. */
    void scheduleLifetime(IsakmpSa sa, Outbox out) {
        if (sa.lifetimeSeconds <= 0) {
            return;
        }
        long life = sa.lifetimeSeconds * 1000;
        // the IKE SA's own margin and fuzz (swanctl.conf sets them apart from the IPsec SAs')
        long margin = Math.min(sa.connection.lifetimes().ikeRekeyMargin().toMillis(), life / 10 * 9);
        if (sa.initiator && sa.connection.rekey()) {
            sa.renewAt = sa.establishedAt + engine.rekeyTime(life, margin, sa.connection.lifetimes().ikeRekeyFuzzPercent());
            out.add(new Action.Schedule(Ikev1Engine.ikeTimer("ike-rekey", sa), sa.renewAt));
        }
        out.add(new Action.Schedule(Ikev1Engine.ikeTimer("ike-expire", sa), sa.establishedAt + life));
    }

    /** A new Phase 1 for the same connection; the IPsec SAs move to it once it is up. */
    void rekeyIsakmpSa(IsakmpSa old, Outbox out) {
        old.rekeying = true;
        out.report(Event.Level.INFO, Event.Kind.OTHER, old, "renewing the ISAKMP SA (lifetime " + old.lifetimeSeconds
                + " s ends in " + (old.establishedAt + old.lifetimeSeconds * 1000 - engine.now()) / 1000 + " s)");
        Connection c = engine.commands.current(old.connection);
        IsakmpSa fresh = engine.commands.initiatePhase1(out, c == null ? old.connection : c, 0);
        if (fresh != null) {
            fresh.pendingQuickModes.clear();
            fresh.replaces = old;
        }
    }

    /** Another established ISAKMP SA of the same connection and peer, to take over IPsec SAs. */
    IsakmpSa successor(IsakmpSa sa) {
        for (IsakmpSa s : engine.sas()) {
            if (s != sa && s.established && !s.deleted && s.connectionName().equals(sa.connectionName())
                    && s.remote.getAddress().equals(sa.remote.getAddress())) {
                return s;
            }
        }
        return null;
    }

    /** Moves IPsec SAs to another ISAKMP SA (after a Phase 1 rekey), their timers with them. */
    void moveChildren(IsakmpSa from, IsakmpSa to, Outbox out) {
        for (ChildState c : List.copyOf(from.children)) {
            out.add(new Action.Cancel(Ikev1Engine.childTimer("rekey", from, c)));
            out.add(new Action.Cancel(Ikev1Engine.childTimer("expire", from, c)));
            out.add(new Action.Cancel(Ikev1Engine.childTimer("retire", from, c)));
            from.children.remove(c);
            to.children.add(c);
            if (c.retireAt != 0) {
                out.add(new Action.Schedule(Ikev1Engine.childTimer("retire", to, c), c.retireAt));
            } else if (c.sa.softLifetimeSeconds() > 0) {
                out.add(new Action.Schedule(Ikev1Engine.childTimer("rekey", to, c), c.installedAt + c.sa.softLifetimeSeconds() * 1000));
            }
            if (c.lifetimeSeconds > 0) {
                out.add(new Action.Schedule(Ikev1Engine.childTimer("expire", to, c), c.installedAt + c.lifetimeSeconds * 1000));
            }
        }
    }

    /**
     * Removes one IPsec SA pair: from the dataplane, from the SA, its timers cancelled; with
     * {@code tellPeer} a Delete (RFC 2408 3.15, our inbound SPI) goes to the peer first.
     */
    void deleteChild(Outbox out, IsakmpSa sa, ChildState c, String reason, boolean tellPeer) {
        deleteChild(out, sa, c, reason, tellPeer, false);
    }

    /** As above; {@code hold}: the connection stays trapped in the dataplane (dpdaction=hold). */
    void deleteChild(Outbox out, IsakmpSa sa, ChildState c, String reason, boolean tellPeer, boolean hold) {
        if (tellPeer && sa.established) {
            InformationalTask.send(engine, out, sa, List.of(new org.ike4j.wire.v1.DeletePayload(org.ike4j.wire.v1.Doi.IPSEC,
                    ProtocolId.PROTO_IPSEC_ESP, 4, List.of(Bytes.wrap(Ikev1Engine.u32(c.sa.inboundSpi()))))));
        }
        out.add(new Action.DeleteChildSa(c.sa, reason, hold));
        out.add(new Action.Cancel(Ikev1Engine.childTimer("rekey", sa, c)));
        out.add(new Action.Cancel(Ikev1Engine.childTimer("expire", sa, c)));
        out.add(new Action.Cancel(Ikev1Engine.childTimer("retire", sa, c)));
        sa.children.remove(c);
        out.report(Event.Level.INFO, Event.Kind.CHILD_SA_DELETED, sa, "IPsec SA " + c.sa.spis() + " deleted: " + reason);
    }

    /**
     * Both peers renewed the ISAKMP SA at once, so two new ones stand for the old one. Both ends decide
     * alike from the cookies both know: the SA with the lower initiator cookie (unsigned) stays; the end
     * that initiated the other moves its IPsec SAs to the survivor and deletes it with a Delete payload
     * (the peer moves its IPsec SAs the same way when the Delete arrives). An SA we are renewing
     * ourselves is not counted: it goes once its successor is up. Returns the SA to carry on with:
     * {@code sa}, or the survivor if {@code sa} was the duplicate.
     */
    IsakmpSa resolveIsakmpCollision(IsakmpSa sa, Outbox out) {
        for (IsakmpSa other : List.copyOf(engine.sas())) {
            if (other == sa || !other.established || other.deleted || other.rekeying || sa.rekeying
                    || !other.connectionName().equals(sa.connectionName())
                    || !other.remote.getAddress().equals(sa.remote.getAddress())) {
                continue;
            }
            IsakmpSa loser = java.util.Arrays.compareUnsigned(sa.initiatorCookie.toByteArray(),
                    other.initiatorCookie.toByteArray()) < 0 ? other : sa;
            IsakmpSa winner = loser == sa ? other : sa;
            if (!loser.initiator) {
                continue; // the peer initiated it and deletes it
            }
            out.report(Event.Level.INFO, Event.Kind.OTHER, winner, "ISAKMP SA collision: #" + winner.serial + " ("
                    + winner.name() + ") stays (lower initiator cookie), #" + loser.serial + " (" + loser.name()
                    + ") goes");
            moveChildren(loser, winner, out);
            InformationalTask.deleteAll(engine, out, loser, "duplicate from a renewal collision");
            removeSa(out, loser);
            if (loser == sa) {
                return winner;
            }
        }
        return sa;
    }

    /** Called by Phase 1 tasks when the ISAKMP SA is up: start the Quick Modes waiting for it. */
    void phase1Established(IsakmpSa sa, Outbox out) {
        engine.commands.held.remove(sa.connectionName());
        sa.tasks.phase1Done(out);
        if (sa.natLocal && sa.natT && sa.connection.natKeepalive().toMillis() > 0) {
            // behind a NAT: keep its mapping for port 4500 open (RFC 3947 4, RFC 3948 2.3)
            out.add(new Action.Schedule(Ikev1Engine.ikeTimer("keepalive", sa), engine.now() + sa.connection.natKeepalive().toMillis()));
        }
        scheduleLifetime(sa, out);
        IsakmpSa old = sa.replaces;
        sa.replaces = null;
        if (old != null && !old.deleted) {
            moveChildren(old, sa, out);
            out.report(Event.Level.INFO, Event.Kind.IKE_SA_REKEYED, sa, "ISAKMP SA #" + old.serial + " ("
                    + old.name() + ") renewed as #" + sa.serial);
            InformationalTask.deleteAll(engine, out, old, "renewed");
            removeSa(out, old);
        }
        IsakmpSa survivor = resolveIsakmpCollision(sa, out);
        List<Connection> pending = List.copyOf(sa.pendingQuickModes);
        sa.pendingQuickModes.clear();
        for (Connection c : pending) {
            engine.commands.startQuickMode(out, survivor, c);
        }
    }

    /** Forgets an ISAKMP SA: timers cancelled, keys wiped. Its IPsec SAs must be handled by the caller. */
    void removeSa(Outbox out, IsakmpSa sa) {
        sa.deleted = true;
        engine.sas().remove(sa);
        for (Transmission t : sa.transmissions.values()) {
            if (t.awaitingReply) {
                out.add(new Action.Cancel(engine.retransmitTimer(sa, t.messageId)));
            }
        }
        if (!sa.initiator) {
            out.add(new Action.Cancel(engine.halfOpenTimer(sa)));
        }
        if (sa.established && sa.connection.dpd().enabled()) {
            out.add(new Action.Cancel(DpdTask.timer(sa)));
        }
        if (sa.established && sa.natLocal) {
            out.add(new Action.Cancel(Ikev1Engine.ikeTimer("keepalive", sa)));
        }
        if (sa.established && sa.lifetimeSeconds > 0) {
            out.add(new Action.Cancel(Ikev1Engine.ikeTimer("ike-rekey", sa)));
            out.add(new Action.Cancel(Ikev1Engine.ikeTimer("ike-expire", sa)));
        }
        sa.destroySecrets();
    }

    /** dpdaction=restart: negotiate the connection again from the start. */
    void restart(Connection c, Outbox out) {
        int tries = c.keyingTries() <= 0 ? Integer.MAX_VALUE : c.keyingTries();
        engine.commands.initiatePhase1(out, c, tries - 1);
    }
}

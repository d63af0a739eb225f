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
 * The operator's commands: up, down and reload, and the connection states they keep (held after a
 * dead peer under dpdaction=hold, routed under auto=route, auto=start connections started).
 */
final class Ikev1Commands {
    private final Ikev1Engine engine;
    /** Connections whose peer DPD declared dead under dpdaction=hold: up (or traffic) negotiates again. */
    final java.util.Set<String> held = new java.util.LinkedHashSet<>();
    /** auto=route connections armed by the last reload: they negotiate when the dataplane sees traffic. */
    final java.util.Set<String> routed = new java.util.LinkedHashSet<>();
    /** The version of each auto=start connection last started by a reload, so a reload starts it once. */
    private final java.util.Map<String, Connection> autoStarted = new java.util.HashMap<>();

    Ikev1Commands(Ikev1Engine engine) {
        this.engine = engine;
    }

    void command(Operator op, Outbox out) {
        switch (op) {
            case Operator.Up up -> {
                held.remove(up.connection());
                up(up.connection(), out);
            }
            case Operator.Down down -> down(down.connection(), out);
            case Operator.DownSa one -> downSa(one, out);
            case Operator.Reload r -> reload(r.configuration(), out);
        }
    }

    /**
     * One SA by its unique id: an IPsec SA pair goes alone (an Informational { HASH, D(ESP, its
     * inbound SPI) }, RFC 2408 3.15; the ISAKMP SA and other pairs stay), an ISAKMP SA with its
     * IPsec SAs.
     */
    void downSa(Operator.DownSa one, Outbox out) {
        for (IsakmpSa sa : List.copyOf(engine.sas())) {
            if (sa.connection == null || !sa.connection.name().equals(one.connection())) {
                continue;
            }
            if (!one.child() && sa.serial == one.serial()) {
                InformationalTask.deleteAll(engine, out, sa, "operator down " + one);
                engine.lifecycle.removeSa(out, sa);
                return;
            }
            for (ChildState c : List.copyOf(sa.children)) {
                if (one.child() && c.serial == one.serial()) {
                    engine.deleteChild(out, sa, c, "operator down " + one, true);
                    return;
                }
            }
        }
        out.report(Event.Level.ERROR, Event.Kind.OTHER, one.connection(), "", "no " + (one.child() ? "IPsec SA " : "ISAKMP SA ")
                + one + " to take down");
    }

    /**
     * A new configuration, compared connection by connection with what the SAs were made from (the
     * way strongSwan's {@code ipsec update} treats ipsec.conf):
     * <ul>
     * <li>unchanged (equal {@link Connection}): its SAs are not touched;</li>
     * <li>removed (or no longer IKEv1): its SAs are deleted, with Delete payloads to the peer;</li>
     * <li>changed: its established SAs stay as negotiated until their lifetime ends; the renewals
     *     (Quick Mode and ISAKMP rekeys) and everything negotiated from now on use the new
     *     settings;</li>
     * <li>added: available for up and to peers at once; auto=start connections are initiated (once
     *     per version of the connection, unless an SA of theirs exists), auto=route ones armed
     *     (shown as routed; they negotiate when the dataplane reports traffic for them).</li>
     * </ul>
     * The daemon's first configuration arrives as a reload too, which starts its auto=start connections.
     */
    void reload(Configuration next, Outbox out) {
        engine.configuration(next);
        for (IsakmpSa sa : List.copyOf(engine.sas())) {
            if (sa.connection == null || sa.deleted) {
                continue;
            }
            Connection now = current(sa.connection);
            if (now == null) {
                out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "connection " + sa.connectionName()
                        + " removed by reload: deleting its SAs");
                InformationalTask.deleteAll(engine, out, sa, "connection removed by reload");
                engine.lifecycle.removeSa(out, sa);
            } else if (!now.equals(sa.connection)) {
                out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "connection " + sa.connectionName()
                        + " changed by reload: its SAs keep their settings until renewed");
            }
        }
        held.removeIf(name -> current(name) == null);
        routed.clear();
        autoStarted.keySet().removeIf(name -> current(name) == null);
        for (Connection c : next.connections().values()) {
            if (c.ikeVersion() != IkeVersion.IKEV1) {
                continue;   // keyexchange=ike initiates IKEv2 (strongSwan): the IKEv2 engine starts and routes it
            }
            switch (c.startAction()) {
                case START -> {
                    boolean hasSa = engine.sas().stream().anyMatch(sa -> sa.connectionName().equals(c.name()));
                    if (!c.equals(autoStarted.get(c.name())) && !hasSa) {
                        autoStarted.put(c.name(), c);
                        out.report(Event.Level.INFO, Event.Kind.OTHER, c.name(), "", "auto=start: initiating " + c.name());
                        up(c.name(), out);
                    }
                }
                case ROUTE -> {
                    routed.add(c.name());
                    out.report(Event.Level.INFO, Event.Kind.OTHER, c.name(), "", "auto=route: " + c.name()
                            + " negotiates when traffic for it is seen");
                }
                default -> {
                }
            }
        }
    }

    /** The configuration's current version of a connection, or null if it is gone (or IKEv2 now). */
    Connection current(Connection c) {
        return current(c.name());
    }

    Connection current(String name) {
        Connection c = engine.configuration().connection(name).orElse(null);
        return c == null || c.ikeVersion() == IkeVersion.IKEV2 ? null : c;
    }

    /** dpdaction=hold: the SAs are gone, the connection stays on hold until up (or traffic). */
    void hold(Connection c, Outbox out) {
        held.add(c.name());
    }

    /**
     * Traffic for a routed connection (auto=route) or a held one (dpdaction=hold after the peer was
     * declared dead) with no SA: initiate it, once; an acquire while a negotiation for it is under
     * way, or for a connection that is neither, changes nothing.
     */
    void acquire(String name, Outbox out) {
        if ((!routed.contains(name) && !held.contains(name)) || current(name) == null) {
            out.report(Event.Level.DEBUG, Event.Kind.OTHER, name, "", "acquire for " + name + " ignored: not routed or held");
            return;
        }
        for (IsakmpSa sa : engine.sas()) {
            if (sa.connectionName().equals(name) && (!sa.established || !sa.children.isEmpty() || (sa.tasks != null && sa.tasks.quickModeUnderWay())
                    || !sa.pendingQuickModes.isEmpty())) {
                return;   // already negotiating or up
            }
        }
        out.report(Event.Level.INFO, Event.Kind.OTHER, name, "", "acquire: traffic for " + name + ", initiating");
        held.remove(name);   // as with up: the hold ends when the connection negotiates again
        up(name, out);
    }

    void up(String name, Outbox out) {
        Connection c = engine.configuration().connection(name).orElse(null);
        if (c == null || c.ikeVersion() == IkeVersion.IKEV2) {
            out.report(Event.Level.ERROR, Event.Kind.OTHER, name, "", "no IKEv1 connection named '" + name + "'");
            return;
        }
        for (IsakmpSa sa : engine.sas()) {
            if (sa.connection == c || sa.connection.name().equals(name)) {
                if (sa.established) {
                    startQuickMode(out, sa, c);
                    return;
                }
                if (sa.initiator) {
                    sa.pendingQuickModes.add(c);
                    return;
                }
            }
        }
        int tries = c.keyingTries() <= 0 ? Integer.MAX_VALUE : c.keyingTries();
        initiatePhase1(out, c, tries - 1);
    }

    IsakmpSa initiatePhase1(Outbox out, Connection c, int triesLeft) {
        if (!(c.remote().address() instanceof PeerAddress.Ip rip)) {
            out.report(Event.Level.ERROR, Event.Kind.NEGOTIATION_FAILED, c.name(), "",
                    "cannot initiate " + c.name() + ": the peer's address is " + c.remote().address());
            return null;
        }
        InetAddress local = c.local().address() instanceof PeerAddress.Ip lip ? lip.address()
                : engine.localAddresses().stream().filter(a -> a.getAddress().length == rip.address().getAddress().length)
                        .findFirst().orElse(engine.localAddresses().get(0));
        int lport = c.local().port() == 0 ? 500 : c.local().port();
        int rport = c.remote().port() == 0 ? 500 : c.remote().port();
        boolean aggressive = c.ikev1Mode() == Ikev1Mode.AGGRESSIVE;
        IsakmpSa sa = new IsakmpSa(engine.nextSerial(), true, engine.newCookie(), Ikev1Engine.ZERO_COOKIE, new InetSocketAddress(local, lport),
                new InetSocketAddress(rip.address(), rport), aggressive ? ExchangeType.AGGRESSIVE : ExchangeType.ID_PROT);
        sa.connection = c;
        sa.createdAt = engine.now();
        sa.keyingTriesLeft = triesLeft;
        sa.pendingQuickModes.add(c);
        sa.tasks = new TaskManager(engine, sa, sa.exchange);
        engine.sas().add(sa);
        out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "initiating " + (aggressive ? "Aggressive" : "Main")
                + " Mode to " + rip.address().getHostAddress() + " for connection " + c.name());
        try {
            sa.tasks.initiate(out);
        } catch (Ikev1Failure f) {
            out.report(Event.Level.ERROR, Event.Kind.NEGOTIATION_FAILED, sa, f.getMessage());
            engine.lifecycle.removeSa(out, sa);
            return null;
        }
        return sa;
    }

    java.util.Optional<QuickModeTask> startQuickMode(Outbox out, IsakmpSa sa, Connection c) {
        return startQuickMode(out, sa, c, null);
    }

    /** As above, renewing {@code replaces} (null: a new pair). */
    java.util.Optional<QuickModeTask> startQuickMode(Outbox out, IsakmpSa sa, Connection c, ChildState replaces) {
        return sa.tasks.startQuickMode(c, replaces, out);
    }

    void down(String name, Outbox out) {
        boolean any = false;
        for (IsakmpSa sa : List.copyOf(engine.sas())) {
            if (sa.connection != null && sa.connection.name().equals(name)) {
                any = true;
                InformationalTask.deleteAll(engine, out, sa, "operator down");
                engine.lifecycle.removeSa(out, sa);
            }
        }
        if (!any) {
            out.report(Event.Level.INFO, Event.Kind.OTHER, name, "", "no SA of '" + name + "' to take down");
        }
    }
}

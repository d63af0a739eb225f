package org.ike4j.engine.v2;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.PeerAddress;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;

/**
 * The operator's commands for IKEv2 connections (keyexchange=ikev2, and keyexchange=ike, which
 * initiates IKEv2): up, down of a connection or of one SA, reload; and the dataplane's acquires
 * for routed and held connections.
 */
final class Ikev2Commands {
    private final Ikev2Engine engine;
    private final Map<String, Connection> autoStarted = new HashMap<>();
    /**
     * Connections whose peer a liveness check declared dead under dpdaction=hold: traffic the
     * dataplane reports for them (an acquire) negotiates again. Until down, or a reload that
     * removes them.
     */
    final java.util.Set<String> held = new java.util.LinkedHashSet<>();

    Ikev2Commands(Ikev2Engine engine) {
        this.engine = engine;
    }

    void command(Operator op, Outbox out) {
        switch (op) {
            case Operator.Up up -> up(up.connection(), out);
            case Operator.Down down -> down(down.connection(), out);
            case Operator.DownSa one -> downSa(one, out);
            case Operator.Reload r -> reload(r.configuration(), out);
        }
    }

    /**
     * One SA by its unique id: a Child SA goes alone (INFORMATIONAL { D(ESP, its inbound SPI) },
     * RFC 7296 1.4.1; the IKE SA and the other Child SAs stay), an IKE SA with its Child SAs.
     */
    void downSa(Operator.DownSa one, Outbox out) {
        for (IkeSa sa : List.copyOf(engine.sas())) {
            if (!sa.connectionName().equals(one.connection())) {
                continue;
            }
            if (!one.child() && sa.serial == one.serial()) {
                out.info(sa, "deleting IKE SA " + one + " (operator down)");
                Informational.deleteIke(engine, sa, "operator down " + one, out);
                return;
            }
            for (ChildState c : sa.children) {
                if (one.child() && c.serial == one.serial()) {
                    if (!sa.established || sa.protection == null) {
                        break;
                    }
                    out.info(sa, "deleting CHILD_SA " + one + " with SPIs " + c.sa.spis() + " (operator down)");
                    Informational.deleteChildren(engine, sa, List.of(c), out);
                    return;
                }
            }
        }
        out.report(Event.Level.ERROR, Event.Kind.OTHER, one.connection(), "", "no " + (one.child() ? "CHILD_SA " : "IKE_SA ")
                + one + " to take down");
    }

    /**
     * The configuration's current version of a connection IKEv2 may use, or null: keyexchange=ikev2,
     * or keyexchange=ike (either version), which this engine initiates (as strongSwan does) and
     * both engines answer.
     */
    Connection current(String name) {
        Connection c = engine.configuration().connection(name).orElse(null);
        return c == null || c.ikeVersion() == IkeVersion.IKEV1 ? null : c;
    }

    void up(String name, Outbox out) {
        Connection c = current(name);
        if (c == null) {
            out.report(Event.Level.ERROR, Event.Kind.OTHER, name, "", "no IKEv2 connection named '" + name + "'");
            return;
        }
        for (IkeSa sa : engine.sas()) {
            if (sa.connectionName().equals(name) && sa.state != IkeSa.State.DELETING && sa.state != IkeSa.State.REKEYED) {
                if (sa.established) {
                    CreateChildSa.newChild(engine, sa, c, out);
                } else {
                    out.info(sa, "IKE SA of " + name + " is being negotiated already");
                }
                return;
            }
        }
        initiate(c, out, c.keyingTries() <= 0 ? Integer.MAX_VALUE : c.keyingTries() - 1);
    }

    /**
     * Traffic for a routed connection (auto=route, start_action=trap) or a held one (dpdaction=hold
     * after a dead peer) with no SA: initiate it once; an acquire while its IKE SA exists, or for a
     * connection that is neither, changes nothing.
     */
    void acquire(String name, Outbox out) {
        Connection c = current(name);
        if (c == null || c.startAction() != org.ike4j.config.StartAction.ROUTE && !held.contains(name)) {
            out.report(Event.Level.DEBUG, Event.Kind.OTHER, name, "", "acquire for " + name
                    + " ignored: not routed or held");
            return;
        }
        for (IkeSa sa : engine.sas()) {
            if (sa.connectionName().equals(name) && sa.state != IkeSa.State.DELETING && sa.state != IkeSa.State.REKEYED) {
                return;   // negotiating or up already
            }
        }
        out.report(Event.Level.INFO, Event.Kind.OTHER, name, "", "acquire: traffic for " + name + ", initiating");
        up(name, out);
    }

    IkeSa initiate(Connection c, Outbox out, int triesLeft) {
        if (!(c.remote().address() instanceof PeerAddress.Ip rip)) {
            out.report(Event.Level.ERROR, Event.Kind.NEGOTIATION_FAILED, c.name(), "",
                    "cannot initiate " + c.name() + ": the peer's address is " + c.remote().address());
            return null;
        }
        List<InetAddress> locals = engine.localAddresses();
        InetAddress local = c.local().address() instanceof PeerAddress.Ip lip ? lip.address()
                : locals.stream().filter(a -> a.getAddress().length == rip.address().getAddress().length).findFirst()
                        .orElse(locals.isEmpty() ? InetAddress.getLoopbackAddress() : locals.get(0));
        int lport = c.local().port() == 0 ? 500 : c.local().port();
        int rport = c.remote().port() == 0 ? 500 : c.remote().port();
        return IkeSaInit.initiate(engine, c, new InetSocketAddress(local, lport), new InetSocketAddress(rip.address(), rport),
                out, triesLeft);
    }

    /** dpdaction=hold: the connection's SAs went as a hold; traffic (or up) negotiates again. */
    void hold(String name) {
        held.add(name);
    }

    void down(String name, Outbox out) {
        held.remove(name);
        boolean any = false;
        for (IkeSa sa : List.copyOf(engine.sas())) {
            if (sa.connectionName().equals(name)) {
                any = true;
                out.info(sa, "deleting IKE SA of " + name + " (operator down)");
                Informational.deleteIke(engine, sa, "operator down", out);
            }
        }
        if (!any) {
            out.report(Event.Level.INFO, Event.Kind.OTHER, name, "", "no SA of '" + name + "' to take down");
        }
    }

    /** As the IKEv1 engine's reload: removed connections lose their SAs, auto=start ones start once. */
    void reload(Configuration next, Outbox out) {
        engine.configuration(next);
        for (IkeSa sa : List.copyOf(engine.sas())) {
            if (sa.connection != null && current(sa.connectionName()) == null) {
                out.info(sa, "connection " + sa.connectionName() + " removed by reload: deleting its SAs");
                Informational.deleteIke(engine, sa, "connection removed by reload", out);
            }
        }
        autoStarted.keySet().removeIf(n -> current(n) == null);
        held.removeIf(n -> current(n) == null);
        for (Connection c : next.connections().values()) {
            if (c.ikeVersion() == IkeVersion.IKEV1) {
                continue;
            }
            if (c.startAction() == org.ike4j.config.StartAction.START && !c.equals(autoStarted.get(c.name()))
                    && engine.sas().stream().noneMatch(sa -> sa.connectionName().equals(c.name()))) {
                autoStarted.put(c.name(), c);
                out.report(Event.Level.INFO, Event.Kind.OTHER, c.name(), "", "auto=start: initiating " + c.name());
                up(c.name(), out);
            }
        }
    }
}

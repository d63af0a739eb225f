package org.ike4j.engine;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.IkeVersion;

/**
 * Routes inputs to the IKEv1 or the IKEv2 engine: datagrams by the major version in the IKE header
 * (octet 17; RFC 2408 3.1 and RFC 7296 3.1 put it at the same place), timers by the owner their key
 * was made with, commands by the connection's {@link IkeVersion} (a reload goes to both). A
 * connection of either version ({@link IkeVersion#ANY}: ipsec.conf {@code keyexchange=ike},
 * swanctl.conf {@code version = 0}) is initiated with IKEv2, as strongSwan does, and answered by
 * whichever engine the peer speaks to; so its up and acquire go to the IKEv2 engine, its down to
 * both (an IKEv1 peer may have initiated one of its SAs). The snapshot is both engines', merged,
 * a connection both list shown once (the IKEv2 engine's line).
 */
public final class VersionDispatch implements Engine {
    private static final int VERSION_OFFSET = 17;

    private final Engine ikev1;
    private final Engine ikev2;
    private final String ikev2TimerPrefix;
    private org.ike4j.config.Configuration configuration;

    /**
     * @param ikev2TimerPrefix the owner prefix of the IKEv2 engine's timer keys
     */
    public VersionDispatch(Engine ikev1, Engine ikev2, String ikev2TimerPrefix) {
        this.ikev1 = ikev1;
        this.ikev2 = ikev2;
        this.ikev2TimerPrefix = ikev2TimerPrefix;
    }

    @Override
    public List<Action> handle(Input input) {
        return switch (input) {
            case Input.Datagram d -> {
                byte[] b = d.data().toByteArray();
                boolean v2 = b.length > VERSION_OFFSET && (b[VERSION_OFFSET] & 0xf0) >= 0x20;
                yield (v2 ? ikev2 : ikev1).handle(d);
            }
            case Input.TimerFired t -> (t.key().owner().startsWith(ikev2TimerPrefix) ? ikev2 : ikev1).handle(t);
            case Input.Computed c -> (c.key().owner().startsWith(ikev2TimerPrefix) ? ikev2 : ikev1).handle(c);
            case Input.Command c -> switch (c.command()) {
                case Operator.Reload r -> {
                    configuration = r.configuration();
                    List<Action> all = new ArrayList<>(ikev1.handle(c));
                    all.addAll(ikev2.handle(c));
                    yield all;
                }
                case Operator.Up up -> engineFor(up.connection()).handle(c);
                case Operator.Down down -> version(down.connection()) == IkeVersion.ANY ? both(c)
                        : engineFor(down.connection()).handle(c);
                case Operator.DownSa one -> holder(one).handle(c);
            };
            case Input.Acquire a -> engineFor(a.connection()).handle(a);
            // the SPI is ours, drawn by one engine only: the other finds no Child SA with it and does nothing
            case Input.Expire e -> {
                List<Action> all = new ArrayList<>(ikev1.handle(e));
                all.addAll(ikev2.handle(e));
                yield all;
            }
        };
    }

    private List<Action> both(Input input) {
        List<Action> all = new ArrayList<>(ikev1.handle(input));
        all.addAll(ikev2.handle(input));
        return all;
    }

    /** The connection's version; IKEv1 for a name not (or no longer) configured, as before. */
    private IkeVersion version(String connection) {
        return configuration == null ? IkeVersion.IKEV1
                : configuration.connection(connection).map(c -> c.ikeVersion()).orElse(IkeVersion.IKEV1);
    }

    /** The engine that has the SA (serials are per engine); by the connection's version if neither has. */
    private Engine holder(Operator.DownSa one) {
        for (Engine e : List.of(ikev1, ikev2)) {
            Snapshot s = e.snapshot();
            boolean has = one.child()
                    ? s.childSas().stream().anyMatch(x -> x.serial() == one.serial() && x.connection().equals(one.connection()))
                    : s.ikeSas().stream().anyMatch(x -> x.serial() == one.serial() && x.connection().equals(one.connection()));
            if (has) {
                return e;
            }
        }
        return engineFor(one.connection());
    }

    /** IKEv2 for keyexchange=ikev2 and for keyexchange=ike (which initiates IKEv2); else IKEv1. */
    private Engine engineFor(String connection) {
        return version(connection) == IkeVersion.IKEV1 ? ikev1 : ikev2;
    }

    @Override
    public Snapshot snapshot() {
        Snapshot a = ikev1.snapshot();
        Snapshot b = ikev2.snapshot();
        List<Snapshot.ConnectionInfo> conns = new ArrayList<>();
        java.util.Set<String> inV2 = new java.util.HashSet<>();
        b.connections().forEach(c -> inV2.add(c.name()));
        a.connections().stream().filter(c -> !inV2.contains(c.name())).forEach(conns::add);
        conns.addAll(b.connections());
        List<Snapshot.IkeSaInfo> ike = new ArrayList<>(a.ikeSas());
        ike.addAll(b.ikeSas());
        List<Snapshot.ChildSaInfo> child = new ArrayList<>(a.childSas());
        child.addAll(b.childSas());
        return new Snapshot(Math.max(a.atMillis(), b.atMillis()), conns, ike, child);
    }
}

package org.ike4j.engine;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.IkeVersion;

/**
 * Routes inputs to the IKEv1 or the IKEv2 engine: datagrams by the major version in the IKE header
 * (octet 17; RFC 2408 3.1 and RFC 7296 3.1 put it at the same place), timers by the owner their key
 * was made with, commands by the connection's {@link IkeVersion} (a reload goes to both). The
 * snapshot is both engines', merged.
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
                case Operator.Down down -> engineFor(down.connection()).handle(c);
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

    private Engine engineFor(String connection) {
        boolean v2 = configuration != null && configuration.connection(connection)
                .map(c -> c.ikeVersion() == IkeVersion.IKEV2).orElse(false);
        return v2 ? ikev2 : ikev1;
    }

    @Override
    public Snapshot snapshot() {
        Snapshot a = ikev1.snapshot();
        Snapshot b = ikev2.snapshot();
        List<Snapshot.ConnectionInfo> conns = new ArrayList<>(a.connections());
        conns.addAll(b.connections());
        List<Snapshot.IkeSaInfo> ike = new ArrayList<>(a.ikeSas());
        ike.addAll(b.ikeSas());
        List<Snapshot.ChildSaInfo> child = new ArrayList<>(a.childSas());
        child.addAll(b.childSas());
        return new Snapshot(Math.max(a.atMillis(), b.atMillis()), conns, ike, child);
    }
}

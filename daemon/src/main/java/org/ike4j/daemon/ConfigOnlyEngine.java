package org.ike4j.daemon;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.Configuration;
import org.ike4j.engine.Action;
import org.ike4j.engine.Engine;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;

/**
 * The stand-in engine while no protocol engine is built in: it keeps the configuration so status
 * lists the connections, answers up/down with an error event, and drops datagrams.
 */
public final class ConfigOnlyEngine implements Engine {
    private final org.ike4j.engine.Clock clock;
    private Configuration configuration = new Configuration(java.util.Map.of(),
            org.ike4j.config.Secrets.EMPTY, org.ike4j.config.GlobalSettings.EMPTY, java.util.Map.of(), List.of());

    public ConfigOnlyEngine(EngineFactory.Context context) {
        this.clock = context.clock();
    }

    @Override
    public List<Action> handle(Input input) {
        return switch (input) {
            case Input.Command(Operator.Reload r) -> {
                configuration = r.configuration();
                yield List.of();
            }
            case Input.Command(Operator.Up u) -> List.of(report(u.connection(), Event.Level.ERROR, "cannot bring up "
                    + u.connection() + ": this build has no IKE engine"));
            case Input.Command(Operator.Down d) -> List.of(report(d.connection(), Event.Level.INFO, "no SAs of "
                    + d.connection() + " to take down (this build has no IKE engine)"));
            case Input.Command(Operator.DownSa d) -> List.of(report(d.connection(), Event.Level.ERROR, "no SA " + d
                    + " to take down (this build has no IKE engine)"));
            case Input.Datagram d -> List.of(new Action.Report(new Event(clock.nowMillis(), Event.Level.DEBUG, "net",
                    "", "", Event.Kind.OTHER, "datagram of " + d.data().length() + " bytes from " + Daemon.str(d.remote())
                    + " ignored: no IKE engine")));
            case Input.Acquire a -> List.of();
            case Input.Expire e -> List.of();
            case Input.TimerFired t -> List.of();
            case Input.Computed c -> List.of();
        };
    }

    private Action report(String connection, Event.Level level, String message) {
        return new Action.Report(new Event(clock.nowMillis(), level, "ike", connection, "", Event.Kind.NEGOTIATION_FAILED,
                message));
    }

    @Override
    public Snapshot snapshot() {
        List<Snapshot.ConnectionInfo> conns = new ArrayList<>();
        configuration.connections().values()
                .forEach(c -> conns.add(new Snapshot.ConnectionInfo(c.name(), ConnectionSummary.of(c))));
        return new Snapshot(clock.nowMillis(), conns, List.of(), List.of());
    }
}

package org.ike4j.daemon.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.Endpoint;
import org.ike4j.engine.Action;
import org.ike4j.engine.Engine;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;

/**
 * An engine as the demo runs it: the configuration the daemon hands over is given the demo's IKE
 * ports (the loaders know only port 500; the engine sends to a connection's configured port), and
 * every action the engine returns is shown to a listener before the daemon carries it out, so
 * the demo can draw the exchange from the engine's own TRACE events.
 */
public final class ObservedEngine implements Engine {

    /** Sees each input's actions, on the daemon's loop thread, before they are carried out. */
    @FunctionalInterface
    public interface Listener {
        void actions(List<Action> actions);
    }

    private final Engine engine;
    private final int localPort;
    private final int remotePort;
    private final Listener listener;

    /**
     * @param localPort the IKE port of this side's connections
     * @param remotePort the IKE port the peer listens on
     */
    public ObservedEngine(Engine engine, int localPort, int remotePort, Listener listener) {
        this.engine = engine;
        this.localPort = localPort;
        this.remotePort = remotePort;
        this.listener = listener;
    }

    @Override
    public List<Action> handle(Input input) {
        Input in = input;
        if (input instanceof Input.Command(Operator.Reload(Configuration c))) {
            in = new Input.Command(new Operator.Reload(withPorts(c, localPort, remotePort)));
        }
        List<Action> actions = engine.handle(in);
        listener.actions(actions);
        return actions;
    }

    @Override
    public Snapshot snapshot() {
        return engine.snapshot();
    }

    /** The configuration with every connection's local and remote IKE ports set; nothing else changes. */
    public static Configuration withPorts(Configuration c, int localPort, int remotePort) {
        Map<String, Connection> out = new LinkedHashMap<>();
        for (Map.Entry<String, Connection> e : c.connections().entrySet()) {
            out.put(e.getKey(), withPorts(e.getValue(), localPort, remotePort));
        }
        return new Configuration(out, c.secrets(), c.settings(), c.locations(), c.problems());
    }

    static Connection withPorts(Connection c, int localPort, int remotePort) {
        Endpoint l = c.local();
        Endpoint r = c.remote();
        return new Connection(c.name(), c.ikeVersion(), c.ikev1Mode(),
                new Endpoint(l.address(), localPort, l.identity(), l.selectors()),
                new Endpoint(r.address(), remotePort, r.identity(), r.selectors()),
                c.authMethod(), c.ikeProposals(), c.ikeProposalsStrict(), c.childProposals(), c.childProposalsStrict(),
                c.lifetimes(), c.keyingTries(), c.rekey(), c.reauth(), c.dpd(), c.natTraversal(), c.forceEncaps(),
                c.natKeepalive(), c.mobike(), c.startAction(), c.closeAction(), c.binding(), c.replayWindow(),
                c.mode(), c.dfBit());
    }
}

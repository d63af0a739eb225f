package org.ike4j.daemon;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.ike4j.engine.Action;
import org.ike4j.engine.Engine;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;

/**
 * A test engine: answers each input with what a script says, records every input (readable from
 * the test thread), and lists the connections of the last Reload in its snapshot.
 */
final class ScriptedEngine implements Engine {
    final List<Input> inputs = new CopyOnWriteArrayList<>();
    private final Function<Input, List<Action>> script;
    private final org.ike4j.engine.Clock clock;
    private volatile List<String> connections = List.of();
    volatile List<Snapshot.IkeSaInfo> ikeSas = List.of();

    ScriptedEngine(org.ike4j.engine.Clock clock, Function<Input, List<Action>> script) {
        this.clock = clock;
        this.script = script;
    }

    /** Answers every datagram with the same bytes, back to the sender, from where it came. */
    static Function<Input, List<Action>> echo() {
        return in -> in instanceof Input.Datagram d
                ? List.of(new Action.Send(d.local(), d.remote(), d.data(), d.natTraversalPort()))
                : List.of();
    }

    @Override
    public List<Action> handle(Input input) {
        inputs.add(input);
        if (input instanceof Input.Command(Operator.Reload r)) {
            connections = List.copyOf(r.configuration().connections().keySet());
        }
        return script.apply(input);
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(clock.nowMillis(), connections.stream()
                .map(n -> new Snapshot.ConnectionInfo(n, n + "-summary")).toList(), ikeSas, List.of());
    }

    <T extends Input> List<T> inputsOf(Class<T> type) {
        return inputs.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

package org.ike4j.engine.v2;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;

/** The actions one input causes, in order, and the events among them. */
final class Outbox {
    final List<Action> actions = new ArrayList<>();
    private final long now;

    Outbox(long now) {
        this.now = now;
    }

    void add(Action a) {
        actions.add(a);
    }

    void report(Event.Level level, Event.Kind kind, IkeSa sa, String message) {
        report(level, kind, sa == null ? "" : sa.connectionName(), sa == null ? "" : sa.name(), message);
    }

    void report(Event.Level level, Event.Kind kind, String connection, String sa, String message) {
        actions.add(new Action.Report(new Event(now, level, "ike", connection, sa, kind, message)));
    }

    void info(IkeSa sa, String message) {
        report(Event.Level.INFO, Event.Kind.OTHER, sa, message);
    }

    void trace(IkeSa sa, String message) {
        report(Event.Level.TRACE, Event.Kind.TRACE, sa, message);
    }

    void debug(IkeSa sa, String message) {
        report(Event.Level.DEBUG, Event.Kind.OTHER, sa, message);
    }
}

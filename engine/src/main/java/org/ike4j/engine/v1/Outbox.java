package org.ike4j.engine.v1;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;

/** The actions one input causes, in order, and the events among them. */
final class Outbox {
    final List<Action> actions = new ArrayList<>();
    private final long now;

    /**
     * Which message a trace fact belongs to: one we build and send ({@code out}), one we
     * received and parse ({@code in}).
     */
    enum Direction {
        IN("in"), OUT("out");

        final String word;

        Direction(String word) {
            this.word = word;
        }
    }

    Outbox(long now) {
        this.now = now;
    }

    void add(Action a) {
        actions.add(a);
    }

    void report(Event.Level level, Event.Kind kind, IsakmpSa sa, String message) {
        report(level, kind, sa == null ? "" : sa.connectionName(), sa == null ? "" : sa.name(), message);
    }

    void report(Event.Level level, Event.Kind kind, String connection, String sa, String message) {
        actions.add(new Action.Report(new Event(now, level, "ike", connection, sa, kind, message)));
    }

    void trace(IsakmpSa sa, String message) {
        report(Event.Level.TRACE, Event.Kind.TRACE, sa, message);
    }

    /**
     * A trace fact about one message: the event's SA field names the cookies, the message ID
     * and the direction, {@code a305bbc510fd3640/d16dd2ce1e0390ec 3e8ef93e out}, so every line of
     * the trace says which SA, which exchange and which way.
     */
    void trace(IsakmpSa sa, int messageId, Direction direction, String message) {
        report(Event.Level.TRACE, Event.Kind.TRACE, sa.connectionName(), identity(sa, messageId, direction), message);
    }

    /** {@code a305bbc510fd3640/d16dd2ce1e0390ec 3e8ef93e out}. */
    static String identity(IsakmpSa sa, int messageId, Direction direction) {
        return sa.name() + " " + String.format("%08x", messageId) + " " + direction.word;
    }

    void debug(IsakmpSa sa, String message) {
        report(Event.Level.DEBUG, Event.Kind.OTHER, sa, message);
    }
}

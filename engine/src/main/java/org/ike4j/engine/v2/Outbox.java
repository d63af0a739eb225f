package org.ike4j.engine.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;

/** The actions one input causes, in order, and the events among them. */
final class Outbox {
    final List<Action> actions = new ArrayList<>();
    private final long now;
    private final boolean tracing;

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

    /** @param tracing whether TRACE events are wanted for this input: if not, no trace text is built */
    Outbox(long now, boolean tracing) {
        this.now = now;
        this.tracing = tracing;
    }

    boolean tracing() {
        return tracing;
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

    /** A trace fact about the SA; the text is built only when the trace is wanted. */
    void trace(IkeSa sa, Supplier<String> message) {
        if (tracing) {
            report(Event.Level.TRACE, Event.Kind.TRACE, sa, message.get());
        }
    }

    /**
     * A trace fact about one message: the event's SA field names the SA, its SPIs, the message ID
     * and the direction, {@code #3 a305bbc510fd3640_i 3e8ef93e00000000_r 00000001 out}, so every
     * line says which SA, which exchange and which way. The text is built only when wanted.
     */
    void trace(IkeSa sa, long messageId, Direction direction, Supplier<String> message) {
        if (tracing) {
            report(Event.Level.TRACE, Event.Kind.TRACE, sa.connectionName(), identity(sa, messageId, direction),
                    message.get());
        }
    }

    /** {@code #3 a305bbc510fd3640_i 3e8ef93e00000000_r 00000001 out}. */
    static String identity(IkeSa sa, long messageId, Direction direction) {
        return sa.name() + " " + String.format("%08x", messageId) + " " + direction.word;
    }

    void debug(IkeSa sa, String message) {
        report(Event.Level.DEBUG, Event.Kind.OTHER, sa, message);
    }
}

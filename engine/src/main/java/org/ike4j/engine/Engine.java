package org.ike4j.engine;

import java.util.List;

/**
 * A protocol engine: every input in, the actions it causes out, in order. An engine does no I/O,
 * reads no clock and draws no randomness of its own (both are injected), so tests step two engines
 * against each other in memory, deterministically.
 *
 * <p>Not thread-safe: the daemon feeds one engine from one thread.
 */
public interface Engine {

    /** Handles one input and returns what to do about it. Bad input gives actions, never an exception. */
    List<Action> handle(Input input);

    /** The state as status commands show it. */
    Snapshot snapshot();
}

package org.ike4j.engine;

/** The engine's time source, in milliseconds; injected so that tests control time. */
@FunctionalInterface
public interface Clock {
    long nowMillis();

    /** The system's monotonic clock. */
    static Clock system() {
        long origin = System.nanoTime();
        return () -> (System.nanoTime() - origin) / 1_000_000L;
    }
}

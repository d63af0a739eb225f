package org.ike4j.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The safety net behind every {@code close()}: resources the kit creates (processes, namespaces,
 * temporary directories) register here, and a JVM shutdown hook closes whatever is still open when
 * the JVM exits, newest first. Normal tests close their resources themselves (try-with-resources);
 * this only matters when a test run is interrupted.
 */
final class Cleanup {

    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();
    private static boolean hookInstalled;

    private Cleanup() {
    }

    /** Remembers a resource until {@link #forget} is called for it. */
    static synchronized void register(AutoCloseable resource) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::closeAll, "ike4j-testkit-cleanup"));
            hookInstalled = true;
        }
        OPEN.push(resource);
    }

    /** Drops a resource that has been closed normally. */
    static synchronized void forget(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    /** What is still open (for asserting that tests closed everything). */
    static synchronized List<String> open() {
        return OPEN.stream().map(String::valueOf).toList();
    }

    private static void closeAll() {
        List<AutoCloseable> toClose;
        synchronized (Cleanup.class) {
            toClose = new ArrayList<>(OPEN);
            OPEN.clear();
        }
        for (AutoCloseable resource : toClose) {
            try {
                resource.close();
            } catch (Exception | AssertionError e) {
                System.err.println("ike4j-testkit cleanup: " + resource + ": " + e.getMessage());
            }
        }
    }
}

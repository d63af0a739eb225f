package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** The check each interop test class runs at the end: nothing of this JVM's is left. */
final class Leaks {

    private Leaks() {
    }

    static void assertNothingLeftBehind() {
        assertEquals(List.of(), NetNamespace.existing(NetNamespace.runPrefix()), "namespaces left behind");
        assertEquals(List.of(), Cleanup.open(), "processes, charons or namespaces not closed");
    }
}

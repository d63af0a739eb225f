package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The safety net: a JVM that exits without closing still removes its namespaces and processes. */
class ShutdownHookTest {

    @BeforeAll
    static void machine() {
        Prerequisites.require(Prerequisites.Requirement.ROOT, Prerequisites.Requirement.IPROUTE2);
    }

    /** Run in a child JVM: makes a namespace with a process inside, prints both, exits without closing. */
    public static void main(String[] args) {
        NetNamespace ns = NetNamespace.create("leaky");
        BackgroundProcess sleeper = ns.start("sleep", Path.of("/dev/null"), Map.of(), List.of("sleep", "300"));
        System.out.println(ns.name() + " " + sleeper.pid());
        System.exit(0);
    }

    @Test
    void exitingJvmCleansUp() {
        String java = ProcessHandle.current().info().command().orElseThrow();
        CommandResult child = Processes.run(List.of(java, "-cp", System.getProperty("java.class.path"),
                ShutdownHookTest.class.getName()), Duration.ofSeconds(30), Map.of(), null).orThrow();
        String[] printed = child.stdout().strip().split(" ");
        assertEquals(2, printed.length, child.describe());
        String name = printed[0];
        long pid = Long.parseLong(printed[1]);
        assertTrue(name.startsWith(NetNamespace.PREFIX), name);
        assertFalse(NetNamespace.existing(NetNamespace.PREFIX).contains(name), "namespace removed by the hook");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "sleep stopped by the hook");
    }
}

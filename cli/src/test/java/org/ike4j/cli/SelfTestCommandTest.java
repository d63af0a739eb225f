package org.ike4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code ike4j selftest} passes on this machine, and {@code version} names the release. */
class SelfTestCommandTest {

    private static String run(int expectedExit, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expectedExit, Main.run(args));
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void selftestPassesWithEveryAlgorithmCovered() {
        String out = run(0, "selftest");
        assertTrue(out.contains("self-test passed"), out);
        assertTrue(out.contains("0 algorithms missing"), out);
    }

    @Test
    void versionNamesReleaseAndRuntime() {
        String out = run(0, "version");
        assertTrue(out.startsWith("ike4j 0."), out);
        assertTrue(out.contains("Java 25"), out);
    }
}

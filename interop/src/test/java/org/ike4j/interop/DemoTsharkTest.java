package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.ike4j.daemon.demo.SeedDemo;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Processes;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ike4j demo} on loopback (no root), then the tshark command it prints, run as printed:
 * tshark 4.0 shows every encrypted message of the demo's capture decrypted with the server's
 * ikev1_decryption_table row.
 */
class DemoTsharkTest {

    @BeforeAll
    static void machine() {
        Prerequisites.require(EnumSet.of(Requirement.TSHARK));
    }

    @Test
    void thePrintedTsharkCommandShowsTheDemoDecrypted(@TempDir Path dir) throws Exception {
        int port = 30000 + (int) (ProcessHandle.current().pid() % 10000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SeedDemo.run(SeedDemo.Options.defaults(dir).withPorts(port, port + 20000),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text + err.toString(StandardCharsets.UTF_8));
        String printed = text.lines().filter(l -> l.startsWith("  tshark -r ")).findFirst()
                .orElseThrow(() -> new AssertionError("no tshark command in\n" + text)).strip();
        List<String> command = new ArrayList<>(List.of(printed.split(" ")));
        command.set(0, Tshark.BINARY.toString());
        Path home = Files.createDirectories(dir.resolve("home"));
        String verbose = Processes.run(command, Duration.ofSeconds(60), Map.of("HOME", home.toString(),
                "XDG_CONFIG_HOME", home.toString()), null).orThrow().stdout();
        // HASH_I, HASH_R, Quick Mode 1-3, the two deletes of the down; the nonces of Main Mode 3-4 and Quick Mode 1-2
        assertEquals(7, count(verbose, "Hash DATA: "), verbose);
        assertEquals(4, count(verbose, "Nonce DATA: "), verbose);
        assertEquals(2, count(verbose, "Payload: Delete ("), verbose);
        assertTrue(verbose.contains("Payload: Identification ("), verbose);
        // and without the key, the same capture keeps them hidden
        command.removeIf(a -> a.startsWith("uat:"));
        command.removeIf(a -> a.equals("-o"));
        String opaque = Processes.run(command, Duration.ofSeconds(60), Map.of("HOME", home.toString(),
                "XDG_CONFIG_HOME", home.toString()), null).orThrow().stdout();
        assertEquals(0, count(opaque, "Hash DATA: "), opaque);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}

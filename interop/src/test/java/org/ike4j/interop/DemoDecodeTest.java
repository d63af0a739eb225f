package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ike4j.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ike4j demo} (loopback, no root), then the {@code ./ike4j decode} command it prints, run as
 * printed (the same arguments to the same command line, in this JVM): every message of the demo's
 * capture decoded, every encrypted one decrypted with the demo's key tables, and demo.html written.
 */
class DemoDecodeTest {

    @Test
    void thePrintedDecodeCommandDecryptsTheDemoAndWritesItsPage(@TempDir Path dir) throws Exception {
        int port = 20000 + (int) (ProcessHandle.current().pid() % 10000);
        Path out = dir.resolve("demo");
        Captured demo = run("demo", "--out", out.toString(), "--port", Integer.toString(port), "--natt-port",
                Integer.toString(port + 20000));
        assertEquals(0, demo.exit, demo.text);
        Path html = out.resolve("demo.html");
        assertTrue(Files.size(html) > 1000, "the demo wrote its page: " + demo.text);
        String printed = demo.text.lines().filter(l -> l.startsWith("  ./ike4j decode ")).findFirst()
                .orElseThrow(() -> new AssertionError("no decode command in\n" + demo.text)).strip();
        assertTrue(printed.contains("--keys " + out) && printed.contains("--ike-port " + port), printed);

        // run as printed, on a page removed first
        Files.delete(html);
        List<String> command = List.of(printed.split(" "));
        assertEquals("./ike4j", command.get(0));
        Captured decode = run(command.subList(1, command.size()).toArray(String[]::new));
        assertEquals(0, decode.exit, decode.text);
        Matcher m = Pattern.compile("(\\d+) IKE messages \\((\\d+) plain, (\\d+) decrypted, (\\d+) fragments, (\\d+) not"
                + " decrypted, (\\d+) malformed\\)").matcher(decode.text);
        assertTrue(m.find(), decode.text);
        // Main Mode 1-6, Quick Mode 1-3, the two Deletes of the down: 7 of them encrypted (as DemoTsharkTest counts
        // tshark's decrypted HASH payloads)
        assertEquals(11, Integer.parseInt(m.group(1)), decode.text);
        assertEquals(7, Integer.parseInt(m.group(3)), decode.text);
        assertEquals(0, Integer.parseInt(m.group(5)) + Integer.parseInt(m.group(6)), decode.text);
        assertEquals(7, count(decode.text, "[decrypted"), decode.text);
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") || page.startsWith("<!doctype html>"), page.substring(0, 100));
        assertTrue(page.contains("QUICK"), "Quick Mode in the ladder");
        assertFalse(page.contains("NOT DECRYPTED"), "nothing marked undecrypted");

        // and without the key tables, the same command says why each encrypted message stays closed
        List<String> noKeys = new java.util.ArrayList<>(command.subList(1, command.size()));
        int k = noKeys.indexOf("--keys");
        noKeys.remove(k + 1);
        noKeys.remove(k);
        Captured opaque = run(noKeys.toArray(String[]::new));
        assertEquals(0, opaque.exit, opaque.text);
        assertEquals(0, count(opaque.text, "[decrypted"), opaque.text);
        assertEquals(7, count(opaque.text, "NOT DECRYPTED"), opaque.text);
    }

    record Captured(int exit, String text) {
    }

    /** The command line in this JVM, with its standard output and error captured. */
    static synchronized Captured run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(p);
        System.setErr(p);
        try {
            int exit = Main.run(args);
            p.flush();
            return new Captured(exit, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}

package org.ike4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.ike4j.daemon.control.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ike4j decode}: text, JSON and HTML from a real capture; a file that is no capture. */
class DecodeCommandTest {

    static final Path CAPTURES = Path.of("../analysis/src/test/resources/captures");
    static final Path LOGS = Path.of("../analysis/src/test/resources/logs");

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
    void textShowsEveryMessageDecryptedWithKeysFromCharonsLog() {
        String out = run(0, "decode", CAPTURES.resolve("charon-ikev1-psk-3des-md5.pcapng").toString(), "--from-log",
                LOGS.resolve("charon-5.9.8-ikev1-initiator.log").toString());
        assertTrue(out.contains("9 IKE messages (4 plain, 5 decrypted"), out);
        assertTrue(out.contains("IKEv1 QUICK (Quick Mode)"), out);
        assertTrue(out.contains("ISAKMP decrypted payloads"), out);
        assertFalse(out.contains("NOT DECRYPTED"), out);
    }

    @Test
    void oneThreadAndSeveralPrintTheSameText() {
        String[] args = {"decode", CAPTURES.resolve("charon-ikev1-esp-in-udp.pcapng").toString(), "--from-log",
            LOGS.resolve("charon-5.9.8-ikev1-chd4-initiator.log").toString(), "--keys",
            LOGS.resolve("charon-5.9.8-ikev1-initiator.log").toString()};
        String one = run(0, concat(args, "--threads", "1"));
        assertTrue(one.contains("decrypted"), one);
        assertEquals(one, run(0, concat(args, "--threads", "3")));
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonIsOneDocumentWithTheTrees(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("page.html");
        String out = run(0, "decode", CAPTURES.resolve("charon-ikev2-psk-aes128-sha256.pcapng").toString(),
                "--from-log", LOGS.resolve("charon-5.9.8-ikev2-initiator.log").toString(), "--json", "--html",
                html.toString());
        Map<String, Object> doc = Json.readObject(out);
        List<Object> messages = (List<Object>) doc.get("messages");
        assertEquals(6, messages.size());
        Map<String, Object> auth = (Map<String, Object>) messages.get(2);
        assertEquals("DECRYPTED", auth.get("status"));
        assertEquals("IKE_AUTH", auth.get("exchange"));
        assertTrue(((Map<String, Object>) auth.get("tree")).get("entries") instanceof List);
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertEquals(6, page.split("<details>", -1).length - 1, "one expandable tree per message");
        assertFalse(page.contains("http://") || page.contains("https://") || page.contains("<script"),
                "self-contained");
    }

    @Test
    void withoutKeysTheReasonIsShownAndAFileThatIsNoCaptureFails(@TempDir Path dir) throws Exception {
        String out = run(0, "decode", CAPTURES.resolve("charon-ikev2-psk-aes128-sha256.pcapng").toString(), "--brief");
        assertTrue(out.contains("NOT DECRYPTED: no key for IKE SA"), out);
        Path junk = Files.writeString(dir.resolve("junk.pcap"), "hello");
        run(2, "decode", junk.toString());
        run(2, "decode", CAPTURES.resolve("charon-ikev2-psk-aes128-sha256.pcapng").toString(), "--threads", "0");
    }

    /** The key files load while the capture is read; one that cannot be used is named, and wins over the capture. */
    @Test
    void aKeyFileThatCannotBeUsedIsNamedBeforeTheCapture(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pcap"), "hello");
        Path missing = dir.resolve("missing_table");
        String capture = CAPTURES.resolve("charon-ikev2-psk-aes128-sha256.pcapng").toString();
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            run(2, "decode", capture, "--keys", missing.toString());
            run(2, "decode", junk.toString(), "--keys", missing.toString());
            run(2, "decode", capture, "--keys", LOGS.resolve("charon-5.9.8-ikev2-initiator.log").toString(),
                    "--keys", junk.toString());
        } finally {
            System.setErr(old);
        }
        String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(3, lines.length, err.toString(StandardCharsets.UTF_8));
        assertTrue(lines[0].startsWith("ike4j decode: cannot use " + missing), lines[0]);
        assertTrue(lines[1].startsWith("ike4j decode: cannot use " + missing), lines[1]);
        assertTrue(lines[2].startsWith("ike4j decode: cannot use " + junk), lines[2]);
    }
}

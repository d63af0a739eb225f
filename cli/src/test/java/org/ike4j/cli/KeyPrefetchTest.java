package org.ike4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.FutureTask;

import org.ike4j.analysis.decode.KeySources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key files read before the command line is parsed: only for {@code decode}, only files and
 * directories the arguments name after {@code --keys} or {@code --from-log}, each taken once, and
 * nothing left behind by a run.
 */
class KeyPrefetchTest {

    private static final Path LOG = DecodeCommandTest.LOGS.resolve("charon-5.9.8-ikev1-initiator.log");

    @AfterEach
    void clear() {
        KeyPrefetch.clear();
    }

    @Test
    void theKeyFilesOfADecodeCommandAreReadEarlyAndTakenOnce(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("ikev1_decryption_table");
        Files.writeString(table, "0011223344556677,00112233445566778899aabbccddeeff0011223344556677\n");
        KeyPrefetch.start(new String[] {"decode", "cap.pcap", "--from-log", LOG.toString(), "--keys=" + table,
            "--threads", "2"});
        FutureTask<KeySources> log = KeyPrefetch.take(LOG);
        FutureTask<KeySources> keys = KeyPrefetch.take(table);
        assertNotNull(log);
        assertNotNull(keys);
        assertNull(KeyPrefetch.take(LOG), "taken once");
        assertEquals(KeySources.load(LOG).ikev1(), log.get().ikev1());
        assertEquals(1, keys.get().ikev1().size());
    }

    @Test
    void nothingIsReadForOtherCommandsMissingFilesOrAfterTheEndOfOptions(@TempDir Path dir) throws Exception {
        KeyPrefetch.start(new String[] {"version", "--keys", LOG.toString()});
        assertNull(KeyPrefetch.take(LOG));
        KeyPrefetch.start(new String[] {"decode", "cap.pcap", "--keys", dir.resolve("missing").toString()});
        assertNull(KeyPrefetch.take(dir.resolve("missing")));
        KeyPrefetch.start(new String[] {"decode", "cap.pcap", "--", "--keys", LOG.toString()});
        assertNull(KeyPrefetch.take(LOG));
        KeyPrefetch.start(new String[] {"decode", "cap.pcap", "--keys"});
        KeyPrefetch.start(new String[] {"--help"});
    }

    @Test
    void aFifoIsLeftForTheCommandToRead(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("keys.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        KeyPrefetch.start(new String[] {"decode", "cap.pcap", "--keys", fifo.toString()});
        assertNull(KeyPrefetch.take(fifo), "reading a pipe early would consume it");
    }

    @Test
    void aRunLeavesNoEarlyReadBehindEvenWhenItsCommandLineIsRefused() {
        PrintStream err = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            // no CAPTURE: picocli refuses the command line after the early read started
            assertEquals(2, Main.run("decode", "--from-log", LOG.toString()));
        } finally {
            System.setErr(err);
        }
        assertNull(KeyPrefetch.take(LOG));
    }

    @Test
    void theDecodeCommandUsesTheEarlyRead(@TempDir Path dir) throws Exception {
        Path log = Files.copy(LOG, dir.resolve("charon.log"));
        String[] args = {"decode", DecodeCommandTest.CAPTURES.resolve("charon-ikev1-psk-3des-md5.pcapng").toString(),
            "--from-log", log.toString()};
        KeyPrefetch.start(args);
        KeyPrefetch.started(log).get();
        // gone from the disk: only the early read has its keys
        Files.delete(log);
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(args));
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("9 IKE messages (4 plain, 5 decrypted"), text);
    }
}

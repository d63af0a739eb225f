package org.ike4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.analysis.logs.CharonLog;

/**
 * The training run of the launcher's AOT cache (JDK 25, JEP 483/514/515): {@code ./ike4j} runs it
 * once per build under {@code -XX:AOTCacheOutput=}, and the classes it loads and links, with their
 * method profiles, are mapped from the cache by every later start instead of being loaded again.
 * It runs {@code decode} on each capture it is given ({@code CAPTURE KEYS} pairs: the checkout's
 * charon IKEv1 and IKEv2 captures with their logs), so that both versions' decoders, the ciphers
 * and MACs they decrypt with, and the threads that decode and render are in the cache; then once
 * more with the logs' keys as Wireshark's key tables (written to a temporary directory and
 * deleted), the other way keys come in (bench/decoder's). The output goes nowhere; the exit
 * status is the first non-zero one.
 */
final class AotTraining {

    private AotTraining() {
    }

    /** Decodes the capture with the charon log's keys written as Wireshark's two IKE key tables. */
    private static int decodeWithTables(String capture, Path log) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ike4j-aot");
            CharonLog.Keys keys = CharonLog.extract(Files.readAllLines(log, StandardCharsets.ISO_8859_1));
            Path v1 = dir.resolve("ikev1_decryption_table");
            Path v2 = dir.resolve("ikev2_decryption_table");
            WiresharkKeyTables.write(v1, keys.ikev1().stream().map(CharonLog.Ikev1Sa::tableEntry).toList());
            WiresharkKeyTables.write(v2, keys.ikev2().stream().flatMap(k -> k.tableEntry().stream()).toList());
            return Main.run("decode", capture, "--keys", v1.toString(), "--keys", v2.toString());
        } catch (IOException | RuntimeException e) {
            return 1;
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary directory left behind holds only the checkout's own test keys
                }
            }
        }
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        int status = 0;
        try {
            for (int i = 0; i + 1 < args.length; i += 2) {
                int s = Main.run("decode", args[i], "--keys", args[i + 1]);
                status = status != 0 ? status : s;
            }
            for (int i = 0; i + 1 < args.length; i += 2) {
                int s = decodeWithTables(args[i], Path.of(args[i + 1]));
                status = status != 0 ? status : s;
            }
        } finally {
            System.setOut(out);
        }
        System.exit(status);
    }
}

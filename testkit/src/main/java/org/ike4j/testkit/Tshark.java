package org.ike4j.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads capture files back with {@code tshark -r}: selected fields per packet, or the full
 * dissection ({@code -V}). Preferences are passed as {@code -o name:value}; decryption tables are
 * UAT preferences, built with {@link #uat}:
 *
 * <pre>{@code
 * String keys = Tshark.ikev2Decryption(ikeSa.initiatorSpi(), ikeSa.responderSpi(),
 *         skEi, skEr, "AES-CBC-128 [RFC3602]", skAi, skAr, "HMAC_SHA2_256_128 [RFC4868]");
 * String text = Tshark.verbose(pcap, "isakmp.exchangetype == 35", List.of(keys));   // decrypted IKE_AUTH
 * }</pre>
 *
 * The columns of {@code ikev2_decryption_table} in tshark 4.0: initiator SPI, responder SPI,
 * SK_ei, SK_er, encryption algorithm, SK_ai, SK_ar, integrity algorithm; hex fields are bare, the
 * algorithms are Wireshark's menu texts, quoted (numbers are refused). {@code ikev1_decryption_table}:
 * initiator cookie, encryption key. Keys can be read from charon's log with {@link CharonLog}.
 * tshark runs with a temporary {@code HOME}, so personal preferences never change the result.
 */
public final class Tshark {

    /** The binary from Debian's tshark. */
    public static final Path BINARY = Path.of("/usr/bin/tshark");

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Tshark() {
    }

    /**
     * One row per packet matching {@code displayFilter}, each with the values of {@code fields}
     * (empty string when absent; several occurrences joined by commas).
     *
     * @param options {@code -o} preferences, e.g. from {@link #uat}
     */
    public static List<List<String>> fields(Path file, String displayFilter, List<String> fields, List<String> options) {
        List<String> args = new ArrayList<>(List.of("-T", "fields", "-E", "separator=/t"));
        for (String field : fields) {
            args.add("-e");
            args.add(field);
        }
        String out = run(file, displayFilter, options, args);
        return out.lines().map(line -> Arrays.asList(line.split("\t", -1))).map(List::copyOf)
                .collect(Collectors.toUnmodifiableList());
    }

    /** {@link #fields(Path, String, List, List)} without preferences. */
    public static List<List<String>> fields(Path file, String displayFilter, List<String> fields) {
        return fields(file, displayFilter, fields, List.of());
    }

    /** The full dissection ({@code -V}) of the packets matching {@code displayFilter}. */
    public static String verbose(Path file, String displayFilter, List<String> options) {
        return run(file, displayFilter, options, List.of("-V"));
    }

    /**
     * A UAT preference for {@code -o}: {@code uat:TABLE:v1,"v2",...}. Values that are hex strings
     * of even length are byte fields and are written bare (quoted, tshark would take their
     * characters as the bytes); all others are text, written quoted.
     *
     * @param table e.g. {@code ikev2_decryption_table}, {@code ikev1_decryption_table}, {@code esp_sa}
     * @param values the row's columns in the table's order
     */
    public static String uat(String table, String... values) {
        return "uat:" + table + ":" + Arrays.stream(values)
                .map(v -> v.matches("(?:[0-9a-fA-F]{2})+") ? v : '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(Collectors.joining(","));
    }

    /**
     * A row of tshark's IKEv2 decryption table.
     *
     * @param encryption Wireshark's name, e.g. {@code AES-CBC-128 [RFC3602]}, {@code TripleDES-CBC [RFC2451]}
     * @param integrity Wireshark's name, e.g. {@code HMAC_SHA2_256_128 [RFC4868]}, {@code HMAC_SHA1_96 [RFC2404]}
     */
    public static String ikev2Decryption(String initiatorSpi, String responderSpi, String skEi, String skEr,
            String encryption, String skAi, String skAr, String integrity) {
        return uat("ikev2_decryption_table", initiatorSpi, responderSpi, skEi, skEr, encryption, skAi, skAr,
                integrity);
    }

    /** A row of tshark's IKEv1 decryption table: initiator cookie and encryption key (both hex). */
    public static String ikev1Decryption(String initiatorCookie, String encryptionKey) {
        return uat("ikev1_decryption_table", initiatorCookie, encryptionKey);
    }

    private static String run(Path file, String displayFilter, List<String> options, List<String> args) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-n", "-r", file.toString()));
        for (String option : options) {
            command.add("-o");
            command.add(option);
        }
        if (displayFilter != null && !displayFilter.isEmpty()) {
            command.add("-Y");
            command.add(displayFilter);
        }
        command.addAll(args);
        Path home;
        try {
            home = java.nio.file.Files.createTempDirectory("ike4j-tshark-home-");
        } catch (java.io.IOException e) {
            throw new TestKitException("cannot create a temp dir", e);
        }
        try {
            return Processes.run(command, TIMEOUT, Map.of("HOME", home.toString(), "XDG_CONFIG_HOME",
                    home.toString()), null).orThrow().stdout();
        } finally {
            Charon.deleteRecursively(home);
        }
    }
}

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
 * UAT preferences ({@code uat:TABLE:...}), which analysis' {@code WiresharkKeyTables.tsharkOption}
 * writes from ike4j's key tables or from the keys analysis' {@code CharonLog} reads in charon's log
 * (the interop tests do both; testkit cannot use analysis, whose tests use testkit):
 *
 * <pre>{@code
 * String keys = WiresharkKeyTables.tsharkOption(entry);   // uat:ikev2_decryption_table:...
 * String text = Tshark.verbose(pcap, "isakmp.exchangetype == 35", List.of(keys));   // decrypted IKE_AUTH
 * }</pre>
 *
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
     * @param options {@code -o} preferences, e.g. {@code uat:ikev2_decryption_table:...}
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

package org.ike4j.analysis.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ike4j.testkit.Tshark;

/**
 * Runs tshark with a throwaway configuration directory ({@code XDG_CONFIG_HOME}), so that key
 * table files written there are what tshark reads, as a Wireshark user's profile would be.
 */
public final class TsharkProfile {

    private TsharkProfile() {
    }

    /** The directory tshark reads its tables from, under {@code home}. */
    public static Path tables(Path home) throws IOException {
        return Files.createDirectories(home.resolve("config/wireshark"));
    }

    /** tshark's standard output and error, joined, for a capture read with {@code home}'s tables. */
    public static String run(Path home, Path capture, String filter, List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(Tshark.BINARY.toString(), "-n", "-r", capture.toString()));
        if (!filter.isEmpty()) {
            command.addAll(List.of("-Y", filter));
        }
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("tshark did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}

package org.ike4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs short commands to completion with a time limit, and starts long-running ones as
 * {@link BackgroundProcess}es. Every wait is bounded: a command that outlives its timeout is
 * killed and reported with what it printed so far.
 */
public final class Processes {

    /** Default limit for short commands ({@code ip}, {@code nft}, {@code swanctl}...). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private Processes() {
    }

    /** Runs a command with {@link #DEFAULT_TIMEOUT}, no extra environment and no input. */
    public static CommandResult run(List<String> command) {
        return run(command, DEFAULT_TIMEOUT, Map.of(), null);
    }

    /**
     * Runs a command to completion.
     *
     * @param command program and arguments
     * @param timeout how long it may take; after that it is killed and this throws
     * @param environment variables added to this JVM's environment
     * @param stdin text fed to its standard input, or null for none
     * @return exit code and outputs (a non-zero exit does not throw; see {@link CommandResult#orThrow})
     * @throws TestKitException when it cannot be started or times out
     */
    public static CommandResult run(List<String> command, Duration timeout, Map<String, String> environment,
            String stdin) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("ike4j-cmd-", ".out");
            err = Files.createTempFile("ike4j-cmd-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process process = builder.start();
            if (stdin != null) {
                try (var in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process.toHandle(), Duration.ofSeconds(2));
                throw new TestKitException("command timed out after " + timeout + ": " + String.join(" ", command)
                        + "\n--- stdout ---\n" + read(out) + "\n--- stderr ---\n" + read(err));
            }
            return new CommandResult(command, process.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new TestKitException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestKitException("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * Starts a long-running command with standard output and error going to {@code log}.
     *
     * @param name a short name for messages
     * @param command program and arguments
     * @param environment variables added to this JVM's environment
     * @param log the file that receives both outputs (created or truncated)
     */
    public static BackgroundProcess start(String name, List<String> command, Map<String, String> environment,
            Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        try {
            return new BackgroundProcess(name, command, builder.start(), log);
        } catch (IOException e) {
            throw new TestKitException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /**
     * Stops a process and everything it started: SIGTERM, then SIGKILL for whatever is still alive
     * after {@code grace}. The children are collected first, since they can no longer be found once
     * their parent has exited.
     *
     * @return true when everything is gone
     */
    static boolean killTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        for (ProcessHandle handle : all) {
            handle.destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : all) {
            awaitExit(handle, deadline);
        }
        for (ProcessHandle handle : all) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean gone = true;
        for (ProcessHandle handle : all) {
            gone &= awaitExit(handle, killDeadline);
        }
        return gone;
    }

    private static boolean awaitExit(ProcessHandle handle, long deadlineNanos) {
        while (handle.isAlive()) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            sleep(Duration.ofMillis(20));
        }
        return true;
    }

    /** Sleeps, turning an interrupt into a test failure. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestKitException("interrupted", e);
        }
    }

    /** The last {@code lines} lines of a text file, or a note that it cannot be read. */
    public static String tail(Path file, int lines) {
        if (file == null || !Files.isReadable(file)) {
            return "(no file " + file + ")";
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** All a process has written to its log file so far; empty before the file exists. */
    public static String logSoFar(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new TestKitException("cannot read " + file, e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file of a few bytes is not worth failing a test for
            }
        }
    }
}

package org.ike4j.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.ike4j.daemon.control.ControlClient;
import org.ike4j.daemon.control.ControlProtocol;
import org.ike4j.testkit.BackgroundProcess;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.TestKitException;

/**
 * The ike4j daemon as a child process inside a namespace: a JVM lives in one network namespace,
 * so the daemon runs as {@code ip netns exec NS java -cp <the test's class path>
 * org.ike4j.cli.Main daemon ...}, on ports 500 and 4500 of its {@code --listen} address, with
 * its control socket in the test's temp dir. The test talks to it over that socket (the same
 * requests {@code ike4j status --json} sends). {@link #close()} stops it by PID.
 */
final class Ike4jDaemon implements AutoCloseable {

    static final Duration START = Duration.ofSeconds(20);

    private final BackgroundProcess process;
    private final Path control;
    /** The peer's log tail, added to failure messages. */
    volatile java.util.function.Supplier<String> peerLog = () -> "";

    private Ike4jDaemon(BackgroundProcess process, Path control) {
        this.process = process;
        this.control = control;
    }

    /**
     * Starts the daemon and waits until its control socket answers.
     *
     * @param configFiles ipsec.conf / ipsec.secrets / Junos files, in order
     */
    static Ike4jDaemon start(NetNamespace namespace, Path dir, String listen, List<Path> configFiles,
            String debug) {
        return start(namespace, dir, listen, configFiles, debug, Map.of(), List.of());
    }

    /** As above, with more options ({@code --pcap FILE}, {@code --keylog DIR}, ...). */
    static Ike4jDaemon start(NetNamespace namespace, Path dir, String listen, List<Path> configFiles,
            String debug, List<String> moreOptions) {
        return start(namespace, dir, listen, configFiles, debug, Map.of(), moreOptions);
    }

    /**
     * As above, with environment variables for the daemon's JVM (e.g. JAVA_TOOL_OPTIONS) and more
     * daemon options (e.g. {@code --keylog DIR}).
     */
    static Ike4jDaemon start(NetNamespace namespace, Path dir, String listen, List<Path> configFiles,
            String debug, Map<String, String> environment, List<String> moreOptions) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.ike4j.cli.Main", "daemon"));
        for (Path f : configFiles) {
            command.addAll(List.of("--config", f.toString()));
        }
        Path control = dir.resolve("ike4j.ctl");
        command.addAll(List.of("--control", control.toString(), "--listen", listen, "--port", "500",
                "--natt-port", "4500", "--skip-selftest", "--debug", debug, "--log", dir.resolve("ike4j.log").toString()));
        command.addAll(moreOptions);
        BackgroundProcess process = namespace.start("ike4j", dir.resolve("ike4j.out"), environment, command);
        Ike4jDaemon daemon = new Ike4jDaemon(process, control);
        try {
            long deadline = System.nanoTime() + START.toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new TestKitException("ike4j daemon exited\n" + process.logTail(40));
                }
                try {
                    ControlClient.call(control, ControlProtocol.request("status", List.of(), false),
                            Duration.ofSeconds(2));
                    return daemon;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new TestKitException("ike4j daemon not answering on " + control + "\n"
                                + process.logTail(40));
                    }
                }
                Ike4jStatus.pause(100);
            }
        } catch (RuntimeException | AssertionError e) {
            daemon.close();
            throw e;
        }
    }

    /**
     * The command line client, as an operator runs it: {@code ike4j ARGS... --control PATH} in a
     * JVM of its own (the control socket is a file, reachable from any namespace).
     */
    org.ike4j.testkit.CommandResult cli(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "org.ike4j.cli.Main"));
        command.addAll(List.of(args));
        command.addAll(List.of("--control", control.toString()));
        return org.ike4j.testkit.Processes.run(command, Duration.ofSeconds(30), Map.of(), null);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** A control request; the daemon's whole answer ({@code ok}, {@code text}, {@code error}, {@code data}). */
    Map<String, Object> call(String command, boolean json, String... args) {
        try {
            return ControlClient.call(control, ControlProtocol.request(command, List.of(args), json),
                    Duration.ofSeconds(10));
        } catch (IOException e) {
            throw new TestKitException("control request " + command + " failed: " + e.getMessage() + "\n"
                    + logTail(40));
        }
    }

    /** {@code status --json}: the engine's snapshot. */
    Ike4jStatus status() {
        return Ike4jStatus.of(call("status", true).get("data"));
    }

    /** Waits until the snapshot matches. */
    Ike4jStatus await(String description, Duration timeout, Predicate<Ike4jStatus> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Ike4jStatus s = status();
            if (condition.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new TestKitException("ike4j: " + description + " not reached in " + timeout + "\nlast status: "
                        + s + "\n--- ike4j log ---\n" + logTail(60) + "\n--- peer ---\n" + peerLog.get());
            }
            Ike4jStatus.pause(200);
        }
    }

    String log() {
        try {
            Path log = process.log();
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    String logTail(int lines) {
        return process.logTail(lines);
    }

    /** Waits until a line of the daemon's output contains {@code text}; returns that line. */
    String awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : log().lines().toList()) {
                if (line.contains(text)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TestKitException("ike4j log has no '" + text + "' after " + timeout + "\n" + logTail(60)
                        + "\n--- peer ---\n" + peerLog.get());
            }
            Ike4jStatus.pause(200);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}

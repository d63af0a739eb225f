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
 *
 * <p>One class for every dataplane: {@link #start} runs it without one (negotiation only),
 * {@link #userspace} with {@code --dataplane userspace}, and {@link #builder} with anything else
 * ({@code --dataplane xfrm}, a wrapper command, environment variables).
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
        return builder(namespace, dir, listen, configFiles).debug(debug).start();
    }

    /** As above, with more options ({@code --pcap FILE}, {@code --keylog DIR}, ...). */
    static Ike4jDaemon start(NetNamespace namespace, Path dir, String listen, List<Path> configFiles,
            String debug, List<String> moreOptions) {
        return builder(namespace, dir, listen, configFiles).debug(debug).options(moreOptions).start();
    }

    /**
     * As above, with environment variables for the daemon's JVM (e.g. JAVA_TOOL_OPTIONS) and more
     * daemon options (e.g. {@code --keylog DIR}).
     */
    static Ike4jDaemon start(NetNamespace namespace, Path dir, String listen, List<Path> configFiles,
            String debug, Map<String, String> environment, List<String> moreOptions) {
        return builder(namespace, dir, listen, configFiles).debug(debug).environment(environment)
                .options(moreOptions).start();
    }

    /**
     * With {@code --dataplane userspace} (the TUN devices it opens live in the namespace too), its
     * files named after it ({@code NAME.ctl}, {@code NAME.log}, {@code NAME.out}), logging
     * {@code all=2,knl=3}.
     */
    static Ike4jDaemon userspace(NetNamespace namespace, Path dir, String name, String listen, List<Path> configFiles) {
        return userspace(namespace, dir, name, listen, configFiles, List.of());
    }

    /** @param more further daemon options ({@code --pcap FILE}, {@code --keylog DIR}) */
    static Ike4jDaemon userspace(NetNamespace namespace, Path dir, String name, String listen, List<Path> configFiles,
            List<String> more) {
        return userspace(namespace, dir, name, listen, configFiles, more, List.of());
    }

    /** @param wrapper a command the JVM runs under, e.g. {@code setpriv --bounding-set=-net_raw} */
    static Ike4jDaemon userspace(NetNamespace namespace, Path dir, String name, String listen, List<Path> configFiles,
            List<String> more, List<String> wrapper) {
        return builder(namespace, dir, listen, configFiles).name(name).dataplane("userspace").debug("all=2,knl=3")
                .options(more).wrapper(wrapper).start();
    }

    /** A daemon listening on {@code listen} in the namespace, its files in {@code dir}. */
    static Builder builder(NetNamespace namespace, Path dir, String listen, List<Path> configFiles) {
        return new Builder(namespace, dir, listen, configFiles);
    }

    /** How to start one: defaults are no dataplane, name {@code ike4j}, {@code --debug all=3,dmn=2}. */
    static final class Builder {
        private final NetNamespace namespace;
        private final Path dir;
        private final String listen;
        private final List<Path> configFiles;
        private String name = "ike4j";
        private String dataplane;
        private String debug = "all=3,dmn=2";
        private Map<String, String> environment = Map.of();
        private List<String> options = List.of();
        private List<String> wrapper = List.of();

        private Builder(NetNamespace namespace, Path dir, String listen, List<Path> configFiles) {
            this.namespace = namespace;
            this.dir = dir;
            this.listen = listen;
            this.configFiles = List.copyOf(configFiles);
        }

        /** The process's name in messages and its files: {@code NAME.ctl}, {@code NAME.log}, {@code NAME.out}. */
        Builder name(String value) {
            this.name = value;
            return this;
        }

        /** {@code --dataplane VALUE} ({@code userspace}, {@code xfrm}); none by default. */
        Builder dataplane(String value) {
            this.dataplane = value;
            return this;
        }

        /** {@code --debug VALUE}. */
        Builder debug(String value) {
            this.debug = value;
            return this;
        }

        /** Environment variables for the daemon's JVM (e.g. JAVA_TOOL_OPTIONS). */
        Builder environment(Map<String, String> value) {
            this.environment = Map.copyOf(value);
            return this;
        }

        /** More daemon options, after the others ({@code --pcap FILE}, {@code --keylog DIR}). */
        Builder options(List<String> value) {
            this.options = List.copyOf(value);
            return this;
        }

        /** A command the JVM runs under, e.g. {@code setpriv --bounding-set=-net_raw}. */
        Builder wrapper(List<String> value) {
            this.wrapper = List.copyOf(value);
            return this;
        }

        /** Starts the daemon and waits until its control socket answers; stops it by PID if it does not. */
        Ike4jDaemon start() {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(wrapper);
            command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), "org.ike4j.cli.Main", "daemon"));
            if (dataplane != null) {
                command.addAll(List.of("--dataplane", dataplane));
            }
            for (Path f : configFiles) {
                command.addAll(List.of("--config", f.toString()));
            }
            Path control = dir.resolve(name + ".ctl");
            command.addAll(List.of("--control", control.toString(), "--listen", listen, "--port", "500",
                    "--natt-port", "4500", "--skip-selftest", "--debug", debug, "--log",
                    dir.resolve(name + ".log").toString()));
            command.addAll(options);
            BackgroundProcess process = namespace.start(name, dir.resolve(name + ".out"), environment, command);
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

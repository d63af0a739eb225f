package org.ike4j.interop;

import java.io.IOException;
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
 * An ike4j daemon with {@code --dataplane userspace} as a child process inside a namespace (a JVM
 * lives in one network namespace, and the TUN devices it opens live in it too): as
 * {@link Ike4jDaemon}, plus the dataplane option. {@link #close()} stops it by PID.
 */
final class UserspaceIke4j implements AutoCloseable {
    private final BackgroundProcess process;
    private final Path control;

    private UserspaceIke4j(BackgroundProcess process, Path control) {
        this.process = process;
        this.control = control;
    }

    static UserspaceIke4j start(NetNamespace namespace, Path dir, String name, String listen, List<Path> configFiles) {
        return start(namespace, dir, name, listen, configFiles, List.of());
    }

    /** @param more further daemon options ({@code --pcap FILE}, {@code --keylog DIR}) */
    static UserspaceIke4j start(NetNamespace namespace, Path dir, String name, String listen, List<Path> configFiles,
            List<String> more) {
        return start(namespace, dir, name, listen, configFiles, more, List.of());
    }

    /** @param wrapper a command the JVM runs under, e.g. {@code setpriv --bounding-set=-net_raw} */
    static UserspaceIke4j start(NetNamespace namespace, Path dir, String name, String listen, List<Path> configFiles,
            List<String> more, List<String> wrapper) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.ike4j.cli.Main", "daemon", "--dataplane", "userspace"));
        for (Path f : configFiles) {
            command.addAll(List.of("--config", f.toString()));
        }
        Path control = dir.resolve(name + ".ctl");
        command.addAll(List.of("--control", control.toString(), "--listen", listen, "--port", "500",
                "--natt-port", "4500", "--skip-selftest", "--debug", "all=2,knl=3",
                "--log", dir.resolve(name + ".log").toString()));
        command.addAll(more);
        BackgroundProcess process = namespace.start(name, dir.resolve(name + ".out"), Map.of(), command);
        UserspaceIke4j daemon = new UserspaceIke4j(process, control);
        try {
            long deadline = System.nanoTime() + Ike4jDaemon.START.toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new TestKitException("ike4j daemon exited\n" + process.logTail(40));
                }
                try {
                    ControlClient.call(control, ControlProtocol.request("status", List.of(), false), Duration.ofSeconds(2));
                    return daemon;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new TestKitException("ike4j not answering on " + control + "\n" + process.logTail(40));
                    }
                }
                Ike4jStatus.pause(100);
            }
        } catch (RuntimeException | AssertionError e) {
            daemon.close();
            throw e;
        }
    }

    Map<String, Object> call(String command, boolean json, String... args) {
        try {
            return ControlClient.call(control, ControlProtocol.request(command, List.of(args), json), Duration.ofSeconds(10));
        } catch (IOException e) {
            throw new TestKitException("control request " + command + " failed: " + e.getMessage() + "\n" + logTail(40));
        }
    }

    Ike4jStatus status() {
        return Ike4jStatus.of(call("status", true).get("data"));
    }

    Ike4jStatus await(String description, Duration timeout, Predicate<Ike4jStatus> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Ike4jStatus s = status();
            if (condition.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new TestKitException("ike4j: " + description + " not reached in " + timeout + "\nlast status: " + s
                        + "\n--- ike4j log ---\n" + logTail(60));
            }
            Ike4jStatus.pause(200);
        }
    }

    String logTail(int lines) {
        return process.logTail(lines);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}

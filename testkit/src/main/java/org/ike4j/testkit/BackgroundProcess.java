package org.ike4j.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A long-running process the kit started (charon, tshark, iperf3), known by its PID, with its
 * output in a log file. {@link #close()} stops it and its children: SIGTERM, then SIGKILL.
 */
public final class BackgroundProcess implements AutoCloseable {

    /** How long a process gets to exit after SIGTERM before SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final String name;
    private final List<String> command;
    private final Process process;
    private final Path log;

    BackgroundProcess(String name, List<String> command, Process process, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.process = process;
        this.log = log;
        Cleanup.register(this);
    }

    /** The operating system's process id. */
    public long pid() {
        return process.pid();
    }

    /** True while the process runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file that receives its standard output and error. */
    public Path log() {
        return log;
    }

    /** The last lines of its output, for failure messages. */
    public String logTail(int lines) {
        return Processes.tail(log, lines);
    }

    /**
     * Waits for the process to exit by itself.
     *
     * @return its exit code
     * @throws TestKitException when it is still running after {@code timeout}
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new TestKitException(name + " (pid " + pid() + ") still running after " + timeout
                        + "\n--- " + log + " ---\n" + logTail(40));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestKitException("interrupted while waiting for " + name, e);
        }
    }

    /**
     * Stops the process and its children (SIGTERM, SIGKILL after {@code grace}).
     *
     * @throws TestKitException when something survives SIGKILL
     */
    public void stop(Duration grace) {
        boolean gone = Processes.killTree(process.toHandle(), grace);
        Cleanup.forget(this);
        if (!gone) {
            throw new TestKitException(name + " (pid " + pid() + ") survived SIGKILL");
        }
    }

    @Override
    public void close() {
        stop(STOP_GRACE);
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + ": " + String.join(" ", command) + "]";
    }
}

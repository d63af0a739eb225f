package org.ike4j.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Libreswan's IKE daemon, pluto (Debian's libreswan 4.10), running inside a {@link NetNamespace}
 * with a configuration, secrets file and NSS database of its own.
 *
 * <h2>Where pluto comes from</h2>
 * Debian's {@code libreswan} package conflicts with strongSwan's {@code strongswan-libcharon} and
 * {@code strongswan-starter}, which every other interop test needs, so it is never installed:
 * {@code .ci/run} installs its library dependencies and unpacks the .deb ({@code dpkg -x}) into
 * {@link #ROOT} ({@code /opt/ike4j-libreswan}, or the directory in the environment variable
 * {@code IKE4J_LIBRESWAN}). pluto has its helper directory {@code /usr/libexec/ipsec} compiled in
 * (it runs {@code addconn} from there at start, and {@code _updown} for each SA), so inside its
 * private mount namespace the kit binds {@code ROOT/usr/libexec} over {@code /usr/libexec}; the
 * host's {@code /usr/libexec} is untouched.
 *
 * <h2>Isolation</h2>
 * <pre>ip netns exec NS unshare --mount --propagation private sh -c
 *     'mount -t tmpfs tmpfs /run &amp;&amp; mkdir /run/pluto &amp;&amp; mount --bind ROOT/usr/libexec /usr/libexec
 *      &amp;&amp; exec /usr/libexec/ipsec/pluto --nofork --config DIR/ipsec.conf ...'</pre>
 * Its own network stack (ports 500/4500 of the namespace), its own empty {@code /run} (the dump
 * directory {@code /run/pluto}), and everything else in a temporary directory: ipsec.conf,
 * ipsec.secrets, the NSS database (made empty with {@code certutil -N --empty-password}), the
 * control socket ({@code --rundir}) and the log ({@code --logfile}); nothing goes to the host's audit
 * log ({@code --log-no-audit}: audit is not per namespace). Every {@code exec} keeps the
 * PID, so {@link #pid()} is pluto's own and {@link #close()} stops it by that PID.
 *
 * <h2>What this pluto can and cannot do here</h2>
 * It speaks IKEv1 once {@code ikev1-policy=accept} is set (4.10's default drops IKEv1) and IKEv2.
 * Debian builds it without MODP768/MODP1024 (the seed's {@code modp1024} is refused; MODP1536 is
 * the smallest group). It installs IPsec SAs only through the kernel's XFRM; a kernel without
 * ESP refuses them ("netlink response for Add SA ...: Protocol not supported"), and pluto gives up
 * the Quick Mode (silently) or the Child SA (as responder with TS_UNACCEPTABLE; as initiator by
 * deleting the IKE SA without a notification). {@code plutodebug=all} logs no keys in 4.10 (its
 * {@code all} is {@code base+cpu-usage+refcnt}); the default here adds {@code crypt private},
 * which prints IKEv2 keys and IKEv1 plaintexts, never IKEv1 keys (they stay inside NSS). See
 * docs/interop.md.
 *
 * <pre>{@code
 * try (Pluto pluto = Pluto.builder(ns).conn("ike4j", "\tauthby=secret\n...").secrets("... : PSK \"s\"").start()) {
 *     pluto.whack("--initiate", "--asynchronous", "--name", "ike4j");
 * }
 * }</pre>
 */
public final class Pluto implements AutoCloseable {

    /** Where the unpacked libreswan .deb lives ({@code IKE4J_LIBRESWAN} or /opt/ike4j-libreswan). */
    public static final Path ROOT = Path.of(System.getenv().getOrDefault("IKE4J_LIBRESWAN", "/opt/ike4j-libreswan"));
    /** The helper directory pluto has compiled in, and its place in the unpacked tree. */
    public static final String LIBEXEC = "/usr/libexec/ipsec";
    /** The daemon in the unpacked tree. */
    public static final Path BINARY = ROOT.resolve("usr/libexec/ipsec/pluto");
    /** The control client in the unpacked tree. */
    public static final Path WHACK = ROOT.resolve("usr/libexec/ipsec/whack");
    /** The connection loader pluto runs at start. */
    public static final Path ADDCONN = ROOT.resolve("usr/libexec/ipsec/addconn");
    /** NSS's database tool (Debian's libnss3-tools), for pluto's empty NSS database. */
    public static final Path CERTUTIL = Path.of("/usr/bin/certutil");
    /** How long pluto may take to open its control socket. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final NetNamespace namespace;
    private final Path directory;
    private final Path logFile;
    private final Path controlSocket;
    private final BackgroundProcess process;
    private boolean closed;

    private Pluto(NetNamespace namespace, Path directory, Path logFile, Path controlSocket, BackgroundProcess process) {
        this.namespace = namespace;
        this.directory = directory;
        this.logFile = logFile;
        this.controlSocket = controlSocket;
        this.process = process;
    }

    /** Starts configuring a pluto for {@code namespace}. */
    public static Builder builder(NetNamespace namespace) {
        return new Builder(namespace);
    }

    /** The namespace pluto runs in. */
    public NetNamespace namespace() {
        return namespace;
    }

    /** pluto's process id. */
    public long pid() {
        return process.pid();
    }

    /** True while pluto runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The temporary directory with ipsec.conf, ipsec.secrets, the NSS database, the socket and the log. */
    public Path directory() {
        return directory;
    }

    /** pluto's log ({@code --logfile}). */
    public Path logFile() {
        return logFile;
    }

    /** The whole of pluto's log so far. */
    public String log() {
        return Processes.logSoFar(logFile);
    }

    /** The last lines of pluto's log and of its standard output, for failure messages. */
    public String logTail(int lines) {
        return "--- pluto log " + logFile + " (" + namespace.name() + ") ---\n" + Processes.tail(logFile, lines)
                + "\n--- pluto stdout/stderr ---\n" + process.logTail(10);
    }

    /** The lines of pluto's log that are not debug lines ({@code "| "}): what an operator sees. */
    public List<String> events() {
        return log().lines().filter(l -> !l.contains(": | ") && !l.startsWith("| ")).toList();
    }

    /**
     * Runs {@code whack --ctlsocket SOCKET ARGS...} (from the host: the socket is a file) and
     * returns its result, whatever its exit code (whack exits non-zero when an exchange fails).
     */
    public CommandResult whack(String... args) {
        List<String> command = new ArrayList<>(List.of(WHACK.toString(), "--ctlsocket", controlSocket.toString()));
        command.addAll(List.of(args));
        return Processes.run(command, Duration.ofSeconds(30), Map.of(), null);
    }

    /** {@code whack --status}'s text. */
    public String status() {
        return whack("--status").stdout();
    }

    /** Waits until pluto's log has a line containing {@code text}; returns that line. */
    public String awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : log().lines().toList()) {
                if (line.contains(text)) {
                    return line;
                }
            }
            if (!isAlive() || System.nanoTime() > deadline) {
                throw new TestKitException("pluto log has no '" + text + "' after " + timeout + "\n" + logTail(60));
            }
            Processes.sleep(Duration.ofMillis(100));
        }
    }

    /** Stops pluto (SIGTERM, SIGKILL after a grace period) and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Cleanup.forget(this);
        try {
            process.close();
        } finally {
            Charon.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "pluto[pid " + process.pid() + " in " + namespace.name() + "]";
    }

    /** Configures and starts a {@link Pluto}. */
    public static final class Builder {
        private final NetNamespace namespace;
        private String debug = "all crypt private";
        private final StringBuilder setup = new StringBuilder();
        private final StringBuilder conns = new StringBuilder();
        private final StringBuilder secrets = new StringBuilder();

        private Builder(NetNamespace namespace) {
            this.namespace = namespace;
        }

        /**
         * {@code plutodebug}: default {@code "all crypt private"}, which logs the keys (the
         * {@code crypt} and {@code private} bits are not part of 4.10's {@code all}); {@code none}
         * for a quiet log.
         */
        public Builder debug(String plutodebug) {
            this.debug = plutodebug;
            return this;
        }

        /** Another {@code config setup} line, e.g. {@code ("uniqueids", "no")}. */
        public Builder setup(String key, String value) {
            setup.append('\t').append(key).append('=').append(value).append('\n');
            return this;
        }

        /**
         * A connection: {@code conn NAME} followed by {@code body}, its {@code key=value} lines
         * (a tab before each is added when missing). {@code auto=add} loads it at start.
         */
        public Builder conn(String name, String body) {
            conns.append("conn ").append(name).append('\n');
            for (String line : body.strip().split("\n")) {
                conns.append('\t').append(line.strip()).append('\n');
            }
            return this;
        }

        /** One line of ipsec.secrets, e.g. {@code 192.0.2.2 192.0.2.1 : PSK "secret"}. */
        public Builder secret(String line) {
            secrets.append(line).append('\n');
            return this;
        }

        /** The ipsec.conf this builder writes (in {@code directory}). */
        String ipsecConf() {
            return "# written by org.ike4j.testkit.Pluto\nconfig setup\n\tikev1-policy=accept\n\tplutodebug=\"" + debug
                    + "\"\n" + setup + "\n" + conns;
        }

        /**
         * Writes the configuration, starts pluto and waits until its control socket answers.
         *
         * @throws TestKitException with pluto's output when it does not come up within {@link #START_TIMEOUT}
         */
        public Pluto start() {
            Path directory;
            try {
                directory = Files.createTempDirectory("ike4j-pluto-");
            } catch (IOException e) {
                throw new TestKitException("cannot create a temp dir", e);
            }
            Path logFile = directory.resolve("pluto.log");
            Path run = directory.resolve("run");
            Path nss = directory.resolve("nss");
            Path socket = run.resolve("pluto.ctl");
            BackgroundProcess process = null;
            Pluto pluto = null;
            try {
                Files.createDirectories(run);
                Files.createDirectories(nss);
                Path conf = Files.writeString(directory.resolve("ipsec.conf"), ipsecConf());
                Path secretsFile = Files.writeString(directory.resolve("ipsec.secrets"), secrets.toString());
                Files.setPosixFilePermissions(secretsFile, PosixFilePermissions.fromString("rw-------"));
                CommandResult init = Processes.run(List.of(CERTUTIL.toString(), "-N", "--empty-password", "-d",
                        "sql:" + nss));
                if (init.exitCode() != 0) {
                    throw new TestKitException("certutil -N failed: " + init.describe());
                }
                String daemon = LIBEXEC + "/pluto --nofork --config " + conf + " --nssdir " + nss + " --rundir " + run
                        + " --secretsfile " + secretsFile + " --ipsecdir " + directory + " --logfile " + logFile
                        + " --log-no-audit";   // the kernel's audit log is not per namespace: leave the host's alone
                List<String> command = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                        "mount -t tmpfs -o mode=0755 tmpfs /run && mkdir /run/pluto && mount --bind "
                                + ROOT.resolve("usr/libexec") + " /usr/libexec && exec " + daemon);
                process = namespace.start("pluto", directory.resolve("pluto.stdout"), Map.of(), command);
                pluto = new Pluto(namespace, directory, logFile, socket, process);
                Cleanup.register(pluto);
                awaitReady(pluto, socket);
                return pluto;
            } catch (IOException | RuntimeException | AssertionError e) {
                String logs = "--- pluto log ---\n" + Processes.tail(logFile, 40) + "\n--- stdout ---\n"
                        + Processes.tail(directory.resolve("pluto.stdout"), 20);
                try {
                    if (pluto != null) {
                        pluto.close();
                    } else if (process != null) {
                        process.close();
                    }
                } finally {
                    Charon.deleteRecursively(directory);
                }
                throw new TestKitException("pluto did not start in " + namespace.name() + ": " + e.getMessage() + "\n"
                        + logs, e);
            }
        }

        /** The socket exists, and pluto has loaded the connections (it listens only after addconn). */
        private static void awaitReady(Pluto pluto, Path socket) {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!Files.exists(socket) || !pluto.log().contains("loading secrets from")) {
                if (!pluto.isAlive()) {
                    throw new TestKitException("pluto exited");
                }
                if (System.nanoTime() > deadline) {
                    throw new TestKitException("pluto not ready (socket " + socket + ") after " + START_TIMEOUT);
                }
                Processes.sleep(Duration.ofMillis(50));
            }
        }
    }
}

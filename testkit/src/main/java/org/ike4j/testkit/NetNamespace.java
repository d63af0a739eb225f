package org.ike4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A network namespace made for one test and removed by {@link #close()}.
 *
 * <p>Names are {@code ike4j-<pid>-<random>-<label>}, so parallel runs never collide and a
 * leftover is recognisable. The namespace starts with only {@code lo}, which {@link #create}
 * brings up. Everything the test does to networking happens inside it: the host's own
 * interfaces, routes and firewall are never touched.
 *
 * <p>{@code close()} first kills any process still inside (the namespace is ours, so they are
 * ours), then deletes it with {@code ip netns del}.
 */
public final class NetNamespace implements AutoCloseable {

    /** Every namespace this kit creates starts with this. */
    public static final String PREFIX = "ike4j-";

    /** The {@code ip} binary. */
    public static final String IP = firstExisting("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip");

    private static final String RUN_ID = ProcessHandle.current().pid() + "-"
            + Integer.toHexString(new SecureRandom().nextInt(0x1000, 0x10000));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final List<BackgroundProcess> started = new ArrayList<>();
    private boolean closed;

    private NetNamespace(String name) {
        this.name = name;
    }

    /**
     * Creates a namespace and brings up its loopback interface.
     *
     * @param label a short word for humans ("left", "router"); letters, digits and dashes
     */
    public static NetNamespace create(String label) {
        if (!label.matches("[A-Za-z0-9-]{1,16}")) {
            throw new IllegalArgumentException("label must be 1-16 letters, digits or dashes: " + label);
        }
        String name = PREFIX + RUN_ID + HexFormat.of().toHexDigits((byte) RANDOM.nextInt()) + "-" + label;
        Processes.run(List.of(IP, "netns", "add", name)).orThrow();
        NetNamespace namespace = new NetNamespace(name);
        Cleanup.register(namespace);
        try {
            namespace.ip("link", "set", "lo", "up");
        } catch (RuntimeException | AssertionError e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    /** The namespace's name as {@code ip netns list} shows it. */
    public String name() {
        return name;
    }

    /** The file that names the namespace ({@code /run/netns/NAME}): what setns(2) opens to enter it. */
    public Path path() {
        return Path.of("/run/netns", name);
    }

    /**
     * Makes this namespace the host end of a tunnel between 10.1.0.0/24 and 10.2.0.0/24 whose
     * packets an XFRM trap can catch: a veth pair up, 192.0.2.1/24 on one end ({@code va}),
     * 10.1.0.1 on lo, and a route to 10.2.0.0/24 via the peer 192.0.2.2 from 10.1.0.1.
     *
     * @return this namespace
     */
    public NetNamespace trapHost() {
        ip("link", "add", "va", "type", "veth", "peer", "name", "vb");
        ip("link", "set", "va", "up");
        ip("link", "set", "vb", "up");
        ip("addr", "add", "192.0.2.1/24", "dev", "va");
        ip("addr", "add", "10.1.0.1/32", "dev", "lo");
        ip("route", "add", "10.2.0.0/24", "via", "192.0.2.2", "dev", "va", "src", "10.1.0.1");
        return this;
    }

    /** The prefix of all namespaces made by this JVM (for leak checks). */
    public static String runPrefix() {
        return PREFIX + RUN_ID;
    }

    /**
     * Runs {@code ip -n NAME args...} and fails the test if it fails.
     *
     * @return its output
     */
    public CommandResult ip(String... args) {
        List<String> command = new ArrayList<>(List.of(IP, "-n", name));
        command.addAll(List.of(args));
        return Processes.run(command).orThrow();
    }

    /**
     * Runs a command inside the namespace ({@code ip netns exec NAME ...}) to completion.
     *
     * @return exit code and output; a non-zero exit does not throw
     */
    public CommandResult exec(Duration timeout, String... command) {
        return exec(timeout, Map.of(), null, List.of(command));
    }

    /** Runs a command inside the namespace with extra environment and standard input. */
    public CommandResult exec(Duration timeout, Map<String, String> environment, String stdin, List<String> command) {
        return Processes.run(wrap(command), timeout, environment, stdin);
    }

    /**
     * Loads an nftables script into the namespace's own ruleset ({@code nft -f -}).
     *
     * @param script nft syntax, e.g. {@code table inet t { chain c { ... } }}
     */
    public void nft(String script) {
        exec(Processes.DEFAULT_TIMEOUT, Map.of(), script, List.of(firstExisting("/usr/sbin/nft", "/sbin/nft"), "-f", "-"))
                .orThrow();
    }

    /**
     * Sets a per-namespace sysctl, e.g. {@code net.ipv4.ip_forward} to {@code 1}. It writes
     * {@code /proc/sys/...} from inside the namespace (the {@code net.*} entries there belong to
     * the namespace of the writer), so the host's values are untouched and procps is not needed.
     */
    public void sysctl(String key, String value) {
        if (!key.matches("net(\\.[A-Za-z0-9_-]+)+") || !value.matches("[A-Za-z0-9 _-]+")) {
            throw new IllegalArgumentException("only net.* keys with simple values: " + key + "=" + value);
        }
        String path = "/proc/sys/" + key.replace('.', '/');
        exec(Processes.DEFAULT_TIMEOUT, "sh", "-c", "echo '" + value + "' > " + path).orThrow();
    }

    /**
     * Starts a long-running command inside the namespace.
     *
     * @param processName a short name for messages
     * @param log the file receiving its output
     */
    public BackgroundProcess start(String processName, Path log, Map<String, String> environment, List<String> command) {
        BackgroundProcess process = Processes.start(processName + "@" + name, wrap(command), environment, log);
        synchronized (this) {
            started.add(process);
        }
        return process;
    }

    /** The command prefixed with {@code ip netns exec NAME}. */
    public List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of(IP, "netns", "exec", name));
        wrapped.addAll(command);
        return wrapped;
    }

    /** PIDs of the processes inside the namespace ({@code ip netns pids}). */
    public List<Long> pids() {
        CommandResult result = Processes.run(List.of(IP, "netns", "pids", name));
        if (!result.ok()) {
            return List.of();
        }
        return result.stdout().lines().map(String::trim).filter(s -> !s.isEmpty()).map(Long::parseLong).toList();
    }

    /** True while {@code ip netns list} shows it. */
    public boolean exists() {
        return Files.exists(path());
    }

    /**
     * Stops the processes started with {@link #start}, kills whatever else still runs inside,
     * then deletes the namespace. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Cleanup.forget(this);
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();   // by PID, newest first; a no-op for those already stopped
            } catch (AssertionError e) {
                System.err.println("ike4j-testkit: " + e.getMessage());   // the sweep below retries
            }
        }
        started.clear();
        // anything else inside (children that escaped, processes started by other means) is ours too
        for (Long pid : pids()) {
            ProcessHandle.of(pid).ifPresent(handle -> Processes.killTree(handle, Duration.ofSeconds(3)));
        }
        CommandResult result = Processes.run(List.of(IP, "netns", "del", name));
        if (!result.ok() && exists()) {
            throw new TestKitException("cannot delete namespace " + name + "\n" + result.describe());
        }
    }

    /**
     * The names of namespaces on this machine that start with {@code prefix} (e.g. {@link #runPrefix()}),
     * for asserting that a test left nothing behind.
     */
    public static List<String> existing(String prefix) {
        CommandResult result = Processes.run(List.of(IP, "netns", "list")).orThrow();
        return result.stdout().lines()
                .map(line -> line.split("\\s+")[0])
                .filter(n -> n.startsWith(prefix))
                .toList();
    }

    @Override
    public String toString() {
        return "netns " + name;
    }

    static String firstExisting(String... paths) {
        for (String path : paths) {
            if (Files.isExecutable(Path.of(path))) {
                return path;
            }
        }
        return paths[0];
    }
}

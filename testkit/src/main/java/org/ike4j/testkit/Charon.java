package org.ike4j.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * strongSwan's IKE daemon, charon, running inside a {@link NetNamespace} with a configuration of
 * its own. Several can run at once on one machine.
 *
 * <h2>Isolation</h2>
 * charon is started as
 * <pre>ip netns exec NS unshare --mount --propagation private sh -c 'mount -t tmpfs tmpfs /run &amp;&amp; exec charon'</pre>
 * so that it has its own network stack (interfaces, routes, the {@code ipsec0} TUN device, ports
 * 500/4500) and its own empty {@code /run} (its pid file {@code /run/charon.pid} and any default
 * socket). Every {@code exec} keeps the PID, so {@link #pid()} is charon's own. Its configuration
 * comes from a {@code strongswan.conf} written to a temporary directory and passed in
 * {@code STRONGSWAN_CONF}; it includes nothing from {@code /etc}. The vici socket, the log file and
 * the swanctl.conf files live in that directory too.
 *
 * <h2>Plugins</h2>
 * {@code load_modular = no} with an explicit {@code load} list ({@link #DEFAULT_PLUGINS}). The
 * kernel has XFRM but no ESP, so ESP runs in userspace: {@code kernel-libipsec} (the IPsec part,
 * through a TUN device {@code ipsec0}) next to {@code kernel-netlink} (addresses and routes).
 * With kernel-libipsec charon always UDP-encapsulates ESP: it pretends the peer is behind a NAT,
 * sends NAT-D, and floats from port 500 to 4500 after IKE_SA_INIT (IKEv2) or after Main Mode's
 * second exchange (IKEv1). Routes to the remote traffic selectors go into table 220 via
 * {@code ipsec0}, with the local inner address as source, so the namespace must own an address
 * inside its local traffic selector (e.g. on {@code lo}).
 * There is no openssl plugin on the Debian machine without libstrongswan-standard-plugins: 3DES
 * comes from {@code gcrypt}, X25519 from {@code curve25519}, MODP from {@code gmp}.
 *
 * <pre>{@code
 * try (Charon charon = Charon.builder(ns).log("ike", 4).retransmit(2, 0.5, 1.2).start()) {
 *     charon.swanctl().load(config);
 *     charon.swanctl().initiate("net", "v2", Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <h2>The legacy route</h2>
 * {@link Builder#legacy} configures charon from {@code ipsec.conf} and {@code ipsec.secrets}
 * instead. charon itself does not read ipsec.conf (only its stroke plugin reads ipsec.secrets);
 * starter parses it, so this route runs {@code starter --nofork --conf FILE}, which starts charon
 * as its child, in the same private namespaces. The {@code ipsec} script is not used. Both
 * starter and the {@code stroke} client find the stroke socket through
 * {@code charon.plugins.stroke.socket} in the generated strongswan.conf.
 */
public final class Charon implements AutoCloseable {

    /** The daemon binary from Debian's strongswan-charon. */
    public static final Path BINARY = Path.of("/usr/lib/ipsec/charon");
    /** Where Debian installs the plugins. */
    public static final String PLUGIN_DIR = "/usr/lib/ipsec/plugins";
    /** The plugins loaded unless {@link Builder#plugins} says otherwise. */
    public static final String DEFAULT_PLUGINS = "random nonce aes sha1 sha2 md5 hmac xcbc cmac ctr ccm chapoly"
            + " gcrypt gmp curve25519 kdf pem pkcs1 x509 pubkey socket-default kernel-libipsec kernel-netlink vici";
    /** The legacy route's starter (Debian's strongswan-starter). */
    public static final Path STARTER = Path.of("/usr/lib/ipsec/starter");
    /** How long charon may take to open its vici socket. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final NetNamespace namespace;
    private final Path directory;
    private final Path logFile;
    private final Path viciSocket;
    private final Path strongswanConf;
    private final BackgroundProcess process;
    private final Swanctl swanctl;
    private final Stroke stroke;
    private boolean closed;

    private Charon(NetNamespace namespace, Path directory, Path strongswanConf, Path logFile, Path viciSocket,
            BackgroundProcess process, boolean legacy) {
        this.namespace = namespace;
        this.directory = directory;
        this.strongswanConf = strongswanConf;
        this.logFile = logFile;
        this.viciSocket = viciSocket;
        this.process = process;
        this.swanctl = new Swanctl(this);
        this.stroke = legacy ? new Stroke(this) : null;
    }

    /** Starts configuring a charon for {@code namespace}. */
    public static Builder builder(NetNamespace namespace) {
        return new Builder(namespace);
    }

    /** The namespace charon runs in. */
    public NetNamespace namespace() {
        return namespace;
    }

    /**
     * The process id of what the kit started: charon itself, or with the legacy route
     * ({@link Builder#legacy}) starter, charon's parent.
     */
    public long pid() {
        return process.pid();
    }

    /** charon's own process id (with the legacy route, starter's child). */
    public long charonPid() {
        if (ProcessHandle.of(process.pid()).map(h -> h.info().command().orElse("").equals(BINARY.toString()))
                .orElse(false)) {
            return process.pid();
        }
        return ProcessHandle.of(process.pid()).stream().flatMap(ProcessHandle::children)
                .filter(h -> h.info().command().orElse("").equals(BINARY.toString()))
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new TestKitException("no charon under " + process + "\n" + logTail(20)));
    }

    /** True while charon runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The temporary directory with strongswan.conf, the log, the vici socket and swanctl.conf files. */
    public Path directory() {
        return directory;
    }

    /** charon's file log (the levels given to the builder). */
    public Path logFile() {
        return logFile;
    }

    /** The generated strongswan.conf, for {@code STRONGSWAN_CONF}. */
    public Path strongswanConf() {
        return strongswanConf;
    }

    /** The vici URI, {@code unix:///tmp/.../charon.vici}. */
    public String viciUri() {
        return "unix://" + viciSocket;
    }

    /**
     * A swanctl bound to this charon's vici socket. With the legacy route it still lists SAs
     * (vici sees every IKE SA, whatever configured it).
     */
    public Swanctl swanctl() {
        return swanctl;
    }

    /**
     * The stroke client of the legacy route.
     *
     * @throws IllegalStateException when this charon was not started with {@link Builder#legacy}
     */
    public Stroke stroke() {
        if (stroke == null) {
            throw new IllegalStateException("started without Builder.legacy(...): no stroke plugin");
        }
        return stroke;
    }

    /** The last lines of charon's log and of its standard output, for failure messages. */
    public String logTail(int lines) {
        return "--- charon log " + logFile + " (" + namespace.name() + ") ---\n" + Processes.tail(logFile, lines)
                + "\n--- charon stdout/stderr ---\n" + process.logTail(10);
    }

    /** The whole of charon's log so far (e.g. to read keys logged at ike level 4). */
    public String log() {
        return Processes.logSoFar(logFile);
    }

    /** Stops charon (SIGTERM, SIGKILL after a grace period) and deletes its directory. Idempotent. */
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
            deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "charon[pid " + process.pid() + " in " + namespace.name() + "]";
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new TestKitException("cannot delete " + root, e);
        }
    }

    /** Configures and starts a {@link Charon}. */
    public static final class Builder {
        private final NetNamespace namespace;
        private String plugins = DEFAULT_PLUGINS;
        private final Map<String, Integer> logLevels = new LinkedHashMap<>();
        private final Map<String, String> options = new LinkedHashMap<>();
        private String ipsecConf;
        private String ipsecSecrets;

        private Builder(NetNamespace namespace) {
            this.namespace = namespace;
            logLevels.put("default", 1);
            for (String group : List.of("ike", "chd", "cfg", "knl", "net")) {
                logLevels.put(group, 2);
            }
            options.put("install_routes", "yes");
            options.put("port", "500");
            options.put("port_nat_t", "4500");
            options.put("retransmit_tries", "3");
            options.put("retransmit_timeout", "1.0");
            options.put("retransmit_base", "1.4");
        }

        /** Replaces the plugin {@code load} list. */
        public Builder plugins(String loadList) {
            this.plugins = loadList;
            return this;
        }

        /**
         * Sets a log level for a group ({@code default}, {@code ike}, {@code cfg}, {@code knl},
         * {@code enc}, {@code net}, ...); -1 to 4. At {@code ike 4} charon logs the IKE SA keys.
         */
        public Builder log(String group, int level) {
            logLevels.put(group, level);
            return this;
        }

        /** The IKE ports (defaults 500 and 4500). */
        public Builder ports(int port, int natTraversalPort) {
            options.put("port", Integer.toString(port));
            options.put("port_nat_t", Integer.toString(natTraversalPort));
            return this;
        }

        /** Retransmission: tries, first timeout in seconds, and the backoff base. */
        public Builder retransmit(int tries, double timeoutSeconds, double base) {
            options.put("retransmit_tries", Integer.toString(tries));
            options.put("retransmit_timeout", Double.toString(timeoutSeconds));
            options.put("retransmit_base", Double.toString(base));
            return this;
        }

        /** Whether charon installs routes for the tunnels (default yes). */
        public Builder installRoutes(boolean install) {
            options.put("install_routes", install ? "yes" : "no");
            return this;
        }

        /**
         * The legacy route: {@code ipsec.conf} and {@code ipsec.secrets}. charon then loads the
         * stroke plugin (socket and secrets file in its own directory), and is started by
         * {@code starter --nofork --conf DIR/ipsec.conf}, which parses ipsec.conf and hands the
         * connections to charon over the stroke socket; starter runs in the same namespaces, and
         * {@link Charon#close()} stops it, which stops charon. Drive it with {@link Charon#stroke()}.
         *
         * @param ipsecConfText the whole ipsec.conf ({@code config setup} and {@code conn} sections)
         * @param ipsecSecretsText the whole ipsec.secrets, e.g. {@code 192.0.2.1 192.0.2.2 : PSK "s"}
         */
        public Builder legacy(String ipsecConfText, String ipsecSecretsText) {
            this.ipsecConf = ipsecConfText;
            this.ipsecSecrets = ipsecSecretsText;
            return this;
        }

        /** Any other option of the {@code charon} section, e.g. {@code make_before_break = yes}. */
        public Builder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        /**
         * Writes the configuration, starts charon and waits until its vici socket exists.
         *
         * @throws TestKitException with charon's log when it does not come up within {@link #START_TIMEOUT}
         */
        public Charon start() {
            Path directory;
            try {
                directory = Files.createTempDirectory("ike4j-charon-");
            } catch (IOException e) {
                throw new TestKitException("cannot create a temp dir", e);
            }
            Path logFile = directory.resolve("charon.log");
            Path vici = directory.resolve("charon.vici");
            Path conf = directory.resolve("strongswan.conf");
            BackgroundProcess process = null;
            Charon charon = null;
            try {
                Files.writeString(conf, strongswanConf(directory, logFile, vici));
                String daemon = BINARY.toString();
                if (ipsecConf != null) {
                    Path ipsecConfFile = Files.writeString(directory.resolve("ipsec.conf"), ipsecConf);
                    Files.writeString(directory.resolve("ipsec.secrets"), ipsecSecrets);
                    daemon = STARTER + " --nofork --conf " + ipsecConfFile;
                }
                List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                        "sh", "-c", "mount -t tmpfs -o mode=0755 tmpfs /run && exec " + daemon));
                process = namespace.start(ipsecConf == null ? "charon" : "starter",
                        directory.resolve("charon.stdout"), Map.of("STRONGSWAN_CONF", conf.toString()), command);
                charon = new Charon(namespace, directory, conf, logFile, vici, process, ipsecConf != null);
                Cleanup.register(charon);
                awaitSocket(charon, vici);
                if (ipsecConf != null) {
                    awaitSocket(charon, directory.resolve("charon.ctl"));
                }
                return charon;
            } catch (IOException | RuntimeException | AssertionError e) {
                String logs = "--- charon log ---\n" + Processes.tail(logFile, 40) + "\n--- stdout ---\n"
                        + Processes.tail(directory.resolve("charon.stdout"), 20);
                try {
                    if (charon != null) {
                        charon.close();
                    } else if (process != null) {
                        process.close();
                    }
                } finally {
                    deleteRecursively(directory);
                }
                throw new TestKitException("charon did not start in " + namespace.name() + ": " + e.getMessage()
                        + "\n" + logs, e);
            }
        }

        private static void awaitSocket(Charon charon, Path socket) {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!Files.exists(socket)) {
                if (!charon.isAlive()) {
                    throw new TestKitException("charon exited");
                }
                if (System.nanoTime() > deadline) {
                    throw new TestKitException("no socket " + socket + " after " + START_TIMEOUT);
                }
                Processes.sleep(Duration.ofMillis(20));
            }
        }

        private String strongswanConf(Path directory, Path logFile, Path vici) {
            StringBuilder conf = new StringBuilder();
            conf.append("# written by org.ike4j.testkit.Charon\n");
            conf.append("charon {\n");
            conf.append("  load_modular = no\n");
            conf.append("  load = ").append(plugins).append(ipsecConf == null ? "" : " stroke").append('\n');
            options.forEach((key, value) -> conf.append("  ").append(key).append(" = ").append(value).append('\n'));
            conf.append("  filelog {\n    testkit {\n");
            conf.append("      path = ").append(logFile).append('\n');
            conf.append("      time_format = %H:%M:%S\n      flush_line = yes\n      ike_name = yes\n");
            logLevels.forEach((group, level) -> conf.append("      ").append(group).append(" = ").append(level)
                    .append('\n'));
            conf.append("    }\n  }\n");
            conf.append("  syslog {\n  }\n");   // an empty syslog section: nothing to the host's syslog
            conf.append("  plugins {\n");
            conf.append("    vici {\n      socket = unix://").append(vici).append("\n    }\n");
            if (ipsecConf != null) {
                conf.append("    stroke {\n      socket = unix://").append(directory.resolve("charon.ctl"))
                        .append("\n      secrets_file = ").append(directory.resolve("ipsec.secrets")).append("\n    }\n");
            }
            conf.append("  }\n}\n");
            conf.append("starter {\n  load_warning = no\n}\n");
            conf.append("swanctl {\n  socket = unix://").append(vici).append("\n  load = pem pkcs1 x509 pubkey\n}\n");
            return conf.toString();
        }
    }
}

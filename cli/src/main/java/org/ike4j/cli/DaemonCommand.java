package org.ike4j.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ike4j.crypto.selftest.SelfTest;
import org.ike4j.daemon.Daemon;
import org.ike4j.daemon.DaemonOptions;
import org.ike4j.daemon.DataplaneKind;
import org.ike4j.daemon.EngineFactory;
import org.ike4j.daemon.control.ControlPaths;
import org.ike4j.daemon.log.DebugSpec;
import org.ike4j.daemon.log.Log;
import org.ike4j.engine.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ike4j daemon}: runs the daemon in the foreground until SIGTERM/SIGINT or
 * {@code ike4j stop}. Configuration files are recognised by their content.
 */
@Command(name = "daemon", description = {
    "Run the IKE daemon in the foreground (stop it with Ctrl-C, SIGTERM or 'ike4j stop').",
    "Configuration files (ipsec.conf, ipsec.secrets, Junos brace or set form) are recognised by content.",
    "Control socket default: /run/ike4j/ike4j.ctl as root, else $XDG_RUNTIME_DIR/ike4j/ike4j.ctl,"
            + " else ~/.ike4j/ike4j.ctl."})
final class DaemonCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "A configuration file; repeat for several.")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--control", paramLabel = "PATH", description = "The control socket.")
    Path control;

    @Option(names = "--port", paramLabel = "N", defaultValue = "500", description = "IKE port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--natt-port", paramLabel = "N", defaultValue = "4500",
            description = "NAT-T port (default ${DEFAULT-VALUE}).")
    int nattPort;

    @Option(names = "--listen", paramLabel = "ADDR", description = "Local address to bind; repeat for several (default: all).")
    List<String> listen = new ArrayList<>();

    @Option(names = "--debug", paramLabel = "SPEC",
            description = "Log levels -1..4 per category: 'all', '3', or 'ike=4,net=2,all=1' (default 2).")
    String debug;

    @Option(names = "--log", paramLabel = "FILE", description = "Also log to this file.")
    Path logFile;

    @Option(names = "--keylog", paramLabel = "DIR",
            description = {"Append Wireshark's key tables (ikev1_decryption_table, ikev2_decryption_table, esp_sa)"
                    + " in DIR, a Wireshark profile directory; also puts keys in the trace. Secrets on disk: debugging only."})
    Path keylog;

    @Option(names = "--log-keys", description = "Put keys (g^xy, SKEYID*, KEYMAT) in the trace (--debug all), without tables.")
    boolean logKeys;

    @Option(names = "--pcap", paramLabel = "FILE",
            description = "Write every IKE and ESP datagram sent and received to FILE (pcap, IP and UDP headers made up).")
    Path pcap;

    @Option(names = "--dataplane", paramLabel = "KIND", defaultValue = "none",
            description = "none: SAs are negotiated but not installed (default); userspace: ESP in this process over "
                    + "TUN devices, in UDP on the NAT-T port; xfrm: the kernel's XFRM through netlink, falling back to userspace when the kernel refuses the SAs (no ESP module).")
    String dataplane;

    @Option(names = "--skip-selftest", description = "Start without the crypto known-answer self-test.")
    boolean skipSelfTest;

    @Override
    public Integer call() throws Exception {
        DaemonOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            System.err.println("ike4j daemon: " + e.getMessage());
            return 2;
        }
        DataplaneKind kind;
        try {
            kind = DataplaneKind.parse(dataplane);
        } catch (IllegalArgumentException e) {
            System.err.println("ike4j daemon: " + e.getMessage());
            return 2;
        }
        options = options.withDataplane(kind);
        Log log = new Log(options.debug().orElse(DebugSpec.DEFAULT), System.err, options.logFile().orElse(null), Instant::now);
        if (!skipSelfTest && !selfTest(log)) {
            log.close();
            return 1;
        }
        Daemon daemon;
        try {
            daemon = Daemon.start(options, EngineFactory.standard(), kind.factory(), log, Clock.system());
        } catch (Daemon.StartupException e) {
            System.err.println("ike4j daemon: " + e.getMessage());
            log.close();
            return 1;
        }
        daemon.installShutdownHook();
        while (!daemon.awaitTermination(Duration.ofDays(1))) {
            // runs until stopped
        }
        log.close();
        return 0;
    }

    /**
     * The known-answer tests of the crypto backends the daemon will use (those of
     * {@code Crypto.defaults()}, as {@code ike4j selftest} runs them); the daemon refuses to run on a
     * failure.
     */
    private static boolean selfTest(Log log) {
        List<SelfTest.Result> results = new SelfTest(org.ike4j.crypto.Crypto.defaults().backends(), new SecureRandom()).run();
        long passed = results.stream().filter(r -> r.outcome() == SelfTest.Outcome.PASS).count();
        for (SelfTest.Result r : results) {
            if (r.outcome() == SelfTest.Outcome.FAIL) {
                log.error("lib", "self-test: " + r.backend() + " " + r.algorithm() + " failed (" + r.source() + "): "
                        + r.detail());
            }
        }
        for (String u : SelfTest.uncovered(results)) {
            log.warn("lib", "self-test: no backend implements " + u + "; connections using it will fail");
        }
        if (!SelfTest.passed(results)) {
            System.err.println("ike4j daemon: crypto self-test failed; not starting (see 'ike4j selftest')");
            return false;
        }
        log.info("lib", "crypto self-test passed: " + passed + " checks");
        return true;
    }

    DaemonOptions options() throws UnknownHostException {
        List<InetAddress> addrs = new ArrayList<>();
        for (String a : listen) {
            if (!a.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("--listen takes an IP address, not '" + a + "'");
            }
            addrs.add(InetAddress.getByName(a));
        }
        if (keylog != null && !Files.isDirectory(keylog)) {
            throw new IllegalArgumentException("--keylog " + keylog + " is not a directory");
        }
        // empty: the daemon takes the levels the configuration asks for (plutodebug=all, ...)
        Optional<DebugSpec> spec = debug != null ? Optional.of(DebugSpec.parse(debug)) : Optional.empty();
        return new DaemonOptions(configs, control != null ? control : ControlPaths.defaultPath(), port, nattPort, addrs,
                spec, Optional.ofNullable(logFile), Optional.ofNullable(keylog), Duration.ofSeconds(2), logKeys,
                Optional.ofNullable(pcap), DataplaneKind.NONE);
    }
}

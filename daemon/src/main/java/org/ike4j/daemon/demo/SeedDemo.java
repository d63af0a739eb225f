package org.ike4j.daemon.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ike4j.config.Configuration;
import org.ike4j.config.GlobalSettings;
import org.ike4j.config.Secrets;
import org.ike4j.crypto.Crypto;
import org.ike4j.daemon.Daemon;
import org.ike4j.daemon.DaemonOptions;
import org.ike4j.daemon.EngineFactory;
import org.ike4j.daemon.TableDataplane;
import org.ike4j.daemon.control.ControlClient;
import org.ike4j.daemon.control.ControlProtocol;
import org.ike4j.daemon.log.DebugSpec;
import org.ike4j.daemon.log.Log;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Event;
import org.ike4j.engine.v1.Ikev1Engine;
import org.ike4j.engine.v1.Ikev1Options;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.daemon.keylog.KeyLogWriter;

/**
 * {@code ike4j demo}: the seed document's negotiation replayed on loopback, without root. Two
 * daemons run in this process, each with its own IKEv1 engine, UDP sockets and control socket:
 * the server from the seed's ipsec.conf and ipsec.secrets, SRX-13 from its Junos configuration,
 * unchanged but for their addresses (mapped into 127/8) and IKE ports (unprivileged). The server
 * initiates {@code up srx-13} as the seed's {@code ipsec up srx-13}; Main Mode and Quick Mode are
 * drawn as a ladder from the engines' traces, then both sides' status is shown as the seed shows
 * it, and everything is taken down.
 *
 * <p>As in the seed, the server logs its keys and the SRX does not: the server runs with key
 * logging ({@code --keylog}), so its trace has g^xy, SKEYID* and KEYMAT and Wireshark's
 * {@code ikev1_decryption_table} and {@code esp_sa} are written next to the traces; it also writes
 * every datagram it sends and receives to {@code server.pcap} ({@code --pcap}). The SRX's trace
 * has every payload and computed value but no key. At the end the demo prints the tshark command
 * that shows the capture decrypted.
 */
public final class SeedDemo {
    static final String SERVER = "server";
    static final String SRX = "SRX";
    static final String CONNECTION = "srx-13";
    /** The server's capture, in the output directory. */
    public static final String PCAP = "server.pcap";
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(5);
    private static final long NEGOTIATION_TIMEOUT_MILLIS = 10_000;

    /**
     * How the demo runs.
     *
     * @param out where the full logs go (server.log, srx-13.log)
     * @param trace print every message's payload tree under its ladder line
     * @param junosSet load SRX-13 from the set form of its configuration instead of the brace form
     * @param serverAddress the loopback address standing in for 10.80.80.80
     * @param srxAddress the loopback address standing in for 10.80.80.13
     * @param ikePort the IKE port of both peers (each on its own address)
     * @param nattPort the NAT-T port of both peers
     */
    public record Options(Path out, boolean trace, boolean junosSet, InetAddress serverAddress, InetAddress srxAddress,
                          int ikePort, int nattPort) {

        public static Options defaults(Path out) {
            try {
                return new Options(out, false, false, InetAddress.getByName("127.80.80.80"),
                        InetAddress.getByName("127.80.80.13"), 10500, 14500);
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        public Options withTrace(boolean on) {
            return new Options(out, on, junosSet, serverAddress, srxAddress, ikePort, nattPort);
        }

        public Options withPorts(int ike, int natt) {
            return new Options(out, trace, junosSet, serverAddress, srxAddress, ike, natt);
        }

        public Options withJunosSet(boolean on) {
            return new Options(out, trace, on, serverAddress, srxAddress, ikePort, nattPort);
        }
    }

    /** The demo failed; the message says where and why. */
    static final class DemoFailure extends Exception {
        DemoFailure(String message) {
            super(message);
        }
    }

    private final Options options;
    private final PrintStream out;
    private final Ladder ladder = new Ladder();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Daemon server;
    private Daemon srx;
    private Path work;

    private SeedDemo(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the demo, printing to {@code out} and failures to {@code err}; returns the exit code (0 or 1). */
    public static int run(Options options, PrintStream out, PrintStream err) {
        SeedDemo d = new SeedDemo(options, out);
        try {
            d.run();
            return 0;
        } catch (DemoFailure e) {
            err.println("ike4j demo: FAILED: " + e.getMessage());
            err.println("ike4j demo: the logs so far are in " + options.out().resolve("server.log") + " and "
                    + options.out().resolve("srx-13.log"));
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("ike4j demo: FAILED: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ike4j demo: interrupted");
            return 1;
        } finally {
            d.cleanUp();
        }
    }

    private void run() throws DemoFailure, IOException, InterruptedException {
        InetAddress serverAddress = options.serverAddress();
        InetAddress srxAddress = options.srxAddress();
        if (!bindable(serverAddress) || !bindable(srxAddress)) {
            // not every system routes all of 127/8 to loopback: then both on 127.0.0.1, two ports each
            out.println("ike4j demo: " + serverAddress.getHostAddress() + " or " + srxAddress.getHostAddress()
                    + " cannot be bound here; using " + InetAddress.getLoopbackAddress().getHostAddress()
                    + " for both peers, on different ports");
            serverAddress = InetAddress.getLoopbackAddress();
            srxAddress = serverAddress;
        }
        boolean shared = serverAddress.equals(srxAddress);
        String serverIp = serverAddress.getHostAddress();
        String srxIp = srxAddress.getHostAddress();
        int port = options.ikePort();
        // one address for both: the SRX takes the next ports
        int srxPort = shared ? port + 1 : port;
        int srxNatt = shared ? options.nattPort() + 1 : options.nattPort();
        InetSocketAddress serverIke = new InetSocketAddress(serverAddress, port);
        InetSocketAddress srxIke = new InetSocketAddress(srxAddress, srxPort);
        checkBindable(serverAddress, port, options.nattPort());
        checkBindable(srxAddress, srxPort, srxNatt);

        Files.createDirectories(options.out());
        work = Files.createTempDirectory("ike4j-demo");
        Map<String, String> addresses = SeedFiles.addressMap(serverIp, srxIp);
        String srxFile = options.junosSet() ? SeedFiles.SRX_SET : SeedFiles.SRX_CONF;
        List<Path> serverFiles = SeedFiles.writeMapped(work.resolve("server"),
                List.of(SeedFiles.IPSEC_CONF, SeedFiles.IPSEC_SECRETS), addresses);
        List<Path> srxFiles = SeedFiles.writeMapped(work.resolve("srx-13"), List.of(srxFile), addresses);

        out.println("ike4j demo: the seed's IKEv1 negotiation, strongSwan server -> Juniper SRX-13, on loopback");
        out.println("  server:  the seed's ipsec.conf + ipsec.secrets       (initiator, like pluto)");
        out.println("  SRX-13:  the seed's " + srxFile + (options.junosSet() ? " (set form)  " : " (brace form)")
                + "          (responder, like the SRX)");
        out.println("  addresses mapped: " + SeedFiles.SEED_SERVER + " -> " + serverIp + ", " + SeedFiles.SEED_SRX
                + " -> " + srxIp + " (in the files' text);");
        out.println("  IKE port 500 -> " + (shared ? port + " (server), " + srxPort + " (SRX-13)" : port)
                + ", NAT-T port 4500 -> " + (shared ? options.nattPort() + ", " + srxNatt : options.nattPort())
                + " (in the loaded connections); nothing else changed");
        out.println();

        ladder.name(serverIke, SERVER);
        ladder.name(srxIke, SRX);
        // what an earlier run left: the tables are appended to, the capture replaced
        for (String f : List.of(KeyLogWriter.IKEV1, KeyLogWriter.IKEV2, KeyLogWriter.ESP, PCAP)) {
            Files.deleteIfExists(options.out().resolve(f));
        }
        srx = start(SRX, srxFiles, srxAddress, srxPort, srxNatt, port, options.out().resolve("srx-13.log"), false);
        server = start(SERVER, serverFiles, serverAddress, port, options.nattPort(), srxPort,
                options.out().resolve("server.log"), true);

        out.println("server$ ipsec up " + CONNECTION + "        (ike4j up " + CONNECTION + ")");
        call(server, "up", CONNECTION).lines().forEach(l -> out.println("  " + l));
        boolean done = ladder.await(seen -> established(seen, SERVER) && established(seen, SRX)
                || failed(seen) != null, NEGOTIATION_TIMEOUT_MILLIS);
        int upTo = ladder.steps().size();
        printLadder(ladder.steps());
        Event failure = failed(ladder.events());
        if (failure != null) {
            throw new DemoFailure("negotiation failed: " + failure.message());
        }
        if (!done) {
            throw new DemoFailure("no IPsec SA on both sides within " + NEGOTIATION_TIMEOUT_MILLIS / 1000 + " s");
        }
        out.println("  (* encrypted; the logs named at the end have every payload tree, decrypted)");
        out.println();

        out.println("Security Associations on server");
        out.println("root@server:~# ipsec status");
        out.print(call(server, "status"));
        out.println();
        out.println("Security Associations on SRX-13");
        out.println("juniper@SRX-13> show security ike security-associations detail");
        out.print(call(srx, "show-ike", "detail"));
        out.println("juniper@SRX-13> show security ipsec security-associations detail");
        out.print(call(srx, "show-ipsec", "detail"));
        out.println();

        out.println("server$ ipsec down " + CONNECTION + "      (ike4j down " + CONNECTION + ")");
        call(server, "down", CONNECTION).lines().forEach(l -> out.println("  " + l));
        boolean deleted = ladder.await(seen -> seen.stream().anyMatch(s -> s.peer().equals(SRX)
                && s.event().kind() == Event.Kind.IKE_SA_DELETED), 5_000);
        printLadder(ladder.steps().subList(upTo, ladder.steps().size()));
        if (!deleted) {
            throw new DemoFailure("SRX-13 did not delete its ISAKMP SA within 5 s of the server's down");
        }
        stopBoth();
        out.println("  both daemons stopped");
        out.println();
        out.println("Full trace, every payload tree (decrypted) and computed value of both peers: "
                + options.out().resolve("server.log") + " (with keys, like pluto's plutodebug=all), "
                + options.out().resolve("srx-13.log") + " (without keys, like the SRX)");
        printWireshark(port, srxPort);
    }

    /** Where the capture and the key tables are, and the tshark command that opens the capture decrypted. */
    private void printWireshark(int serverPort, int srxPort) throws IOException {
        Path pcap = options.out().resolve(PCAP);
        Path ikev1 = options.out().resolve(KeyLogWriter.IKEV1);
        Path esp = options.out().resolve(KeyLogWriter.ESP);
        out.println("Capture of every datagram the server sent and received: " + pcap);
        out.println("Key logs for Wireshark, as a profile holds them: " + ikev1 + ", " + esp);
        if (!Files.exists(ikev1)) {
            out.println("  (no ISAKMP SA keys were logged)");
            return;
        }
        List<String> command = new ArrayList<>(List.of("tshark", "-r", pcap.toString()));
        for (int p : new java.util.TreeSet<>(List.of(serverPort, srxPort))) {
            if (p != 500) {
                // Wireshark knows ISAKMP on UDP 500 only
                command.addAll(List.of("-d", "udp.port==" + p + ",isakmp"));
            }
        }
        for (KeyTableEntry e : WiresharkKeyTables.read(ikev1, KeyLogWriter.IKEV1)) {
            command.addAll(List.of("-o", WiresharkKeyTables.tsharkOption(e)));
        }
        command.add("-V");
        out.println("Open it decrypted (Main Mode 5-6, Quick Mode and Informational in clear):");
        out.println("  " + String.join(" ", command.stream().map(SeedDemo::shellQuote).toList()));
        out.println("or copy " + ikev1.getFileName() + " and " + esp.getFileName()
                + " into a Wireshark profile directory (~/.config/wireshark/profiles/NAME/) and open the capture"
                + " with that profile (wireshark -C NAME, tshark -C NAME).");
    }

    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./=:,+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static boolean established(List<Ladder.Seen> seen, String peer) {
        return seen.stream()
                .anyMatch(s -> s.peer().equals(peer) && s.event().kind() == Event.Kind.CHILD_SA_ESTABLISHED);
    }

    private static Event failed(List<Ladder.Seen> seen) {
        return seen.stream().map(Ladder.Seen::event)
                .filter(e -> e.kind() == Event.Kind.NEGOTIATION_FAILED || e.level() == Event.Level.ERROR)
                .findFirst().orElse(null);
    }

    private void printLadder(List<Ladder.Step> steps) {
        int fromWidth = 0;
        int toWidth = 0;
        for (Ladder.Step s : ladder.steps()) {
            fromWidth = Math.max(fromWidth, (s.from() + " " + s.source().getAddress().getHostAddress()).length() + 6);
            toWidth = Math.max(toWidth, (s.to() + " " + s.destination().getAddress().getHostAddress()).length() + 6);
        }
        for (Ladder.Step s : steps) {
            out.println("  " + s.line(fromWidth, toWidth));
            if (options.trace() && !s.tree().isEmpty()) {
                s.tree().lines().forEach(l -> out.println("        " + l));
            }
        }
    }

    /** Whether a UDP socket can be bound to the address (on any port). */
    private static boolean bindable(InetAddress a) {
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.bind(new InetSocketAddress(a, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails early, with the reason, if a peer's ports cannot be bound. */
    private static void checkBindable(InetAddress addr, int ike, int natt) throws DemoFailure {
        for (int p : List.of(ike, natt)) {
            try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
                ch.bind(new InetSocketAddress(addr, p));
            } catch (IOException e) {
                throw new DemoFailure("cannot bind UDP " + addr.getHostAddress() + ":" + p + " (" + e.getMessage()
                        + "); choose other ports with --port and --natt-port");
            }
        }
    }

    private Daemon start(String name, List<Path> files, InetAddress address, int ikePort, int nattPort, int peerPort,
                         Path logFile, boolean logsKeys) throws IOException, DemoFailure {
        PrintStream sink = UnfoldingLogSink.open(logFile, null);
        toClose.add(sink);
        Log log = new Log(DebugSpec.parse("all"), sink, null, Instant::now);
        toClose.add(log);
        Path control = work.resolve(name.toLowerCase(java.util.Locale.ROOT) + ".ctl");
        DaemonOptions o = new DaemonOptions(files, control, ikePort, nattPort, List.of(address),
                Optional.of(DebugSpec.parse("all")), Optional.empty(), Optional.empty(), Duration.ofSeconds(2));
        if (logsKeys) {
            o = o.withKeyLog(options.out()).withPcap(options.out().resolve(PCAP));
        }
        EngineFactory engines = ctx -> new ObservedEngine(
                new Ikev1Engine(EMPTY, List.of(address), ctx.clock(), ctx.random(), Crypto.defaults(),
                        Ikev1Options.DEFAULTS.withKeyLogging(ctx.keyLogging())),
                ikePort, peerPort, ladder.listener(name));
        try {
            return Daemon.start(o, engines, TableDataplane::new, log, Clock.system());
        } catch (Daemon.StartupException e) {
            throw new DemoFailure("the " + name + " daemon did not start: " + e.getMessage());
        }
    }

    private static final Configuration EMPTY =
            new Configuration(Map.of(), Secrets.EMPTY, GlobalSettings.EMPTY, Map.of(), List.of());

    /** One control request, as the CLI sends it; the answer's text, or a failure with the daemon's error. */
    private static String call(Daemon d, String command, String... args) throws DemoFailure {
        Map<String, Object> r;
        try {
            r = ControlClient.call(d.controlPath(), ControlProtocol.request(command, List.of(args), false),
                    CONTROL_TIMEOUT);
        } catch (ControlClient.UnreachableException e) {
            throw new DemoFailure(command + ": " + e.getMessage());
        }
        if (!Boolean.TRUE.equals(r.get("ok"))) {
            throw new DemoFailure(command + " " + String.join(" ", args) + ": " + r.get("error"));
        }
        Object text = r.get("text");
        String s = text == null ? "" : text.toString();
        return s.isEmpty() || s.endsWith("\n") ? s : s + "\n";
    }

    private void stopBoth() throws InterruptedException, DemoFailure {
        for (Daemon d : Stream.of(server, srx).filter(x -> x != null).toList()) {
            d.stop();
        }
        for (Daemon d : Stream.of(server, srx).filter(x -> x != null).toList()) {
            if (!d.awaitTermination(Duration.ofSeconds(5))) {
                throw new DemoFailure("a daemon did not stop within 5 s");
            }
        }
    }

    private void cleanUp() {
        for (Daemon d : Stream.of(server, srx).filter(x -> x != null).toList()) {
            if (d.isRunning()) {
                d.stop();
                try {
                    d.awaitTermination(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (AutoCloseable c : toClose.reversed()) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        if (work != null) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind
            }
        }
    }
}

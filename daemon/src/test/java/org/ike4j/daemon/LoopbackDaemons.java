package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.ike4j.config.Configuration;
import org.ike4j.config.GlobalSettings;
import org.ike4j.config.Secrets;
import org.ike4j.crypto.Crypto;
import org.ike4j.daemon.control.ControlClient;
import org.ike4j.daemon.control.ControlProtocol;
import org.ike4j.daemon.demo.ObservedEngine;
import org.ike4j.daemon.log.DebugSpec;
import org.ike4j.daemon.log.Log;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Engine;
import org.ike4j.engine.Snapshot;
import org.ike4j.engine.v1.Ikev1Engine;

/**
 * Daemons with the real IKEv1 engine on 127.0.0.1, each on ephemeral ports of its own and sending
 * to its peer's IKE port (an {@link ObservedEngine}, as the demo maps the ports), logging at
 * {@code all} into one buffer. {@link #close()} stops them all and prints that log with
 * {@code -Dike4j.test.log=true}.
 *
 * <pre>{@code
 * int[] ports = LoopbackDaemons.freePorts(4);
 * LoopbackDaemons.Peer srx = daemons.start("srx", srxFiles, ports[0], ports[1], ports[2], actions -> { });
 * LoopbackDaemons.Peer server = daemons.start("server", serverFiles, ports[2], ports[3], ports[0], actions -> { });
 * }</pre>
 */
final class LoopbackDaemons implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final InetAddress LO = InetAddress.getLoopbackAddress();
    /** The engine starts empty; the daemon loads the configuration files into it. */
    private static final Configuration EMPTY =
            new Configuration(Map.of(), Secrets.EMPTY, GlobalSettings.EMPTY, Map.of(), List.of());

    private final Path dir;
    private final List<Daemon> daemons = new ArrayList<>();
    private final List<Log> logs = new ArrayList<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    /** @param dir where the control sockets go */
    LoopbackDaemons(Path dir) {
        this.dir = dir;
    }

    /** A started daemon and its engine. */
    record Peer(Daemon daemon, Engine engine) {

        /** A control request, answered as text. */
        Map<String, Object> call(String command, String... args) throws Exception {
            return ControlClient.call(daemon.controlPath(), ControlProtocol.request(command, List.of(args), false), WAIT);
        }

        /** The engine's state, taken on the daemon's loop. */
        Snapshot snapshot() {
            try {
                return daemon.onLoop(engine::snapshot, WAIT);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        /** An established ISAKMP SA and an IPsec SA; false while the loop does not answer. */
        boolean established() {
            try {
                Snapshot s = snapshot();
                return s.ikeSas().stream().anyMatch(Snapshot.IkeSaInfo::established) && !s.childSas().isEmpty();
            } catch (AssertionError e) {
                return false;
            }
        }
    }

    /** UDP ports free on 127.0.0.1 a moment ago (held together, so they differ). */
    static int[] freePorts(int n) throws Exception {
        int[] ports = new int[n];
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(LO, 0));
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            held.forEach(DatagramSocket::close);
        }
        return ports;
    }

    /**
     * Starts a daemon with the configuration files on its own IKE and NAT-T ports.
     *
     * @param name its control socket's name in the directory
     * @param peerIke the IKE port of the daemon it talks to
     * @param observer sees each batch of actions of its engine
     */
    Peer start(String name, List<Path> files, int ike, int natt, int peerIke, ObservedEngine.Listener observer)
            throws Exception {
        Log log = new Log(DebugSpec.parse("all"), new PrintStream(logBytes, true, StandardCharsets.UTF_8), null,
                Instant::now);
        logs.add(log);
        DaemonOptions o = new DaemonOptions(files, dir.resolve(name + ".ctl"), ike, natt, List.of(LO),
                Optional.of(DebugSpec.parse("all")), Optional.empty(), Optional.empty(), Duration.ofMillis(500));
        Engine[] engine = new Engine[1];
        EngineFactory factory = ctx -> engine[0] = new ObservedEngine(
                new Ikev1Engine(EMPTY, List.of(LO), ctx.clock(), ctx.random(), Crypto.defaults()), ike, peerIke,
                observer);
        Daemon d = Daemon.start(o, factory, TableDataplane::new, log, Clock.system());
        daemons.add(d);
        return new Peer(d, engine[0]);
    }

    /** Polls the condition until it holds; fails after {@link #WAIT}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Stops every daemon started, waits for each, closes the logs. */
    @Override
    public void close() throws Exception {
        for (Daemon d : daemons) {
            d.stop();
        }
        for (Daemon d : daemons) {
            d.awaitTermination(WAIT);
        }
        for (Log l : logs) {
            l.close();
        }
        if (Boolean.getBoolean("ike4j.test.log")) {
            System.out.println(logBytes.toString(StandardCharsets.UTF_8));
        }
    }
}

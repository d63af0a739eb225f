package org.ike4j.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.ike4j.config.Configuration;
import org.ike4j.config.Problem;
import org.ike4j.daemon.control.ControlServer;
import org.ike4j.daemon.log.DebugSpec;
import org.ike4j.daemon.log.Log;
import org.ike4j.engine.Action;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Engine;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;

/**
 * The daemon: one event-loop thread owns the engine, the UDP sockets on the IKE and NAT-T ports,
 * the engine's timers, the dataplane and the control socket. Every input (a datagram, a timer, an
 * operator's command) goes to the engine on that thread, and the actions it returns are carried
 * out in order before the next input. Sockets are non-blocking; nothing on the loop waits for I/O.
 *
 * <p>On the NAT-T port (RFC 3948 section 2) IKE messages carry a four-byte non-ESP marker, which
 * is removed before the engine sees them and added to what it sends with {@code nonEspMarker};
 * one-byte 0xFF NAT-keepalives are dropped; anything else is ESP in UDP and goes to the
 * {@link Dataplane}.
 *
 * <p>Stopping ({@link #stop()}, the shutdown hook, or the control command) takes every
 * connection down so the engine can send its deletes, waits at most
 * {@link DaemonOptions#shutdownGrace()} for its IKE SAs to go, then closes everything and
 * removes the control socket file.
 */
public final class Daemon {
    private final DaemonOptions options;
    private final Log log;
    private final Clock clock;
    private final Engine engine;
    private final Dataplane dataplane;
    private final Selector selector;
    private final UdpTransport udp;
    private final ControlServer control;
    private final TimerQueue timers = new TimerQueue();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Instant startedAt = Instant.now();
    private final Thread thread;
    private final String engineName;
    private final DaemonDiagnostics diagnostics;
    /** The engine's key pairs, generated on worker threads; closed with everything else. */
    private final org.ike4j.crypto.KeyExchangeSource keyPairs;

    private Configuration configuration;
    private boolean shuttingDown;
    private long shutdownDeadline;

    /** Start-up failed: the message says why (configuration errors with file:line, a port in use...). */
    public static final class StartupException extends Exception {
        public StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Daemon(DaemonOptions options, Log log, Clock clock, Engine engine, Dataplane dataplane,
                   Selector selector, UdpTransport udp, Configuration configuration,
                   ControlServerOpener controlOpener, DaemonDiagnostics diagnostics,
                   org.ike4j.crypto.KeyExchangeSource keyPairs) throws IOException {
        this.options = options;
        this.log = log;
        this.clock = clock;
        this.engine = engine;
        this.engineName = engine.getClass().getSimpleName();
        this.dataplane = dataplane;
        this.selector = selector;
        this.udp = udp;
        this.configuration = configuration;
        this.diagnostics = diagnostics;
        this.keyPairs = keyPairs;
        this.control = controlOpener.open(this);
        this.thread = Thread.ofPlatform().name("ike4j-loop").unstarted(this::loop);
    }

    @FunctionalInterface
    private interface ControlServerOpener {
        ControlServer open(Daemon d) throws IOException;
    }

    /** Starts with the standard engine, no dataplane, and a log as the options say. */
    public static Daemon start(DaemonOptions options) throws StartupException {
        Log log;
        try {
            log = new Log(options.debug().orElse(DebugSpec.DEFAULT), System.err, options.logFile().orElse(null), Instant::now);
        } catch (IOException e) {
            throw new StartupException("cannot open log file: " + e.getMessage(), e);
        }
        return start(options, EngineFactory.standard(), options.dataplane().factory(), log, Clock.system());
    }

    /**
     * Loads the configuration, binds the sockets, creates the engine, hands it the configuration
     * and starts the loop. Nothing is left open if it fails.
     */
    public static Daemon start(DaemonOptions options, EngineFactory engines, Function<Log, Dataplane> dataplanes,
                               Log log, Clock clock) throws StartupException {
        Configuration config = ConfigFiles.load(options.configFiles(), localAddresses(options));
        log.spec(options.debugFor(config));
        reportProblems(log, config);
        if (!config.errors().isEmpty()) {
            throw new StartupException("configuration errors:\n" + problemsText(config.errors()), null);
        }
        log.info("cfg", "loaded " + config.connections().size() + " connection(s) from " + options.configFiles());
        Selector selector = null;
        UdpTransport udp = null;
        Dataplane dataplane = null;
        DaemonDiagnostics diagnostics = null;
        org.ike4j.crypto.KeyExchangeSource keyPairs = null;
        try {
            diagnostics = DaemonDiagnostics.open(options, log);
            selector = Selector.open();
            udp = UdpTransport.open(selector, options.listen(), options.ikePort(), options.nattPort(), log,
                    diagnostics.packets());
            dataplane = dataplanes.apply(log);
            keyPairs = KeyPairPool.forDaemon(org.ike4j.crypto.Crypto.defaults());
            Engine engine = engines.create(new EngineFactory.Context(clock, new SecureRandom(),
                    options.keyLogDirectory(), engineAddresses(options), options.keyLogging(),
                    () -> log.enabled("ike", org.ike4j.engine.Event.Level.TRACE), keyPairs));
            Selector sel = selector;
            Daemon d = new Daemon(options, log, clock, engine, dataplane, selector, udp, config,
                    self -> ControlServer.open(options.controlPath(), sel, self::control, self::execute), diagnostics,
                    keyPairs);
            log.info("dmn", "control socket " + d.control.path() + ", engine " + d.engineName + ", dataplane "
                    + dataplane.name() + ", key pairs " + (keyPairs instanceof KeyPairPool p
                            ? "from a pool filled by " + p.workerCount() + " worker thread(s)" : "generated on the loop"));
            UdpTransport transport = udp;
            dataplane.start(new Dataplane.Host() {
                @Override
                public boolean sendEsp(InetSocketAddress local, InetSocketAddress remote, java.nio.ByteBuffer esp)
                        throws IOException {
                    return transport.sendEsp(local, remote, esp);
                }

                @Override
                public boolean sendEsp(InetSocketAddress local, InetSocketAddress remote, byte[] buf, int offset,
                                       int length, int segmentSize) throws IOException {
                    return transport.sendEsp(local, remote, buf, offset, length, segmentSize);
                }

                @Override
                public void input(Input input) {
                    d.execute(() -> d.feed(input));
                }

                @Override
                public org.ike4j.daemon.capture.PacketSink packets() {
                    return d.packetSink();
                }
            });
            dataplane.configured(config);
            // the engine's first input, before any datagram or control request can reach it
            d.execute(() -> d.feed(new Input.Command(new Operator.Reload(config))));
            d.thread.start();
            return d;
        } catch (IOException | RuntimeException e) {
            if (udp != null) {
                udp.close();
            }
            if (selector != null) {
                closeQuietly(selector);
            }
            if (dataplane != null) {
                dataplane.close();
            }
            if (diagnostics != null) {
                diagnostics.close();
            }
            if (keyPairs instanceof KeyPairPool p) {
                p.close();
            }
            String what = e instanceof java.net.BindException ? "cannot bind: " : "cannot start: ";
            throw new StartupException(what + e.getMessage(), e);
        }
    }

    /** The --listen addresses first (the engine picks a source from the front), then the host's. */
    private static List<InetAddress> engineAddresses(DaemonOptions o) {
        java.util.LinkedHashSet<InetAddress> s = new java.util.LinkedHashSet<>(o.listen());
        // the host's in a stable order, loopback and link-local last
        ConfigFiles.hostAddresses().stream()
                .sorted(java.util.Comparator.comparing((InetAddress a) -> a.isLoopbackAddress() || a.isLinkLocalAddress())
                        .thenComparing(InetAddress::getHostAddress))
                .forEach(s::add);
        return List.copyOf(s);
    }

    private static Set<InetAddress> localAddresses(DaemonOptions o) {
        Set<InetAddress> s = new HashSet<>(ConfigFiles.hostAddresses());
        s.addAll(o.listen());
        return s;
    }

    private static void reportProblems(Log log, Configuration c) {
        for (Problem p : c.problems()) {
            if (p.isError()) {
                log.error("cfg", p.toString());
            } else {
                log.debug("cfg", p.toString());
            }
        }
    }

    private static String problemsText(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            sb.append(p).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    // ---- public view ----

    /** The addresses the IKE-port sockets are bound to (the real port when 0 was asked for). */
    public List<InetSocketAddress> ikeAddresses() {
        return udp.ikeAddresses();
    }

    /** The addresses the NAT-T-port sockets are bound to. */
    public List<InetSocketAddress> nattAddresses() {
        return udp.nattAddresses();
    }

    public java.nio.file.Path controlPath() {
        return control.path();
    }

    public Dataplane dataplane() {
        return dataplane;
    }

    /**
     * Where a dataplane reports the ESP packets it sends and receives for {@code --pcap}
     * ({@link org.ike4j.daemon.capture.PacketSink#NONE} without it). Thread-safe.
     */
    public org.ike4j.daemon.capture.PacketSink packetSink() {
        return diagnostics.packets();
    }

    /** Runs a task on the event loop. */
    public void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs a function on the loop and waits (bounded) for its result, for status and tests. */
    public <T> T onLoop(java.util.function.Supplier<T> f, Duration timeout)
            throws InterruptedException, TimeoutException {
        CompletableFuture<T> cf = new CompletableFuture<>();
        execute(() -> {
            try {
                cf.complete(f.get());
            } catch (RuntimeException e) {
                cf.completeExceptionally(e);
            }
        });
        try {
            return cf.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Begins a clean stop; returns at once. Idempotent. */
    public void stop() {
        try {
            execute(this::beginShutdown);
        } catch (java.nio.channels.ClosedSelectorException alreadyStopped) {
            // nothing to stop
        }
    }

    /** Waits until the loop has ended and everything is closed. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isRunning() {
        return terminated.getCount() > 0;
    }

    /** Stops on SIGTERM/SIGINT (the JVM's shutdown), waiting a little longer than the grace period. */
    public void installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ike4j-shutdown").unstarted(() -> {
            if (isRunning()) {
                log.info("dmn", "signal received, stopping");
                stop();
                try {
                    awaitTermination(options.shutdownGrace().plusSeconds(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
    }

    // ---- the loop ----

    private void loop() {
        try {
            while (true) {
                runTasks();
                runTimers();
                if (shuttingDown && (clock.nowMillis() >= shutdownDeadline || engine.snapshot().ikeSas().isEmpty())) {
                    break;
                }
                long next = timers.nextDeadline();
                if (shuttingDown) {
                    next = Math.min(next, shutdownDeadline);
                }
                if (!tasks.isEmpty()) {
                    selector.selectNow();
                } else if (next == Long.MAX_VALUE) {
                    selector.select();
                } else {
                    long wait = next - clock.nowMillis();
                    if (wait <= 0) {
                        selector.selectNow();
                    } else {
                        selector.select(wait);
                    }
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    ready(key);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException | Error e) {
            log.error("dmn", "event loop failed: " + e);
        } finally {
            closeAll();
            log.info("dmn", "stopped");
            terminated.countDown();
        }
    }

    private void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.error("dmn", "task failed: " + e);
            }
        }
    }

    private void runTimers() {
        for (org.ike4j.engine.TimerKey k : timers.due(clock.nowMillis())) {
            feed(new Input.TimerFired(k));
        }
    }

    private void ready(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        try {
            if (UdpTransport.owns(key)) {
                udp.ready(key, dataplane, this::feed);
            } else if (ControlServer.handles(key)) {
                control.ready(key);
            }
        } catch (RuntimeException e) {
            // one misbehaving channel must not stop the daemon
            log.error("dmn", "handling " + key.channel() + " failed: " + e);
            if (!UdpTransport.owns(key)) {
                key.cancel();
                closeQuietly(key.channel());
            }
        }
    }

    /** Hands one input to the engine and carries out what it answers; returns the actions. */
    private List<Action> feed(Input input) {
        List<Action> actions;
        try {
            actions = engine.handle(input);
        } catch (RuntimeException e) {
            // an engine must not throw; if it does, the daemon keeps running without that input
            log.error("dmn", "engine failed on " + input.getClass().getSimpleName() + ": " + e);
            return List.of();
        }
        for (Action a : actions) {
            try {
                perform(a);
            } catch (RuntimeException e) {
                // e.g. an unresolved or wrong-family address: skip this action, carry out the rest
                log.error("dmn", "cannot carry out " + a.getClass().getSimpleName() + ": " + e);
            }
        }
        return actions;
    }

    private void perform(Action a) {
        switch (a) {
            case Action.Send s -> udp.send(s);
            case Action.Schedule s -> timers.schedule(s.key(), s.atMillis());
            case Action.Cancel c -> timers.cancel(c.key());
            case Action.InstallChildSa i -> {
                try {
                    dataplane.install(i.sa());
                } catch (RuntimeException e) {
                    log.error("knl", "installing " + i.sa().spis() + " failed: " + e.getMessage());
                }
                diagnostics.keys(i.sa());
            }
            case Action.DeleteChildSa d -> {
                try {
                    dataplane.delete(d.sa(), d.reason(), d.hold());
                } catch (RuntimeException e) {
                    log.error("knl", "deleting " + d.sa().spis() + " failed: " + e.getMessage());
                }
            }
            case Action.Report r -> log.event(r.event());
            case Action.LogKeys k -> diagnostics.keys(k.entry());
            case Action.Compute c -> compute(c);
        }
    }

    /**
     * Heavy crypto the engine hands off (the IKE SA's shared secret and keys): on a worker of the
     * key pair pool, the result fed back through the loop; without a pool, on the loop, but still
     * as an input of its own after the current ones' actions (the IKE_SA_INIT response goes first).
     */
    private void compute(Action.Compute c) {
        Runnable job = () -> {
            Input.Computed r = Input.Computed.run(c);
            execute(() -> feed(r));
        };
        if (!(keyPairs instanceof KeyPairPool p && p.submit(job))) {
            execute(job);
        }
    }

    private void beginShutdown() {
        if (shuttingDown) {
            return;
        }
        shuttingDown = true;
        shutdownDeadline = clock.nowMillis() + options.shutdownGrace().toMillis();
        List<String> names = new ArrayList<>(configuration.connections().keySet());
        for (Snapshot.IkeSaInfo sa : engine.snapshot().ikeSas()) {
            if (!names.contains(sa.connection())) {
                names.add(sa.connection());
            }
        }
        log.info("dmn", "stopping: taking down " + names.size() + " connection(s)");
        for (String n : names) {
            feed(new Input.Command(new Operator.Down(n)));
        }
    }

    private void closeAll() {
        control.close();
        for (SelectionKey k : selector.keys()) {
            closeQuietly(k.channel());
        }
        udp.close();
        closeQuietly(selector);
        try {
            dataplane.close();
        } catch (RuntimeException e) {
            log.warn("knl", "closing the dataplane: " + e.getMessage());
        }
        diagnostics.close();
        if (keyPairs instanceof KeyPairPool p) {
            KeyPairPool.Stats st = p.stats();
            p.close();
            log.info("dmn", "key pair pool stopped: " + st.hits() + " key pairs taken ready, " + st.misses()
                    + " generated on the loop, " + st.jobs() + " key computations" + (st.workerFailures() == 0 ? "" : ", " + st.workerFailures()
                            + " failures on workers, the last: " + p.lastFailure()));
        }
    }

    /** {@code 10.0.0.1:500}, {@code [2001:db8::1]:500}: addresses as logs and status show them. */
    static String str(InetSocketAddress a) {
        return org.ike4j.daemon.format.Addresses.hostPort(a);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    // ---- control commands (on the loop) ----

    private CompletionStage<Map<String, Object>> control(Map<String, Object> request) {
        return new ControlCommands(this).handle(request);
    }

    // package-private access for ControlCommands, all on the loop thread

    Engine engine() {
        return engine;
    }

    Log log() {
        return log;
    }

    Configuration configuration() {
        return configuration;
    }

    DaemonOptions options() {
        return options;
    }

    List<Action> input(Input input) {
        return feed(input);
    }

    /** Reads the configuration files again, off the loop; applies them on the loop only if they have no error. */
    CompletionStage<Configuration> readConfiguration() {
        CompletableFuture<Configuration> cf = new CompletableFuture<>();
        Thread.ofVirtual().name("ike4j-reload").start(() -> {
            try {
                cf.complete(ConfigFiles.load(options.configFiles(), localAddresses(options)));
            } catch (RuntimeException e) {
                cf.completeExceptionally(e);
            }
        });
        return cf.thenApplyAsync(c -> c, this::execute);
    }

    /** Applies a configuration that loaded without errors. */
    void apply(Configuration c) {
        log.spec(options.debugFor(c));
        reportProblems(log, c);
        configuration = c;
        feed(new Input.Command(new Operator.Reload(c)));
        dataplane.configured(c);
        log.info("cfg", "reloaded: " + c.connections().size() + " connection(s)");
    }

    org.ike4j.daemon.format.DaemonInfo info() {
        return new org.ike4j.daemon.format.DaemonInfo(startedAt, Instant.now(), udp.listening(),
                control.path().toString(), options.configFiles().stream().map(Object::toString).toList(),
                engineName, dataplane.name(), dataplane.installed().size(), dataplane.unknownSpiDrops());
    }
}

package org.ike4j.daemon;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
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
import org.ike4j.daemon.log.Log;
import org.ike4j.engine.Action;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Engine;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.ike4j.wire.Bytes;

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
    private static final int MAX_DATAGRAM = 65535;
    /** Datagrams read from one socket per wake-up, so that one busy socket cannot starve the rest. */
    private static final int RECEIVE_BURST = 64;

    /** One bound UDP socket. */
    private record UdpSocket(DatagramChannel channel, InetSocketAddress bound, boolean natt) {
    }

    private final DaemonOptions options;
    private final Log log;
    private final Clock clock;
    private final Engine engine;
    private final Dataplane dataplane;
    private final Selector selector;
    private final List<UdpSocket> sockets;
    private final ControlServer control;
    private final TimerQueue timers = new TimerQueue();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Instant startedAt = Instant.now();
    private final Thread thread;
    private final String engineName;

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
                   Selector selector, List<UdpSocket> sockets, Configuration configuration,
                   ControlServerOpener controlOpener) throws IOException {
        this.options = options;
        this.log = log;
        this.clock = clock;
        this.engine = engine;
        this.engineName = engine.getClass().getSimpleName();
        this.dataplane = dataplane;
        this.selector = selector;
        this.sockets = sockets;
        this.configuration = configuration;
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
            log = new Log(options.debug(), System.err, options.logFile().orElse(null), Instant::now);
        } catch (IOException e) {
            throw new StartupException("cannot open log file: " + e.getMessage(), e);
        }
        return start(options, EngineFactory.standard(), TableDataplane::new, log, Clock.system());
    }

    /**
     * Loads the configuration, binds the sockets, creates the engine, hands it the configuration
     * and starts the loop. Nothing is left open if it fails.
     */
    public static Daemon start(DaemonOptions options, EngineFactory engines, Function<Log, Dataplane> dataplanes,
                               Log log, Clock clock) throws StartupException {
        Configuration config = ConfigFiles.load(options.configFiles(), localAddresses(options));
        reportProblems(log, config);
        if (!config.errors().isEmpty()) {
            throw new StartupException("configuration errors:\n" + problemsText(config.errors()), null);
        }
        log.info("cfg", "loaded " + config.connections().size() + " connection(s) from " + options.configFiles());
        Selector selector = null;
        List<UdpSocket> sockets = new ArrayList<>();
        Dataplane dataplane = null;
        try {
            selector = Selector.open();
            List<InetAddress> addrs = options.listen().isEmpty() ? List.of((InetAddress) null) : options.listen();
            for (InetAddress a : addrs) {
                sockets.add(bind(selector, a, options.ikePort(), false));
                sockets.add(bind(selector, a, options.nattPort(), true));
            }
            for (UdpSocket s : sockets) {
                log.info("net", "listening on " + str(s.bound()) + (s.natt() ? " (NAT-T)" : " (IKE)"));
            }
            dataplane = dataplanes.apply(log);
            Engine engine = engines.create(new EngineFactory.Context(clock, new SecureRandom(),
                    options.keyLogDirectory()));
            Selector sel = selector;
            Daemon d = new Daemon(options, log, clock, engine, dataplane, selector, sockets, config,
                    self -> ControlServer.open(options.controlPath(), sel, self::control, self::execute));
            log.info("dmn", "control socket " + d.control.path() + ", engine " + d.engineName + ", dataplane "
                    + dataplane.name());
            // the engine's first input, before any datagram or control request can reach it
            d.execute(() -> d.feed(new Input.Command(new Operator.Reload(config))));
            d.thread.start();
            return d;
        } catch (IOException | RuntimeException e) {
            for (UdpSocket s : sockets) {
                closeQuietly(s.channel());
            }
            if (selector != null) {
                closeQuietly(selector);
            }
            if (dataplane != null) {
                dataplane.close();
            }
            String what = e instanceof java.net.BindException ? "cannot bind: " : "cannot start: ";
            throw new StartupException(what + e.getMessage(), e);
        }
    }

    private static UdpSocket bind(Selector selector, InetAddress address, int port, boolean natt) throws IOException {
        DatagramChannel ch = address instanceof Inet6Address ? DatagramChannel.open(StandardProtocolFamily.INET6)
                : address == null ? DatagramChannel.open() : DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            ch.bind(new InetSocketAddress(address, port));
            ch.configureBlocking(false);
            UdpSocket s = new UdpSocket(ch, (InetSocketAddress) ch.getLocalAddress(), natt);
            ch.register(selector, SelectionKey.OP_READ, s);
            return s;
        } catch (IOException e) {
            ch.close();
            throw new java.net.BindException("UDP " + (address == null ? "*" : address.getHostAddress()) + ":" + port
                    + ": " + e.getMessage());
        }
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
        return sockets.stream().filter(s -> !s.natt()).map(UdpSocket::bound).toList();
    }

    /** The addresses the NAT-T-port sockets are bound to. */
    public List<InetSocketAddress> nattAddresses() {
        return sockets.stream().filter(UdpSocket::natt).map(UdpSocket::bound).toList();
    }

    public java.nio.file.Path controlPath() {
        return control.path();
    }

    public Dataplane dataplane() {
        return dataplane;
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
            if (key.attachment() instanceof UdpSocket s) {
                receive(s);
            } else if (ControlServer.handles(key)) {
                control.ready(key);
            }
        } catch (RuntimeException e) {
            // one misbehaving channel must not stop the daemon
            log.error("dmn", "handling " + key.channel() + " failed: " + e);
            if (!(key.attachment() instanceof UdpSocket)) {
                key.cancel();
                closeQuietly(key.channel());
            }
        }
    }

    private void receive(UdpSocket s) {
        for (int i = 0; i < RECEIVE_BURST; i++) {
            ByteBuffer buf = receiveBuffer.clear();
            SocketAddress from;
            try {
                from = s.channel().receive(buf);
            } catch (IOException e) {
                log.warn("net", "receive on " + str(s.bound()) + " failed: " + e.getMessage());
                return;
            }
            if (from == null) {
                return;
            }
            buf.flip();
            InetSocketAddress remote = (InetSocketAddress) from;
            if (s.natt()) {
                switch (NatTraversal.classify(buf)) {
                    case KEEPALIVE -> {
                        log.trace("net", () -> "NAT-keepalive from " + str(remote));
                        continue;
                    }
                    case INVALID -> {
                        log.debug("net", "dropped a " + buf.remaining() + "-byte datagram from " + str(remote)
                                + " on the NAT-T port: neither IKE nor ESP");
                        continue;
                    }
                    case ESP -> {
                        dataplane.espInUdp(s.bound(), remote, buf);
                        continue;
                    }
                    case IKE -> buf.position(buf.position() + NatTraversal.MARKER_LENGTH);
                }
            }
            byte[] data = new byte[buf.remaining()];
            buf.get(data);
            log.trace("net", () -> "received " + data.length + " bytes from " + str(remote) + " to " + str(s.bound()));
            feed(new Input.Datagram(s.bound(), remote, Bytes.wrap(data), s.natt()));
        }
        // more may be waiting: the selector reports the socket again
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
            case Action.Send s -> send(s);
            case Action.Schedule s -> timers.schedule(s.key(), s.atMillis());
            case Action.Cancel c -> timers.cancel(c.key());
            case Action.InstallChildSa i -> {
                try {
                    dataplane.install(i.sa());
                } catch (RuntimeException e) {
                    log.error("knl", "installing " + i.sa().spis() + " failed: " + e.getMessage());
                }
            }
            case Action.DeleteChildSa d -> {
                try {
                    dataplane.delete(d.sa(), d.reason());
                } catch (RuntimeException e) {
                    log.error("knl", "deleting " + d.sa().spis() + " failed: " + e.getMessage());
                }
            }
            case Action.Report r -> log.event(r.event());
        }
    }

    private void send(Action.Send s) {
        UdpSocket sock = socketFor(s.local(), s.nonEspMarker(), s.remote());
        if (sock == null) {
            log.warn("net", "no socket to send from " + str(s.local()) + " to " + str(s.remote()) + "; dropped");
            return;
        }
        byte[] data = s.data().toByteArray();
        byte[] wire = s.nonEspMarker() ? NatTraversal.withMarker(data) : data;
        try {
            int n = sock.channel().send(ByteBuffer.wrap(wire), s.remote());
            if (n == 0) {
                log.warn("net", "send buffer full: " + wire.length + " bytes to " + s.remote() + " dropped");
            } else {
                log.trace("net", () -> "sent " + wire.length + " bytes from " + str(sock.bound()) + " to " + str(s.remote()));
            }
        } catch (IOException e) {
            log.warn("net", "sending to " + str(s.remote()) + " failed: " + e.getMessage());
        }
    }

    /**
     * The socket to send from: the one bound to exactly {@code local}; else one on its port bound to
     * its address or the wildcard; else one of the right kind (NAT-T when the marker is wanted) and
     * address family.
     */
    private UdpSocket socketFor(InetSocketAddress local, boolean natt, InetSocketAddress remote) {
        if (local != null) {
            for (UdpSocket s : sockets) {
                if (s.bound().equals(local)) {
                    return s;
                }
            }
            for (UdpSocket s : sockets) {
                if (s.bound().getPort() == local.getPort()
                        && (s.bound().getAddress().isAnyLocalAddress() || s.bound().getAddress().equals(local.getAddress()))) {
                    return s;
                }
            }
        }
        boolean v6 = remote.getAddress() instanceof Inet6Address;
        UdpSocket fallback = null;
        for (UdpSocket s : sockets) {
            if (s.natt() != natt) {
                continue;
            }
            InetAddress a = s.bound().getAddress();
            if (a.isAnyLocalAddress() || (a instanceof Inet6Address) == v6) {
                if (local != null && a.equals(local.getAddress())) {
                    return s;
                }
                if (fallback == null) {
                    fallback = s;
                }
            }
        }
        return fallback;
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
        for (UdpSocket s : sockets) {
            closeQuietly(s.channel());
        }
        closeQuietly(selector);
        try {
            dataplane.close();
        } catch (RuntimeException e) {
            log.warn("knl", "closing the dataplane: " + e.getMessage());
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
        reportProblems(log, c);
        configuration = c;
        feed(new Input.Command(new Operator.Reload(c)));
        log.info("cfg", "reloaded: " + c.connections().size() + " connection(s)");
    }

    org.ike4j.daemon.format.DaemonInfo info() {
        List<String> listening = new ArrayList<>();
        for (UdpSocket s : sockets) {
            listening.add(str(s.bound()) + (s.natt() ? " (NAT-T)" : " (IKE)"));
        }
        return new org.ike4j.daemon.format.DaemonInfo(startedAt, Instant.now(), listening,
                control.path().toString(), options.configFiles().stream().map(Object::toString).toList(),
                engineName, dataplane.name(), dataplane.installed().size());
    }
}

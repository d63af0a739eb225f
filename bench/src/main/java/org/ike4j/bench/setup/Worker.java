package org.ike4j.bench.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ike4j.config.Configuration;
import org.ike4j.crypto.Crypto;
import org.ike4j.engine.Action;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.TimerKey;
import org.ike4j.engine.v2.Ikev2Engine;
import org.ike4j.engine.v2.Ikev2Options;
import org.ike4j.wire.Bytes;

/**
 * One source address of the load generator: an {@link Ikev2Engine} on its own thread, with a UDP
 * socket on {@code source:500} and the engine's timers, carrying out its actions as the daemon
 * does (Send, Schedule, Cancel; Child SAs counted, not installed, as {@code --dataplane none}).
 * Each of its connections (slots) loops: {@code Up}, wait for CHILD_SA_ESTABLISHED (one setup
 * done), {@code Down}, wait for the IKE SA's deletion, {@code Up} again.
 */
final class Worker implements Runnable {
    private static final int IKE_PORT = 500;
    /** RFC 3948 / RFC 7296 2.23: after NAT detection (charon with kernel-libipsec always fakes one). */
    private static final int NATT_PORT = 4500;
    /** A slot silent for this long (a lost message beyond the retransmissions) is started afresh. */
    private static final long STUCK_MILLIS = 30_000;

    private final Configuration config;
    private final InetAddress source;
    private final List<String> slots;
    private final AtomicBoolean stop;
    private final Clock clock = Clock.system();
    private final Map<TimerKey, Long> timers = new HashMap<>();
    private final ArrayDeque<Operator> commands = new ArrayDeque<>();
    private final Map<String, Long> startedAt = new HashMap<>();
    private final Map<String, Long> lastProgress = new HashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(65536);
    private Ikev2Engine engine;
    private DatagramChannel channel;
    private DatagramChannel nattChannel;
    private InetSocketAddress local;
    private InetSocketAddress nattLocal;

    private volatile long completed;
    private volatile long failures;
    private volatile long latencyCount;
    private volatile double latencySumMillis;
    private volatile String lastError;

    Worker(Configuration config, InetAddress source, List<String> slots, AtomicBoolean stop) {
        this.config = config;
        this.source = source;
        this.slots = List.copyOf(slots);
        this.stop = stop;
    }

    InetAddress source() {
        return source;
    }

    long completed() {
        return completed;
    }

    long failures() {
        return failures;
    }

    long latencyCount() {
        return latencyCount;
    }

    double latencySumMillis() {
        return latencySumMillis;
    }

    String lastError() {
        return lastError;
    }

    @Override
    public void run() {
        try (Selector selector = Selector.open(); DatagramChannel ch = DatagramChannel.open();
                DatagramChannel natt = DatagramChannel.open()) {
            channel = ch;
            nattChannel = natt;
            local = new InetSocketAddress(source, IKE_PORT);
            nattLocal = new InetSocketAddress(source, NATT_PORT);
            ch.bind(local);
            natt.bind(nattLocal);
            ch.configureBlocking(false);
            natt.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
            natt.register(selector, SelectionKey.OP_READ);
            // retransmissions as the daemon's defaults; the engine's half-open limits do not apply to
            // initiators; no trace text, as the daemon at its default log level
            engine = new Ikev2Engine(config, List.of(source), clock, new SecureRandom(), Crypto.defaults(),
                    Ikev2Options.DEFAULTS.withTrace(() -> false));
            feed(new Input.Command(new Operator.Reload(config)));
            for (String s : slots) {
                commands.add(new Operator.Up(s));
            }
            runCommands();
            while (!stop.get()) {
                long now = clock.nowMillis();
                fireTimers(now);
                unstick(now);
                runCommands();
                long next = timers.values().stream().mapToLong(Long::longValue).min().orElse(now + 1000);
                long wait = Math.max(1, Math.min(next - clock.nowMillis(), 1000));
                selector.select(wait);
                selector.selectedKeys().clear();
                SocketAddress from;
                while ((from = receive(channel)) != null) {
                    byte[] data = new byte[buffer.remaining()];
                    buffer.get(data);
                    feed(new Input.Datagram(local, (InetSocketAddress) from, Bytes.wrap(data), false));
                    runCommands();
                }
                while ((from = receive(nattChannel)) != null) {
                    // IKE behind the four-byte non-ESP marker; anything else (ESP, keepalives) is not ours
                    if (buffer.remaining() > 4 && buffer.getInt() == 0) {
                        byte[] data = new byte[buffer.remaining()];
                        buffer.get(data);
                        feed(new Input.Datagram(nattLocal, (InetSocketAddress) from, Bytes.wrap(data), true));
                        runCommands();
                    }
                }
            }
        } catch (IOException e) {
            lastError = "socket on " + source.getHostAddress() + ": " + e;
            System.err.println("ike-setup-load: " + lastError);
        }
    }

    private SocketAddress receive(DatagramChannel ch) throws IOException {
        buffer.clear();
        SocketAddress from = ch.receive(buffer);
        buffer.flip();
        return from;
    }

    private void fireTimers(long now) {
        for (Iterator<Map.Entry<TimerKey, Long>> it = timers.entrySet().iterator(); it.hasNext();) {
            Map.Entry<TimerKey, Long> e = it.next();
            if (e.getValue() <= now) {
                it.remove();
                feed(new Input.TimerFired(e.getKey()));
                // feed may change the map: start over on the next round
                return;
            }
        }
    }

    /** A slot with no progress for a long time gets a fresh start (its old SA, if any, is taken down). */
    private void unstick(long now) {
        for (String s : slots) {
            Long last = lastProgress.get(s);
            if (last != null && now - last > STUCK_MILLIS) {
                lastError = s + ": no progress for " + STUCK_MILLIS / 1000 + " s, starting again";
                failures++;
                lastProgress.put(s, now);
                commands.add(new Operator.Down(s));
                commands.add(new Operator.Up(s));
            }
        }
    }

    private void runCommands() {
        Operator op;
        while ((op = commands.poll()) != null) {
            if (op instanceof Operator.Up up) {
                startedAt.put(up.connection(), System.nanoTime());
                lastProgress.put(up.connection(), clock.nowMillis());
            }
            feed(new Input.Command(op));
        }
    }

    private void feed(Input input) {
        for (Action a : engine.handle(input)) {
            switch (a) {
                case Action.Send s -> send(s);
                case Action.Schedule s -> timers.put(s.key(), s.atMillis());
                case Action.Cancel c -> timers.remove(c.key());
                case Action.InstallChildSa i -> {
                    // --dataplane none: nothing to install
                }
                case Action.DeleteChildSa d -> {
                }
                case Action.Report r -> event(r.event());
                // the initiator's engine asks for none today; a responder's would run here, in place
                case Action.Compute c -> feed(Input.Computed.run(c));
                case Action.LogKeys k -> {
                    // key logging is off in the load generator: no entries come
                }
            }
        }
    }

    private void send(Action.Send s) {
        try {
            byte[] data = s.data().toByteArray();
            if (s.nonEspMarker()) {
                ByteBuffer b = ByteBuffer.allocate(4 + data.length).putInt(0).put(data).flip();
                nattChannel.send(b, s.remote());
            } else {
                (s.local().getPort() == NATT_PORT ? nattChannel : channel).send(ByteBuffer.wrap(data), s.remote());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void event(Event e) {
        String slot = e.connection();
        if (!slots.contains(slot)) {
            if (e.level() == Event.Level.ERROR) {
                lastError = e.message();
            }
            return;
        }
        switch (e.kind()) {
            case CHILD_SA_ESTABLISHED -> {
                Long t = startedAt.remove(slot);
                if (t != null) {
                    latencySumMillis += (System.nanoTime() - t) / 1e6;
                    latencyCount++;
                }
                completed++;
                lastProgress.put(slot, clock.nowMillis());
                commands.add(new Operator.Down(slot));
            }
            case IKE_SA_DELETED -> {
                lastProgress.put(slot, clock.nowMillis());
                if (!stop.get()) {
                    commands.add(new Operator.Up(slot));
                }
            }
            case NEGOTIATION_FAILED -> {
                failures++;
                lastError = slot + ": " + e.message();
                lastProgress.put(slot, clock.nowMillis());
                // keyingtries=1: the SA is gone; start the slot again
                commands.add(new Operator.Down(slot));
                commands.add(new Operator.Up(slot));
            }
            default -> {
                if (e.level() == Event.Level.ERROR) {
                    lastError = slot + ": " + e.message();
                }
            }
        }
    }
}

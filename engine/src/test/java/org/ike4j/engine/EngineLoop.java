package org.ike4j.engine;

import java.net.InetAddress;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ike4j.wire.Bytes;

/**
 * Engines on an in-memory network, stepped by the test: a fake clock, a queue of datagrams each
 * delivered to the engine owning its destination address (through a filter that may drop,
 * duplicate or change it), timers fired in order as the clock moves on, and what each engine did
 * kept per peer. The IKEv1 and IKEv2 harnesses ({@code v1.Harness}, {@code v2.Harness}) add their
 * engines and configurations; the stepping is this one.
 *
 * <p>The fields are public and mutable because tests in both version packages set them between
 * steps (a filter for one exchange, the clock for a lifetime); this is test scaffolding only.
 */
public abstract class EngineLoop {
    /** The clock every engine on the network reads, in milliseconds. */
    public long now;
    /** Decides what of each datagram arrives: empty to drop, two to duplicate, changed bytes to corrupt. */
    public Function<Action.Send, List<Bytes>> filter = s -> List.of(s.data());
    /** Datagrams handed to an engine so far (duplicates counted, drops not). */
    public int delivered;
    private final Deque<Action.Send> network = new ArrayDeque<>();

    /** The engines on the network, in the order they were added. */
    protected abstract List<? extends Node> nodes();

    /** What the network does to a datagram on its way (a NAT, say): nothing by default. */
    protected Action.Send onTheWay(Action.Send sent) {
        return sent;
    }

    /** One engine and what it did. */
    public abstract class Node {
        public final String name;
        public final InetAddress address;
        public final Map<TimerKey, Long> timers = new HashMap<>();
        public final List<Action> actions = new ArrayList<>();
        public final List<Event> events = new ArrayList<>();
        public final List<ChildSa> installed = new ArrayList<>();
        public final List<ChildSa> deleted = new ArrayList<>();
        /** The DeleteChildSa actions themselves (reason, hold). */
        public final List<Action.DeleteChildSa> deletions = new ArrayList<>();
        public final List<Action.Send> sent = new ArrayList<>();
        /** What the engine handed over for Wireshark's key tables (only with key logging). */
        public final List<KeyLogEntry> keyLog = new ArrayList<>();

        protected Node(String name, InetAddress address) {
            this.name = name;
            this.address = address;
        }

        /** The engine's {@code handle}. */
        protected abstract List<Action> handle(Input in);

        /** The computations one input handed off ({@link Action.Compute}), in order; called once per input. */
        protected abstract void compute(List<Action.Compute> handedOff);

        /** Anything more a harness keeps of an action, after the common bookkeeping. */
        protected void noted(Action action) {
        }

        /** Hands the input to the engine and carries out what it asks: datagrams queued, timers set or cancelled. */
        public void input(Input in) {
            List<Action.Compute> handedOff = new ArrayList<>();
            for (Action a : handle(in)) {
                actions.add(a);
                switch (a) {
                    case Action.Send s -> {
                        sent.add(s);
                        network.add(s);
                    }
                    case Action.Schedule s -> timers.put(s.key(), s.atMillis());
                    case Action.Cancel c -> timers.remove(c.key());
                    case Action.InstallChildSa i -> installed.add(i.sa());
                    case Action.DeleteChildSa d -> {
                        deleted.add(d.sa());
                        deletions.add(d);
                    }
                    case Action.Report r -> events.add(r.event());
                    case Action.LogKeys k -> keyLog.add(k.entry());
                    case Action.Compute c -> handedOff.add(c);
                }
                noted(a);
            }
            compute(handedOff);
        }

        public void command(Operator op) {
            input(new Input.Command(op));
        }

        public List<Event> events(Event.Kind kind) {
            return events.stream().filter(e -> e.kind() == kind).toList();
        }

        public boolean logged(String text) {
            return events.stream().anyMatch(e -> e.message().contains(text));
        }

        /** Every reported event but the traces, one line each, for failure messages. */
        public String log() {
            StringBuilder sb = new StringBuilder();
            for (Event e : events) {
                if (e.level() != Event.Level.TRACE) {
                    sb.append(name).append(": ").append(e.kind()).append(' ').append(e.message()).append('\n');
                }
            }
            return sb.toString();
        }
    }

    /** Delivers datagrams until the network is quiet (no timers fired). */
    public void run() {
        int guard = 0;
        while (!network.isEmpty()) {
            if (++guard > 1000) {
                throw new AssertionError("message loop");
            }
            Action.Send s = onTheWay(network.poll());
            Node to = nodes().stream().filter(p -> p.address.equals(s.remote().getAddress())).findFirst().orElse(null);
            if (to == null) {
                continue;
            }
            for (Bytes b : filter.apply(s)) {
                delivered++;
                to.input(new Input.Datagram(s.remote(), s.local(), b, s.nonEspMarker()));
            }
        }
    }

    /** Moves the clock on, firing due timers in order and delivering what they cause. */
    public void advance(long millis) {
        long end = now + millis;
        while (true) {
            long next = Long.MAX_VALUE;
            Node owner = null;
            TimerKey key = null;
            for (Node p : nodes()) {
                for (var e : p.timers.entrySet()) {
                    if (e.getValue() <= end && e.getValue() < next) {
                        next = e.getValue();
                        owner = p;
                        key = e.getKey();
                    }
                }
            }
            if (owner == null) {
                break;
            }
            now = Math.max(now, next);
            owner.timers.remove(key);
            owner.input(new Input.TimerFired(key));
            run();
        }
        now = end;
    }

    /** A SHA1PRNG seeded with {@code seed} alone: the same seed, the same run. */
    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

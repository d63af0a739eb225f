package org.ike4j.engine.v1;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.ike4j.config.Configuration;
import org.ike4j.config.junos.JunosLoader;
import org.ike4j.config.strongswan.StrongSwanLoader;
import org.ike4j.crypto.Crypto;
import org.ike4j.engine.Action;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.TimerKey;
import org.ike4j.wire.Bytes;

/**
 * Two engines on an in-memory network: a fake clock, seeded randoms, a loop that delivers each
 * Send to the engine owning the destination address (optionally dropped, duplicated or changed by
 * a filter), fires due timers, and keeps what each engine did.
 */
final class Harness {
    long now;
    final List<Peer> peers = new ArrayList<>();
    private final Deque<Action.Send> network = new ArrayDeque<>();
    /** Decides what of each datagram arrives: empty to drop, two to duplicate, changed bytes to corrupt. */
    Function<Action.Send, List<Bytes>> filter = s -> List.of(s.data());
    int delivered;
    /** A NAT in front of one peer, or null. */
    Nat nat;

    /**
     * A source NAT: packets from {@code inside} leave as {@code outside} with port p + 1000;
     * packets to {@code outside} go back to {@code inside}.
     */
    record Nat(InetAddress inside, InetAddress outside) {
        Action.Send translate(Action.Send s) {
            InetSocketAddress local = s.local();
            InetSocketAddress remote = s.remote();
            if (local.getAddress().equals(inside)) {
                local = new InetSocketAddress(outside, local.getPort() + 1000);
            }
            if (remote.getAddress().equals(outside)) {
                remote = new InetSocketAddress(inside, remote.getPort() - 1000);
            }
            return new Action.Send(local, remote, s.data(), s.nonEspMarker());
        }
    }

    /** One engine and what it did. */
    final class Peer {
        final String name;
        final InetAddress address;
        final Ikev1Engine engine;
        final Map<TimerKey, Long> timers = new HashMap<>();
        final List<Action> actions = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        final List<ChildSa> installed = new ArrayList<>();
        final List<ChildSa> deleted = new ArrayList<>();
        /** Of {@link #deleted}, those deleted with the connection held (dpdaction=hold). */
        final List<ChildSa> deletedHeld = new ArrayList<>();
        final List<Action.Send> sent = new ArrayList<>();

        Peer(String name, InetAddress address, Configuration config, long seed, Ikev1Options options) {
            this.name = name;
            this.address = address;
            SecureRandom random;
            try {
                random = SecureRandom.getInstance("SHA1PRNG");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
            random.setSeed(seed);
            this.engine = new Ikev1Engine(config, List.of(address), () -> now, random, Crypto.defaults(), options);
        }

        /** What the engine handed over for Wireshark's key tables (only with key logging). */
        final List<org.ike4j.engine.KeyLogEntry> keyLog = new ArrayList<>();

        void input(Input in) {
            for (Action a : engine.handle(in)) {
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
                        if (d.hold()) {
                            deletedHeld.add(d.sa());
                        }
                    }
                    case Action.Report r -> events.add(r.event());
                    case Action.LogKeys k -> keyLog.add(k.entry());
                    case Action.Compute c -> throw new AssertionError("the IKEv1 engine asks for no computation: " + c);
                }
            }
        }

        void command(Operator op) {
            input(new Input.Command(op));
        }

        List<Event> events(Event.Kind kind) {
            return events.stream().filter(e -> e.kind() == kind).toList();
        }

        String log() {
            StringBuilder sb = new StringBuilder();
            for (Event e : events) {
                if (e.level() != Event.Level.TRACE) {
                    sb.append(name).append(": ").append(e.kind()).append(' ').append(e.message()).append('\n');
                }
            }
            return sb.toString();
        }
    }

    Peer peer(String name, String address, Configuration config, long seed) throws Exception {
        return peer(name, address, config, seed, Ikev1Options.DEFAULTS);
    }

    Peer peer(String name, String address, Configuration config, long seed, Ikev1Options options) throws Exception {
        Peer p = new Peer(name, InetAddress.getByName(address), config, seed, options);
        peers.add(p);
        return p;
    }

    /** Delivers datagrams until the network is quiet (no timers fired). */
    void run() {
        int guard = 0;
        while (!network.isEmpty()) {
            if (++guard > 1000) {
                throw new AssertionError("message loop");
            }
            Action.Send sent = network.poll();
            Action.Send s = nat == null ? sent : nat.translate(sent);
            Peer to = peers.stream().filter(p -> p.address.equals(s.remote().getAddress())).findFirst().orElse(null);
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
    void advance(long millis) {
        long end = now + millis;
        while (true) {
            long next = Long.MAX_VALUE;
            Peer owner = null;
            TimerKey key = null;
            for (Peer p : peers) {
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

    static Path seed(String name) throws Exception {
        return Path.of(Harness.class.getResource("/seed/" + name).toURI());
    }

    /** The seed's strongSwan server (10.80.80.80), from its ipsec.conf and ipsec.secrets. */
    static Configuration strongSwanSeed() throws Exception {
        return new StrongSwanLoader(Set.of(InetAddress.getByName("10.80.80.80"))).load(seed("ipsec.conf"),
                seed("ipsec.secrets"));
    }

    /** The seed's SRX-13 (10.80.80.13), from its Junos configuration. */
    static Configuration junosSeed() throws Exception {
        return new JunosLoader().load(seed("srx-13.conf"));
    }

    static InetSocketAddress at(String a, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(a), port);
    }
}

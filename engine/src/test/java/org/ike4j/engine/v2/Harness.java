package org.ike4j.engine.v2;

import java.net.InetAddress;
import java.nio.file.Files;
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
import org.ike4j.config.strongswan.StrongSwanLoader;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.KeyExchangeSource;
import org.ike4j.engine.Action;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.TimerKey;
import org.ike4j.wire.Bytes;

/**
 * Two IKEv2 engines on an in-memory network: a fake clock, seeded randoms, a loop that delivers
 * each Send to the engine owning the destination address (through a filter that may drop,
 * duplicate or change it), fires due timers, and keeps what each engine did.
 */
final class Harness {
    static final String MOON = "10.1.0.1";
    static final String SUN = "10.2.0.2";

    long now;
    final List<Peer> peers = new ArrayList<>();
    private final Deque<Action.Send> network = new ArrayDeque<>();
    Function<Action.Send, List<Bytes>> filter = s -> List.of(s.data());
    /** Computations ({@link Action.Compute}) wait for {@link Peer#finishComputations} instead of running at once. */
    boolean holdComputations;
    /** Where the next peers' key pairs come from, given their seeded random; null: generated inline. */
    Function<SecureRandom, KeyExchangeSource> keyExchanges;

    final class Peer {
        final String name;
        final InetAddress address;
        final Ikev2Engine engine;
        final Map<TimerKey, Long> timers = new HashMap<>();
        final List<Event> events = new ArrayList<>();
        final List<ChildSa> installed = new ArrayList<>();
        final List<ChildSa> deleted = new ArrayList<>();
        /** The DeleteChildSa actions themselves (reason, hold). */
        final List<Action.DeleteChildSa> deletions = new ArrayList<>();
        final List<Action.Send> sent = new ArrayList<>();

        Peer(String name, InetAddress address, Configuration config, long seed, Ikev2Options options) {
            this.name = name;
            this.address = address;
            SecureRandom random;
            try {
                random = SecureRandom.getInstance("SHA1PRNG");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
            random.setSeed(seed);
            this.engine = keyExchanges == null
                    ? new Ikev2Engine(config, List.of(address), () -> now, random, Crypto.defaults(), options)
                    : new Ikev2Engine(config, List.of(address), () -> now, random, Crypto.defaults(),
                            keyExchanges.apply(random), options);
        }

        final List<org.ike4j.engine.KeyLogEntry> keyLog = new ArrayList<>();

        /** Computations handed off and not yet answered (only while {@link Harness#holdComputations}). */
        final List<Action.Compute> computations = new ArrayList<>();

        void input(Input in) {
            List<Action.Compute> now = new ArrayList<>();
            for (Action a : engine.handle(in)) {
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
                    case Action.Compute c -> (holdComputations ? computations : now).add(c);
                }
            }
            // as a worker would, but at once and in order: the engine stays deterministic
            for (Action.Compute c : now) {
                input(Input.Computed.run(c));
            }
        }

        /** Answers the held computations, in order (or as {@code answer} says). */
        void finishComputations(Function<Action.Compute, Input.Computed> answer) {
            List<Action.Compute> all = List.copyOf(computations);
            computations.clear();
            for (Action.Compute c : all) {
                input(answer.apply(c));
            }
        }

        void command(Operator op) {
            input(new Input.Command(op));
        }

        List<Event> events(Event.Kind kind) {
            return events.stream().filter(e -> e.kind() == kind).toList();
        }

        boolean logged(String text) {
            return events.stream().anyMatch(e -> e.message().contains(text));
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

    Peer peer(String name, String address, Configuration config, long seed, Ikev2Options options) throws Exception {
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
            Action.Send s = network.poll();
            Peer to = peers.stream().filter(p -> p.address.equals(s.remote().getAddress())).findFirst().orElse(null);
            if (to == null) {
                continue;
            }
            for (Bytes b : filter.apply(s)) {
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

    /** One IKEv2 conn {@code c} from {@code local} to {@code remote}, extra ipsec.conf lines, a PSK. */
    static Configuration config(String local, String remote, String psk, String... lines) throws Exception {
        StringBuilder conf = new StringBuilder("conn c\n\tkeyexchange=ikev2\n\tauthby=psk\n\tauto=add\n");
        conf.append("\tleft=").append(local).append("\n\tright=").append(remote).append('\n');
        for (String l : lines) {
            conf.append('\t').append(l).append('\n');
        }
        Path dir = Files.createTempDirectory("ike4j-v2");
        Path c = Files.writeString(dir.resolve("ipsec.conf"), conf);
        Path s = Files.writeString(dir.resolve("ipsec.secrets"), local + " " + remote + " : PSK \"" + psk + "\"\n");
        Configuration cfg = new StrongSwanLoader(Set.of(InetAddress.getByName(local))).load(c, s);
        Files.delete(c);
        Files.delete(s);
        Files.delete(dir);
        if (!cfg.errors().isEmpty() || cfg.connection("c").isEmpty()) {
            throw new AssertionError(cfg.errors() + " " + cfg.notes());
        }
        return cfg;
    }

    /** moon (10.1.0.1) and sun (10.2.0.2), each with its lines; moon initiates in the tests. */
    Peer[] pair(List<String> moon, List<String> sun) throws Exception {
        return pair(moon, sun, "secret", "secret", Ikev2Options.DEFAULTS);
    }

    Peer[] pair(List<String> moon, List<String> sun, String moonPsk, String sunPsk, Ikev2Options sunOptions)
            throws Exception {
        return pair(moon, sun, moonPsk, sunPsk, Ikev2Options.DEFAULTS, sunOptions);
    }

    Peer[] pair(List<String> moon, List<String> sun, String moonPsk, String sunPsk, Ikev2Options moonOptions,
            Ikev2Options sunOptions) throws Exception {
        Peer m = peer("moon", MOON, config(MOON, SUN, moonPsk, moon.toArray(String[]::new)), 11, moonOptions);
        Peer s = peer("sun", SUN, config(SUN, MOON, sunPsk, sun.toArray(String[]::new)), 22, sunOptions);
        return new Peer[] {m, s};
    }

    /** Any ipsec.conf and ipsec.secrets text, for a host with address {@code local}. */
    static Configuration configText(String local, String conf, String secrets) throws Exception {
        Path dir = Files.createTempDirectory("ike4j-v2");
        Path c = Files.writeString(dir.resolve("ipsec.conf"), conf);
        Path s = Files.writeString(dir.resolve("ipsec.secrets"), secrets);
        Configuration cfg = new StrongSwanLoader(Set.of(InetAddress.getByName(local))).load(c, s);
        Files.delete(c);
        Files.delete(s);
        Files.delete(dir);
        if (!cfg.errors().isEmpty()) {
            throw new AssertionError(cfg.errors().toString());
        }
        return cfg;
    }
}

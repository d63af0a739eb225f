package org.ike4j.engine.v2;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.ike4j.config.Configuration;
import org.ike4j.config.strongswan.StrongSwanLoader;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.KeyExchangeSource;
import org.ike4j.engine.Action;
import org.ike4j.engine.EngineLoop;
import org.ike4j.engine.Input;

/**
 * Two IKEv2 engines on an in-memory network ({@link EngineLoop}: a fake clock, seeded randoms, a
 * loop that delivers each Send to the engine owning the destination address through a filter that
 * may drop, duplicate or change it, and fires due timers), the key computations run at once or
 * held for the test, and configurations from ipsec.conf lines.
 */
final class Harness extends EngineLoop {
    static final String MOON = "10.1.0.1";
    static final String SUN = "10.2.0.2";

    final List<Peer> peers = new ArrayList<>();
    /** Computations ({@link Action.Compute}) wait for {@link Peer#finishComputations} instead of running at once. */
    boolean holdComputations;
    /** Where the next peers' key pairs come from, given their seeded random; null: generated inline. */
    Function<SecureRandom, KeyExchangeSource> keyExchanges;

    @Override
    protected List<Peer> nodes() {
        return peers;
    }

    /** One IKEv2 engine and what it did. */
    final class Peer extends Node {
        final Ikev2Engine engine;
        /** Computations handed off and not yet answered (only while {@link Harness#holdComputations}). */
        final List<Action.Compute> computations = new ArrayList<>();

        Peer(String name, InetAddress address, Configuration config, long seed, Ikev2Options options) {
            super(name, address);
            SecureRandom random = seeded(seed);
            this.engine = keyExchanges == null
                    ? new Ikev2Engine(config, List.of(address), () -> now, random, Crypto.defaults(), options)
                    : new Ikev2Engine(config, List.of(address), () -> now, random, Crypto.defaults(),
                            keyExchanges.apply(random), options);
        }

        @Override
        protected List<Action> handle(Input in) {
            return engine.handle(in);
        }

        /** As a worker would, but at once and in order (the engine stays deterministic), unless held. */
        @Override
        protected void compute(List<Action.Compute> handedOff) {
            if (holdComputations) {
                computations.addAll(handedOff);
                return;
            }
            for (Action.Compute c : handedOff) {
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
    }

    Peer peer(String name, String address, Configuration config, long seed, Ikev2Options options) throws Exception {
        Peer p = new Peer(name, InetAddress.getByName(address), config, seed, options);
        peers.add(p);
        return p;
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

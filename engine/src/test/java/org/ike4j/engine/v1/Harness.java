package org.ike4j.engine.v1;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ike4j.config.Configuration;
import org.ike4j.config.junos.JunosLoader;
import org.ike4j.config.strongswan.StrongSwanLoader;
import org.ike4j.crypto.Crypto;
import org.ike4j.engine.Action;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.EngineLoop;
import org.ike4j.engine.Input;

/**
 * Two IKEv1 engines on an in-memory network ({@link EngineLoop}: a fake clock, seeded randoms, a
 * loop that delivers each Send to the engine owning the destination address, optionally dropped,
 * duplicated or changed by a filter, and fires due timers), with a NAT in front of one peer if
 * the test puts one there, and the seed's configurations.
 */
final class Harness extends EngineLoop {
    final List<Peer> peers = new ArrayList<>();
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

    @Override
    protected List<Peer> nodes() {
        return peers;
    }

    @Override
    protected Action.Send onTheWay(Action.Send sent) {
        return nat == null ? sent : nat.translate(sent);
    }

    /** One IKEv1 engine and what it did. */
    final class Peer extends Node {
        final Ikev1Engine engine;
        /** Of {@link #deleted}, those deleted with the connection held (dpdaction=hold). */
        final List<ChildSa> deletedHeld = new ArrayList<>();

        Peer(String name, InetAddress address, Configuration config, long seed, Ikev1Options options) {
            super(name, address);
            this.engine = new Ikev1Engine(config, List.of(address), () -> now, seeded(seed), Crypto.defaults(), options);
        }

        @Override
        protected List<Action> handle(Input in) {
            return engine.handle(in);
        }

        @Override
        protected void compute(List<Action.Compute> handedOff) {
            if (!handedOff.isEmpty()) {
                throw new AssertionError("the IKEv1 engine asks for no computation: " + handedOff.get(0));
            }
        }

        @Override
        protected void noted(Action action) {
            if (action instanceof Action.DeleteChildSa d && d.hold()) {
                deletedHeld.add(d.sa());
            }
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

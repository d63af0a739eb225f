package org.ike4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ike4j.config.Configuration;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.strongswan.StrongSwanLoader;
import org.ike4j.crypto.Crypto;
import org.ike4j.engine.v1.Ikev1Engine;
import org.ike4j.engine.v2.Ikev2Engine;
import org.junit.jupiter.api.Test;

/**
 * ipsec.conf {@code keyexchange=ike} (strongSwan's default): a connection of either version is
 * initiated with IKEv2 and answered in whichever version the peer speaks. Three daemons' engines
 * (a {@link VersionDispatch} in front of both) on an in-memory network
 * ({@link EngineLoop}).
 */
class KeyExchangeIkeTest extends EngineLoop {
    static final String MOON = "10.1.0.1";
    static final String SUN = "10.2.0.2";
    static final String PSK = "keyexchange-ike";

    final List<Host> hosts = new ArrayList<>();

    KeyExchangeIkeTest() {
        now = 1_000;
    }

    @Override
    protected List<Host> nodes() {
        return hosts;
    }

    /** One daemon's engines: IKEv1 and IKEv2 behind a {@link VersionDispatch}. */
    final class Host extends Node {
        final VersionDispatch engine;

        Host(String address, String keyexchange, long seed) throws Exception {
            super(address, InetAddress.getByName(address));
            String peer = address.equals(MOON) ? SUN : MOON;
            Configuration cfg = config(address, peer, keyexchange);
            SecureRandom random = seeded(seed);
            List<InetAddress> locals = List.of(this.address);
            engine = new VersionDispatch(new Ikev1Engine(cfg, locals, () -> now, random, Crypto.defaults()),
                    new Ikev2Engine(cfg, locals, () -> now, random, Crypto.defaults()), Ikev2Engine.TIMER_PREFIX);
            input(new Input.Command(new Operator.Reload(cfg)));
            hosts.add(this);
        }

        @Override
        protected List<Action> handle(Input in) {
            return engine.handle(in);
        }

        /** The daemon runs these on its workers; here they run at once, in order. */
        @Override
        protected void compute(List<Action.Compute> handedOff) {
            for (Action.Compute c : handedOff) {
                input(Input.Computed.run(c));
            }
        }
    }

    static Configuration config(String local, String remote, String keyexchange) throws Exception {
        String conf = "conn c\n" + (keyexchange == null ? "" : "\tkeyexchange=" + keyexchange + "\n")
                + "\tauthby=psk\n\tauto=add\n\tleft=" + local + "\n\tright=" + remote + "\n"
                + "\tike=aes128-sha256-modp2048\n\tesp=aes128-sha256\n";
        Path dir = Files.createTempDirectory("ike4j-kex");
        try {
            Path c = Files.writeString(dir.resolve("ipsec.conf"), conf);
            Path s = Files.writeString(dir.resolve("ipsec.secrets"), local + " " + remote + " : PSK \"" + PSK + "\"\n");
            Configuration cfg = new StrongSwanLoader(Set.of(InetAddress.getByName(local))).load(c, s);
            assertEquals(List.of(), cfg.errors());
            return cfg;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static int version(Action.Send s) {
        return (s.data().get(17) & 0xf0) >> 4;
    }

    @Test
    void theDefaultIsEitherVersion() throws Exception {
        assertEquals(IkeVersion.ANY, config(MOON, SUN, null).connection("c").orElseThrow().ikeVersion());
        assertEquals(IkeVersion.ANY, config(MOON, SUN, "ike").connection("c").orElseThrow().ikeVersion());
    }

    /** Both keyexchange=ike: up initiates IKEv2, and both sides end with one IKEv2 SA and its Child SA. */
    @Test
    void upInitiatesIkev2() throws Exception {
        Host moon = new Host(MOON, "ike", 1);
        Host sun = new Host(SUN, "ike", 2);
        moon.input(new Input.Command(new Operator.Up("c")));
        Action.Send first = moon.sent.getFirst();
        assertEquals(2, version(first), "the first message is IKEv2");
        assertEquals(34, first.data().get(18) & 0xff, "IKE_SA_INIT");
        run();
        for (Host n : List.of(moon, sun)) {
            Snapshot s = n.engine.snapshot();
            assertEquals(1, s.ikeSas().size(), n.log());
            assertEquals(2, s.ikeSas().getFirst().ikeVersion(), n.log());
            assertTrue(s.ikeSas().getFirst().established(), n.log());
            assertEquals(1, s.childSas().size(), n.log());
            assertTrue(n.sent.stream().allMatch(x -> version(x) == 2), "no IKEv1 datagram");
            // the connection is listed once, by the engine that initiates it
            assertEquals(1, s.connections().size(), s.connections().toString());
            assertTrue(s.connections().getFirst().summary().contains("answers IKEv1 and IKEv2"),
                    s.connections().toString());
        }
        assertTrue(moon.engine.snapshot().ikeSas().getFirst().initiator());
        // down reaches the IKEv2 SA: INFORMATIONAL { D(IKE) } and both are empty
        moon.input(new Input.Command(new Operator.Down("c")));
        run();
        assertEquals(List.of(), moon.engine.snapshot().ikeSas(), moon.log());
        assertEquals(List.of(), sun.engine.snapshot().ikeSas(), sun.log());
    }

    /** keyexchange=ike answers an IKEv1 initiator (keyexchange=ikev1) with IKEv1, and down takes that SA down too. */
    @Test
    void answersIkev1() throws Exception {
        Host moon = new Host(MOON, "ikev1", 3);
        Host sun = new Host(SUN, "ike", 4);
        moon.input(new Input.Command(new Operator.Up("c")));
        assertEquals(1, version(moon.sent.getFirst()));
        run();
        Snapshot s = sun.engine.snapshot();
        assertEquals(1, s.ikeSas().size(), sun.log());
        assertEquals(1, s.ikeSas().getFirst().ikeVersion(), sun.log());
        assertTrue(s.ikeSas().getFirst().established(), sun.log() + moon.log());
        assertEquals(1, s.childSas().size(), sun.log() + moon.log());
        sun.input(new Input.Command(new Operator.Down("c")));
        run();
        assertEquals(List.of(), sun.engine.snapshot().ikeSas(), sun.log());
        assertEquals(List.of(), sun.engine.snapshot().childSas(), sun.log());
    }

    /** keyexchange=ike answers an IKEv2 initiator (keyexchange=ikev2). */
    @Test
    void answersIkev2() throws Exception {
        Host moon = new Host(MOON, "ikev2", 5);
        Host sun = new Host(SUN, "ike", 6);
        moon.input(new Input.Command(new Operator.Up("c")));
        run();
        Snapshot s = sun.engine.snapshot();
        assertEquals(1, s.ikeSas().size(), sun.log());
        assertEquals(2, s.ikeSas().getFirst().ikeVersion());
        assertEquals(1, s.childSas().size(), sun.log() + moon.log());
    }

    /** auto=start with keyexchange=ike starts once, with IKEv2 (not once per engine). */
    @Test
    void autoStartInitiatesOnceWithIkev2() throws Exception {
        String text = "conn c\n\tkeyexchange=ike\n\tauthby=psk\n\tauto=start\n\tleft=" + MOON + "\n\tright=" + SUN + "\n";
        Path dir = Files.createTempDirectory("ike4j-kex");
        Path c = Files.writeString(dir.resolve("ipsec.conf"), text);
        Path sec = Files.writeString(dir.resolve("ipsec.secrets"), MOON + " " + SUN + " : PSK \"x\"\n");
        Configuration cfg = new StrongSwanLoader(Set.of(InetAddress.getByName(MOON))).load(c, sec);
        Files.delete(c);
        Files.delete(sec);
        Files.delete(dir);
        Host moon = new Host(MOON, "ike", 7);
        moon.sent.clear();
        moon.input(new Input.Command(new Operator.Reload(cfg)));
        List<Action.Send> sent = moon.sent;
        assertEquals(1, sent.size(), moon.log());
        assertEquals(2, version(sent.getFirst()));
    }
}

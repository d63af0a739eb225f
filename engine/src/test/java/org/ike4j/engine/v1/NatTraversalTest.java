package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.ike4j.engine.Action;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3947 NAT detection: moon (10.1.0.1) behind a NAT that shows it as 192.0.2.1 to sun. */
class NatTraversalTest {
    static final String PUBLIC = "192.0.2.1";

    Harness.Peer[] natPair(Harness h, String... extra) throws Exception {
        List<String> moon = new java.util.ArrayList<>(List.of(extra));
        List<String> sun = new java.util.ArrayList<>(List.of(extra));
        sun.add("rightid=" + Configs.MOON);
        // host-to-host through a NAT would need the peer's private address in the selector; use subnets
        moon.addAll(List.of("leftsubnet=10.1.0.0/24", "rightsubnet=10.2.0.0/24"));
        sun.addAll(List.of("leftsubnet=10.2.0.0/24", "rightsubnet=10.1.0.0/24"));
        var m = h.peer("moon", Configs.MOON, Configs.strongSwan(Configs.MOON, Configs.SUN,
                Configs.psk(Configs.MOON, Configs.SUN, "nat"), moon.toArray(String[]::new)), 31);
        var s = h.peer("sun", Configs.SUN, Configs.strongSwan(Configs.SUN, PUBLIC,
                Configs.psk(Configs.SUN, Configs.MOON, "nat"), sun.toArray(String[]::new)), 32);
        h.nat = new Harness.Nat(InetAddress.getByName(Configs.MOON), InetAddress.getByName(PUBLIC));
        return new Harness.Peer[] {m, s};
    }

    @ParameterizedTest
    @ValueSource(strings = {"aggressive=no", "aggressive=yes"})
    void natIsDetectedAndBothFloatTo4500(String mode) throws Exception {
        Harness h = new Harness();
        var p = natPair(h, mode);
        // ID_PROT { SA, VID(RFC 3947) } -->  <-- { SA, VID }   { KE, Ni, NAT-D, NAT-D } -->  <-- { KE, Nr, NAT-D, NAT-D }
        // then on port 4500 behind the non-ESP marker: ID_PROT* { IDii, HASH_I } -->  <-- ...  QUICK* (UDP_TUNNEL)
        p[0].command(new Operator.Up("c"));
        h.run();
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[0].installed.size(), log);
        assertEquals(1, p[1].installed.size(), log);
        assertTrue(p[0].installed.get(0).udpEncapsulation(), log);
        assertTrue(p[1].installed.get(0).udpEncapsulation(), log);
        NegotiationTest.assertMirrored(p[0].installed.get(0), p[1].installed.get(0));
        Snapshot.IkeSaInfo m = p[0].engine.snapshot().ikeSas().get(0);
        Snapshot.IkeSaInfo s = p[1].engine.snapshot().ikeSas().get(0);
        assertEquals("we are behind a NAT", m.natDetected());
        assertEquals("the peer is behind a NAT", s.natDetected());
        assertEquals(4500, m.local().getPort());
        assertEquals(4500, m.remote().getPort());
        assertEquals(4500, s.local().getPort());
        assertEquals(5500, s.remote().getPort()); // the NAT's mapping of moon's port 4500
        Action.Send last = p[0].sent.get(p[0].sent.size() - 1);
        assertTrue(last.nonEspMarker());
        assertEquals(4500, p[1].installed.get(0).local().getPort());
    }

    @Test
    void keepalivesFromBehindTheNat() throws Exception {
        Harness h = new Harness();
        var p = natPair(h, "aggressive=no"); // keepalive interval: the model's default, 20 s
        p[0].command(new Operator.Up("c"));
        h.run();
        int sent = p[0].sent.size();
        h.advance(61_000);
        List<Action.Send> keepalives = p[0].sent.subList(sent, p[0].sent.size()).stream()
                .filter(s -> s.data().length() == 1).toList();
        assertEquals(3, keepalives.size());
        assertEquals(4500, keepalives.get(0).remote().getPort());
        assertFalse(keepalives.get(0).nonEspMarker());
        // sun takes them quietly
        assertTrue(p[1].events.stream().noneMatch(e -> e.kind() == org.ike4j.engine.Event.Kind.MALFORMED_MESSAGE));
        assertTrue(p[1].sent.stream().noneMatch(s -> s.data().length() == 1)); // not behind a NAT itself
    }

    @Test
    void noNatNoFloat() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals("", p[0].engine.snapshot().ikeSas().get(0).natDetected());
        assertEquals(500, p[0].engine.snapshot().ikeSas().get(0).local().getPort());
        assertFalse(p[0].installed.get(0).udpEncapsulation());
        assertTrue(p[0].sent.stream().noneMatch(Action.Send::nonEspMarker));
    }
}

package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Phase 1 identity types and Quick Mode client IDs beyond IPv4 subnets. */
class IdentityAndSelectorTest {

    @ParameterizedTest
    @CsvSource({
        "10.1.0.1, 10.2.0.2, ID_IPV4_ADDR",
        "@moon.example, @sun.example, ID_FQDN",
        "moon@example.org, sun@example.org, ID_USER_FQDN",
        "@#0a0b0c0d, @#01020304, ID_KEY_ID"})
    void mainModeWithIdentityTypes(String moonId, String sunId, String type) throws Exception {
        Harness h = new Harness();
        // '#' starts a comment in ipsec.secrets: the key ID case uses a PSK for any identities
        String moonSel = moonId.contains("#") ? "" : moonId + " " + sunId + " ";
        String sunSel = sunId.contains("#") ? "" : sunId + " " + moonId + " ";
        var m = h.peer("moon", Configs.MOON, Configs.strongSwan(Configs.MOON, Configs.SUN,
                moonSel + ": PSK \"ids\"", "leftid=\"" + moonId + "\"", "rightid=\"" + sunId + "\""), 41);
        var s = h.peer("sun", Configs.SUN, Configs.strongSwan(Configs.SUN, Configs.MOON,
                sunSel + ": PSK \"ids\"", "leftid=\"" + sunId + "\"", "rightid=\"" + moonId + "\""), 42);
        m.command(new Operator.Up("c"));
        h.run();
        String log = m.log() + s.log();
        assertEquals(1, m.installed.size(), log);
        assertEquals(1, s.installed.size(), log);
        var im = m.engine.snapshot().ikeSas().get(0);
        var is = s.engine.snapshot().ikeSas().get(0);
        assertEquals(is.localId(), im.remoteId());
        assertEquals(im.localId(), is.remoteId());
        assertTrue(m.events.stream().anyMatch(e -> e.kind() == Event.Kind.TRACE && e.message().contains(type)), type);
    }

    @Test
    void wrongPeerIdentityIsRefused() throws Exception {
        Harness h = new Harness();
        var m = h.peer("moon", Configs.MOON, Configs.strongSwan(Configs.MOON, Configs.SUN,
                "@moon.example @sun.example : PSK \"ids\"", "leftid=@moon.example", "rightid=@sun.example"), 43);
        var s = h.peer("sun", Configs.SUN, Configs.strongSwan(Configs.SUN, Configs.MOON,
                "@sun.example @mars.example : PSK \"ids\"", "leftid=@sun.example", "rightid=@mars.example"), 44);
        m.command(new Operator.Up("c"));
        h.run();
        String sun = String.join("\n", s.events(Event.Kind.NEGOTIATION_FAILED).stream().map(Event::message).toList());
        // sun found its PSK by the connection (addresses), moon's identity does not match the configured one
        assertTrue(sun.contains("peer identity ID_FQDN @moon.example does not match the configured @mars.example")
                || sun.contains("probable pre-shared key mismatch"), sun);
        assertEquals(0, s.installed.size());
    }

    @Test
    void ipv6SelectorsInsideIpv4() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("leftsubnet=fd00:1::/64", "rightsubnet=fd00:2::/64"),
                List.of("leftsubnet=fd00:2::/48", "rightsubnet=fd00:1::/48"));
        p[0].command(new Operator.Up("c"));
        h.run();
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[1].installed.size(), log);
        ChildSa b = p[1].installed.get(0);
        assertEquals("fd00:2:0:0:0:0:0:0/64", b.localSelectors().get(0).toString());
        assertEquals("fd00:1:0:0:0:0:0:0/64", b.remoteSelectors().get(0).toString());
    }

    @Test
    void protocolAndPortSelectors() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("leftsubnet=10.1.0.0/16", "rightsubnet=10.2.0.5/32", "leftprotoport=tcp",
                "rightprotoport=tcp/80"), List.of("leftsubnet=10.2.0.0/16", "rightsubnet=10.1.0.0/16"));
        p[0].command(new Operator.Up("c"));
        h.run();
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[1].installed.size(), log);
        ChildSa b = p[1].installed.get(0);
        assertEquals(6, b.localSelectors().get(0).protocol());
        assertEquals(80, b.localSelectors().get(0).portFrom());
        assertEquals(80, b.localSelectors().get(0).portTo());
        assertEquals(6, b.remoteSelectors().get(0).protocol());
    }

    @Test
    void junosInitiatesToStrongSwan() throws Exception {
        Harness h = new Harness();
        var a = h.peer("server", "10.80.80.80", Harness.strongSwanSeed(), 51);
        var b = h.peer("srx-13", "10.80.80.13", Harness.junosSeed(), 52);
        b.command(new Operator.Up("SERVER-BOX"));
        h.run();
        String log = a.log() + b.log();
        assertEquals(1, a.installed.size(), log);
        assertEquals(1, b.installed.size(), log);
        NegotiationTest.assertMirrored(a.installed.get(0), b.installed.get(0));
        // strongSwan's policy (3600 s) is longer than the SRX's offer (1200 s): no RESPONDER-LIFETIME needed
        assertEquals(1200, a.installed.get(0).hardLifetimeSeconds());
        assertEquals("MAIN_R3", a.engine.snapshot().ikeSas().get(0).state());
        assertEquals("MAIN_I4", b.engine.snapshot().ikeSas().get(0).state());
    }
}

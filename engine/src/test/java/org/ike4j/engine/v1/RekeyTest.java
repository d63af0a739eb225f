package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.junit.jupiter.api.Test;

/** IPsec SA lifetimes: rekeyed by the Quick Mode initiator at the soft lifetime, deleted at the hard one. */
class RekeyTest {

    @Test
    void quickModeRekeysAtTheSoftLifetimeAndTheOldPairGoes() throws Exception {
        Harness h = new Harness();
        // lifetime 20 min, margin 5 min: rekey after 15 min
        // either end may renew an IKEv1 pair; sun (rekey=no) leaves it to moon here
        var p = Configs.pair(h, List.of("lifetime=20m", "margintime=5m", "rekeyfuzz=0%"), List.of("lifetime=1h", "rekey=no"));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1200, p[0].installed.get(0).hardLifetimeSeconds());
        assertEquals(900, p[0].installed.get(0).softLifetimeSeconds());
        h.advance(15 * 60_000);
        String log = p[0].log() + p[1].log();
        assertEquals(2, p[0].installed.size(), log);
        assertEquals(2, p[1].installed.size(), log);
        NegotiationTest.assertMirrored(p[0].installed.get(1), p[1].installed.get(1));
        assertNotEquals(p[0].installed.get(0).inboundSpi(), p[0].installed.get(1).inboundSpi());
        assertEquals(1, p[0].events(Event.Kind.CHILD_SA_REKEYED).size(), log);
        // the old pair stays a little, as the peer may still send on it, and is not renewed meanwhile
        assertEquals(List.of(), p[0].deleted, log);
        assertEquals(2, p[0].engine.snapshot().childSas().size());
        h.advance(QuickModeTask.RETIRE_AFTER_MILLIS - 1);
        assertEquals(List.of(), p[0].deleted, log);
        h.advance(1);
        log = p[0].log() + p[1].log();
        assertEquals(2, p[0].installed.size(), log);
        // then deleted on both sides (Delete sent by moon)
        assertEquals(List.of(p[0].installed.get(0)), p[0].deleted);
        assertEquals(1, p[1].deleted.size(), log);
        assertEquals(p[1].installed.get(0).inboundSpi(), p[1].deleted.get(0).inboundSpi());
        assertEquals(1, p[0].engine.snapshot().childSas().size());
        assertEquals(1, p[1].engine.snapshot().childSas().size());
    }

    @Test
    void rekeyFuzzPutsTheSoftLifetimeInsideStrongSwansWindowAndDiffersBetweenSas() throws Exception {
        Harness h = new Harness();
        // lifetime 20 min, margin 5 min, fuzz 100 %: the rekey falls between 10 and 15 min
        var p = Configs.pair(h, List.of("lifetime=20m", "margintime=5m", "rekeyfuzz=100%"), List.of("lifetime=1h", "rekey=no"));
        p[0].command(new Operator.Up("c"));
        h.run();
        // a second IPsec SA of the same connection, through the same ISAKMP SA
        p[0].command(new Operator.Up("c"));
        h.run();
        String log = p[0].log() + p[1].log();
        assertEquals(2, p[0].installed.size(), log);
        long first = p[0].installed.get(0).softLifetimeSeconds();
        long second = p[0].installed.get(1).softLifetimeSeconds();
        for (long soft : List.of(first, second)) {
            assertTrue(soft >= 600 && soft <= 900, "soft lifetime " + soft + " outside [600, 900]");
        }
        assertNotEquals(first, second, "two SAs drew the same fuzz");
        // the rekey timer follows the fuzzed soft lifetime, not lifetime - margin
        h.advance(Math.min(first, second) * 1000 - 1000);
        assertEquals(2, p[0].installed.size(), p[0].log());
        h.advance(Math.max(first, second) * 1000 - Math.min(first, second) * 1000 + 2000);
        assertEquals(4, p[0].installed.size(), p[0].log());
        assertEquals(2, p[0].events(Event.Kind.CHILD_SA_REKEYED).size(), p[0].log());
    }

    @Test
    void rekeyFuzzAlsoMovesTheIsakmpSaRenewal() throws Exception {
        long[] renewals = new long[2];
        for (int run = 0; run < 2; run++) {
            Harness h = new Harness();
            var p = Configs.pair(h, List.of("ikelifetime=20m", "margintime=5m", "rekeyfuzz=100%", "lifetime=1h"),
                    List.of("ikelifetime=1h"), 1000 + run);
            p[0].command(new Operator.Up("c"));
            h.run();
            var ike = p[0].engine.snapshot().ikeSas().get(0);
            renewals[run] = ike.rekeyAtMillis() - ike.establishedAtMillis();
            assertTrue(renewals[run] >= 10 * 60_000 && renewals[run] <= 15 * 60_000,
                    "ISAKMP SA renewal after " + renewals[run] + " ms, outside [10, 15] min");
            // and the renewal happens then, not at lifetime - margin
            h.advance(renewals[run] - 1000);
            assertEquals(0, p[0].events(Event.Kind.IKE_SA_REKEYED).size(), p[0].log());
            h.advance(2000);
            assertEquals(1, p[0].events(Event.Kind.IKE_SA_REKEYED).size(), p[0].log());
        }
        assertNotEquals(renewals[0], renewals[1], "two seeds drew the same fuzz");
    }

    @Test
    void rekeyTimeEdges() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        Ikev1Engine e = p[0].engine;
        // a margin as long as the lifetime: no renewal
        assertEquals(0, e.rekeyTime(600, 600, 100));
        assertEquals(0, e.rekeyTime(600, 900, 0));
        // no fuzz: exactly lifetime - margin
        assertEquals(300, e.rekeyTime(600, 300, 0));
        // a fuzz larger than what is left never reaches 0 (which would mean "never")
        for (int i = 0; i < 200; i++) {
            long t = e.rekeyTime(600, 300, 500);
            assertTrue(t >= 1 && t <= 300, String.valueOf(t));
        }
        // 100 %: every draw inside [lifetime - 2 margin, lifetime - margin], and not all the same
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            long t = e.rekeyTime(3_600_000, 540_000, 100);
            assertTrue(t >= 3_600_000 - 2 * 540_000 && t <= 3_600_000 - 540_000, String.valueOf(t));
            seen.add(t);
        }
        assertTrue(seen.size() > 100, String.valueOf(seen.size()));
    }

    @Test
    void noFuzzMeansExactlyLifetimeMinusMargin() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("lifetime=20m", "margintime=5m", "rekeyfuzz=0%"), List.of("lifetime=1h"));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(900, p[0].installed.get(0).softLifetimeSeconds());
    }

    @Test
    void isakmpSaIsRenewedAndTheIpsecSasMoveToTheNewOne() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("ikelifetime=20m", "margintime=5m", "lifetime=1h"), List.of("ikelifetime=1h"));
        p[0].command(new Operator.Up("c"));
        h.run();
        var first = p[0].engine.snapshot().ikeSas().get(0);
        h.advance(15 * 60_000);
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[0].events(Event.Kind.IKE_SA_REKEYED).size(), log);
        for (Harness.Peer peer : p) {
            var s = peer.engine.snapshot();
            assertEquals(1, s.ikeSas().size(), log);
            assertNotEquals(first.initiatorSpi(), s.ikeSas().get(0).initiatorSpi());
            assertEquals(1, s.childSas().size(), log);
            assertEquals(s.ikeSas().get(0).serial(), s.childSas().get(0).ikeSaSerial());
            assertEquals(0, peer.deleted.size(), log);
            assertEquals(1, peer.installed.size(), log);
        }
        // the IPsec SAs under the new ISAKMP SA still go down with it
        p[0].command(new Operator.Down("c"));
        h.run();
        assertEquals(1, p[1].deleted.size(), p[1].log());
        assertEquals(0, p[1].engine.snapshot().ikeSas().size());
    }

    @Test
    void theResponderDeletesAtTheHardLifetimeWhenNobodyRekeys() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("lifetime=20m", "rekey=no"), List.of("lifetime=1h", "rekey=no"));
        p[0].command(new Operator.Up("c"));
        h.run();
        h.advance(20 * 60_000);
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[0].installed.size(), log);
        assertEquals(1, p[1].deleted.size(), log);
        assertEquals(1, p[0].deleted.size(), log);
        assertEquals(0, p[1].engine.snapshot().childSas().size());
    }

    /**
     * The seed's case in seconds: the initiator offers 1 h, the responder's policy is shorter (the
     * SRX's 1200 s; here 30 s, margin 10 s). The responder renews the pair itself at its soft
     * lifetime, as an initiator would (either end of an IKEv1 Quick Mode may), and the status shows
     * the soft lifetime it scheduled. Stepped second by second over 70 s: neither end is ever
     * without a pair, and the responder has renewed three times.
     */
    @Test
    void theResponderRenewsAtItsOwnSoftLifetime() throws Exception {
        Harness h = new Harness();
        // moon honours RESPONDER-LIFETIME (30 s) but its 9 min margin leaves the renewal to sun
        var p = Configs.pair(h, List.of("lifetime=1h"), List.of("lifetime=30s", "rekeymargin=10s", "rekeyfuzz=0%"));
        p[0].command(new Operator.Up("c"));
        h.run();
        String log = p[0].log() + p[1].log();
        ChildSa first = p[1].installed.get(0);
        assertEquals(30, first.hardLifetimeSeconds(), log);
        assertEquals(20, first.softLifetimeSeconds(), log);
        assertEquals(0, p[0].installed.get(0).softLifetimeSeconds(), log);
        var info = p[1].engine.snapshot().childSas().get(0);
        assertEquals(info.installedAtMillis() + 20_000, info.rekeyAtMillis());
        // the soft lifetime shown is the one scheduled
        assertEquals(info.rekeyAtMillis(), p[1].timers.get(new org.ike4j.engine.TimerKey("rekey",
                "#" + info.ikeSaSerial() + "/child" + info.serial())), p[1].timers.toString());
        java.util.Set<Integer> spis = new java.util.LinkedHashSet<>();
        for (int second = 0; second < 70; second++) {
            h.advance(1000);
            for (Harness.Peer peer : p) {
                // one pair, or two for a few seconds while a replaced one waits for its delete: never none
                int n = peer.engine.snapshot().childSas().size();
                assertTrue(n == 1 || n == 2, "at " + second + " s: " + n + "\n" + p[0].log() + p[1].log());
            }
            var m = p[0].engine.snapshot().childSas().getLast();
            var s = p[1].engine.snapshot().childSas().getLast();
            assertEquals(m.inboundSpi(), s.outboundSpi());
            spis.add(s.inboundSpi());
        }
        log = p[0].log() + p[1].log();
        assertEquals(4, spis.size(), log);
        assertEquals(3, p[1].events(Event.Kind.CHILD_SA_REKEYED).size(), log);
        assertEquals(0, p[0].events(Event.Kind.CHILD_SA_REKEYED).size(), log);
        assertTrue(p[1].log().contains("the peer initiated it, we renew it too"), log);
        assertTrue(p[0].deleted.size() == 3 && p[1].deleted.size() == 3, log);
    }

    /** The responder's renewal proposes the proxy-IDs that were agreed, not its wider configured ones. */
    @Test
    void theResponderRenewsWithTheAgreedNarrowerProxyIds() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("leftsubnet=10.1.1.0/24", "rightsubnet=10.2.2.2/32", "lifetime=1h"),
                List.of("leftsubnet=10.2.0.0/16", "rightsubnet=10.1.0.0/16", "lifetime=30s", "rekeymargin=10s",
                        "rekeyfuzz=0%"));
        p[0].command(new Operator.Up("c"));
        h.run();
        h.advance(25_000);
        String log = p[0].log() + p[1].log();
        assertEquals(2, p[1].installed.size(), log);
        ChildSa renewed = p[1].installed.get(1);
        assertEquals("10.2.2.2/32", renewed.localSelectors().get(0).toString(), log);
        assertEquals("10.1.1.0/24", renewed.remoteSelectors().get(0).toString(), log);
        assertEquals(1, p[0].engine.snapshot().childSas().size(), log);
        assertTrue(p[0].events(Event.Kind.NEGOTIATION_FAILED).isEmpty(), log);
    }

    /**
     * swanctl.conf sets the IKE SA's margin and fuzz apart from the IPsec SAs' (over_time/rand_time of
     * the connection): the ISAKMP SA is renewed by its own, the IPsec SA by the child's.
     */
    @Test
    void theIsakmpSaUsesItsOwnMarginAndFuzz() throws Exception {
        Harness h = new Harness();
        org.ike4j.config.Configuration cfg = Configs.strongSwan(Configs.MOON, Configs.SUN,
                Configs.psk(Configs.MOON, Configs.SUN, "secret"), "ikelifetime=20m", "lifetime=20m", "margintime=5m",
                "rekeyfuzz=0%");
        org.ike4j.config.Connection c = cfg.connection("c").orElseThrow();
        org.ike4j.config.Lifetimes l = c.lifetimes().withIkeRekeyMargin(java.time.Duration.ofMinutes(2))
                .withIkeRekeyFuzzPercent(0);
        org.ike4j.config.Connection c2 = new org.ike4j.config.Connection(c.name(), c.ikeVersion(), c.ikev1Mode(),
                c.local(), c.remote(), c.authMethod(), c.ikeProposals(), c.ikeProposalsStrict(), c.childProposals(),
                c.childProposalsStrict(), l, c.keyingTries(), c.rekey(), c.reauth(), c.dpd(), c.natTraversal(),
                c.forceEncaps(), c.natKeepalive(), c.mobike(), c.startAction(), c.closeAction(), c.binding(),
                c.replayWindow(), c.mode(), c.dfBit());
        var moon = h.peer("moon", Configs.MOON, new org.ike4j.config.Configuration(java.util.Map.of("c", c2),
                cfg.secrets(), cfg.settings(), cfg.locations(), cfg.problems()), 11);
        h.peer("sun", Configs.SUN, Configs.strongSwan(Configs.SUN, Configs.MOON, Configs.psk(Configs.SUN, Configs.MOON,
                "secret"), "ikelifetime=1h", "lifetime=1h", "rekey=no"), 22);
        moon.command(new Operator.Up("c"));
        h.run();
        var ike = moon.engine.snapshot().ikeSas().get(0);
        assertEquals(18 * 60_000, ike.rekeyAtMillis() - ike.establishedAtMillis(), moon.log());
        assertEquals(15 * 60, moon.installed.get(0).softLifetimeSeconds(), moon.log());
    }
}

package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.TimerKey;
import org.junit.jupiter.api.Test;

/**
 * Both peers renew the same IPsec SA at the same moment (an SRX with the same lifetime as the
 * initiator rekeys too): both new pairs come up, one is deleted by a rule both ends apply alike, and
 * neither end is ever without an installed pair.
 */
class RekeyCollisionTest {

    /** Installed and not deleted, by inbound SPI. */
    private static Set<Integer> live(Harness.Peer p) {
        Set<Integer> s = new HashSet<>();
        p.installed.forEach(c -> s.add(c.inboundSpi()));
        p.deleted.forEach(c -> s.remove(c.inboundSpi()));
        return s;
    }

    /** The rekey timer of the engine's only IPsec SA, whoever initiated it (the peer may rekey too). */
    private static TimerKey rekeyTimer(Harness.Peer p) {
        var c = p.engine.snapshot().childSas().get(0);
        return new TimerKey("rekey", "#" + c.ikeSaSerial() + "/child" + c.serial());
    }

    @Test
    void bothEndsRekeyTheSamePairAtOnceAndOneSurvivorRemains() throws Exception {
        for (long seed = 0; seed < 6; seed++) {
            collide(seed);
        }
    }

    private void collide(long seed) throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("lifetime=20m", "margintime=5m", "rekeyfuzz=0%"), List.of("lifetime=20m"),
                100 + seed);
        p[0].command(new Operator.Up("c"));
        h.run();
        ChildSa first = p[0].installed.get(0);
        // never a datagram delivered while either end lacks an installed pair
        List<String> gaps = new ArrayList<>();
        h.filter = s -> {
            for (Harness.Peer peer : p) {
                if (live(peer).isEmpty()) {
                    gaps.add(peer.name + " has no IPsec SA");
                }
            }
            return List.of(s.data());
        };
        // the fake clock reaches the soft lifetime; both ends start their Quick Mode before either sees the other's
        h.now = first.softLifetimeSeconds() * 1000;
        TimerKey moonKey = rekeyTimer(p[0]);
        assertEquals(h.now, p[0].timers.remove(moonKey));
        TimerKey sunKey = rekeyTimer(p[1]);
        p[0].input(new Input.TimerFired(moonKey));
        p[1].input(new Input.TimerFired(sunKey));
        h.run();
        String log = p[0].log() + p[1].log();
        assertEquals(List.of(), gaps, log);
        // both new pairs were installed at both ends (plus the first)
        assertEquals(3, p[0].installed.size(), log);
        assertEquals(3, p[1].installed.size(), log);
        // the replaced first pair waits a little for its delete (the peer may still send on it)
        h.advance(QuickModeTask.RETIRE_AFTER_MILLIS);
        log = p[0].log() + p[1].log();
        // one pair remains, the same one at both ends, and it is not the first
        Set<Integer> moon = live(p[0]);
        Set<Integer> sun = live(p[1]);
        assertEquals(1, moon.size(), log);
        assertEquals(1, sun.size(), log);
        var m = p[0].engine.snapshot().childSas();
        var s = p[1].engine.snapshot().childSas();
        assertEquals(1, m.size(), log);
        assertEquals(1, s.size(), log);
        assertEquals(m.get(0).inboundSpi(), s.get(0).outboundSpi(), log);
        assertEquals(m.get(0).outboundSpi(), s.get(0).inboundSpi(), log);
        assertTrue(m.get(0).inboundSpi() != first.inboundSpi(), log);
        assertTrue(log.contains("rekey collision"), log);
        // the survivor still rekeys later, without another collision
        h.filter = x -> List.of(x.data());
        h.advance(20 * 60_000);
        log = p[0].log() + p[1].log();
        assertEquals(1, p[0].engine.snapshot().childSas().size(), log);
        assertEquals(1, p[1].engine.snapshot().childSas().size(), log);
    }

    @Test
    void bothEndsRenewTheIsakmpSaAtOnce() throws Exception {
        for (long seed = 0; seed < 4; seed++) {
            Harness h = new Harness();
            var p = Configs.pair(h, List.of("ikelifetime=20m", "margintime=5m", "rekeyfuzz=0%", "lifetime=1h"),
                    List.of("ikelifetime=20m"), 200 + seed);
            p[0].command(new Operator.Up("c"));
            h.run();
            var first = p[0].engine.snapshot().ikeSas().get(0);
            h.now = first.rekeyAtMillis();
            TimerKey moonKey = new TimerKey("ike-rekey", "#" + first.serial());
            assertEquals(h.now, p[0].timers.remove(moonKey));
            TimerKey sunKey = new TimerKey("ike-rekey", "#" + p[1].engine.snapshot().ikeSas().get(0).serial());
            p[0].input(new Input.TimerFired(moonKey));
            p[1].input(new Input.TimerFired(sunKey));
            h.run();
            String log = p[0].log() + p[1].log();
            for (Harness.Peer peer : p) {
                var snap = peer.engine.snapshot();
                assertEquals(1, snap.ikeSas().size(), log + snap.ikeSas());
                assertFalse(snap.ikeSas().get(0).initiatorSpi().equals(first.initiatorSpi()), log);
                // the IPsec SA was never touched: it moved to the surviving ISAKMP SA
                assertEquals(1, snap.childSas().size(), log);
                assertEquals(snap.ikeSas().get(0).serial(), snap.childSas().get(0).ikeSaSerial(), log);
                assertEquals(0, peer.deleted.size(), log);
            }
            assertEquals(p[0].engine.snapshot().ikeSas().get(0).initiatorSpi(),
                    p[1].engine.snapshot().ikeSas().get(0).initiatorSpi(), log);
            // and it still carries a Down to the peer
            p[0].command(new Operator.Down("c"));
            h.run();
            assertEquals(1, p[1].deleted.size(), p[1].log());
            assertEquals(0, p[1].engine.snapshot().ikeSas().size(), p[1].log());
        }
    }
}

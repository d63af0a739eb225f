package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.junit.jupiter.api.Test;

/** RFC 3706 between two engines: R-U-THERE answered, a silent peer declared dead and its SAs handled. */
class DeadPeerDetectionTest {

    @Test
    void aLivePeerAnswersAndADeadOneIsCleared() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("dpdaction=clear", "dpddelay=10s", "dpdtimeout=30s"), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[0].installed.size());
        // INFORMATIONAL* { HASH(1), N(R-U-THERE, seq) } -->   <-- { HASH(1), N(R-U-THERE-ACK, seq) }
        h.advance(25_000);
        String log = p[0].log();
        assertTrue(log.contains("DPD: sent R-U-THERE"), log);
        assertTrue(log.contains("the peer is alive"), log);
        assertEquals(List.of(), p[0].events(Event.Kind.PEER_DEAD));
        // sun goes silent
        h.filter = s -> s.local().getAddress().equals(p[1].address) ? List.of() : List.of(s.data());
        h.advance(60_000);
        List<Event> dead = p[0].events(Event.Kind.PEER_DEAD);
        assertEquals(1, dead.size(), p[0].log());
        assertEquals("DPD: no answer from the peer 10.2.0.2 for 30 s; deleting its SAs", dead.get(0).message());
        assertEquals(1, p[0].deleted.size());
        assertEquals(0, p[0].engine.snapshot().ikeSas().size());
        assertTrue(p[0].timers.isEmpty(), p[0].timers.toString());
    }

    @Test
    void restartNegotiatesAgain() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("dpdaction=restart", "dpddelay=10s", "dpdtimeout=30s"), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        h.filter = s -> s.local().getAddress().equals(p[1].address) ? List.of() : List.of(s.data());
        h.advance(45_000);
        assertEquals(1, p[0].events(Event.Kind.PEER_DEAD).size(), p[0].log());
        h.filter = s -> List.of(s.data());
        h.advance(10_000);
        String log = p[0].log() + p[1].log();
        assertEquals(2, p[0].installed.size(), log);
        assertEquals(1, p[0].engine.snapshot().ikeSas().size(), log);
    }

    @Test
    void holdDeletesTheSasKeepsTheConnectionHeldAndUpNegotiatesAgain() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("dpdaction=hold", "dpddelay=10s", "dpdtimeout=30s"), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        assertTrue(!p[0].engine.snapshot().connections().get(0).summary().contains("held"));
        h.filter = s -> s.local().getAddress().equals(p[1].address) ? List.of() : List.of(s.data());
        h.advance(45_000);
        List<Event> dead = p[0].events(Event.Kind.PEER_DEAD);
        assertEquals(1, dead.size(), p[0].log());
        assertTrue(dead.get(0).message().endsWith("the connection is held: up or traffic negotiates again"),
                dead.get(0).message());
        assertEquals(1, p[0].deleted.size());
        assertEquals(0, p[0].engine.snapshot().ikeSas().size());
        String summary = p[0].engine.snapshot().connections().get(0).summary();
        assertTrue(summary.contains("held (dpdaction=hold"), summary);
        // held, not restarted: nothing is sent on its own, however long
        h.filter = s -> List.of(s.data());
        int sent = p[0].sent.size();
        h.advance(600_000);
        assertEquals(sent, p[0].sent.size(), p[0].log());
        // up negotiates again and the hold ends
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(2, p[0].installed.size(), p[0].log());
        assertEquals(1, p[0].engine.snapshot().ikeSas().size());
        summary = p[0].engine.snapshot().connections().get(0).summary();
        assertTrue(!summary.contains("held"), summary);
    }

    @Test
    void clearLeavesNoHold() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("dpdaction=clear", "dpddelay=10s", "dpdtimeout=30s"), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        h.filter = s -> s.local().getAddress().equals(p[1].address) ? List.of() : List.of(s.data());
        h.advance(45_000);
        assertEquals(1, p[0].events(Event.Kind.PEER_DEAD).size(), p[0].log());
        String summary = p[0].engine.snapshot().connections().get(0).summary();
        assertTrue(!summary.contains("held"), summary);
        int sent = p[0].sent.size();
        h.advance(600_000);
        assertEquals(sent, p[0].sent.size(), p[0].log());
    }

    @Test
    void noDpdWithoutTheConnectionAsking() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        int sent = p[0].sent.size();
        h.advance(300_000);
        assertEquals(sent, p[0].sent.size());
    }
}

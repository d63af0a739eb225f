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
    void holdNegotiatesAgainOnTraffic() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("dpdaction=hold", "dpddelay=10s", "dpdtimeout=30s"), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        h.filter = s -> s.local().getAddress().equals(p[1].address) ? List.of() : List.of(s.data());
        h.advance(45_000);
        assertEquals(1, p[0].events(Event.Kind.PEER_DEAD).size(), p[0].log());
        assertEquals(1, p[0].deleted.size(), p[0].log());
        assertEquals(p[0].deleted, p[0].deletedHeld, "the dead peer's SA deleted with the connection held");
        // the peer is back; the dataplane sees traffic for the held connection
        h.filter = s -> List.of(s.data());
        p[0].input(new org.ike4j.engine.Input.Acquire("c"));
        p[0].input(new org.ike4j.engine.Input.Acquire("c"));   // a second packet while it negotiates
        h.run();
        assertEquals(2, p[0].installed.size(), p[0].log());
        assertEquals(1, p[0].engine.snapshot().ikeSas().size(), p[0].log());
        String summary = p[0].engine.snapshot().connections().get(0).summary();
        assertTrue(!summary.contains("held"), summary);
        // no longer held nor routed: more traffic starts nothing
        p[0].command(new Operator.Down("c"));
        h.run();
        assertEquals(2, p[0].deleted.size(), p[0].log());
        assertEquals(1, p[0].deletedHeld.size(), "down deletes without holding");
        p[0].input(new org.ike4j.engine.Input.Acquire("c"));
        h.run();
        assertEquals(2, p[0].installed.size(), p[0].log());
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
        assertEquals(1, p[0].deleted.size(), p[0].log());
        assertTrue(p[0].deletedHeld.isEmpty(), "clear does not hold");
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

    /** The seed's SRX-13 with Junos dead-peer-detection added to its gateway. */
    private static org.ike4j.config.Configuration junosWithDpd(String dpd) throws Exception {
        String text = java.nio.file.Files.readString(Harness.seed("srx-13.conf"));
        assertTrue(text.contains("version v1-only;"));
        text = text.replace("version v1-only;", "version v1-only;\n            dead-peer-detection {\n" + dpd
                + "\n            }");
        java.nio.file.Path f = java.nio.file.Files.createTempFile("srx-13-dpd", ".conf");
        try {
            java.nio.file.Files.writeString(f, text);
            var c = new org.ike4j.config.junos.JunosLoader().load(f);
            assertTrue(c.errors().isEmpty(), c.errors().toString());
            return c;
        } finally {
            java.nio.file.Files.delete(f);
        }
    }

    @Test
    void junosIntervalTimesThresholdIsTheTimeoutAndTheSrxClears() throws Exception {
        Harness h = new Harness();
        Harness.Peer server = h.peer("server", "10.80.80.80", Harness.strongSwanSeed(), 1);
        Harness.Peer srx = h.peer("srx-13", "10.80.80.13",
                junosWithDpd("                always-send;\n                interval 10;\n                threshold 3;"), 2);
        server.command(new Operator.Up("srx-13"));
        h.run();
        assertEquals(1, srx.installed.size(), server.log() + srx.log());
        // the server answers: R-U-THERE every 10 s from the SRX, acknowledged
        h.advance(35_000);
        assertTrue(srx.log().contains("the peer is alive"), srx.log());
        assertEquals(List.of(), srx.events(Event.Kind.PEER_DEAD));
        // the server goes silent: dead after interval x threshold = 30 s without an answer
        h.filter = s -> s.local().getAddress().equals(server.address) ? List.of() : List.of(s.data());
        long silentFrom = h.now;
        h.advance(25_000);
        assertEquals(List.of(), srx.events(Event.Kind.PEER_DEAD), srx.log());
        h.advance(20_000);
        List<Event> dead = srx.events(Event.Kind.PEER_DEAD);
        assertEquals(1, dead.size(), srx.log());
        assertTrue(dead.get(0).message().contains("for 30 s; deleting its SAs"), dead.get(0).message());
        assertTrue(dead.get(0).atMillis() - silentFrom <= 45_000, String.valueOf(dead.get(0).atMillis() - silentFrom));
        assertEquals(1, srx.deleted.size());
        assertEquals(0, srx.engine.snapshot().ikeSas().size());
    }
}

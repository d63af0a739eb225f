package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.junit.jupiter.api.Test;

/**
 * What a liveness check that goes unanswered (RFC 7296 2.4) does under each dpdaction: clear
 * deletes the Child SAs; hold deletes them as a hold (the dataplane keeps the connection trapped)
 * and an acquire then negotiates again; restart negotiates again at once. A Delete that goes
 * unanswered ends the SA without any of these.
 */
class DpdActionTest {

    private static Harness.Peer[] upThenSilence(Harness h, String action) throws Exception {
        var p = h.pair(List.of("dpddelay=10s", "dpdtimeout=30s", "dpdaction=" + action), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[0].installed.size(), p[0].log());
        h.filter = s -> List.of();
        h.advance(45_000);
        assertEquals(1, p[0].events(Event.Kind.PEER_DEAD).size(), p[0].log());
        assertTrue(action.equals("restart") || p[0].engine.snapshot().ikeSas().isEmpty());
        return p;
    }

    @Test
    void clearDeletesWithoutHold() throws Exception {
        Harness h = new Harness();
        var p = upThenSilence(h, "clear");
        assertEquals(1, p[0].deletions.size());
        assertFalse(p[0].deletions.get(0).hold());
        // traffic for it is no reason to negotiate
        int sent = p[0].sent.size();
        p[0].input(new Input.Acquire("c"));
        assertEquals(sent, p[0].sent.size(), p[0].log());
        assertTrue(p[0].logged("ignored: not routed or held"), p[0].log());
    }

    @Test
    void holdKeepsTheConnectionTrappedAndTrafficNegotiatesAgain() throws Exception {
        Harness h = new Harness();
        var p = upThenSilence(h, "hold");
        assertEquals(1, p[0].deletions.size(), p[0].log());
        Action.DeleteChildSa d = p[0].deletions.get(0);
        assertTrue(d.hold(), "deleted as a hold: " + d);
        assertEquals(p[0].installed.get(0), d.sa());
        assertTrue(p[0].logged("dpdaction=hold: c is held"), p[0].log());
        String summary = p[0].engine.snapshot().connections().get(0).summary();
        assertTrue(summary.contains("held (dpdaction=hold"), summary);
        // nothing happens by itself: no restart
        int sent = p[0].sent.size();
        h.advance(120_000);
        assertEquals(sent, p[0].sent.size(), "held, not restarted: " + p[0].log());

        // the peer is back (and has forgotten us); the dataplane reports traffic: negotiate again
        h.filter = s -> List.of(s.data());
        p[1].engine.sas().clear();
        p[0].input(new Input.Acquire("c"));
        h.run();
        assertEquals(2, p[0].installed.size(), p[0].log());
        var sas = p[0].engine.snapshot().ikeSas();
        assertEquals(1, sas.size());
        assertTrue(sas.get(0).established());
        assertFalse(p[0].engine.snapshot().connections().get(0).summary().contains("held"));
        // a second acquire while it is up changes nothing
        sent = p[0].sent.size();
        p[0].input(new Input.Acquire("c"));
        assertEquals(sent, p[0].sent.size());
        // down ends the hold
        p[0].command(new Operator.Down("c"));
        h.run();
        sent = p[0].sent.size();
        p[0].input(new Input.Acquire("c"));
        assertEquals(sent, p[0].sent.size(), "not held after down: " + p[0].log());
    }

    @Test
    void restartNegotiatesAgainAtOnce() throws Exception {
        Harness h = new Harness();
        var p = upThenSilence(h, "restart");
        assertFalse(p[0].deletions.get(0).hold());
        assertTrue(p[0].logged("dpdaction=restart: initiating c again"), p[0].log());
        assertEquals(1, p[0].engine.snapshot().ikeSas().size(), "a new IKE SA under negotiation");
        assertFalse(p[0].engine.snapshot().ikeSas().get(0).established());
    }

    /** An operator down whose Delete goes unanswered removes the SA, and restart does not bring it back. */
    @Test
    void anUnansweredDeleteIsNoDeadPeer() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of("dpddelay=10s", "dpdtimeout=30s", "dpdaction=restart"), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        h.filter = s -> List.of();
        p[0].command(new Operator.Down("c"));
        h.advance(300_000);
        assertTrue(p[0].events(Event.Kind.PEER_DEAD).isEmpty(), p[0].log());
        assertTrue(p[0].logged("the peer did not answer the Delete"), p[0].log());
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty(), p[0].log());
    }
}

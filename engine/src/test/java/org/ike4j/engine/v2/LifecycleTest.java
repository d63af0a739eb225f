package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.junit.jupiter.api.Test;

/** Lifetimes and what happens after them: expiry, reauthentication, dpdaction=restart, delete from either side. */
class LifecycleTest {

    @Test
    void dpdRestartNegotiatesAgainWhenThePeerIsBack() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of("dpddelay=10s", "dpdtimeout=30s", "dpdaction=restart"), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        String first = p[0].engine.snapshot().ikeSas().get(0).initiatorSpi();
        h.filter = s -> List.of();
        h.advance(45_000);
        assertEquals(1, p[0].events(Event.Kind.PEER_DEAD).size(), p[0].log());
        // the peer comes back (and has forgotten us): the restarted negotiation gets through
        h.filter = s -> List.of(s.data());
        p[1].engine.sas().clear();
        h.advance(60_000);
        var sas = p[0].engine.snapshot().ikeSas();
        assertEquals(1, sas.size(), p[0].log());
        assertTrue(sas.get(0).established(), p[0].log());
        assertNotEquals(first, sas.get(0).initiatorSpi());
        assertEquals(2, p[0].installed.size());
    }

    @Test
    void childSaExpiresWithoutRekey() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of("lifetime=60s", "rekey=no"), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        h.advance(61_000);
        assertTrue(p[0].logged("lifetime of 60 s expired"), p[0].log());
        assertTrue(p[0].engine.snapshot().childSas().isEmpty());
        assertTrue(p[1].engine.snapshot().childSas().isEmpty(), p[1].log());
        assertEquals(1, p[1].engine.snapshot().ikeSas().size(), "the IKE SA stays");
    }

    @Test
    void reauthenticationReplacesTheIkeSa() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of("ikelifetime=60s", "rekeymargin=20s", "rekeyfuzz=0%", "reauth=yes"),
                List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        String first = p[0].engine.snapshot().ikeSas().get(0).initiatorSpi();
        h.advance(41_000);
        assertTrue(p[0].logged("reauthenticating"), p[0].log());
        var sas = p[0].engine.snapshot().ikeSas();
        assertEquals(1, sas.size(), p[0].log());
        assertNotEquals(first, sas.get(0).initiatorSpi());
        assertEquals(1, p[1].engine.snapshot().ikeSas().size(), p[1].log());
        assertEquals(1, p[0].engine.snapshot().childSas().size());
        // make-before-break: the new pair was installed before the old one went
        assertEquals(2, p[0].installed.size());
        assertEquals(1, p[0].deleted.size());
        assertEquals(p[0].installed.get(0), p[0].deleted.get(0));
        assertEquals(1, p[1].engine.snapshot().childSas().size());
    }

    @Test
    void rekeyNoRenewsNothing() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of("ikelifetime=60s", "lifetime=600s", "rekeymargin=20s", "rekeyfuzz=0%", "rekey=no"),
                List.of("ikelifetime=600s", "rekey=no"));
        p[0].command(new Operator.Up("c"));
        h.run();
        h.advance(59_000);
        assertEquals(1, p[0].engine.snapshot().ikeSas().size());
        assertEquals(2, p[0].sent.size(), p[0].log() + p[1].log());
        h.advance(2_000);
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty(), p[0].log());
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty(), p[1].log());
    }

    @Test
    void halfOpenLimitPerPeer() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of(), List.of());
        // moon's IKE_AUTH never arrives: each up leaves a half-open SA on sun
        h.filter = s -> s.data().get(18) == 35 ? List.of() : List.of(s.data());
        for (int i = 0; i < 7; i++) {
            p[0].engine.sas().clear();
            p[0].command(new Operator.Up("c"));
            h.run();
        }
        assertEquals(5, p[1].engine.snapshot().ikeSas().size(), p[1].log());
        assertTrue(p[1].logged("half-open IKE SAs with this peer already (limit 5)"), p[1].log());
        h.advance(31_000);
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty(), "half-open SAs time out");
    }

    @Test
    void deleteFromTheResponderSide() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of(), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        p[1].command(new Operator.Down("c"));
        h.run();
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty(), p[0].log());
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty(), p[1].log());
        assertEquals(1, p[0].deleted.size());
        assertEquals(1, p[1].deleted.size());
        assertEquals(1, p[0].events(Event.Kind.IKE_SA_DELETED).size());
    }
}

package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.ike4j.engine.TimerKey;
import org.junit.jupiter.api.Test;

/**
 * CREATE_CHILD_SA between two engines (RFC 7296 1.3):
 * <pre>
 * // CREATE_CHILD_SA SK { N(REKEY_SA), SA, Ni, [KEi], TSi, TSr } -->
 * //                <-- SK { SA, Nr, [KEr], TSi, TSr }
 * // INFORMATIONAL SK { D(ESP, old SPI) } -->  <-- SK { D(ESP, old SPI) }
 * </pre>
 */
class CreateChildSaTest {
    static final List<String> SHORT = List.of("lifetime=60s", "ikelifetime=120s", "rekeymargin=20s", "rekeyfuzz=0%");

    static List<String> lines(List<String> base, String... more) {
        List<String> l = new java.util.ArrayList<>(EstablishTest.NETS_MOON);
        l.addAll(base);
        l.addAll(List.of(more));
        return l;
    }

    static List<String> sunLines(List<String> base, String... more) {
        List<String> l = new java.util.ArrayList<>(EstablishTest.NETS_SUN);
        l.addAll(base);
        l.addAll(List.of(more));
        return l;
    }

    /** The installed pairs of both ends match one to one. */
    static void pairsMatch(Harness.Peer a, Harness.Peer b) {
        List<Snapshot.ChildSaInfo> x = a.engine.snapshot().childSas();
        List<Snapshot.ChildSaInfo> y = b.engine.snapshot().childSas();
        assertEquals(x.size(), y.size(), a.log() + b.log());
        for (Snapshot.ChildSaInfo c : x) {
            assertTrue(y.stream().anyMatch(d -> d.inboundSpi() == c.outboundSpi() && d.outboundSpi() == c.inboundSpi()),
                    c + " has no partner in " + y);
        }
    }

    static ChildSa installedWithSpi(Harness.Peer p, int inbound) {
        return p.installed.stream().filter(s -> s.inboundSpi() == inbound).findFirst().orElseThrow();
    }

    @Test
    void childRekeyWithPfs() throws Exception {
        Harness h = new Harness();
        var p = h.pair(lines(SHORT, "esp=aes128-sha256-modp2048"), sunLines(List.of(), "esp=aes128-sha256-modp2048"));
        p[0].command(new Operator.Up("c"));
        h.run();
        int first = p[0].installed.get(0).inboundSpi();
        h.advance(41_000);
        assertEquals(1, p[0].events(Event.Kind.CHILD_SA_REKEYED).size(), p[0].log() + p[1].log());
        assertEquals(2, p[0].installed.size());
        assertEquals(2, p[1].installed.size());
        ChildSa fresh = p[0].installed.get(1);
        ChildSa peer = installedWithSpi(p[1], fresh.outboundSpi());
        assertArrayEquals(fresh.outboundEncryptionKey().reveal(), peer.inboundEncryptionKey().reveal());
        assertEquals("MODP_2048", p[0].engine.snapshot().childSas().get(0).pfsGroup());
        // the old pair is deleted on both ends once the new one is in place
        assertEquals(first, p[0].deleted.get(0).inboundSpi());
        assertEquals(1, p[1].deleted.size());
        assertEquals(1, p[0].engine.snapshot().childSas().size());
        pairsMatch(p[0], p[1]);
    }

    @Test
    void childRekeyWithoutPfsAndAgain() throws Exception {
        Harness h = new Harness();
        var p = h.pair(lines(SHORT), sunLines(List.of()));
        p[0].command(new Operator.Up("c"));
        h.run();
        h.advance(41_000);
        h.advance(40_000);
        assertEquals(2, p[0].events(Event.Kind.CHILD_SA_REKEYED).size(), p[0].log() + p[1].log());
        assertEquals("", p[0].engine.snapshot().childSas().get(0).pfsGroup());
        assertEquals(1, p[0].engine.snapshot().childSas().size());
        pairsMatch(p[0], p[1]);
    }

    @Test
    void childRekeyCollisionKeepsOnePair() throws Exception {
        Harness h = new Harness();
        var p = h.pair(lines(SHORT), sunLines(SHORT));
        p[0].command(new Operator.Up("c"));
        h.run();
        // both ends' rekey timers fire before either hears the other's request
        for (Harness.Peer peer : p) {
            TimerKey k = peer.timers.keySet().stream().filter(t -> t.purpose().equals("rekey")).findFirst().orElseThrow();
            peer.timers.remove(k);
            peer.input(new Input.TimerFired(k));
        }
        h.run();
        assertTrue(p[0].logged("rekey collision") && p[1].logged("rekey collision"), p[0].log() + p[1].log());
        assertEquals(1, p[0].engine.snapshot().childSas().size(), p[0].log() + p[1].log());
        assertEquals(1, p[1].engine.snapshot().childSas().size(), p[0].log() + p[1].log());
        pairsMatch(p[0], p[1]);
        // the kept pair is one of the two new ones, not the old
        int kept = p[0].engine.snapshot().childSas().get(0).inboundSpi();
        assertNotEquals(p[0].installed.get(0).inboundSpi(), kept);
    }

    @Test
    void ikeRekeyMovesTheChildSas() throws Exception {
        Harness h = new Harness();
        var p = h.pair(lines(List.of("ikelifetime=60s", "lifetime=600s", "rekeymargin=20s", "rekeyfuzz=0%", "reauth=no")),
                sunLines(List.of()));
        p[0].command(new Operator.Up("c"));
        h.run();
        Snapshot.IkeSaInfo before = p[0].engine.snapshot().ikeSas().get(0);
        h.advance(41_000);
        assertEquals(1, p[0].engine.snapshot().ikeSas().size(), p[0].log() + p[1].log());
        assertEquals(1, p[1].engine.snapshot().ikeSas().size(), p[0].log() + p[1].log());
        Snapshot.IkeSaInfo after = p[0].engine.snapshot().ikeSas().get(0);
        Snapshot.IkeSaInfo sunAfter = p[1].engine.snapshot().ikeSas().get(0);
        assertNotEquals(before.initiatorSpi(), after.initiatorSpi());
        assertEquals(after.initiatorSpi(), sunAfter.initiatorSpi());
        assertEquals(after.responderSpi(), sunAfter.responderSpi());
        assertTrue(after.established() && sunAfter.established());
        // the Child SA lives on under the new IKE SA, untouched
        assertEquals(1, p[0].installed.size());
        assertTrue(p[0].deleted.isEmpty() && p[1].deleted.isEmpty(), p[0].log() + p[1].log());
        assertEquals(after.serial(), p[0].engine.snapshot().childSas().get(0).ikeSaSerial());
        // and the new IKE SA works: a liveness-free delete of the child goes through it
        p[0].command(new Operator.Down("c"));
        h.run();
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty(), p[0].log() + p[1].log());
        assertEquals(1, p[1].deleted.size());
    }

    @Test
    void ikeRekeyCollision() throws Exception {
        Harness h = new Harness();
        List<String> life = List.of("ikelifetime=60s", "lifetime=600s", "rekeymargin=20s", "rekeyfuzz=0%", "reauth=no");
        var p = h.pair(lines(life), sunLines(life));
        p[0].command(new Operator.Up("c"));
        h.run();
        for (Harness.Peer peer : p) {
            TimerKey k = peer.timers.keySet().stream().filter(t -> t.purpose().equals("ike-rekey")).findFirst().orElseThrow();
            peer.timers.remove(k);
            peer.input(new Input.TimerFired(k));
        }
        h.run();
        assertTrue(p[0].logged("IKE SA rekey collision") && p[1].logged("IKE SA rekey collision"), p[0].log() + p[1].log());
        assertEquals(1, p[0].engine.snapshot().ikeSas().size(), p[0].log() + p[1].log());
        assertEquals(1, p[1].engine.snapshot().ikeSas().size(), p[0].log() + p[1].log());
        assertEquals(p[0].engine.snapshot().ikeSas().get(0).initiatorSpi(), p[1].engine.snapshot().ikeSas().get(0).initiatorSpi());
        assertEquals(1, p[0].engine.snapshot().childSas().size());
        assertEquals(1, p[1].engine.snapshot().childSas().size());
        p[0].command(new Operator.Down("c"));
        h.run();
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty(), p[0].log() + p[1].log());
    }

    @Test
    void upOnAnEstablishedIkeSaAddsAChildSa() throws Exception {
        Harness h = new Harness();
        var p = h.pair(lines(List.of()), sunLines(List.of()));
        p[0].command(new Operator.Up("c"));
        h.run();
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(2, p[0].engine.snapshot().childSas().size(), p[0].log() + p[1].log());
        pairsMatch(p[0], p[1]);
    }

    @Test
    void pfsGroupMismatchIsRetriedWithThePeersGroup() throws Exception {
        Harness h = new Harness();
        // moon's first PFS group is MODP_2048, sun accepts only ECP_256: INVALID_KE_PAYLOAD, then ECP_256
        var p = h.pair(lines(SHORT, "esp=aes128-sha256-modp2048-ecp256"), sunLines(List.of(), "esp=aes128-sha256-ecp256"));
        p[0].command(new Operator.Up("c"));
        h.run();
        h.advance(41_000);
        assertTrue(p[1].logged("answering INVALID_KE_PAYLOAD"), p[1].log());
        assertTrue(p[0].logged("peer wants PFS group ECP_256"), p[0].log());
        assertEquals(1, p[0].events(Event.Kind.CHILD_SA_REKEYED).size(), p[0].log() + p[1].log());
        assertEquals("ECP_256", p[0].engine.snapshot().childSas().get(0).pfsGroup());
        pairsMatch(p[0], p[1]);
    }

    @Test
    void requestsWaitForTheOneInFlight() throws Exception {
        Harness h = new Harness();
        var p = h.pair(lines(List.of()), sunLines(List.of()));
        p[0].command(new Operator.Up("c"));
        h.run();
        // two more Child SAs asked for at once: the second request waits for the first's answer
        p[0].command(new Operator.Up("c"));
        p[0].command(new Operator.Up("c"));
        int sentBefore = p[0].sent.size();
        h.run();
        assertEquals(3, p[0].engine.snapshot().childSas().size(), p[0].log() + p[1].log());
        pairsMatch(p[0], p[1]);
        assertEquals(sentBefore + 1, p[0].sent.size(), "the queued request went after the answer");
    }

    @Test
    void ikeRekeyMeetingAChildRekeyIsRetried() throws Exception {
        Harness h = new Harness();
        var p = h.pair(lines(List.of("lifetime=60s", "ikelifetime=600s", "rekeymargin=20s", "rekeyfuzz=0%", "reauth=no")),
                sunLines(List.of("ikelifetime=60s", "lifetime=600s", "rekeymargin=20s", "rekeyfuzz=0%", "reauth=no")));
        p[0].command(new Operator.Up("c"));
        h.run();
        // moon rekeys the Child SA while sun rekeys the IKE SA: each answers the other TEMPORARY_FAILURE (2.25)
        TimerKey childRekey = p[0].timers.keySet().stream().filter(t -> t.purpose().equals("rekey")).findFirst().orElseThrow();
        TimerKey ikeRekey = p[1].timers.keySet().stream().filter(t -> t.purpose().equals("ike-rekey")).findFirst().orElseThrow();
        p[0].timers.remove(childRekey);
        p[1].timers.remove(ikeRekey);
        p[0].input(new Input.TimerFired(childRekey));
        p[1].input(new Input.TimerFired(ikeRekey));
        h.run();
        assertTrue(p[0].logged("TEMPORARY_FAILURE") && p[1].logged("TEMPORARY_FAILURE"), p[0].log() + p[1].log());
        // both try again 5 to 10 s later, one after the other
        h.advance(15_000);
        assertEquals(1, p[0].engine.snapshot().ikeSas().size(), p[0].log() + p[1].log());
        assertEquals(1, p[1].engine.snapshot().ikeSas().size(), p[0].log() + p[1].log());
        assertEquals(p[0].engine.snapshot().ikeSas().get(0).initiatorSpi(), p[1].engine.snapshot().ikeSas().get(0).initiatorSpi());
        assertEquals(1, p[0].engine.snapshot().childSas().size(), p[0].log() + p[1].log());
        assertEquals(1, p[0].events(Event.Kind.CHILD_SA_REKEYED).size(), p[0].log() + p[1].log() + p[0].timers + " now " + h.now);
        assertTrue(p[1].events(Event.Kind.IKE_SA_REKEYED).size() >= 1, p[1].log());
        pairsMatch(p[0], p[1]);
    }
}

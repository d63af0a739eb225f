package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.PayloadType;
import org.ike4j.wire.v2.UnknownPayload;
import org.junit.jupiter.api.Test;

/**
 * Message IDs, retransmissions and bad input (RFC 7296 2.1, 2.2, 2.21): a lost response is
 * recovered by the retransmitted request and answered from the stored response, never processed
 * twice; no answer at all gives up after the back-off; a verified request that does not parse is
 * answered and changes nothing; unknown SAs are dropped; IKE fragmentation (RFC 7383); liveness
 * checks (2.4).
 */
class ReliabilityTest {

    @Test
    void lostResponseIsRecoveredFromTheStoredOne() throws Exception {
        Harness h = new Harness();
        var p = h.pair(EstablishTest.NETS_MOON, EstablishTest.NETS_SUN);
        int[] sunSends = {0};
        // drop sun's first IKE_AUTH response (its second datagram)
        h.filter = s -> s.local().getAddress().getHostAddress().equals(Harness.SUN) && ++sunSends[0] == 2
                ? List.of() : List.of(s.data());
        p[0].command(new Operator.Up("c"));
        h.run();
        assertTrue(p[1].events(Event.Kind.IKE_SA_ESTABLISHED).size() == 1 && p[0].installed.isEmpty());
        h.advance(4_000);
        assertTrue(p[1].logged("answering with the stored response"), p[1].log());
        assertEquals(1, p[1].installed.size(), "processed once");
        assertEquals(1, p[0].installed.size(), p[0].log());
        EstablishTest.assertPair(p[0], p[1]);
    }

    @Test
    void noAnswerGivesUpAfterTheBackOff() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of("keyingtries=1"), List.of());
        h.filter = s -> List.of();
        p[0].command(new Operator.Up("c"));
        h.run();
        h.advance(300_000);
        // 4 s, then x1.8: 4 + 7.2 + 12.96 + 23.3 + 42 + 75.6 = about 165 s, 5 retransmissions
        assertEquals(6, p[0].sent.size());
        assertTrue(p[0].logged("no answer from 10.2.0.2 to IKE_SA_INIT after 5 retransmissions"), p[0].log());
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty());
        long lastSend = h.now;
        assertTrue(lastSend >= 165_000);
    }

    @Test
    void duplicatedDatagramsAreHarmless() throws Exception {
        Harness h = new Harness();
        var p = h.pair(EstablishTest.NETS_MOON, EstablishTest.NETS_SUN);
        h.filter = s -> List.of(s.data(), s.data());
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[0].installed.size(), p[0].log() + p[1].log());
        assertEquals(1, p[1].installed.size(), p[0].log() + p[1].log());
        assertEquals(1, p[1].engine.snapshot().ikeSas().size());
        EstablishTest.assertPair(p[0], p[1]);
    }

    @Test
    void unsupportedCriticalPayloadIsAnsweredAndChangesNothing() throws Exception {
        Harness h = new Harness();
        var p = h.pair(EstablishTest.NETS_MOON, EstablishTest.NETS_SUN);
        p[0].command(new Operator.Up("c"));
        h.run();
        IkeSa moon = p[0].engine.sas().get(0);
        IkeSa sun = p[1].engine.sas().get(0);
        long expected = sun.expectedRequestId;
        // a request of moon's, properly protected, whose inner payload is of a critical unknown type
        Ikev2Header hdr = Ikev2Header.of(moon.spiI, moon.spiR, ExchangeType.INFORMATIONAL, Ikev2Header.INITIATOR,
                moon.nextRequestId);
        byte[] bad = moon.protection.protect(hdr, List.of(new UnknownPayload(PayloadType.of(200), true, Bytes.wrap(new byte[4]))));
        List<Action> out = p[1].engine.handle(new Input.Datagram(moon.remote, moon.local, Bytes.wrap(bad), false));
        assertTrue(out.stream().anyMatch(a -> a instanceof Action.Send), out.toString());
        assertTrue(out.stream().anyMatch(a -> a instanceof Action.Report r && r.event().message().contains("invalid payloads")),
                out.toString());
        assertEquals(expected, sun.expectedRequestId, "the request counter did not move");
        assertEquals(1, p[1].engine.snapshot().childSas().size());
        // a corrupted one fails its integrity check and is dropped without an answer
        bad[bad.length - 1] ^= 1;
        out = p[1].engine.handle(new Input.Datagram(moon.remote, moon.local, Bytes.wrap(bad), false));
        assertTrue(out.stream().noneMatch(a -> a instanceof Action.Send), out.toString());
    }

    @Test
    void responsesForUnknownSasAreDropped() throws Exception {
        // (requests are answered with INVALID_IKE_SPI: InvalidIkeSpiTest)
        Harness h = new Harness();
        var p = h.pair(EstablishTest.NETS_MOON, EstablishTest.NETS_SUN);
        p[0].command(new Operator.Up("c"));
        h.run();
        IkeSa moon = p[0].engine.sas().get(0);
        Ikev2Header hdr = Ikev2Header.of(moon.spiI ^ 1, moon.spiR, ExchangeType.INFORMATIONAL,
                Ikev2Header.INITIATOR | Ikev2Header.RESPONSE, 2);
        byte[] msg = moon.protection.protect(hdr, List.of());
        List<Action> out = p[1].engine.handle(new Input.Datagram(moon.remote, moon.local, Bytes.wrap(msg), false));
        assertTrue(out.stream().noneMatch(a -> a instanceof Action.Send));
        assertTrue(out.stream().anyMatch(a -> a instanceof Action.Report r && r.event().message().contains("unknown IKE SA")));
    }

    @Test
    void ikeAuthIsFragmentedWhenTooBig() throws Exception {
        Harness h = new Harness();
        List<String> many = new ArrayList<>(List.of("leftsubnet=" + subnets(1), "rightsubnet=" + subnets(2)));
        List<String> sunMany = new ArrayList<>(List.of("leftsubnet=" + subnets(2), "rightsubnet=" + subnets(1)));
        Harness.Peer m = h.peer("moon", Harness.MOON, Harness.config(Harness.MOON, Harness.SUN, "secret",
                many.toArray(String[]::new)), 11, Ikev2Options.DEFAULTS.withFragmentSize(400));
        Harness.Peer s = h.peer("sun", Harness.SUN, Harness.config(Harness.SUN, Harness.MOON, "secret",
                sunMany.toArray(String[]::new)), 22, Ikev2Options.DEFAULTS.withFragmentSize(400));
        m.command(new Operator.Up("c"));
        h.run();
        assertTrue(m.sent.size() > 2, "IKE_AUTH in fragments: " + m.sent.size());
        assertTrue(m.sent.stream().allMatch(x -> x.data().length() <= 400));
        assertTrue(s.logged("reassembled"), s.log());
        assertTrue(m.logged("reassembled"), m.log());
        EstablishTest.assertPair(m, s);
        assertEquals(20, m.installed.get(0).localSelectors().size());
    }

    private static String subnets(int second) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(i == 0 ? "" : ",").append("10.").append(second).append('.').append(i).append(".0/24");
        }
        return b.toString();
    }

    @Test
    void livenessCheckDeclaresASilentPeerDead() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of("dpddelay=10s", "dpdtimeout=30s", "dpdaction=clear"), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        h.advance(25_000);
        assertTrue(p[0].logged("sending a liveness check"), p[0].log());
        assertTrue(p[0].events(Event.Kind.PEER_DEAD).isEmpty(), "answered while sun lives");
        h.filter = s -> List.of();
        h.advance(60_000);
        assertEquals(1, p[0].events(Event.Kind.PEER_DEAD).size(), p[0].log());
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty());
        assertEquals(1, p[0].deleted.size());
    }

    @Test
    void aReplayedIkeSaInitRequestStartsNothingNew() throws Exception {
        Harness h = new Harness();
        var p = h.pair(EstablishTest.NETS_MOON, EstablishTest.NETS_SUN);
        p[0].command(new Operator.Up("c"));
        h.run();
        Action.Send first = p[0].sent.get(0);
        int sunSent = p[1].sent.size();
        p[1].input(new Input.Datagram(first.remote(), first.local(), first.data(), false));
        h.run();
        assertEquals(1, p[1].engine.snapshot().ikeSas().size(), p[1].log());
        assertEquals(sunSent, p[1].sent.size(), "not answered once IKE_AUTH is done");
        assertTrue(p[1].logged("ignoring an IKE_SA_INIT message"), p[1].log());
    }
}

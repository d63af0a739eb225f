package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;

/** Lost, repeated, corrupted and malformed messages; retransmission and giving up. */
class ReliabilityTest {

    /** Delivery numbers in a plain Main Mode + Quick Mode run: 1 MM1, 2 MM2, ... 6 MM6, 7 QM1, 8 QM2, 9 QM3. */
    static final int MM2 = 2;
    static final int MM5 = 5;
    static final int QM1 = 7;

    static java.util.function.Function<org.ike4j.engine.Action.Send, List<Bytes>> onlyAt(int n,
            java.util.function.Function<Bytes, List<Bytes>> what) {
        int[] count = {0};
        return s -> ++count[0] == n ? what.apply(s.data()) : List.of(s.data());
    }

    static Bytes flipped(Bytes b, int at) {
        byte[] x = b.toByteArray();
        x[at] ^= 0x01;
        return Bytes.wrap(x);
    }

    @Test
    void droppedResponseIsRecoveredByRetransmission() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        h.filter = onlyAt(MM2, b -> List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(0, p[0].installed.size());
        assertEquals(List.of(4000L), List.copyOf(p[0].timers.values()));
        // MM1 again after 4 s; sun answers from its stored MM2 without processing MM1 twice
        h.advance(4000);
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[0].installed.size(), log);
        assertEquals(1, p[1].installed.size(), log);
        assertTrue(log.contains("retransmit 1 of message 00000000 (MAIN_I1)"), log);
        assertTrue(log.contains("received a retransmission of message 00000000, answering with the stored response"), log);
        assertEquals(1, p[1].engine.snapshot().ikeSas().size());
    }

    @Test
    void duplicateRequestIsAnsweredFromTheStoredResponse() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        h.filter = onlyAt(QM1, b -> List.of(b, b));
        p[0].command(new Operator.Up("c"));
        h.run();
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[0].installed.size(), log);
        assertEquals(1, p[1].installed.size(), log);
        assertEquals(List.of(), p[1].events(Event.Kind.NEGOTIATION_FAILED), log);
        assertEquals(List.of(), p[0].events(Event.Kind.NEGOTIATION_FAILED), log);
        assertTrue(p[1].log().contains("answering with the stored response"), log);
        // sun sent QM2 twice, the second a copy of the first
        var sunSent = p[1].sent;
        assertEquals(sunSent.get(sunSent.size() - 1).data(), sunSent.get(sunSent.size() - 2).data());
        // no retransmission pending on either side
        assertTrue(p[0].timers.keySet().stream().noneMatch(k -> k.purpose().equals("retransmit"))
                && p[1].timers.keySet().stream().noneMatch(k -> k.purpose().equals("retransmit")),
                p[0].timers + " " + p[1].timers);
    }

    @Test
    void keyingTriesGiveUp() throws Exception {
        Harness h = new Harness();
        var a = h.peer("server", "10.80.80.80", Harness.strongSwanSeed(), 1);
        h.filter = s -> List.of(); // the SRX never answers
        a.command(new Operator.Up("srx-13"));
        h.run();
        h.advance(200_000);
        String log = a.log();
        // timeouts 4 s, then x1.8: 4 + 7.2 + 13 + 23.3 + 42 + 75.6 = 165 s; 1 send + 5 retransmits
        assertEquals(6, a.sent.size(), log);
        List<Event> failed = a.events(Event.Kind.NEGOTIATION_FAILED);
        assertEquals(1, failed.size(), log);
        assertEquals("giving up: no answer from the peer 10.80.80.13 after 6 tries (MAIN_I1)", failed.get(0).message());
        assertEquals(0, a.engine.snapshot().ikeSas().size());
        assertTrue(a.timers.isEmpty());
    }

    @Test
    void keyingTriesStartAgain() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("keyingtries=2"), List.of());
        h.filter = s -> List.of();
        p[0].command(new Operator.Up("c"));
        h.run();
        h.advance(1_000_000);
        List<Event> failed = p[0].events(Event.Kind.NEGOTIATION_FAILED);
        assertEquals(2, failed.size(), p[0].log());
        assertTrue(failed.get(0).message().endsWith("starting keying try again (1 left)"), failed.get(0).message());
        assertEquals(12, p[0].sent.size());
        assertEquals(0, p[0].engine.snapshot().ikeSas().size());
    }

    @Test
    void corruptedQuickModeLeavesStateAndTheRetransmissionSucceeds() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        h.filter = onlyAt(QM1, b -> List.of(flipped(b, b.length() - 20)));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(0, p[1].installed.size());
        assertEquals(1, p[1].events(Event.Kind.NEGOTIATION_FAILED).size(), p[1].log());
        Snapshot before = p[1].engine.snapshot();
        assertEquals(0, before.childSas().size());
        h.advance(4000);
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[0].installed.size(), log);
        assertEquals(1, p[1].installed.size(), log);
        NegotiationTest.assertMirrored(p[0].installed.get(0), p[1].installed.get(0));
    }

    @Test
    void corruptedMainMode5LeavesTheResponderAsItWas() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        h.filter = onlyAt(MM5, b -> List.of(flipped(b, 40)));
        p[0].command(new Operator.Up("c"));
        h.run();
        Snapshot.IkeSaInfo s = p[1].engine.snapshot().ikeSas().get(0);
        assertEquals("MAIN_R2", s.state());
        assertTrue(p[1].events(Event.Kind.NEGOTIATION_FAILED).get(0).message().contains("probable pre-shared key mismatch"));
    }

    @Test
    void forgedOrCorruptedDeleteIsIgnored() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        Snapshot before = p[1].engine.snapshot();
        // every byte of moon's deletes arrives changed in its last block
        h.filter = s -> List.of(flipped(s.data(), s.data().length() - 3));
        p[0].command(new Operator.Down("c"));
        h.run();
        assertEquals(0, p[1].deleted.size(), p[1].log());
        Snapshot after = p[1].engine.snapshot();
        assertEquals(before.ikeSas().get(0).state(), after.ikeSas().get(0).state());
        assertEquals(before.childSas(), after.childSas());
    }

    @Test
    void malformedMessagesChangeNothing() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        Snapshot before = p[1].engine.snapshot();
        byte[] qm3 = p[0].sent.get(p[0].sent.size() - 1).data().toByteArray();
        int sent = p[1].sent.size();
        // the header's length says more than the datagram holds
        byte[] longer = qm3.clone();
        longer[27] = (byte) (longer[27] + 8);
        // too short for a header
        byte[] stub = java.util.Arrays.copyOf(qm3, 20);
        for (byte[] bad : List.of(longer, stub)) {
            p[1].input(new Input.Datagram(Harness.at(Configs.SUN, 500), Harness.at(Configs.MOON, 500), Bytes.wrap(bad), false));
        }
        List<Event> malformed = p[1].events(Event.Kind.MALFORMED_MESSAGE);
        assertEquals(2, malformed.size(), p[1].log());
        assertTrue(malformed.get(0).message().contains("at offset 24, ISAKMP Header.length"), malformed.get(0).message());
        assertEquals(sent, p[1].sent.size()); // no answer once keys exist
        Snapshot after = p[1].engine.snapshot();
        assertEquals(before.ikeSas(), after.ikeSas());
        assertEquals(before.childSas(), after.childSas());
    }

    @Test
    void malformedFirstMessageIsAnsweredAndCreatesNoSa() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        h.filter = s -> List.of();
        p[0].command(new Operator.Up("c"));
        h.run();
        byte[] mm1 = p[0].sent.get(0).data().toByteArray();
        // the SA payload's length runs past the message
        mm1[28 + 3] = (byte) 0xff;
        p[1].input(new Input.Datagram(Harness.at(Configs.SUN, 500), Harness.at(Configs.MOON, 500), Bytes.wrap(mm1), false));
        assertEquals(1, p[1].events(Event.Kind.MALFORMED_MESSAGE).size(), p[1].log());
        assertEquals(0, p[1].engine.snapshot().ikeSas().size());
    }

    @Test
    void halfOpenLimitPerPeer() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of(), "secret", "secret", Ikev1Options.DEFAULTS.withHalfOpenPerPeer(1));
        // sun's answers get lost: its SA stays half-open
        h.filter = s -> s.local().getAddress().equals(p[1].address) ? List.of() : List.of(s.data());
        p[0].command(new Operator.Up("c"));
        h.run();
        p[0].command(new Operator.Down("c"));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[1].engine.snapshot().ikeSas().size());
        assertTrue(p[1].log().contains("half-open ISAKMP SAs with this peer already (limit 1)"), p[1].log());
    }

    @Test
    void keysAreTracedOnlyWithKeyLogging() throws Exception {
        for (boolean on : new boolean[] {false, true}) {
            Harness h = new Harness();
            var m = h.peer("moon", Configs.MOON, Configs.strongSwan(Configs.MOON, Configs.SUN,
                    Configs.psk(Configs.MOON, Configs.SUN, "s")), 1, Ikev1Options.DEFAULTS.withKeyLogging(on));
            h.peer("sun", Configs.SUN, Configs.strongSwan(Configs.SUN, Configs.MOON, Configs.psk(Configs.SUN, Configs.MOON, "s")), 2);
            m.command(new Operator.Up("c"));
            h.run();
            assertEquals(1, m.installed.size());
            String hex = Bytes.wrap(m.installed.get(0).inboundEncryptionKey().reveal()).hex();
            boolean traced = m.events.stream().anyMatch(e -> e.message().contains(hex));
            assertEquals(on, traced);
            assertTrue(m.events.stream().anyMatch(e -> e.kind() == Event.Kind.TRACE && e.message().contains("HASH(1)")));
            assertTrue(m.events.stream().anyMatch(e -> e.kind() == Event.Kind.TRACE && e.message().contains("ISAKMP Nonce Payload")));
        }
    }
}

package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Mutated copies of every message of a real exchange, fed to both engines at every stage: no
 * internal error, and an established pair stays as it was.
 */
class RobustnessTest {

    @Test
    void mutatedMessagesNeverBreakTheEngine() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("esp=aes128-sha1-modp2048"), List.of("esp=aes128-sha1-modp2048"));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[1].installed.size());
        Snapshot before0 = p[0].engine.snapshot();
        Snapshot before1 = p[1].engine.snapshot();
        List<org.ike4j.engine.Action.Send> all = new java.util.ArrayList<>(p[0].sent);
        all.addAll(p[1].sent);
        Random r = new Random(7);
        for (int i = 0; i < 3000; i++) {
            var s = all.get(r.nextInt(all.size()));
            byte[] b = s.data().toByteArray();
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits; e++) {
                switch (r.nextInt(3)) {
                    case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    case 1 -> b[28 + r.nextInt(Math.max(1, b.length - 28))] = (byte) r.nextInt(256);
                    default -> b = java.util.Arrays.copyOf(b, Math.max(1, b.length - 1 - r.nextInt(16)));
                }
            }
            Harness.Peer to = s.remote().getAddress().equals(p[0].address) ? p[0] : p[1];
            to.input(new Input.Datagram(s.remote(), s.local(), Bytes.wrap(b), false));
        }
        for (Harness.Peer peer : p) {
            assertTrue(peer.events.stream().noneMatch(e -> e.message().startsWith("internal error")),
                    peer.events.stream().filter(e -> e.message().startsWith("internal error")).map(Event::message)
                            .findFirst().orElse(""));
            assertEquals(0, peer.deleted.size());
        }
        assertEquals(before0.ikeSas().get(0).state(), p[0].engine.snapshot().ikeSas().get(0).state());
        assertEquals(before1.childSas(), p[1].engine.snapshot().childSas());
        assertEquals(before0.childSas(), p[0].engine.snapshot().childSas());
    }

    @Test
    void aReplayedFirstMessageFromAnotherPortStartsNothing() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        var mm1 = p[0].sent.get(0);
        List<String> before = p[1].engine.snapshot().ikeSas().stream().map(x -> x.initiatorSpi() + "/" + x.responderSpi())
                .toList();
        int sent = p[1].sent.size();
        var otherPort = new java.net.InetSocketAddress(mm1.local().getAddress(), 40500);
        p[1].input(new Input.Datagram(mm1.remote(), otherPort, mm1.data(), false));
        assertEquals(before, p[1].engine.snapshot().ikeSas().stream().map(x -> x.initiatorSpi() + "/" + x.responderSpi())
                .toList());
        assertEquals(sent, p[1].sent.size());
        assertTrue(p[1].events.stream().anyMatch(e -> e.message().contains("replayed or retransmitted")));
    }
}

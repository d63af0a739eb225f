package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.junit.jupiter.api.Test;

/** IPsec SA lifetimes: rekeyed by the Quick Mode initiator at the soft lifetime, deleted at the hard one. */
class RekeyTest {

    @Test
    void quickModeRekeysAtTheSoftLifetimeAndTheOldPairGoes() throws Exception {
        Harness h = new Harness();
        // lifetime 20 min, margin 5 min: rekey after 15 min
        var p = Configs.pair(h, List.of("lifetime=20m", "margintime=5m", "rekeyfuzz=0%"), List.of("lifetime=1h"));
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
        // the old pair deleted on both sides (Delete sent by moon)
        assertEquals(List.of(p[0].installed.get(0)), p[0].deleted);
        assertEquals(1, p[1].deleted.size(), log);
        assertEquals(p[1].installed.get(0).inboundSpi(), p[1].deleted.get(0).inboundSpi());
        assertEquals(1, p[0].engine.snapshot().childSas().size());
        assertEquals(1, p[1].engine.snapshot().childSas().size());
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
        var p = Configs.pair(h, List.of("lifetime=20m", "rekey=no"), List.of("lifetime=1h"));
        p[0].command(new Operator.Up("c"));
        h.run();
        h.advance(20 * 60_000);
        String log = p[0].log() + p[1].log();
        assertEquals(1, p[0].installed.size(), log);
        assertEquals(1, p[1].deleted.size(), log);
        assertEquals(1, p[0].deleted.size(), log);
        assertEquals(0, p[1].engine.snapshot().childSas().size());
    }
}

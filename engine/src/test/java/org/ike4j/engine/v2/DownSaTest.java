package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * strongSwan's {@code ipsec down NAME{N}} for IKEv2: INFORMATIONAL { D(ESP, that Child SA's
 * inbound SPI) } (RFC 7296 1.4.1), answered with the peer's; the IKE SA and the other Child SA
 * stay on both sides. {@code NAME[N]} deletes one IKE SA with its Child SAs.
 */
class DownSaTest {

    @Test
    void oneChildSaGoesAlone() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of(), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        p[0].command(new Operator.Up("c"));   // CREATE_CHILD_SA: a second Child SA
        h.run();
        List<Snapshot.ChildSaInfo> children = p[0].engine.snapshot().childSas();
        assertEquals(2, children.size(), p[0].log());
        Snapshot.ChildSaInfo gone = children.get(0);
        Snapshot.ChildSaInfo kept = children.get(1);
        IkeSa moon = p[0].engine.sas().get(0);
        long mid = moon.nextRequestId;

        p[0].command(new Operator.DownSa("c", gone.serial(), true));
        assertTrue(p[0].logged("deleting CHILD_SA c{" + gone.serial() + "}"), p[0].log());
        h.run();
        assertEquals(mid + 1, moon.nextRequestId, "one INFORMATIONAL exchange");
        assertEquals(List.of(kept.inboundSpi()), p[0].engine.snapshot().childSas().stream()
                .map(Snapshot.ChildSaInfo::inboundSpi).toList(), p[0].log());
        assertEquals(List.of(kept.outboundSpi()), p[1].engine.snapshot().childSas().stream()
                .map(Snapshot.ChildSaInfo::inboundSpi).toList(), p[1].log());
        assertEquals(1, p[0].deleted.size());
        assertEquals(gone.inboundSpi(), p[0].deleted.get(0).inboundSpi());
        assertEquals(1, p[1].deleted.size());
        assertEquals(gone.outboundSpi(), p[1].deleted.get(0).inboundSpi());
        assertTrue(p[0].engine.sas().get(0).established, "the IKE SA stays");
        assertEquals(1, p[1].engine.sas().size());

        p[0].command(new Operator.DownSa("c", 4242, true));
        assertTrue(p[0].logged("no CHILD_SA c{4242} to take down"), p[0].log());
        assertEquals(1, p[0].engine.snapshot().childSas().size());

        int ike = p[0].engine.snapshot().ikeSas().get(0).serial();
        p[0].command(new Operator.DownSa("c", ike, false));
        h.run();
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty(), p[0].log());
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty() && p[1].engine.snapshot().childSas().isEmpty(), p[1].log());
    }

    /** The responder may take down a Child SA the initiator made: the Delete goes the other way. */
    @Test
    void theResponderDeletesOne() throws Exception {
        Harness h = new Harness();
        var p = h.pair(List.of(), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        Snapshot.ChildSaInfo only = p[1].engine.snapshot().childSas().get(0);
        p[1].command(new Operator.DownSa("c", only.serial(), true));
        h.run();
        assertTrue(p[0].engine.snapshot().childSas().isEmpty(), p[0].log());
        assertTrue(p[1].engine.snapshot().childSas().isEmpty(), p[1].log());
        assertEquals(1, p[0].engine.snapshot().ikeSas().size());
        assertTrue(p[0].logged("deleted by the peer"), p[0].log());
    }
}

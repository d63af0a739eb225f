package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * strongSwan's {@code ipsec down NAME{N}} for IKEv1: one IPsec SA pair goes with an ESP Delete
 * for it alone (RFC 2408 3.15), the ISAKMP SA and the other pair stay, on both sides;
 * {@code NAME[N]} takes one ISAKMP SA with its IPsec SAs.
 */
class DownSaTest {

    @Test
    void oneIpsecSaGoesAlone() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        p[0].command(new Operator.Up("c"));   // a second Quick Mode under the same ISAKMP SA
        h.run();
        List<Snapshot.ChildSaInfo> children = p[0].engine.snapshot().childSas();
        assertEquals(2, children.size(), p[0].log());
        assertEquals(2, p[1].engine.snapshot().childSas().size());
        Snapshot.ChildSaInfo gone = children.get(0);
        Snapshot.ChildSaInfo kept = children.get(1);

        // INFORMATIONAL* { HASH(1), D(ESP, gone's inbound SPI) } -->
        p[0].command(new Operator.DownSa("c", gone.serial(), true));
        h.run();
        assertEquals(List.of(kept.inboundSpi()), p[0].engine.snapshot().childSas().stream()
                .map(Snapshot.ChildSaInfo::inboundSpi).toList(), p[0].log());
        assertEquals(1, p[0].deleted.size());
        assertEquals(gone.inboundSpi(), p[0].deleted.get(0).inboundSpi());
        // sun deleted the same pair: its inbound SPI is our outbound one
        assertEquals(List.of(kept.outboundSpi()), p[1].engine.snapshot().childSas().stream()
                .map(Snapshot.ChildSaInfo::inboundSpi).toList(), p[1].log());
        assertEquals(1, p[0].engine.snapshot().ikeSas().size(), "the ISAKMP SA stays");
        assertEquals(1, p[1].engine.snapshot().ikeSas().size());

        // an id it has no IPsec SA with: said so, nothing changes
        p[0].command(new Operator.DownSa("c", 9999, true));
        assertTrue(p[0].log().contains("no IPsec SA c{9999} to take down"), p[0].log());
        assertEquals(1, p[0].engine.snapshot().childSas().size());

        // NAME[N]: the ISAKMP SA and its IPsec SA
        int isakmp = p[0].engine.snapshot().ikeSas().get(0).serial();
        p[0].command(new Operator.DownSa("c", isakmp, false));
        h.run();
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty() && p[0].engine.snapshot().childSas().isEmpty(), p[0].log());
        assertTrue(p[1].engine.snapshot().childSas().isEmpty(), p[1].log());
        assertEquals(2, p[0].events(Event.Kind.CHILD_SA_DELETED).size(), p[0].log());
    }
}

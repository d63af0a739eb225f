package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.ike4j.testkit.CommandResult;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.Interop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * strongSwan's {@code ipsec down NAME{N}} and {@code NAME[N]} on ike4j's command line, against
 * charon 5.9.8 over IKEv2: with two Child SAs under one IKE SA, {@code ike4j down charon{N}}
 * deletes that Child SA alone (INFORMATIONAL { D(ESP) }) and charon keeps the other and the IKE
 * SA; {@code ike4j down charon[M]} then deletes the IKE SA.
 */
@Interop(strongSwan = true)
class DownChildSaInteropTest {
    private static final String CONN = Ikev2CharonTest.CONN;

    @Test
    void oneChildSaThenTheIkeSa(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Ikev2CharonTest.charonConf("aes128-sha256-x25519", "aes128-sha256", c -> c));
            lab.startIke4j(Ikev2CharonTest.ike4jConf(lab, "ike=aes128-sha256-x25519", "esp=aes128-sha256"));
            assertEquals(Boolean.TRUE, lab.ike4j.call("up", false, CONN).get("ok"));
            lab.ike4j.await("one Child SA", Ikev2CharonTest.ESTABLISH, st -> st.installed(CONN).size() == 1);
            // a second Child SA under the same IKE SA (CREATE_CHILD_SA)
            assertEquals(Boolean.TRUE, lab.ike4j.call("up", false, CONN).get("ok"));
            Ike4jStatus s = lab.ike4j.await("two Child SAs", Ikev2CharonTest.ESTABLISH, st -> st.installed(CONN).size() == 2);
            IkeSa c = lab.charon.swanctl().awaitIkeSa("two Child SAs", Ikev2CharonTest.ESTABLISH,
                    sa -> sa.children().size() == 2);
            Map<String, Object> gone = s.installed(CONN).get(0);
            Map<String, Object> kept = s.installed(CONN).get(1);
            long serial = Ike4jStatus.num(gone.get("serial"));
            long ike = Ike4jStatus.num(s.established(CONN).get(0).get("serial"));

            CommandResult r = lab.ike4j.cli("down", CONN + "{" + serial + "}");
            assertTrue(r.ok(), r.describe());
            assertTrue(r.stdout().contains("deleting CHILD_SA " + CONN + "{" + serial + "}"), r.describe());
            s = lab.ike4j.await("one Child SA left", Ikev2CharonTest.ESTABLISH, st -> st.installed(CONN).size() == 1);
            assertEquals(Ike4jStatus.str(kept, "inboundSpi"), Ike4jStatus.str(s.installed(CONN).get(0), "inboundSpi"));
            IkeSa after = lab.charon.swanctl().awaitIkeSa("one Child SA left", Ikev2CharonTest.ESTABLISH,
                    sa -> sa.children().size() == 1);
            assertEquals(c.initiatorSpi(), after.initiatorSpi(), "the same IKE SA");
            assertEquals(Ike4jStatus.str(kept, "inboundSpi"), after.children().get(0).spiOut());
            assertTrue(lab.charon.log().contains("received DELETE for ESP CHILD_SA with SPI "
                    + Ike4jStatus.str(gone, "inboundSpi")), lab.charon.logTail(30));
            assertTrue(!lab.ike4j.status().established(CONN).isEmpty());

            // an id with no SA is refused
            CommandResult bad = lab.ike4j.cli("down", CONN + "{" + (serial + 100) + "}");
            assertTrue(!bad.ok(), bad.describe());

            r = lab.ike4j.cli("down", CONN + "[" + ike + "]");
            assertTrue(r.ok(), r.describe());
            lab.charon.swanctl().awaitNoIkeSa("ike4j", Ikev2CharonTest.ESTABLISH);
            lab.ike4j.await("nothing left", Ikev2CharonTest.ESTABLISH, st -> st.ikeSas().isEmpty());
        }
    }
}

package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.Interop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ipsec.conf {@code keyexchange=ike} (strongSwan 5.x's default: initiate IKEv2, answer either
 * version) against charon 5.9.8, whose connection accepts both ({@code version = 0}): ike4j's up
 * negotiates IKEv2; then charon, configured for IKEv1 only, initiates and the same connection
 * answers it with IKEv1.
 */
@Interop(strongSwan = true)
class KeyExchangeIkeInteropTest {
    private static final Duration ESTABLISH = Duration.ofSeconds(10);
    private static final String CONN = "charon";
    private static final String IKE = "aes128-sha256-modp2048";

    @Test
    void upInitiatesIkev2AndIkev1IsAnswered(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Lab.charonConf(IKE, "aes128-sha256", Lab.PSK, c -> c.version(0), c -> c));
            lab.startIke4j(Lab.ipsecConf(dir, "ike", CONN, Lab.IKE4J_IP, Lab.IKE4J_NET, Lab.CHARON_IP, Lab.CHARON_NET,
                    Lab.PSK, "ike=" + IKE, "esp=aes128-sha256"));

            Map<String, Object> up = lab.ike4j.call("up", false, CONN);
            assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
            Ike4jStatus s = lab.ike4j.await("established with a Child SA", ESTABLISH,
                    st -> !st.established(CONN).isEmpty() && st.hasInstalled(CONN));
            IkeSa c = lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
            Map<String, Object> sa = s.established(CONN).get(0);
            assertEquals(2, c.version(), "charon: " + c);
            assertEquals(2L, Ike4jStatus.num(sa.get("ikeVersion")), sa.toString());
            assertEquals(c.initiatorSpi(), Ike4jStatus.str(sa, "initiatorSpi"));
            assertEquals(c.responderSpi(), Ike4jStatus.str(sa, "responderSpi"));
            assertTrue(!c.initiator() && Boolean.TRUE.equals(sa.get("initiator")));
            assertEquals(c.child("net").spiOut(), Ike4jStatus.str(s.installed(CONN).get(0), "inboundSpi"));
            String status = String.valueOf(lab.ike4j.call("statusall", false).get("text"));
            assertTrue(status.contains("answers IKEv1 and IKEv2"), status);

            assertEquals(Boolean.TRUE, lab.ike4j.call("down", false, CONN).get("ok"));
            lab.charon.swanctl().awaitNoIkeSa("ike4j", ESTABLISH);
            lab.ike4j.await("no SA after down", ESTABLISH, st -> st.ikeSas().isEmpty());

            // charon speaks IKEv1 only now: the keyexchange=ike connection answers in IKEv1
            lab.charon.swanctl().load(Lab.charonConf(IKE, "aes128-sha256", Lab.PSK, x -> x.version(1), x -> x));
            lab.charon.swanctl().initiate("net", "ike4j", ESTABLISH);
            s = lab.ike4j.await("IKEv1 established with an IPsec SA", ESTABLISH,
                    st -> !st.established(CONN).isEmpty() && st.hasInstalled(CONN));
            c = lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
            assertEquals(1, c.version(), "charon: " + c);
            sa = s.established(CONN).get(0);
            assertEquals(1L, Ike4jStatus.num(sa.get("ikeVersion")), sa.toString());
            assertEquals(Boolean.FALSE, sa.get("initiator"));
            assertEquals(c.child("net").spiOut(), Ike4jStatus.str(s.installed(CONN).get(0), "inboundSpi"));
            // and its down reaches the IKEv1 SA as well
            assertEquals(Boolean.TRUE, lab.ike4j.call("down", false, CONN).get("ok"));
            lab.charon.swanctl().awaitNoIkeSa("ike4j", ESTABLISH);
        }
    }
}

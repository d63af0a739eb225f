package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * INVALID_IKE_SPI (RFC 7296 1.5, 2.21.4) against charon 5.9.8 over IKEv2: each side restarts
 * in turn and forgets the IKE SA, and the other's next protected request (a liveness check) meets
 * the forgetful one.
 */
@Interop(strongSwan = true, needs = Requirement.TSHARK)
class InvalidIkeSpiInteropTest {
    private static final String CONN = Ikev2CharonTest.CONN;
    private static final Duration ESTABLISH = Ikev2CharonTest.ESTABLISH;
    private static final String IKE = "aes128-sha256-x25519";

    /**
     * ike4j restarts: charon's liveness check (dpd_delay 2 s) for the forgotten SA is answered with
     * an unprotected INFORMATIONAL { N(INVALID_IKE_SPI) }, SPIs and message ID copied, logged in one
     * line; tshark reads it on the wire in the clear. The new ike4j keeps no SA for it.
     */
    @Test
    void ike4jRestartedAnswersCharonsLivenessCheck(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Ikev2CharonTest.charonConf(IKE, "aes128-sha256",
                    c -> c.dpdDelay(Duration.ofSeconds(2))));
            List<Path> files = Ikev2CharonTest.ike4jConf(lab, "ike=" + IKE, "esp=aes128-sha256");
            lab.startIke4j(files);
            assertEquals(Boolean.TRUE, lab.ike4j.call("up", false, CONN).get("ok"));
            Ike4jStatus s = lab.ike4j.await("established", ESTABLISH, st -> st.hasInstalled(CONN));
            String spiI = Ike4jStatus.str(s.established(CONN).get(0), "initiatorSpi");
            String spiR = Ike4jStatus.str(s.established(CONN).get(0), "responderSpi");
            lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);

            // a crash, not a stop: a stopping daemon deletes its SAs first
            ProcessHandle.of(lab.ike4j.pid()).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(lab.ike4j.pid()).ifPresent(h -> h.onExit().join());
            lab.ike4j.close();
            lab.startIke4j(files);
            String line = lab.ike4j.awaitLog("answered with an unprotected INVALID_IKE_SPI", Duration.ofSeconds(15));
            System.out.println("ike4j: " + line);
            assertTrue(line.contains("INFORMATIONAL request") && line.contains(Lab.CHARON_IP)
                    && line.contains(spiI + "_i " + spiR + "_r"), line);
            assertTrue(lab.ike4j.status().ikeSas().isEmpty(), "nothing kept for it");
            Ike4jStatus.pause(1500);   // the capture's drain
            Path pcap = lab.stopCapture();
            List<List<String>> notes = Tshark.fields(pcap, "isakmp.notify.msgtype == 4",
                    List.of("ip.src", "isakmp.ispi", "isakmp.rspi", "isakmp.exchangetype", "isakmp.flags", "isakmp.messageid"));
            assertFalse(notes.isEmpty(), "an INVALID_IKE_SPI notify on the wire, readable without keys\n" + lab.logs());
            List<String> n = notes.get(0);
            assertEquals(Lab.IKE4J_IP, n.get(0));
            assertEquals(spiI, n.get(1));
            assertEquals(spiR, n.get(2));
            assertEquals("37", n.get(3), "INFORMATIONAL");
            // a response (R), from the original initiator (I): ike4j had initiated the forgotten SA
            assertEquals(0x28, Integer.decode(n.get(4)) & 0x28, n.toString());
            // charon 5.9.8 reads it and, as the RFC lets it, acts on nothing it cannot authenticate
            assertTrue(lab.charon.log().contains("received unencrypted informational"), lab.charon.logTail(20));
        }
    }

    /**
     * charon restarts: ike4j's liveness check (dpddelay 1 s) reaches a charon that has no such IKE
     * SA. charon 5.9.8 sends no INVALID_IKE_SPI (the RFC's MAY): its log says it found no SA, and
     * the liveness check's timeout (dpdtimeout 8 s) declares it dead; up then negotiates afresh.
     * (ike4j's handling of a received INVALID_IKE_SPI is shown engine to engine, InvalidIkeSpiTest.)
     */
    @Test
    void charonRestartedAndIke4jsLivenessCheckMeetsIt(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            var conf = Ikev2CharonTest.charonConf(IKE, "aes128-sha256", c -> c);
            lab.startCharon().swanctl().load(conf);
            lab.startIke4j(Ikev2CharonTest.ike4jConf(lab, "ike=" + IKE, "esp=aes128-sha256", "dpddelay=1s",
                    "dpdtimeout=8s", "dpdaction=clear"));
            assertEquals(Boolean.TRUE, lab.ike4j.call("up", false, CONN).get("ok"));
            lab.ike4j.await("established", ESTABLISH, st -> st.hasInstalled(CONN));
            lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);

            long pid = lab.charon.charonPid();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            lab.charon.close();
            lab.startCharon(b -> b.log("mgr", 2)).swanctl().load(conf);
            lab.ike4j.awaitLog("retransmitting request", Duration.ofSeconds(10));
            // charon 5.9.8 finds no IKE SA for the request and drops it without an answer
            assertTrue(lab.charon.log().contains("IKE_SA checkout not successful"), lab.charon.logTail(30));
            assertFalse(lab.ike4j.log().contains("with an unprotected INVALID_IKE_SPI"), lab.ike4j.logTail(20));
            lab.ike4j.awaitLog("did not answer the liveness check", Duration.ofSeconds(15));
            lab.ike4j.await("SAs cleared", Duration.ofSeconds(3), st -> st.ikeSas().isEmpty());
            Map<String, Object> up = lab.ike4j.call("up", false, CONN);
            assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
            lab.ike4j.await("established again with the new charon", ESTABLISH, st -> st.hasInstalled(CONN));
        }
    }
}

package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.ike4j.testkit.Charon;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.Interop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ESP algorithms beyond CBC in IKEv1 Quick Mode against charon 5.9.8: AES-GCM (RFC 4106 section
 * 8.1: transform IDs 18/19/20 with KEY_LENGTH and no AUTH_ALGORITHM) with ike4j as initiator and
 * as responder, AES-CCM (RFC 4309), AES-CTR (RFC 3686), and chacha20poly1305, which IKEv1 cannot carry, refused by
 * ike4j with the reason.
 */
@Interop(strongSwan = true)
class EspAlgorithmsInteropTest {

    static final Duration ESTABLISH = Duration.ofSeconds(10);
    static final String CONN = "charon";

    private static Lab lab(Path dir, String esp) {
        Lab lab = new Lab(dir);
        try {
            // the gcm plugin gives kernel-libipsec its AES-GCM (not in the testkit's default list)
            lab.startCharon(b -> b.plugins(Charon.DEFAULT_PLUGINS + " gcm")).swanctl()
                    .load(Lab.charonConf("aes128-sha256-modp2048", esp, Lab.PSK, c -> c, c -> c));
            lab.startIke4j(lab.ike4jConf(CONN, Lab.PSK, "ike=aes128-sha256-modp2048", "esp=" + esp));
            return lab;
        } catch (RuntimeException | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    /** Both sides' IPsec SA: same SPIs (crossed), same algorithms, no integrity, same lifetime. */
    private static void sameSa(Lab lab, String encryption, boolean ike4jInitiated) {
        Ike4jStatus s = lab.ike4j.await(CONN + " established with an IPsec SA", ESTABLISH,
                st -> !st.established(CONN).isEmpty() && st.hasInstalled(CONN));
        IkeSa c = lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
        Map<String, Object> child = s.installed(CONN).get(0);
        SaChecks.sameIsakmpSa(s.established(CONN).get(0), c, ike4jInitiated);
        SaChecks.sameIpsecSa(child, c.child("net"), s.atMillis(), ike4jInitiated
                ? Ike4jStatus.num(child.get("lifetimeSeconds")) : 3600);
        assertEquals(encryption, Ike4jStatus.str(child, "encryption"), child.toString());
        System.out.println("ike4j " + (ike4jInitiated ? "initiator" : "responder") + ": " + child.get("encryption")
                + " " + child.get("inboundSpi") + "/" + child.get("outboundSpi") + "; charon " + c.child("net"));
    }

    private static void ike4jInitiates(Lab lab) {
        Map<String, Object> up = lab.ike4j.call("up", false, CONN);
        assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
    }

    private static void charonInitiatesAfterDown(Lab lab) {
        lab.charon.swanctl().terminateIke("ike4j", ESTABLISH);
        lab.ike4j.await("no SA left", ESTABLISH, st -> st.ikeSas().isEmpty());
        lab.charon.swanctl().initiate("net", "ike4j", ESTABLISH);
    }

    @Test
    void aes128Gcm16BothRoles(@TempDir Path dir) {
        try (Lab lab = lab(dir, "aes128gcm16")) {
            ike4jInitiates(lab);
            sameSa(lab, "AES_GCM_16_128", true);
            assertEquals("", lab.charon.swanctl().ikeSa("ike4j").orElseThrow().child("net").integAlg());
            charonInitiatesAfterDown(lab);
            sameSa(lab, "AES_GCM_16_128", false);
        }
    }

    @Test
    void aes256Gcm16WithPfsBothRoles(@TempDir Path dir) {
        try (Lab lab = lab(dir, "aes256gcm16-modp2048")) {
            ike4jInitiates(lab);
            sameSa(lab, "AES_GCM_16_256", true);
            assertEquals("MODP_2048", lab.charon.swanctl().ikeSa("ike4j").orElseThrow().child("net").dhGroup());
            charonInitiatesAfterDown(lab);
            sameSa(lab, "AES_GCM_16_256", false);
        }
    }

    @Test
    void aes256CtrBothRoles(@TempDir Path dir) {
        try (Lab lab = lab(dir, "aes256ctr-sha256")) {
            ike4jInitiates(lab);
            sameSa(lab, "AES_CTR_256", true);
            charonInitiatesAfterDown(lab);
            sameSa(lab, "AES_CTR_256", false);
        }
    }

    /** AES-CCM (RFC 4309 section 7.1: transform IDs 14/15/16, KEY_LENGTH, no AUTH_ALGORITHM, a 3-byte salt). */
    @Test
    void aes128Ccm16BothRoles(@TempDir Path dir) {
        try (Lab lab = lab(dir, "aes128ccm16")) {
            ike4jInitiates(lab);
            sameSa(lab, "AES_CCM_16_128", true);
            charonInitiatesAfterDown(lab);
            sameSa(lab, "AES_CCM_16_128", false);
        }
    }

    /** chacha20poly1305 in ike4j's ipsec.conf: Phase 1 comes up, Quick Mode is refused with the reason. */
    @Test
    void chachaIsRefusedAsIkev2Only(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Lab.charonConf("aes128-sha256-modp2048", "aes128gcm16", Lab.PSK,
                    c -> c, c -> c));
            lab.startIke4j(lab.ike4jConf(CONN, Lab.PSK, "ike=aes128-sha256-modp2048", "esp=chacha20poly1305"));
            ike4jInitiates(lab);
            String line = lab.ike4j.awaitLog("has no ESP proposal IKEv1 can offer", ESTABLISH);
            System.out.println("ike4j diagnostic: " + line);
            assertTrue(line.contains("IKEv2-only"), line);
            assertFalse(lab.ike4j.log().contains("internal error"), lab.ike4j.logTail(40));
            assertFalse(lab.ike4j.status().hasInstalled(CONN));
        }
    }
}

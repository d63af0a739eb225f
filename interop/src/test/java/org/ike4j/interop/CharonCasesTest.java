package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.ike4j.testkit.ChildSa;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ike4j (ipsec.conf) against charon 5.9.8 (swanctl) beyond the seed: Aggressive Mode, stronger
 * algorithms with PFS, forced NAT-T, deletes from either side, DPD, IPsec SA rekeying and the
 * diagnostics of three failures. Narrow subnets (10.1.0.0/24 === 10.2.0.0/24) throughout.
 */
@Interop(strongSwan = true, needs = Requirement.TSHARK)
class CharonCasesTest {

    static final Duration ESTABLISH = Duration.ofSeconds(10);
    static final String CONN = "charon";

    private static UnaryOperator<org.ike4j.testkit.SwanctlConfig.ConnectionBuilder> same() {
        return c -> c;
    }

    private static UnaryOperator<org.ike4j.testkit.SwanctlConfig.ChildBuilder> sameChild() {
        return c -> c;
    }

    @Test
    void case3AggressiveMode(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.option("i_dont_care_about_security_and_use_aggressive_mode_psk", "yes"))
                    .swanctl().load(Lab.charonConf("3des-md5-modp1024", "aes128-sha1", Lab.PSK,
                            c -> c.aggressive(true), sameChild()));
            lab.startIke4j(lab.ike4jConf(CONN, Lab.PSK, "aggressive=yes", "ike=3des-md5-modp1024", "esp=aes128-sha1"));
            Lab.Established e;
            Path pcap;
            e = lab.ike4jUp();
            pcap = lab.stopCapture();
            assertEquals("Aggressive", e.ike4jSa().get("exchange"));
            // exchange type 4, Aggressive (RFC 2408 4.8): three messages, no Main Mode
            List<String> types = org.ike4j.testkit.Tshark.fields(pcap, "isakmp", List.of("isakmp.exchangetype"))
                    .stream().map(r -> r.get(0)).toList();
            assertEquals(List.of("4", "4", "4"), types.stream().filter(t -> !t.equals("32") && !t.equals("5")).toList(),
                    types.toString());
            SaChecks.sameIsakmpSa(e.ike4jSa(), e.charon(), true);
            SaChecks.sameIpsecSa(e.ike4jChild(), e.charonChild(), e.ike4j().atMillis());
            charonInitiatesAgain(lab);
        }
    }

    /** The other direction on the same pair: down, then charon initiates and ike4j responds. */
    private static void charonInitiatesAgain(Lab lab) {
        lab.charon.swanctl().terminateIke("ike4j", ESTABLISH);
        lab.ike4j.await("no SA left", ESTABLISH, st -> st.ikeSas().isEmpty());
        lab.charon.swanctl().initiate("net", "ike4j", ESTABLISH);
        Lab.Established e = lab.awaitBoth();
        SaChecks.sameIsakmpSa(e.ike4jSa(), e.charon(), false);
        SaChecks.sameIpsecSa(e.ike4jChild(), e.charonChild(), e.ike4j().atMillis());
    }

    @Test
    void case4Aes256Sha256Modp2048WithPfs(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Lab.charonConf("aes256-sha256-modp2048", "aes256-sha256-modp2048", Lab.PSK,
                    same(), sameChild()));
            lab.startIke4j(lab.ike4jConf(CONN, Lab.PSK, "ike=aes256-sha256-modp2048", "esp=aes256-sha256-modp2048"));
            Lab.Established e = lab.ike4jUp();
            SaChecks.sameIsakmpSa(e.ike4jSa(), e.charon(), true);
            assertEquals("AES_CBC", e.charon().encrAlg());
            assertEquals(256, e.charon().encrKeysize());
            assertEquals("HMAC_SHA2_256_128", e.charon().integAlg());
            assertEquals("MODP_2048", e.charon().dhGroup());
            SaChecks.sameIpsecSa(e.ike4jChild(), e.charonChild(), e.ike4j().atMillis());
            assertEquals("MODP_2048", e.charonChild().dhGroup(), "PFS");
            assertEquals("HMAC_SHA2_256_128", e.charonChild().integAlg());
            charonInitiatesAgain(lab);
        }
    }

    @Test
    void case5ForcedNatTraversal(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Lab.charonConf("3des-md5-modp1024", "aes128-sha1", Lab.PSK,
                    c -> c.encap(true), sameChild()));
            lab.startIke4j(lab.ike4jConf(CONN, Lab.PSK, "forceencaps=yes", "ike=3des-md5-modp1024", "esp=aes128-sha1"));
            Path pcap;
            Lab.Established e;
            e = lab.ike4jUp();
            pcap = lab.stopCapture();
            SaChecks.sameIsakmpSa(e.ike4jSa(), e.charon(), true);
            SaChecks.sameIpsecSa(e.ike4jChild(), e.charonChild(), e.ike4j().atMillis());
            assertEquals(Boolean.TRUE, e.ike4jChild().get("udpEncapsulation"));
            assertTrue(e.charonChild().encap());
            // ike4j's forced encapsulation makes it look NATed to charon (its own NAT-D hash faked)
            assertEquals("yes", e.charon().attributes().getOrDefault("nat-remote", ""), e.charon().toString());
            assertTrue(Ike4jStatus.str(e.ike4jSa(), "natDetected").contains("NAT"), e.ike4jSa().toString());
            assertTrue(String.valueOf(e.ike4jSa().get("local")).endsWith(":4500"), e.ike4jSa().toString());
            assertTrue(java.nio.file.Files.exists(pcap));
        }
    }

    private static Lab seedLike(Path dir, String... more) {
        Lab lab = new Lab(dir);
        try {
            lab.startCharon().swanctl().load(Lab.charonConf("3des-md5-modp1024", "aes128-sha1", Lab.PSK, same(),
                    sameChild()));
            List<String> lines = new java.util.ArrayList<>(List.of("ike=3des-md5-modp1024", "esp=aes128-sha1"));
            lines.addAll(List.of(more));
            lab.startIke4j(lab.ike4jConf(CONN, Lab.PSK, lines.toArray(String[]::new)));
            return lab;
        } catch (RuntimeException | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    @Test
    void case6DownOnEitherSideRemovesTheSasOnBoth(@TempDir Path dir) {
        try (Lab lab = seedLike(dir)) {
            lab.ike4jUp();
            Map<String, Object> down = lab.ike4j.call("down", false, CONN);
            assertEquals(Boolean.TRUE, down.get("ok"), down.toString());
            lab.charon.swanctl().awaitNoIkeSa("ike4j", ESTABLISH);
            lab.ike4j.await("no SA left after down", ESTABLISH, st -> st.ikeSas().isEmpty() && st.childSas().isEmpty());

            // and from charon's side
            lab.ike4jUp();
            lab.charon.swanctl().terminateIke("ike4j", ESTABLISH);
            lab.ike4j.await("no SA left after charon's terminate", ESTABLISH,
                    st -> st.ikeSas().isEmpty() && st.childSas().isEmpty());
            assertTrue(lab.charon.swanctl().ikeSa("ike4j").isEmpty());
        }
    }

    @Test
    void case7DeadPeerDetectionDeclaresAKilledCharonDead(@TempDir Path dir) {
        try (Lab lab = seedLike(dir, "dpddelay=1s", "dpdtimeout=3s", "dpdaction=clear")) {
            lab.ike4jUp();
            // SIGKILL: charon sends no delete, the peer just goes silent
            long pid = lab.charon.charonPid();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            long t0 = System.nanoTime();
            String line = lab.ike4j.awaitLog("DPD: no answer from the peer " + Lab.CHARON_IP, Duration.ofSeconds(10));
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertTrue(seconds <= 6, "declared dead after " + seconds + " s: " + line);
            lab.ike4j.await("SAs cleared", Duration.ofSeconds(3), st -> st.ikeSas().isEmpty() && st.childSas().isEmpty());
        }
    }

    @Test
    void case9aWrongPsk(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Lab.charonConf("3des-md5-modp1024", "aes128-sha1", "not-" + Lab.PSK,
                    same(), sameChild()));
            lab.startIke4j(lab.ike4jConf(CONN, Lab.PSK, "ike=3des-md5-modp1024", "esp=aes128-sha1"));
            var result = lab.charon.swanctl().run(Duration.ofSeconds(15), "--initiate", "--child", "net", "--ike",
                    "ike4j", "--timeout", "8");
            assertFalse(result.ok(), result.describe());
            String line = lab.ike4j.awaitLog("pre-shared key mismatch", Duration.ofSeconds(5));
            System.out.println("ike4j diagnostic: " + line);
            assertTrue(line.contains(Lab.CHARON_IP) || line.contains(CONN), line);
            // charon's view: ike4j's PAYLOAD-MALFORMED arrives on 4500 (charon ignores it as unprotected
            // and ends with "peer not responding")
            String charonLog = lab.charon.log();
            assertTrue(charonLog.contains("N(PLD_MAL)") && charonLog.contains("from " + Lab.IKE4J_IP + "[4500]"),
                    lab.charon.logTail(30));
            assertTrue(lab.ike4j.status().established(CONN).isEmpty());
        }
    }

    @Test
    void case9bProposalMismatch(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Lab.charonConf("aes128-sha256-modp2048", "aes128-sha1", Lab.PSK,
                    same(), sameChild()));
            lab.startIke4j(lab.ike4jConf(CONN, Lab.PSK, "ike=3des-md5-modp1024", "esp=aes128-sha1"));
            var result = lab.charon.swanctl().run(Duration.ofSeconds(15), "--initiate", "--child", "net", "--ike",
                    "ike4j", "--timeout", "8");
            assertFalse(result.ok(), result.describe());
            String line = lab.ike4j.awaitLog("NO-PROPOSAL-CHOSEN for Phase 1", Duration.ofSeconds(5));
            System.out.println("ike4j diagnostic: " + line);
            assertTrue(line.contains("AES") && line.contains("3DES"), "names theirs and ours: " + line);
            assertTrue(lab.charon.log().contains("NO_PROPOSAL_CHOSEN"), lab.charon.logTail(30));
        }
    }

    @Test
    void case9cProxyIdMismatch(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Lab.charonConf("3des-md5-modp1024", "aes128-sha1", Lab.PSK,
                    same(), c -> c.remoteTs("10.1.5.0/24")));
            lab.startIke4j(lab.ike4jConf(CONN, Lab.PSK, "ike=3des-md5-modp1024", "esp=aes128-sha1"));
            var result = lab.charon.swanctl().run(Duration.ofSeconds(15), "--initiate", "--child", "net", "--ike",
                    "ike4j", "--timeout", "8");
            assertFalse(result.ok(), result.describe());
            String line = lab.ike4j.awaitLog("INVALID-ID-INFORMATION", Duration.ofSeconds(5));
            System.out.println("ike4j diagnostic: " + line);
            assertTrue(line.contains("10.1.5.0/24") && line.contains(Lab.IKE4J_NET), line);
            assertTrue(lab.charon.log().contains("INVALID_ID_INFORMATION"), lab.charon.logTail(30));
        }
    }

    /**
     * A 30 s IPsec SA lifetime, renewed 10 s before its end: ike4j rekeys twice in ~45 s, and
     * polled every second neither side is ever without an installed IPsec SA. charon keeps its
     * own, longer lifetime as a responder, so the renewals are ike4j's.
     */
    @Test
    void case8ThirtySecondLifetimeRekeysTwiceWithoutAGap(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Lab.charonConf("3des-md5-modp1024", "aes128-sha1", Lab.PSK, same(),
                    c -> c.lifeTime(Duration.ofSeconds(120)).rekeyTime(Duration.ofSeconds(100))));
            lab.startIke4j(lab.ike4jConf(CONN, Lab.PSK, "ike=3des-md5-modp1024", "esp=aes128-sha1", "keylife=30s",
                    "rekeymargin=10s", "rekeyfuzz=0%"));
            Lab.Established first = lab.ike4jUp();
            assertEquals(30L, Ike4jStatus.num(first.ike4jChild().get("lifetimeSeconds")));
            java.util.Set<String> ike4jSpis = new java.util.LinkedHashSet<>();
            java.util.Set<String> charonSpis = new java.util.LinkedHashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(55).toNanos();
            int polls = 0;
            while (ike4jSpis.size() < 3 || charonSpis.size() < 3) {
                Ike4jStatus s = lab.ike4j.status();
                List<ChildSa> charonChildren = lab.charon.swanctl().listSas().stream()
                        .flatMap(sa -> sa.children().stream()).filter(c -> SaChecks.IN_SAD.contains(c.state())).toList();
                assertFalse(s.installed(CONN).isEmpty(), "ike4j without an IPsec SA at poll " + polls + "\n" + lab.logs());
                assertFalse(charonChildren.isEmpty(), "charon without an IPsec SA at poll " + polls + "\n" + lab.logs());
                s.installed(CONN).forEach(c -> ike4jSpis.add(Ike4jStatus.str(c, "inboundSpi")));
                charonChildren.forEach(c -> charonSpis.add(c.spiIn()));
                assertTrue(System.nanoTime() < deadline, "two rekeys not seen: ike4j " + ike4jSpis + ", charon "
                        + charonSpis + "\n" + lab.logs());
                polls++;
                Ike4jStatus.pause(1000);
            }
            // the same SA pairs on both sides: ike4j's inbound SPIs are charon's outbound ones
            Ike4jStatus last = lab.ike4j.status();
            IkeSa charonNow = lab.charon.swanctl().ikeSa("ike4j").orElseThrow();
            for (Map<String, Object> c : last.installed(CONN)) {
                String in = Ike4jStatus.str(c, "inboundSpi");
                assertTrue(charonNow.children().stream().anyMatch(ch -> ch.spiOut().equals(in)),
                        in + " not in " + charonNow.children());
            }
        }
    }
}

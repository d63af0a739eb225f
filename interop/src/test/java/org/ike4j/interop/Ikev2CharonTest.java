package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.ike4j.testkit.ChildSa;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.SwanctlConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ike4j's IKEv2 engine (ipsec.conf with keyexchange=ikev2) against charon 5.9.8 (swanctl, version
 * 2) in both roles: IKE_SA_INIT and IKE_AUTH with PSK and the first Child SA; deletes from either
 * side; the liveness check after charon is killed. charon with kernel-libipsec forces UDP
 * encapsulation (its NAT_DETECTION_SOURCE_IP hash is faked), so every case moves to port 4500.
 */
@Interop(strongSwan = true)
class Ikev2CharonTest {

    static final Duration ESTABLISH = Duration.ofSeconds(10);
    static final String CONN = "charon";

    /** ike4j's ipsec.conf: IKEv2 PSK from 192.0.2.1 (10.1.0.0/24) to 192.0.2.2 (10.2.0.0/24). */
    static List<Path> ike4jConf(Lab lab, String... more) {
        return Lab.ipsecConf(lab.dir, "ikev2", CONN, Lab.IKE4J_IP, Lab.IKE4J_NET, Lab.CHARON_IP, Lab.CHARON_NET, Lab.PSK,
                more);
    }

    static SwanctlConfig charonConf(String ike, String esp,
            java.util.function.UnaryOperator<SwanctlConfig.ConnectionBuilder> more) {
        return Lab.charonConf(ike, esp, Lab.PSK, c -> more.apply(c.version(2)), c -> c);
    }

    private static Lab lab(Path dir, String ike, String esp, String... ike4jLines) {
        return lab(dir, ike, esp, c -> c, ike4jLines);
    }

    private static Lab lab(Path dir, String ike, String esp,
            java.util.function.UnaryOperator<SwanctlConfig.ConnectionBuilder> charon, String... ike4jLines) {
        Lab lab = new Lab(dir);
        try {
            // ECP groups come from the openssl plugin and AES-GCM from gcm, not in the default load list
            lab.startCharon(b -> b.plugins(org.ike4j.testkit.Charon.DEFAULT_PLUGINS + " gcm openssl")).swanctl()
                    .load(charonConf(ike, esp, charon));
            List<String> lines = new java.util.ArrayList<>(List.of("ike=" + ike, "esp=" + esp));
            lines.addAll(List.of(ike4jLines));
            lab.startIke4j(ike4jConf(lab, lines.toArray(String[]::new)));
            return lab;
        } catch (RuntimeException | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    /** Same SPIs and algorithms on both sides, roles opposite; IKEv2 on both. */
    static void same(Lab.Established e, boolean ike4jInitiated) {
        Map<String, Object> sa = e.ike4jSa();
        IkeSa c = e.charon();
        String context = "ike4j " + sa + "\ncharon " + c;
        assertEquals(2, c.version(), context);
        assertEquals(2L, Ike4jStatus.num(sa.get("ikeVersion")), context);
        assertEquals(c.initiatorSpi(), Ike4jStatus.str(sa, "initiatorSpi"), context);
        assertEquals(c.responderSpi(), Ike4jStatus.str(sa, "responderSpi"), context);
        assertEquals(ike4jInitiated, sa.get("initiator"), context);
        assertEquals(!ike4jInitiated, c.initiator(), context);
        assertEquals(c.encrAlg() + "_" + c.encrKeysize(), Ike4jStatus.str(sa, "encryption"), context);
        assertEquals(c.integAlg() == null ? "" : c.integAlg(), Ike4jStatus.str(sa, "integrity"), context);
        assertEquals(c.prfAlg(), "PRF_" + Ike4jStatus.str(sa, "prf"), context);
        // charon prints CURVE_25519 where the IANA registry says CURVE25519
        assertEquals(c.dhGroup().replace("CURVE_", "CURVE"), Ike4jStatus.str(sa, "dhGroup"), context);
        assertEquals("ESTABLISHED", c.state(), context);
        Map<String, Object> child = e.ike4jChild();
        ChildSa cc = e.charonChild();
        String cctx = "ike4j " + child + "\ncharon " + cc;
        assertEquals(cc.spiOut(), Ike4jStatus.str(child, "inboundSpi"), cctx);
        assertEquals(cc.spiIn(), Ike4jStatus.str(child, "outboundSpi"), cctx);
        assertEquals(cc.encrAlg() + "_" + cc.encrKeysize(), Ike4jStatus.str(child, "encryption"), cctx);
        assertEquals(cc.integAlg() == null ? "" : cc.integAlg(), Ike4jStatus.str(child, "integrity"), cctx);
        assertEquals("INSTALLED", cc.state(), cctx);
        assertTrue(cc.encap(), "kernel-libipsec: ESP in UDP\n" + cctx);
        assertEquals(Boolean.TRUE, child.get("udpEncapsulation"), cctx);
        assertTrue(String.valueOf(sa.get("local")).endsWith(":4500"), context);
    }

    @Test
    void aes128Sha256X25519BothRoles(@TempDir Path dir) {
        try (Lab lab = lab(dir, "aes128-sha256-x25519", "aes128-sha256")) {
            Lab.Established e = lab.ike4jUp();
            same(e, true);
            assertEquals("AES_CBC", e.charon().encrAlg());
            assertEquals("CURVE_25519", e.charon().dhGroup());
            lab.charon.swanctl().terminateIke("ike4j", ESTABLISH);
            lab.ike4j.await("no SA left after charon's delete", ESTABLISH, st -> st.ikeSas().isEmpty()
                    && st.childSas().isEmpty());
            Lab.Established r = lab.charonUp();
            same(r, false);
        }
    }

    @Test
    void aes256gcm16PrfSha384Ecp384BothRoles(@TempDir Path dir) {
        try (Lab lab = lab(dir, "aes256gcm16-prfsha384-ecp384", "aes256gcm16")) {
            Lab.Established e = lab.ike4jUp();
            same(e, true);
            assertEquals("AES_GCM_16", e.charon().encrAlg());
            assertEquals("ECP_384", e.charon().dhGroup());
            assertEquals("PRF_HMAC_SHA2_384", e.charon().prfAlg());
            lab.charon.swanctl().terminateIke("ike4j", ESTABLISH);
            lab.ike4j.await("no SA left after charon's delete", ESTABLISH, st -> st.ikeSas().isEmpty()
                    && st.childSas().isEmpty());
            same(lab.charonUp(), false);
        }
    }

    @Test
    void deleteFromEitherSide(@TempDir Path dir) {
        try (Lab lab = lab(dir, "aes128-sha256-x25519", "aes128-sha256")) {
            lab.ike4jUp();
            Map<String, Object> down = lab.ike4j.call("down", false, CONN);
            assertEquals(Boolean.TRUE, down.get("ok"), down.toString());
            lab.charon.swanctl().awaitNoIkeSa("ike4j", ESTABLISH);
            lab.ike4j.await("no SA left after down", ESTABLISH, st -> st.ikeSas().isEmpty() && st.childSas().isEmpty());

            lab.charonUp();
            lab.charon.swanctl().terminateIke("ike4j", ESTABLISH);
            lab.ike4j.await("no SA left after charon's terminate", ESTABLISH,
                    st -> st.ikeSas().isEmpty() && st.childSas().isEmpty());
            assertTrue(lab.charon.swanctl().ikeSa("ike4j").isEmpty());

            // a Child SA alone: charon deletes it, the IKE SA stays
            lab.ike4jUp();
            lab.charon.swanctl().terminateChild("net", ESTABLISH);
            lab.ike4j.await("Child SA gone, IKE SA kept", ESTABLISH,
                    st -> st.childSas().isEmpty() && !st.established(CONN).isEmpty());
        }
    }

    @Test
    void livenessCheckDeclaresAKilledCharonDead(@TempDir Path dir) {
        try (Lab lab = lab(dir, "aes128-sha256-x25519", "aes128-sha256", "dpddelay=1s", "dpdtimeout=3s",
                "dpdaction=clear")) {
            lab.ike4jUp();
            // answered liveness checks first: the SA stays up while charon lives
            Ike4jStatus.pause(2500);
            assertTrue(!lab.ike4j.status().established(CONN).isEmpty(), lab.logs());
            long pid = lab.charon.charonPid();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            long t0 = System.nanoTime();
            String line = lab.ike4j.awaitLog("did not answer the liveness check", Duration.ofSeconds(10));
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertTrue(seconds <= 6, "declared dead after " + seconds + " s: " + line);
            lab.ike4j.await("SAs cleared", Duration.ofSeconds(3), st -> st.ikeSas().isEmpty() && st.childSas().isEmpty());
        }
    }

    /** The inbound SPIs of ike4j's Child SAs of the connection. */
    private static java.util.Set<String> ike4jSpis(Lab lab) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        lab.ike4j.status().installed(CONN).forEach(c -> out.add(Ike4jStatus.str(c, "inboundSpi")));
        return out;
    }

    @Test
    void childRekeyWithPfsFromEitherSide(@TempDir Path dir) {
        try (Lab lab = lab(dir, "aes128-sha256-x25519", "aes128-sha256-x25519", "lifetime=30s", "rekeymargin=10s",
                "rekeyfuzz=0%")) {
            Lab.Established e = lab.ike4jUp();
            same(e, true);
            String first = Ike4jStatus.str(e.ike4jChild(), "inboundSpi");
            // charon rekeys: CREATE_CHILD_SA { N(REKEY_SA), SA, Ni, KEi, TSi, TSr } from charon
            var result = lab.charon.swanctl().rekeyChild("net");
            assertTrue(result.ok(), result.describe());
            Ike4jStatus s = lab.ike4j.await("charon's rekey done", ESTABLISH, st -> st.installed(CONN).size() == 1
                    && !Ike4jStatus.str(st.installed(CONN).get(0), "inboundSpi").equals(first));
            IkeSa c = lab.charon.swanctl().awaitIkeSa("one installed Child SA", ESTABLISH, sa -> sa.children().size() == 1
                    && sa.children().get(0).state().equals("INSTALLED"));
            Lab.Established afterCharon = new Lab.Established(s, c);
            same(afterCharon, true);
            assertEquals("CURVE_25519", afterCharon.charonChild().dhGroup(), "PFS");
            assertEquals("CURVE25519", Ike4jStatus.str(afterCharon.ike4jChild(), "pfsGroup"));
            // ike4j rekeys 20 s after installing (30 s lifetime, 10 s margin)
            String second = Ike4jStatus.str(afterCharon.ike4jChild(), "inboundSpi");
            s = lab.ike4j.await("ike4j's rekey done", Duration.ofSeconds(30), st -> st.installed(CONN).size() == 1
                    && !Ike4jStatus.str(st.installed(CONN).get(0), "inboundSpi").equals(second));
            assertTrue(lab.ike4j.log().contains("rekeying CHILD_SA"), lab.logs());
            c = lab.charon.swanctl().awaitIkeSa("one installed Child SA", ESTABLISH, sa -> sa.children().size() == 1
                    && sa.children().get(0).state().equals("INSTALLED"));
            Lab.Established afterIke4j = new Lab.Established(lab.ike4j.status(), c);
            same(afterIke4j, true);
            assertEquals("CURVE_25519", afterIke4j.charonChild().dhGroup(), "PFS");
        }
    }

    @Test
    void ikeRekeyFromEitherSide(@TempDir Path dir) {
        try (Lab lab = lab(dir, "aes128-sha256-x25519", "aes128-sha256", "ikelifetime=30s", "rekeymargin=10s",
                "rekeyfuzz=0%", "reauth=no")) {
            Lab.Established e = lab.ike4jUp();
            same(e, true);
            String spi = Ike4jStatus.str(e.ike4jSa(), "initiatorSpi");
            String child = Ike4jStatus.str(e.ike4jChild(), "inboundSpi");
            var result = lab.charon.swanctl().rekeyIke("ike4j");
            assertTrue(result.ok(), result.describe());
            Ike4jStatus s = lab.ike4j.await("charon's IKE rekey done", ESTABLISH, st -> st.ikeSas().size() == 1
                    && !Ike4jStatus.str(st.ikeSas().get(0), "initiatorSpi").equals(spi));
            IkeSa c = lab.charon.swanctl().awaitIkeSa("rekeyed IKE SA", ESTABLISH,
                    sa -> !sa.initiatorSpi().equals(spi) && sa.state().equals("ESTABLISHED"));
            // charon made the new IKE SA, so it is its initiator now; the Child SA is the same
            same(new Lab.Established(s, c), false);
            assertEquals(child, Ike4jStatus.str(s.installed(CONN).get(0), "inboundSpi"));
            String spi2 = c.initiatorSpi();
            s = lab.ike4j.await("ike4j's IKE rekey done", Duration.ofSeconds(30), st -> st.ikeSas().size() == 1
                    && !Ike4jStatus.str(st.ikeSas().get(0), "initiatorSpi").equals(spi2)
                    && Boolean.TRUE.equals(st.ikeSas().get(0).get("established")));
            c = lab.charon.swanctl().awaitIkeSa("ike4j's rekeyed IKE SA", ESTABLISH,
                    sa -> !sa.initiatorSpi().equals(spi2) && sa.state().equals("ESTABLISHED"));
            same(new Lab.Established(s, c), true);
            assertEquals(child, Ike4jStatus.str(s.installed(CONN).get(0), "inboundSpi"));
        }
    }

    @Test
    void cookieWhenCharonInitiatesAndTheThresholdIsZero(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.plugins(org.ike4j.testkit.Charon.DEFAULT_PLUGINS + " gcm openssl")).swanctl()
                    .load(charonConf("aes128-sha256-x25519", "aes128-sha256", c -> c));
            lab.startIke4j(ike4jConf(lab, "ike=aes128-sha256-x25519", "esp=aes128-sha256"), "all=3,dmn=2",
                    Map.of("JAVA_TOOL_OPTIONS", "-Dike4j.ikev2.cookie_threshold=0"), List.of());
            Lab.Established e = lab.charonUp();
            same(e, false);
            assertTrue(lab.ike4j.log().contains("asking " + Lab.CHARON_IP + " for a COOKIE"), lab.logs());
            // charon's first IKE_SA_INIT got N(COOKIE) back, its second carried it
            assertTrue(lab.charon.log().contains("N(COOKIE)"), lab.charon.logTail(40));
        }
    }

    @Test
    void statusShowsTheIkev2Sas(@TempDir Path dir) {
        try (Lab lab = lab(dir, "aes128-sha256-x25519", "aes128-sha256")) {
            Lab.Established e = lab.ike4jUp();
            String status = String.valueOf(lab.ike4j.call("statusall", false).get("text"));
            System.out.println(status);
            assertTrue(status.contains(CONN + "[1001]: ESTABLISHED"), status);
            assertTrue(status.contains(Ike4jStatus.str(e.ike4jChild(), "inboundSpi")), status);
            String junos = String.valueOf(lab.ike4j.call("show-ike", false, "detail").get("text"));
            System.out.println(junos);
            assertTrue(junos.contains("IKEv2"), junos);
        }
    }

    private static Path sub(Path dir, String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void failuresGiveOneLineDiagnostics(@TempDir Path dir) {
        // a wrong PSK, both roles
        try (Lab lab = new Lab(sub(dir, "psk"))) {
            lab.startCharon().swanctl().load(Lab.charonConf("aes128-sha256-x25519", "aes128-sha256", "not-" + Lab.PSK,
                    c -> c.version(2), c -> c));
            lab.startIke4j(ike4jConf(lab, "ike=aes128-sha256-x25519", "esp=aes128-sha256"));
            lab.ike4j.call("up", false, CONN);
            String line = lab.ike4j.awaitLog("IKE_AUTH refused by the peer: AUTHENTICATION_FAILED", ESTABLISH);
            System.out.println("ike4j diagnostic: " + line);
            var result = lab.charon.swanctl().run(Duration.ofSeconds(15), "--initiate", "--child", "net", "--ike",
                    "ike4j", "--timeout", "8");
            assertTrue(!result.ok(), result.describe());
            line = lab.ike4j.awaitLog("probable pre-shared key mismatch", ESTABLISH);
            System.out.println("ike4j diagnostic: " + line);
            assertTrue(line.contains(Lab.CHARON_IP), line);
            assertTrue(lab.charon.log().contains("AUTHENTICATION_FAILED"), lab.charon.logTail(30));
            assertTrue(lab.ike4j.status().established(CONN).isEmpty());
        }
        // no common IKE proposal, charon initiating
        try (Lab lab = new Lab(sub(dir, "proposal"))) {
            lab.startCharon().swanctl().load(Lab.charonConf("aes256-sha512-modp2048", "aes128-sha256", Lab.PSK,
                    c -> c.version(2), c -> c));
            lab.startIke4j(ike4jConf(lab, "ike=aes128-sha256-x25519!", "esp=aes128-sha256"));
            var result = lab.charon.swanctl().run(Duration.ofSeconds(15), "--initiate", "--child", "net", "--ike",
                    "ike4j", "--timeout", "8");
            assertTrue(!result.ok(), result.describe());
            String line = lab.ike4j.awaitLog("NO_PROPOSAL_CHOSEN: " + Lab.CHARON_IP + " offered", ESTABLISH);
            System.out.println("ike4j diagnostic: " + line);
            assertTrue(line.contains("ENCR_AES_CBC_256") && line.contains("AES_CBC_128"), "theirs and ours: " + line);
            assertTrue(lab.charon.log().contains("NO_PROPOSAL_CHOSEN"), lab.charon.logTail(30));
        }
        // traffic selectors that do not meet, charon initiating: the IKE SA stays, the Child SA is refused
        try (Lab lab = new Lab(sub(dir, "ts"))) {
            lab.startCharon().swanctl().load(Lab.charonConf("aes128-sha256-x25519", "aes128-sha256", Lab.PSK,
                    c -> c.version(2), c -> c.remoteTs("10.1.5.0/24")));
            lab.startIke4j(ike4jConf(lab, "ike=aes128-sha256-x25519", "esp=aes128-sha256"));
            var result = lab.charon.swanctl().run(Duration.ofSeconds(15), "--initiate", "--child", "net", "--ike",
                    "ike4j", "--timeout", "8");
            assertTrue(!result.ok(), result.describe());
            String line = lab.ike4j.awaitLog("TS_UNACCEPTABLE for " + CONN, ESTABLISH);
            System.out.println("ike4j diagnostic: " + line);
            assertTrue(line.contains("10.1.5.0/24") && line.contains(Lab.IKE4J_NET), line);
            assertTrue(lab.charon.log().contains("TS_UNACCEPTABLE"), lab.charon.logTail(30));
            assertTrue(lab.ike4j.status().childSas().isEmpty());
        }
    }

    @Test
    void reauthenticationMakesBeforeItBreaks(@TempDir Path dir) {
        try (Lab lab = lab(dir, "aes128-sha256-x25519", "aes128-sha256", "ikelifetime=30s", "rekeymargin=10s",
                "rekeyfuzz=0%", "reauth=yes")) {
            Lab.Established e = lab.ike4jUp();
            same(e, true);
            String spi = Ike4jStatus.str(e.ike4jSa(), "initiatorSpi");
            String child = Ike4jStatus.str(e.ike4jChild(), "inboundSpi");
            long deadline = System.nanoTime() + Duration.ofSeconds(35).toNanos();
            Ike4jStatus s;
            while (true) {
                s = lab.ike4j.status();
                assertTrue(!s.installed(CONN).isEmpty(), "a moment without a Child SA\n" + lab.logs());
                if (s.ikeSas().size() == 1 && !Ike4jStatus.str(s.ikeSas().get(0), "initiatorSpi").equals(spi)
                        && s.installed(CONN).size() == 1) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "no reauthentication\n" + lab.logs());
                Ike4jStatus.pause(500);
            }
            String spi2 = Ike4jStatus.str(s.ikeSas().get(0), "initiatorSpi");
            IkeSa c = lab.charon.swanctl().awaitIkeSa("the new IKE SA alone", ESTABLISH,
                    sa -> sa.initiatorSpi().equals(spi2) && sa.children().size() == 1);
            same(new Lab.Established(s, c), true);
            assertTrue(!child.equals(Ike4jStatus.str(s.installed(CONN).get(0), "inboundSpi")));
            assertTrue(lab.charon.swanctl().listSas().size() == 1, lab.logs());
        }
    }

    private static String subnets(String prefix, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(prefix).append(i).append(".0/24");
        }
        return b.toString();
    }

    /**
     * charon sends IKE_AUTH in RFC 7383 fragments (fragment_size 500, thirty selectors for ike4j's
     * side; charon's own side stays the one subnet it has an address in, for its routes); ike4j
     * reassembles them.
     */
    @Test
    void charonsFragmentsAreReassembled(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.option("fragment_size", "500")).swanctl().load(Lab.charonConf("aes128-sha256-x25519",
                    "aes128-sha256", Lab.PSK, c -> c.version(2),
                    c -> c.remoteTs(subnets("10.1.", 30))));
            // ike4j allows 10.1.0.0/16 === 10.2.0.0/16: narrowing keeps charon's thirty /24s
            lab.startIke4j(ike4jConfWide(lab));
            Lab.Established e = lab.charonUp();
            same(e, false);
            assertTrue(lab.ike4j.log().contains("reassembled"), lab.logs());
            assertEquals(30, ((List<?>) e.ike4jChild().get("localSelectors")).size(), e.ike4jChild().toString());
            assertTrue(lab.charon.log().contains("EF("), "charon sent fragments\n" + lab.charon.logTail(40));
        }
    }

    /**
     * ike4j sends IKE_AUTH in RFC 7383 fragments (its fragment size 300 by the daemon's
     * {@code ike4j.ikev2.fragment_size}, ten selectors for its side) and charon reassembles them
     * and answers; the Child SA carries all ten.
     */
    @Test
    void ike4jsFragmentsAreReassembledByCharon(@TempDir Path dir) throws IOException {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Lab.charonConf("aes128-sha256-x25519", "aes128-sha256", Lab.PSK,
                    c -> c.version(2), c -> c.remoteTs("10.1.0.0/16")));
            List<Path> files = Lab.ipsecConf(dir, "ikev2", CONN, Lab.IKE4J_IP, subnets("10.1.", 10), Lab.CHARON_IP,
                    Lab.CHARON_NET, Lab.PSK, "ike=aes128-sha256-x25519", "esp=aes128-sha256");
            lab.startIke4j(files, "all=3,dmn=2,ike=4", Map.of("JAVA_TOOL_OPTIONS", "-Dike4j.ikev2.fragment_size=300"),
                    List.of());
            Lab.Established e = lab.ike4jUp();
            same(e, true);
            assertEquals(10, ((List<?>) e.ike4jChild().get("localSelectors")).size(), e.ike4jChild().toString());
            assertEquals(10, e.charonChild().remoteTs().size(), e.charonChild().toString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("parsed IKE_AUTH request 1 \\[ EF\\((\\d+)/(\\d+)\\) \\]")
                    .matcher(lab.charon.log());
            assertTrue(m.find(), "charon received fragments\n" + lab.charon.logTail(60));
            assertTrue(Integer.parseInt(m.group(2)) >= 2, m.group());
            assertTrue(lab.charon.log().contains("IKE_AUTH request 1 [ IDi"), "and reassembled them\n" + lab.charon.logTail(60));
            // the daemon's trace at ike=4: each message as a tree, with SA, message ID and direction; no keys
            String log = lab.ike4j.log();
            String sa = "\\[" + CONN + " #\\d+ [0-9a-f]{16}_i [0-9a-f]{16}_r ";
            for (String line : List.of(sa + "00000000 out\\] sending IKE_SA_INIT request 0", sa + "00000000 in\\] received ",
                    sa + "00000001 out\\] sending IKE_AUTH request 1", sa + "00000001 in\\] received .*IKEv2 Header",
                    sa + "00000001 in\\] AUTH checked: the responder's AUTH matches [0-9a-f]{64}")) {
                assertTrue(java.util.regex.Pattern.compile("ike 4 " + line).matcher(log).find(), line + "\n" + log);
            }
            assertTrue(log.contains("SK_pr computed (key logging is off)"), log);
            assertFalse(java.util.regex.Pattern.compile("(SK_ei|SKEYSEED|g\\^ir|encryption) [0-9a-f]{16}").matcher(log).find(),
                    "no keys without --keylog");
        }
    }

    private static List<Path> ike4jConfWide(Lab lab) {
        return Lab.ipsecConf(lab.dir, "ikev2", CONN, Lab.IKE4J_IP, "10.1.0.0/16", Lab.CHARON_IP, "10.2.0.0/16", Lab.PSK,
                "ike=aes128-sha256-x25519", "esp=aes128-sha256");
    }

    /**
     * tshark decrypts an ike4j-to-charon capture with nothing but the ikev2_decryption_table the
     * daemon wrote ({@code --keylog DIR}): IKE_AUTH (IDi, IDr), CREATE_CHILD_SA (the Child SA
     * rekey's and the IKE SA rekey's nonces), INFORMATIONAL (the Deletes), the last under the
     * rekeyed IKE SA, whose row the daemon appended when the rekey finished.
     */
    @ParameterizedTest
    @ValueSource(strings = {"aes128-sha256-x25519/aes128-sha256", "aes256gcm16-prfsha384-ecp384/aes256gcm16"})
    void tsharkDecryptsWithTheKeyTableIke4jWrote(String suites, @TempDir Path dir) throws IOException {
        String ike = suites.split("/")[0];
        String esp = suites.split("/")[1];
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.plugins(org.ike4j.testkit.Charon.DEFAULT_PLUGINS + " gcm openssl")).swanctl()
                    .load(charonConf(ike, esp, c -> c));
            Path keys = Files.createDirectories(dir.resolve("keys"));
            lab.startIke4j(ike4jConf(lab, "ike=" + ike, "esp=" + esp, "reauth=no"), "all=3,dmn=2",
                    List.of("--keylog", keys.toString()));
            Lab.Established e = lab.ike4jUp();
            String first = Ike4jStatus.str(e.ike4jChild(), "inboundSpi");
            String spi = Ike4jStatus.str(e.ike4jSa(), "initiatorSpi");
            // CREATE_CHILD_SA (Child SA rekey), then INFORMATIONAL { D(ESP) } for the old pair
            assertTrue(lab.charon.swanctl().rekeyChild("net").ok(), lab.logs());
            lab.ike4j.await("Child SA rekeyed", ESTABLISH, st -> st.installed(CONN).size() == 1
                    && !Ike4jStatus.str(st.installed(CONN).get(0), "inboundSpi").equals(first));
            // CREATE_CHILD_SA (IKE SA rekey), then INFORMATIONAL { D(IKE) } under the old IKE SA
            assertTrue(lab.charon.swanctl().rekeyIke("ike4j").ok(), lab.logs());
            lab.ike4j.await("IKE SA rekeyed", ESTABLISH, st -> st.ikeSas().size() == 1
                    && !Ike4jStatus.str(st.ikeSas().get(0), "initiatorSpi").equals(spi));
            lab.charon.swanctl().awaitIkeSa("rekeyed IKE SA", ESTABLISH,
                    sa -> !sa.initiatorSpi().equals(spi) && sa.state().equals("ESTABLISHED"));
            // INFORMATIONAL { D(IKE) } under the rekeyed IKE SA
            assertEquals(Boolean.TRUE, lab.ike4j.call("down", false, CONN).get("ok"));
            lab.charon.swanctl().awaitNoIkeSa("ike4j", ESTABLISH);
            Path pcap = lab.stopCapture();

            List<org.ike4j.analysis.keys.KeyTableEntry> rows = org.ike4j.analysis.keys.WiresharkKeyTables.read(
                    keys.resolve("ikev2_decryption_table"), "ikev2_decryption_table");
            assertEquals(2, rows.size(), "the initial and the rekeyed IKE SA: " + rows);
            assertEquals(spi, ((org.ike4j.analysis.keys.KeyTableEntry.Ikev2) rows.get(0)).spiI().hex());
            List<String> options = rows.stream().map(org.ike4j.analysis.keys.WiresharkKeyTables::tsharkOption).toList();
            List<String> fields = List.of("isakmp.exchangetype", "isakmp.messageid", "isakmp.ispi", "isakmp.nonce",
                    "isakmp.id.data.ipv4_addr", "isakmp.delete.protoid", "isakmp.enc.decrypted");
            String filter = "isakmp.exchangetype >= 35 && isakmp.exchangetype <= 37";
            List<List<String>> decrypted = org.ike4j.testkit.Tshark.fields(pcap, filter, fields, options);
            String all = decrypted.stream().map(Object::toString).collect(java.util.stream.Collectors.joining("\n"));
            System.out.println(ike + ": tshark with ike4j's table\n" + all);
            List<List<String>> auth = decrypted.stream().filter(f -> f.get(0).equals("35")).toList();
            assertEquals(List.of(Lab.IKE4J_IP + "," + Lab.CHARON_IP, Lab.CHARON_IP),
                    auth.stream().map(f -> f.get(4)).toList(), "IKE_AUTH request (IDi, IDr) and response (IDr)\n" + all);
            List<List<String>> create = decrypted.stream().filter(f -> f.get(0).equals("36")).toList();
            assertEquals(4, create.size(), "two CREATE_CHILD_SA exchanges\n" + all);
            create.forEach(f -> assertFalse(f.get(3).isEmpty(), "CREATE_CHILD_SA nonce " + f + "\n" + all));
            List<List<String>> info = decrypted.stream().filter(f -> f.get(0).equals("37")).toList();
            assertTrue(info.size() >= 6, "three INFORMATIONAL exchanges\n" + all);
            // each Delete request (charon's two after its rekeys, ike4j's at down) is read
            assertTrue(info.stream().filter(f -> !f.get(5).isEmpty()).count() >= 3, "the Deletes\n" + all);
            assertTrue(info.stream().anyMatch(f -> !f.get(2).equals(spi) && !f.get(5).isEmpty()),
                    "a Delete under the rekeyed IKE SA\n" + all);
            decrypted.forEach(f -> assertFalse(f.get(6).isEmpty(), "decrypted " + f + "\n" + all));
            List<List<String>> without = org.ike4j.testkit.Tshark.fields(pcap, filter, fields);
            without.forEach(f -> assertTrue(f.get(3).isEmpty() && f.get(4).isEmpty() && f.get(5).isEmpty()
                    && f.get(6).isEmpty(), "without keys there is nothing to read: " + f));
        }
    }

    /** charon as the seed's other peer over IKEv2, 0.0.0.0/0 on both sides as in the seed. */
    private static SwanctlConfig charonSeedPeer(String name, String child) {
        return new SwanctlConfig(List.of(SwanctlConfig.connection(name)
                .version(2).localAddrs(Lab.CHARON_IP).remoteAddrs(Lab.IKE4J_IP).proposals("3des-md5-modp1024")
                .localId(Lab.CHARON_IP).remoteId(Lab.IKE4J_IP)
                .child(SwanctlConfig.child(child).localTs("0.0.0.0/0").remoteTs("0.0.0.0/0").espProposals("aes128-sha1")
                        .lifeTime(Duration.ofHours(1)).rekeyTime(Duration.ofMinutes(51)))
                .build()),
                List.of(new SwanctlConfig.Psk("seed", Lab.PSK, List.of(Lab.IKE4J_IP, Lab.CHARON_IP))));
    }

    /**
     * The seed's own files over IKEv2: ike4j with the seed's Junos configuration ({@code version
     * v2-only} instead of v1-only, addresses mapped) answers charon; then ike4j with the seed's
     * ipsec.conf ({@code keyexchange=ikev2}) initiates to charon.
     */
    @Test
    void theSeedsConfigurationsOverIkev2(@TempDir Path dir) throws IOException {
        try (Lab lab = new Lab(sub(dir, "junos"))) {
            Path junos = lab.seedCopy("srx-13.conf", Map.of("10.80.80.13", Lab.IKE4J_IP, "10.80.80.80", Lab.CHARON_IP,
                    "version v1-only;", "version v2-only;"));
            lab.startCharon().swanctl().load(charonSeedPeer("srx", "vpn"));
            lab.startIke4j(List.of(junos));
            lab.charon.swanctl().initiate("vpn", "srx", ESTABLISH);
            IkeSa c = lab.charon.swanctl().awaitChildSaInstalled("vpn", ESTABLISH);
            Ike4jStatus s = lab.ike4j.await("SERVER-BOX established", ESTABLISH,
                    st -> !st.established("SERVER-BOX").isEmpty() && st.hasInstalled("SERVER-BOX"));
            assertEquals(2, c.version());
            assertEquals(c.initiatorSpi(), Ike4jStatus.str(s.established("SERVER-BOX").get(0), "initiatorSpi"));
            assertEquals("3DES_CBC", Ike4jStatus.str(s.established("SERVER-BOX").get(0), "encryption"));
            assertEquals(c.child("vpn").spiOut(), Ike4jStatus.str(s.installed("SERVER-BOX").get(0), "inboundSpi"));
            assertEquals(1200L, Ike4jStatus.num(s.installed("SERVER-BOX").get(0).get("lifetimeSeconds")),
                    "the SRX's own lifetime-seconds");
        }
        try (Lab lab = new Lab(sub(dir, "ipsec.conf"))) {
            Map<String, String> map = Map.of("10.80.80.80", Lab.IKE4J_IP, "10.80.80.13", Lab.CHARON_IP,
                    "keyexchange=ikev1", "keyexchange=ikev2");
            lab.startCharon().swanctl().load(charonSeedPeer("server", "vpn"));
            lab.startIke4j(List.of(lab.seedCopy("ipsec.conf", map), lab.seedCopy("ipsec.secrets", map)));
            assertEquals(Boolean.TRUE, lab.ike4j.call("up", false, "srx-13").get("ok"));
            Ike4jStatus s = lab.ike4j.await("srx-13 established", ESTABLISH,
                    st -> !st.established("srx-13").isEmpty() && st.hasInstalled("srx-13"));
            IkeSa c = lab.charon.swanctl().awaitChildSaInstalled("vpn", ESTABLISH);
            assertEquals(2, c.version());
            assertEquals(c.responderSpi(), Ike4jStatus.str(s.established("srx-13").get(0), "responderSpi"));
            assertEquals(c.child("vpn").spiIn(), Ike4jStatus.str(s.installed("srx-13").get(0), "outboundSpi"));
            assertEquals("HMAC_MD5_96", c.integAlg());
        }
    }
}

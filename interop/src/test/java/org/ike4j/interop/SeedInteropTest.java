package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.ike4j.testkit.ChildSa;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.SwanctlConfig;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's two configurations against charon 5.9: ike4j with the strongSwan box's ipsec.conf
 * initiates to charon playing the SRX (case 1); charon initiates to ike4j running the SRX's
 * Junos configuration (case 2). Addresses are mapped onto the lab's; nothing else is changed.
 */
@Interop(strongSwan = true, needs = Requirement.TSHARK)
class SeedInteropTest {

    static final Duration ESTABLISH = Duration.ofSeconds(8);

    /**
     * charon as the SRX: the mirror image of the seed's ipsec.conf. Its IPsec SA lifetime is
     * ipsec.conf's default keylife (1 h, rekeyed 9 min before): charon 5.9 as a Quick Mode
     * responder keeps its own configured lifetime ("received 3600s lifetime, configured 3960s")
     * and sends no RESPONDER-LIFETIME, so only equal configurations report equal lifetimes.
     */
    static SwanctlConfig charonAsSrx(String ikeProposals, String espProposals) {
        return new SwanctlConfig(List.of(SwanctlConfig.connection("server-box")
                .version(1).localAddrs(Lab.CHARON_IP).remoteAddrs(Lab.IKE4J_IP).proposals(ikeProposals)
                .localId(Lab.CHARON_IP).remoteId(Lab.IKE4J_IP)
                .child(SwanctlConfig.child("vpn").localTs("0.0.0.0/0").remoteTs("0.0.0.0/0").espProposals(espProposals)
                        .lifeTime(Duration.ofHours(1)).rekeyTime(Duration.ofMinutes(51)))
                .build()),
                List.of(new SwanctlConfig.Psk("seed", Lab.PSK, List.of(Lab.IKE4J_IP, Lab.CHARON_IP))));
    }

    @Test
    void case1Ike4jWithTheSeedsIpsecConfInitiatesToCharon(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            Map<String, String> map = Map.of("10.80.80.80", Lab.IKE4J_IP, "10.80.80.13", Lab.CHARON_IP);
            Path conf = lab.seedCopy("ipsec.conf", map);
            Path secrets = lab.seedCopy("ipsec.secrets", map);
            lab.startCharon().swanctl().load(charonAsSrx("3des-md5-modp1024", "aes128-sha1"));
            Ike4jDaemon ike4j = lab.startIke4j(List.of(conf, secrets));
            Path pcap;
            Ike4jStatus status;
            IkeSa charonSa;
            Map<String, Object> up = ike4j.call("up", false, "srx-13");
            assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
            status = ike4j.await("srx-13 established with an IPsec SA", ESTABLISH,
                    s -> !s.established("srx-13").isEmpty() && s.hasInstalled("srx-13"));
            charonSa = lab.charon.swanctl().awaitChildSaInstalled("vpn", ESTABLISH);
            pcap = lab.stopCapture();
            assertTrue(lab.capture.packetsCaptured() > 0, lab.capture.log());
            SaChecks.sameIsakmpSa(status.established("srx-13").get(0), charonSa, true);
            // the operator's view: `ike4j status --json` names the same cookies and SPIs
            var cli = ike4j.cli("status", "--json");
            assertTrue(cli.ok(), cli.describe());
            assertTrue(cli.stdout().contains(charonSa.initiatorSpi()) && cli.stdout().contains(charonSa.responderSpi())
                    && cli.stdout().contains(charonSa.child("vpn").spiIn()), cli.stdout());
            assertEquals("3DES_CBC", charonSa.encrAlg());
            assertEquals("HMAC_MD5_96", charonSa.integAlg());
            assertEquals("MODP_1024", charonSa.dhGroup());
            ChildSa child = charonSa.child("vpn");
            SaChecks.sameIpsecSa(status.installed("srx-13").get(0), child, status.atMillis());
            assertEquals("AES_CBC", child.encrAlg());
            assertEquals(128, child.encrKeysize());
            assertEquals("HMAC_SHA1_96", child.integAlg());
            assertEquals("", child.dhGroup(), "pfs=no");
            assertEquals(List.of("0.0.0.0/0"), child.localTs());
            assertEquals(List.of("0.0.0.0/0"), child.remoteTs());

            List<List<String>> rows = Tshark.fields(pcap, "isakmp",
                    List.of("udp.srcport", "udp.dstport", "isakmp.exchangetype"));
            assertTrue(rows.stream().anyMatch(r -> r.get(1).equals("500")), "UDP 500 frames: " + rows);
            assertTrue(rows.stream().anyMatch(r -> r.get(1).equals("4500")), "UDP 4500 frames: " + rows);
            assertTrue(rows.stream().anyMatch(r -> r.get(2).equals("2")), "Main Mode: " + rows);
            assertTrue(rows.stream().anyMatch(r -> r.get(2).equals("32")), "Quick Mode: " + rows);
        }
    }

    @Test
    void case2CharonInitiatesToIke4jRunningTheSeedsJunosConfiguration(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            // the SRX (ge-0/0/3 10.80.80.13/24, the external interface) becomes ike4j's address
            Path junos = lab.seedCopy("srx-13.conf", Map.of("10.80.80.13", Lab.IKE4J_IP, "10.80.80.80", Lab.CHARON_IP));
            lab.startCharon().swanctl().load(charonAsStrongSwanBox("3des-md5-modp1024", "aes128-sha1"));
            Ike4jDaemon ike4j = lab.startIke4j(List.of(junos));
            lab.charon.swanctl().initiate("vpn", "srx", ESTABLISH);
            IkeSa charonSa = lab.charon.swanctl().awaitChildSaInstalled("vpn", ESTABLISH);
            Ike4jStatus status = ike4j.await("SERVER-BOX established with an IPsec SA", ESTABLISH,
                    s -> !s.established("SERVER-BOX").isEmpty() && s.hasInstalled("SERVER-BOX"));
            SaChecks.sameIsakmpSa(status.established("SERVER-BOX").get(0), charonSa, false);
            Map<String, Object> child = status.installed("SERVER-BOX").get(0);
            // the SRX's lifetime-seconds 1200 is shorter than charon's offer: ike4j takes it and
            // tells charon with RESPONDER-LIFETIME (RFC 2407 4.6.3.1). charon 5.9.8 does not act on
            // that notify: it keeps its 3600 s; ike4j, the responder, does not renew the pair and
            // deletes it at 1200 s (KeyLogInteropTest shows both on the wire). Both report what
            // they will enforce.
            assertEquals(1200L, Ike4jStatus.num(child.get("lifetimeSeconds")), child.toString());
            SaChecks.sameIpsecSa(child, charonSa.child("vpn"), status.atMillis(), 3600);
            long rekeyIn = Ike4jStatus.num(child.get("rekeyAtMillis")) - Ike4jStatus.num(child.get("installedAtMillis"));
            assertTrue(rekeyIn > 0 && rekeyIn < 1_200_000, "ike4j renews before its 1200 s end: " + child);
            assertEquals("AES_CBC", charonSa.child("vpn").encrAlg());
            assertEquals("", charonSa.child("vpn").dhGroup(), "no PFS in the SRX's policy");
        }
    }

    /** charon as the seed's strongSwan box (the initiator), towards ike4j playing the SRX. */
    static SwanctlConfig charonAsStrongSwanBox(String ikeProposals, String espProposals) {
        return new SwanctlConfig(List.of(SwanctlConfig.connection("srx")
                .version(1).localAddrs(Lab.CHARON_IP).remoteAddrs(Lab.IKE4J_IP).proposals(ikeProposals)
                .localId(Lab.CHARON_IP).remoteId(Lab.IKE4J_IP)
                .child(SwanctlConfig.child("vpn").localTs("0.0.0.0/0").remoteTs("0.0.0.0/0").espProposals(espProposals)
                        .lifeTime(Duration.ofHours(1)).rekeyTime(Duration.ofMinutes(51)))
                .build()),
                List.of(new SwanctlConfig.Psk("seed", Lab.PSK, List.of(Lab.IKE4J_IP, Lab.CHARON_IP))));
    }
}

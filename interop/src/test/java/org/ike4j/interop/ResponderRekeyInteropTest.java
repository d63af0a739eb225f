package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ike4j.testkit.ChildSa;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.Interop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's lifetime mismatch, in seconds instead of 20 minutes: charon initiates and offers
 * 3600 s (and ignores RESPONDER-LIFETIME, as pluto did in the seed); ike4j, the Quick Mode
 * responder, has a 30 s policy (written as ipsec.conf, since Junos allows no IPsec lifetime under
 * 180 s; daemon/README "Lifetimes against strongSwan"). ike4j renews the pair itself at its soft
 * lifetime (30 s - 10 s margin, no fuzz), as the SRX does, so the tunnel never drops: polled every
 * second for about 70 s, both sides always show an installed IPsec SA, and ike4j renewed it at
 * least twice.
 */
@Interop(strongSwan = true)
class ResponderRekeyInteropTest {

    static final Duration ESTABLISH = Duration.ofSeconds(10);
    static final String CONN = "charon";

    @Test
    void ike4jAsResponderRenewsItsShorterLifetimeAndTheTunnelNeverDrops(@TempDir Path dir) {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Lab.charonConf("3des-md5-modp1024", "aes128-sha1", Lab.PSK, c -> c,
                    c -> c));
            Ike4jDaemon ike4j = lab.startIke4j(lab.ike4jConf(CONN, Lab.PSK, "ike=3des-md5-modp1024",
                    "esp=aes128-sha1", "lifetime=30s", "rekeymargin=10s", "rekeyfuzz=0%"));
            lab.charon.swanctl().initiate("net", "ike4j", ESTABLISH);
            IkeSa charonSa = lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
            Ike4jStatus first = ike4j.await("charon established with an IPsec SA", ESTABLISH,
                    s -> s.hasInstalled(CONN));
            Map<String, Object> child = first.installed(CONN).get(0);
            assertEquals(30L, Ike4jStatus.num(child.get("lifetimeSeconds")));
            // the soft lifetime shown is the one ike4j will act on: 20 s after install
            assertEquals(20_000L, Ike4jStatus.num(child.get("rekeyAtMillis"))
                    - Ike4jStatus.num(child.get("installedAtMillis")), child.toString());
            assertTrue(ike4j.log().contains("RESPONDER-LIFETIME: 3600 s offered, 30 s by policy"), ike4j.logTail(40));
            long charonHard = Long.parseLong(charonSa.child("net").attributes().get("install-time"))
                    + Long.parseLong(charonSa.child("net").attributes().get("life-time"));
            assertTrue(Math.abs(charonHard - 3600) <= 2, "charon keeps its own lifetime: " + charonSa.child("net"));

            Set<String> ike4jSpis = new LinkedHashSet<>();
            Set<String> charonSpis = new LinkedHashSet<>();
            long end = System.nanoTime() + Duration.ofSeconds(70).toNanos();
            int polls = 0;
            while (System.nanoTime() < end) {
                Ike4jStatus s = ike4j.status();
                List<ChildSa> charonChildren = lab.charon.swanctl().listSas().stream()
                        .flatMap(sa -> sa.children().stream()).filter(c -> SaChecks.IN_SAD.contains(c.state())).toList();
                assertFalse(s.installed(CONN).isEmpty(), "ike4j without an IPsec SA at poll " + polls + "\n" + lab.logs());
                assertFalse(charonChildren.isEmpty(), "charon without an IPsec SA at poll " + polls + "\n" + lab.logs());
                s.installed(CONN).forEach(c -> ike4jSpis.add(Ike4jStatus.str(c, "inboundSpi")));
                charonChildren.forEach(c -> charonSpis.add(c.spiIn()));
                polls++;
                Ike4jStatus.pause(1000);
            }
            System.out.println("responder rekeys: ike4j SPIs " + ike4jSpis + ", charon SPIs " + charonSpis + " in "
                    + polls + " polls");
            // 20, 40 and 60 s after the first install: at least two renewals seen in 70 s
            assertTrue(ike4jSpis.size() >= 3 && charonSpis.size() >= 3, "ike4j " + ike4jSpis + ", charon "
                    + charonSpis + "\n" + lab.logs());
            assertTrue(ike4j.log().contains("the peer initiated it, we renew it too"), ike4j.logTail(60));
            assertFalse(ike4j.log().contains("hard lifetime of 30 s expired"), ike4j.logTail(60));
            // one pair left on each side, the same one; the ISAKMP SA stays
            Ike4jStatus last = ike4j.status();
            IkeSa charonNow = lab.charon.swanctl().ikeSa("ike4j").orElseThrow();
            for (Map<String, Object> c : last.installed(CONN)) {
                String in = Ike4jStatus.str(c, "inboundSpi");
                assertTrue(charonNow.children().stream().anyMatch(ch -> ch.spiOut().equals(in)),
                        in + " not in " + charonNow.children());
            }
            assertEquals(1, last.established(CONN).size());
        }
    }
}

package org.ike4j.daemon.format;

import static org.ike4j.daemon.format.SeedSnapshots.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ike4j.engine.Snapshot;
import org.junit.jupiter.api.Test;

class StrongSwanStatusTest {

    @Test
    void seedServerStatusWordForWord() throws Exception {
        String out = StrongSwanStatus.status(SeedSnapshots.server());
        assertEquals(words(SeedSnapshots.resource("ipsec-status.txt")), words(out), out);
    }

    @Test
    void seedServerStatusLines() {
        List<String> lines = StrongSwanStatus.status(SeedSnapshots.server()).lines().toList();
        assertEquals("000 \"srx-13\": 0.0.0.0/0===10.80.80.80[10.80.80.80]...10.80.80.13[10.80.80.13]===0.0.0.0/0;"
                + " erouted; eroute owner: #2", lines.get(0));
        assertEquals("000 #2: \"srx-13\" esp.5ef52687@10.80.80.13 (0 bytes) esp.c786011d@10.80.80.80 (0 bytes); tunnel",
                lines.get(4));
        assertEquals("Security Associations:", lines.get(lines.size() - 2));
    }

    @Test
    void connectionWithoutSasIsUnrouted() {
        Snapshot s = new Snapshot(0, List.of(new Snapshot.ConnectionInfo("a", "10.0.0.1[10.0.0.1]...10.0.0.2[10.0.0.2]")),
                List.of(), List.of());
        String out = StrongSwanStatus.status(s);
        assertTrue(out.startsWith("000 \"a\": 10.0.0.1[10.0.0.1]...10.0.0.2[10.0.0.2]; unrouted; eroute owner: #0\n"
                + "000 \"a\": newest ISAKMP SA: #0; newest IPsec SA: #0; \n"), out);
        assertTrue(out.endsWith("Security Associations:\n  none\n"), out);
    }

    @Test
    void negotiatingIkeSaIsNotNewestAndShowsExpiry() {
        Snapshot.IkeSaInfo i = new Snapshot.IkeSaInfo(7, "a", 1, true, "MAIN_I2", false, "Main", "0102030405060708",
                "0000000000000000", new InetSocketAddress("10.0.0.1", 500), new InetSocketAddress("10.0.0.2", 500),
                "", "", "", "", "", "", "", "", 0, 0, 30_000, 0, 0, 0, 0);
        String out = StrongSwanStatus.status(new Snapshot(1_000, List.of(), List.of(i), List.of()));
        assertTrue(out.contains("000 #7: \"a\" STATE_MAIN_I2 (negotiating); EVENT_SA_EXPIRE in 29s\n"), out);
    }

    @Test
    void ikev2SasListedCharonStyle() {
        Snapshot.IkeSaInfo i = new Snapshot.IkeSaInfo(3, "v2", 2, true, "ESTABLISHED", true, "IKE_SA_INIT",
                "0102030405060708", "1112131415161718", new InetSocketAddress("10.0.0.1", 500),
                new InetSocketAddress("10.0.0.2", 500), "a@x", "b@y", "AES_CBC_128", "HMAC_SHA2_256_128",
                "HMAC_SHA2_256", "MODP_2048", "pre-shared-keys", "", 1_000, 0, 0, 0, 0, 0, 0);
        Snapshot.ChildSaInfo c = new Snapshot.ChildSaInfo(4, 3, "v2", "INSTALLED", "ESP", "tunnel", false, 0xc1000001,
                0x00000abc, "AES_CBC_128", "HMAC_SHA2_256_128", "", List.of("10.1.0.0/16"), List.of("10.2.0.0/16"),
                1, 0, 0, 3600, 32, 0, 0, 0, 0);
        String out = StrongSwanStatus.status(new Snapshot(6_000, List.of(), List.of(i), List.of(c)));
        assertTrue(out.contains("Security Associations (1 up, 0 connecting):\n"), out);
        assertTrue(out.contains("          v2[3]: ESTABLISHED 5 seconds ago, 10.0.0.1[a@x]...10.0.0.2[b@y]\n"), out);
        assertTrue(out.contains("          v2{4}:  INSTALLED, TUNNEL, ESP SPIs: c1000001_i 00000abc_o\n"), out);
        assertTrue(out.contains("          v2{4}:   10.1.0.0/16 === 10.2.0.0/16\n"), out);
        // an IKEv2 child is not listed among the pluto-style IKEv1 states
        assertTrue(!out.contains("#4:"), out);
    }

    @Test
    void statusAllHasDaemonConnectionsAndDetails() {
        DaemonInfo info = new DaemonInfo(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:05:00Z"),
                List.of("0.0.0.0:500 (IKE)", "0.0.0.0:4500 (NAT-T)"), "/run/ike4j/ike4j.ctl", List.of("/etc/ipsec.conf"),
                "TestEngine", "none", 1, 7);
        String out = StrongSwanStatus.statusAll(info, SeedSnapshots.server());
        assertTrue(out.startsWith("Status of ike4j daemon (engine TestEngine, dataplane none):\n  uptime: 5 minutes"), out);
        assertTrue(out.contains("Listening IP addresses:\n  0.0.0.0:500 (IKE)\n  0.0.0.0:4500 (NAT-T)\n"), out);
        assertTrue(out.contains(StrongSwanStatus.status(SeedSnapshots.server())), out);
        assertTrue(out.contains("000 #1: \"srx-13\" IKEv1 Main initiator; SPIs a305bbc510fd3640:d16dd2ce1e0390ec;"
                + " 10.80.80.80:500[10.80.80.80]...10.80.80.13:500[10.80.80.13]\n"), out);
        assertTrue(out.contains("000 #1: \"srx-13\" 3DES_CBC/HMAC_MD5_96/HMAC_MD5/MODP_1024; auth pre-shared-keys;"
                + " NAT none; in 696 bytes/4 packets, out 584 bytes/5 packets\n"), out);
        assertTrue(out.contains("000 #2: \"srx-13\" ESP AES_CBC_128/HMAC_SHA1_96; PFS none; 0.0.0.0/0 === 0.0.0.0/0;"
                + " lifetime 3600s; replay window 64; in 0 bytes/0 packets, out 0 bytes/0 packets;"
                + " dropped in: replay 0, integrity 0, other 0\n"), out);
        assertTrue(out.contains("  dataplane SAs: 1; ESP with an unknown SPI dropped: 7\n"), out);
    }

    @Test
    void statusAllShowsEachSasDrops() {
        Snapshot seed = SeedSnapshots.server();
        Snapshot s = new Snapshot(seed.atMillis(), seed.connections(), seed.ikeSas(), seed.childSas().stream()
                .map(c -> c.withTraffic(1000, 2000, 10, 20, 3, 2, 1)).toList());
        DaemonInfo info = new DaemonInfo(java.time.Instant.EPOCH, java.time.Instant.EPOCH, List.of(), "c", List.of(),
                "e", "userspace", 1);
        String out = StrongSwanStatus.statusAll(info, s);
        assertTrue(out.contains("in 1000 bytes/10 packets, out 2000 bytes/20 packets; dropped in: replay 3, integrity 2,"
                + " other 1\n"), out);
        String junos = JunosShow.ipsecStatistics(s);
        assertTrue(junos.startsWith("ESP Statistics:\n  Encrypted bytes:                   2000\n"
                + "  Decrypted bytes:                   1000\n  Encrypted packets:                   20\n"
                + "  Decrypted packets:                   10\n"), junos);
        assertTrue(junos.contains("Errors:\n  AH authentication failures: 0, Replay errors: 3\n"
                + "  ESP authentication failures: 2, ESP decryption failures: 0\n  Bad headers: 0, Bad trailers: 1\n"), junos);
        assertTrue(junos.contains("Index: 2, VPN Name: srx-13, SPI: "), junos);
        Map<String, Object> json = SnapshotJson.of(s);
        @SuppressWarnings("unchecked")
        Map<String, Object> child = ((List<Map<String, Object>>) json.get("childSas")).get(0);
        assertEquals(3L, child.get("replayDrops"));
        assertEquals(2L, child.get("integrityFailures"));
        assertEquals(1L, child.get("otherDrops"));
    }
}

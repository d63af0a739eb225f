package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the kit charon-to-charon: two strongSwan daemons in two namespaces negotiate IKEv2 and
 * IKEv1, traffic crosses the tunnel, tshark sees the exchange.
 */
@Interop(strongSwan = true, needs = {Requirement.TSHARK, Requirement.IPERF3})
class CharonInteropTest {

    private static final Duration ESTABLISH = Duration.ofSeconds(15);

    @Test
    void ikev2PskAes128Sha256X25519CarriesTraffic(@TempDir Path dir) {
        try (CharonPair pair = new CharonPair()) {
            pair.start(CharonPair.config(true, "v2", 2, "aes128-sha256-x25519", "net", "aes128-sha256-x25519"),
                    CharonPair.config(false, "v2", 2, "aes128-sha256-x25519", "net", "aes128-sha256-x25519"));
            IkeSa left;
            IkeSa right;
            Path pcap;
            try (Capture capture = Capture.start(pair.right, pair.wire.bInterface(), dir.resolve("ikev2.pcapng"),
                    Capture.IKE_AND_ESP)) {
                pair.leftCharon.swanctl().initiate("net", "v2", ESTABLISH);
                left = pair.leftCharon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                right = pair.rightCharon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                pcap = capture.stop();
            }

            assertEquals("ESTABLISHED", left.state());
            assertEquals("ESTABLISHED", right.state());
            assertEquals(2, left.version());
            assertTrue(left.initiator());
            assertFalse(right.initiator());
            assertEquals(left.initiatorSpi(), right.initiatorSpi());
            assertEquals(left.responderSpi(), right.responderSpi());
            assertTrue(left.initiatorSpi().matches("[0-9a-f]{16}"), left.initiatorSpi());
            assertEquals("AES_CBC", left.encrAlg());
            assertEquals(128, left.encrKeysize());
            assertEquals("HMAC_SHA2_256_128", left.integAlg());
            assertEquals("PRF_HMAC_SHA2_256", left.prfAlg());
            assertEquals("CURVE_25519", left.dhGroup());
            // kernel-libipsec makes charon float to NAT-T's port after IKE_SA_INIT
            assertEquals(4500, left.localPort());
            assertEquals(4500, right.remotePort());

            ChildSa leftChild = left.child("net");
            ChildSa rightChild = right.child("net");
            assertEquals(leftChild.spiIn(), rightChild.spiOut());
            assertEquals(leftChild.spiOut(), rightChild.spiIn());
            assertTrue(leftChild.encap(), "ESP in UDP");
            assertEquals("HMAC_SHA2_256_128", leftChild.integAlg());
            assertEquals(List.of(CharonPair.LEFT_NET), leftChild.localTs());
            assertEquals(List.of(CharonPair.RIGHT_NET), leftChild.remoteTs());

            // kernel-libipsec announces NAT-T; charon floats to 4500 after IKE_SA_INIT (RFC 7296 2.23)
            List<String> exchanges = Tshark.fields(pcap, "isakmp", List.of("isakmp.exchangetype", "udp.dstport"))
                    .stream().map(r -> r.get(0) + "@" + r.get(1)).toList();
            // (an INFORMATIONAL may follow: charon checks the path with MOBIKE when ipsec0 appears)
            assertEquals(List.of("34@500", "34@500", "35@4500", "35@4500"), exchanges.subList(0, 4), exchanges.toString());
            assertTrue(exchanges.subList(4, exchanges.size()).stream().allMatch(e -> e.endsWith("@4500")),
                    exchanges.toString());

            sendTrafficThroughTunnel(pair);

            ChildSa leftAfter = pair.leftCharon.swanctl().ikeSa("v2").orElseThrow().child("net");
            ChildSa rightAfter = pair.rightCharon.swanctl().ikeSa("v2").orElseThrow().child("net");
            assertTrue(leftAfter.packetsOut() > 0, "left sent ESP: " + leftAfter);
            assertTrue(rightAfter.packetsIn() > 0, "right received ESP: " + rightAfter);
            assertTrue(rightAfter.packetsOut() > 0, "right answered through the tunnel: " + rightAfter);
            assertTrue(leftAfter.packetsIn() > 0, "left received the answers: " + leftAfter);
        }
    }

    /**
     * A TCP transfer from left's inner address to right's (iperf3: the CI machine has no ping).
     * The only route to 10.2.0.0/24 is charon's, in table 220 via ipsec0, so success means the
     * tunnel carried it.
     */
    private static void sendTrafficThroughTunnel(CharonPair pair) {
        Path log = pair.leftCharon.directory().resolve("iperf3-server.log");
        try (BackgroundProcess server = pair.right.start("iperf3", log, Map.of(),
                List.of("iperf3", "--server", "--one-off", "--bind", CharonPair.RIGHT_INNER))) {
            awaitListening(pair.right, 5201, server);
            CommandResult client = pair.left.exec(Duration.ofSeconds(20), "iperf3", "--client", CharonPair.RIGHT_INNER,
                    "--bind", CharonPair.LEFT_INNER, "--bytes", "64K", "--connect-timeout", "5000");
            assertTrue(client.ok(), () -> client.describe() + "\n" + server.logTail(20) + "\n"
                    + pair.leftCharon.logTail(30));
            assertTrue(client.stdout().contains("iperf Done"), client.stdout());
        }
    }

    private static void awaitListening(NetNamespace namespace, int port, BackgroundProcess server) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            CommandResult ss = namespace.exec(Duration.ofSeconds(5), "ss", "-Hltn", "sport = :" + port);
            if (ss.ok() && !ss.stdout().isBlank()) {
                return;
            }
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new TestKitException("iperf3 server not listening\n" + server.logTail(20));
            }
            Processes.sleep(Duration.ofMillis(50));
        }
    }

    @Test
    void ikev1MainModePskWithTheSeedsProposalsIsCaptured(@TempDir Path dir) {
        try (CharonPair pair = new CharonPair()) {
            // the seed's proposals: IKE 3des-md5-modp1024, ESP aes128-sha1, no PFS
            pair.start(CharonPair.config(true, "v1", 1, "3des-md5-modp1024", "net", "aes128-sha1"),
                    CharonPair.config(false, "v1", 1, "3des-md5-modp1024", "net", "aes128-sha1"));
            Path pcap;
            try (Capture capture = Capture.start(pair.left, pair.wire.aInterface(), dir.resolve("ikev1.pcapng"),
                    Capture.IKE_AND_ESP)) {
                pair.leftCharon.swanctl().initiate("net", "v1", ESTABLISH);
                IkeSa left = pair.leftCharon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                IkeSa right = pair.rightCharon.swanctl().awaitChildSaInstalled("net", ESTABLISH);

                assertEquals(1, left.version());
                assertEquals("3DES_CBC", left.encrAlg());
                assertEquals("HMAC_MD5_96", left.integAlg());
                assertEquals("PRF_HMAC_MD5", left.prfAlg());
                assertEquals("MODP_1024", left.dhGroup());
                assertEquals(left.initiatorSpi(), right.initiatorSpi());
                assertEquals(left.responderSpi(), right.responderSpi());
                ChildSa child = left.child("net");
                assertEquals("AES_CBC", child.encrAlg());
                assertEquals(128, child.encrKeysize());
                assertEquals("HMAC_SHA1_96", child.integAlg());
                assertEquals("", child.dhGroup(), "no PFS");
                assertEquals(child.spiIn(), right.child("net").spiOut());
                pcap = capture.stop();
                assertTrue(capture.packetsCaptured() > 0, capture.log());
            }

            List<List<String>> rows = Tshark.fields(pcap, "isakmp",
                    List.of("udp.srcport", "udp.dstport", "isakmp.exchangetype", "isakmp.ispi"));
            assertTrue(rows.stream().anyMatch(r -> r.get(1).equals("500")), "UDP 500 frames: " + rows);
            assertTrue(rows.stream().anyMatch(r -> r.get(1).equals("4500")), "UDP 4500 frames: " + rows);
            // exchange types: 2 Identity Protection (Main Mode), 32 Quick Mode (RFC 2408 3.1, RFC 2409 5.5)
            assertTrue(rows.stream().anyMatch(r -> r.get(2).equals("2")), "Main Mode: " + rows);
            assertTrue(rows.stream().anyMatch(r -> r.get(2).equals("32")), "Quick Mode: " + rows);
            // NAT-T (RFC 3947 4): Main Mode messages 1-4 on port 500, then 5 and 6 on 4500
            List<String> mainModePorts = rows.stream().filter(r -> r.get(2).equals("2")).map(r -> r.get(1)).toList();
            assertEquals(List.of("500", "500", "500", "500", "4500", "4500"), mainModePorts, rows.toString());
            assertTrue(Files.exists(pcap));
        }
    }
}

package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The topology features later tests need: a NAT router, packet loss, MTU. */
@Interop(strongSwan = true)
class TopologyTest {

    /**
     * left (192.0.2.1) -- router (masquerade) -- right (198.51.100.2): right sees the router's
     * address, left detects that it is behind a NAT (RFC 7296 2.23), and the SA comes up on 4500.
     */
    @Test
    void ikev2ThroughMasqueradingRouter() {
        try (TestNetwork net = new TestNetwork()) {
            NetNamespace left = net.namespace("left");
            NetNamespace router = net.namespace("router");
            NetNamespace right = net.namespace("right");
            net.connect(left, "192.0.2.1/24", router, "192.0.2.254/24");
            VethPair outside = net.connect(router, "198.51.100.254/24", right, "198.51.100.2/24");
            String hostForwarding = hostIpForward();
            net.enableForwarding(router);
            assertEquals("1", router.exec(Duration.ofSeconds(5), "cat", "/proc/sys/net/ipv4/ip_forward").stdout().strip());
            assertEquals(hostForwarding, hostIpForward(), "the host's own setting is untouched");
            net.masquerade(router, outside.aInterface());
            net.route(left, "default", "192.0.2.254");
            net.addAddress(left, "10.1.0.1/32");
            net.addAddress(right, "10.2.0.1/32");

            SwanctlConfig leftConfig = config("192.0.2.1", "198.51.100.2", "192.0.2.1", "198.51.100.2",
                    "10.1.0.0/24", "10.2.0.0/24");
            // right cannot know the NATed address in advance: it accepts the peer from anywhere
            SwanctlConfig rightConfig = config("198.51.100.2", "%any", "198.51.100.2", "192.0.2.1",
                    "10.2.0.0/24", "10.1.0.0/24");
            try (Charon leftCharon = Charon.builder(left).start();
                    Charon rightCharon = Charon.builder(right).start()) {
                leftCharon.swanctl().load(leftConfig);
                rightCharon.swanctl().load(rightConfig);
                leftCharon.swanctl().initiate("net", "nat", Duration.ofSeconds(15));
                IkeSa leftSa = leftCharon.swanctl().awaitChildSaInstalled("net", Duration.ofSeconds(15));
                IkeSa rightSa = rightCharon.swanctl().awaitChildSaInstalled("net", Duration.ofSeconds(15));

                assertEquals("198.51.100.254", rightSa.remoteHost(), "right sees the router's address");
                assertEquals("yes", leftSa.attributes().get("nat-local"), "left knows it is behind a NAT");
                assertEquals(4500, rightSa.localPort());
                assertEquals(leftSa.initiatorSpi(), rightSa.initiatorSpi());
            }
        }
    }

    /**
     * 100 % loss on right's interface: the initiation fails after charon's (shortened)
     * retransmissions and the rule's counter shows the drops; without the rule it succeeds.
     */
    @Test
    void packetLossRuleDropsAndIsRemovable() {
        try (CharonPair pair = new CharonPair()) {
            pair.network.dropRandomly(pair.right, pair.wire.bInterface(), 100);
            pair.wire.setMtu(1400);
            assertTrue(pair.left.ip("link", "show", pair.wire.aInterface()).stdout().contains("mtu 1400"));
            pair.leftCharon = Charon.builder(pair.left).retransmit(1, 0.3, 1.0).start();
            pair.rightCharon = Charon.builder(pair.right).start();
            pair.leftCharon.swanctl().load(CharonPair.config(true, "v2", 2, "aes128-sha256-x25519", "net",
                    "aes128-sha256-x25519"));
            pair.rightCharon.swanctl().load(CharonPair.config(false, "v2", 2, "aes128-sha256-x25519", "net",
                    "aes128-sha256-x25519"));

            TestKitException failure = assertThrows(TestKitException.class,
                    () -> pair.leftCharon.swanctl().initiate("net", "v2", Duration.ofSeconds(10)));
            // the failure explains itself with charon's log
            assertTrue(failure.getMessage().contains("--- charon log"), failure.getMessage());
            assertTrue(failure.getMessage().contains("retransmit"), failure.getMessage());
            String rules = pair.right.exec(Duration.ofSeconds(5), "nft", "list", "table", "netdev",
                    "ike4j_loss_" + pair.wire.bInterface()).orThrow().stdout();
            Matcher counter = Pattern.compile("packets (\\d+)").matcher(rules);
            assertTrue(counter.find() && Long.parseLong(counter.group(1)) >= 2,
                    "the IKE_SA_INIT request and its retransmission were dropped: " + rules);
            assertEquals(List.of(), pair.rightCharon.swanctl().listSas(), "right never saw a packet");

            pair.network.stopDropping(pair.right, pair.wire.bInterface());
            pair.leftCharon.swanctl().awaitNoIkeSa("v2", Duration.ofSeconds(10));
            pair.leftCharon.swanctl().initiate("net", "v2", Duration.ofSeconds(10));
            pair.rightCharon.swanctl().awaitChildSaInstalled("net", Duration.ofSeconds(10));
        }
    }

    private static String hostIpForward() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_forward")).strip();
        } catch (java.io.IOException e) {
            throw new TestKitException("cannot read ip_forward", e);
        }
    }

    private static SwanctlConfig config(String me, String peer, String myId, String peerId, String localTs,
            String remoteTs) {
        return new SwanctlConfig(List.of(SwanctlConfig.connection("nat")
                .version(2).localAddrs(me).remoteAddrs(peer).proposals("aes128-sha256-x25519")
                .localId(myId).remoteId(peerId)
                .child(SwanctlConfig.child("net").localTs(localTs).remoteTs(remoteTs)
                        .espProposals("aes128-sha256-x25519"))
                .build()),
                List.of(new SwanctlConfig.Psk("nat", "ike4j-nat-test-psk", List.of("192.0.2.1", "198.51.100.2"))));
    }
}

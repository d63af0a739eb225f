package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.ike4j.analysis.logs.CharonLog;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.testkit.Capture;
import org.ike4j.testkit.Charon;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.SwanctlConfig;
import org.ike4j.testkit.Tshark;
import org.ike4j.testkit.TwoPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys charon 5.9.8 logs at {@code ike} level 4, read by analysis' {@link CharonLog}, decrypt
 * a charon-to-charon IKE_AUTH in tshark 4.0: the route by which captures of real exchanges are
 * checked. (This check lived in testkit's CharonInteropTest with a second, smaller parser of
 * charon's dumps; testkit cannot use analysis' parser, since analysis's tests use testkit.)
 */
@Interop(strongSwan = true, needs = Requirement.TSHARK)
class CharonLogKeysInteropTest {
    private static final Duration ESTABLISH = Duration.ofSeconds(15);

    /** One side of an IKEv2 PSK connection {@code v2} with child {@code net}, as the testkit's smoke tests have it. */
    private static SwanctlConfig config(boolean leftSide) {
        String me = leftSide ? TwoPeers.LEFT_IP : TwoPeers.RIGHT_IP;
        String peer = leftSide ? TwoPeers.RIGHT_IP : TwoPeers.LEFT_IP;
        return new SwanctlConfig(List.of(SwanctlConfig.connection("v2")
                .version(2).localAddrs(me).remoteAddrs(peer).proposals("aes128-sha256-x25519")
                .localId(me).remoteId(peer)
                .child(SwanctlConfig.child("net")
                        .localTs(leftSide ? TwoPeers.LEFT_NET : TwoPeers.RIGHT_NET)
                        .remoteTs(leftSide ? TwoPeers.RIGHT_NET : TwoPeers.LEFT_NET)
                        .espProposals("aes128-sha256-x25519").lifeTime(Duration.ofMinutes(30))
                        .rekeyTime(Duration.ofMinutes(20)))
                .build()),
                List.of(new SwanctlConfig.Psk("peers", "ike4j-interop-test-psk", List.of(TwoPeers.LEFT_IP,
                        TwoPeers.RIGHT_IP))));
    }

    @Test
    void theKeysInCharonsLogDecryptItsIkeAuthInTshark(@TempDir Path dir) {
        try (TwoPeers peers = TwoPeers.create("left", "right")) {
            // cfg 2: the selected proposal, which names the algorithms of the keys
            Charon left = peers.own(Charon.builder(peers.left()).log("ike", 4).log("cfg", 2).retransmit(2, 1.0, 1.2)
                    .start());
            Charon right = peers.own(Charon.builder(peers.right()).retransmit(2, 1.0, 1.2).start());
            left.swanctl().load(config(true));
            right.swanctl().load(config(false));
            IkeSa sa;
            Path pcap;
            try (Capture capture = Capture.start(peers.right(), peers.wire().bInterface(), dir.resolve("ikev2.pcapng"),
                    Capture.IKE_AND_ESP)) {
                left.swanctl().initiate("net", "v2", ESTABLISH);
                sa = left.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                right.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                pcap = capture.stop();
            }

            CharonLog.Keys keys = CharonLog.extract(left.log().lines().toList());
            assertEquals(1, keys.ikev2().size(), "one IKE SA's keys: " + keys.problems());
            CharonLog.Ikev2Sa logged = keys.ikev2().get(0);
            assertEquals(sa.initiatorSpi(), logged.spiI().hex());
            assertEquals(sa.responderSpi(), logged.spiR().hex());
            String row = WiresharkKeyTables.tsharkOption(logged.tableEntry().orElseThrow(
                    () -> new AssertionError("no table row for " + logged.encryption() + "/" + logged.integrity())));
            // IKE_AUTH is exchange type 35 (RFC 7296 3.1); the request carries IDi and IDr (ID_IPV4_ADDR)
            String request = "isakmp.exchangetype == 35 && isakmp.flag_r == 0";
            List<List<String>> ids = Tshark.fields(pcap, request, List.of("isakmp.id.data.ipv4_addr"), List.of(row));
            assertEquals(List.of(List.of(TwoPeers.LEFT_IP + "," + TwoPeers.RIGHT_IP)), ids);
            List<List<String>> undecrypted = Tshark.fields(pcap, request, List.of("isakmp.id.data.ipv4_addr"));
            assertEquals(List.of(List.of("")), undecrypted, "without keys there is nothing to read");
            assertTrue(left.log().contains("Sk_ei secret"), "the dumps came from charon's log");
        }
    }
}

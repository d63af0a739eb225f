package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ike4j.analysis.decode.Conversation;
import org.ike4j.analysis.decode.DecodedMessage;
import org.ike4j.analysis.decode.Decoder;
import org.ike4j.analysis.decode.KeySources;
import org.ike4j.analysis.decode.TextReport;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder's truth test (issue 4) for IKEv2 (RFC 7296), against charon 5.9.8: an
 * ike4j-to-charon exchange (IKE_SA_INIT, IKE_AUTH, a Child SA rekey by CREATE_CHILD_SA with its
 * INFORMATIONAL Delete, then the IKE SA's Delete) captured twice (ike4j's own {@code --pcap} and
 * tshark on the veth) and decoded twice (keys from ike4j's {@code --keylog} ikev2_decryption_table,
 * keys from charon's log at IKE level 4, its {@code Sk_*} dumps): every encrypted message decrypts
 * with either key source to the same payload trees, both captures hold the same messages, and
 * tshark 4.0 with ike4j's table shows the same nonces in the same order. The IKEv1 cases are in
 * {@link DecoderTruthInteropTest}, whose helpers this class shares.
 */
@Interop(strongSwan = true, needs = Requirement.TSHARK)
class DecoderTruthIkev2InteropTest {

    static final String CONN = Ikev2CharonTest.CONN;

    static Stream<DecoderTruthInteropTest.Case> cases() {
        return Stream.of(
                new DecoderTruthInteropTest.Case("IKEv2, ike4j initiates, AES-128/SHA-256/X25519",
                        "aes128-sha256-x25519", "aes128-sha256", true),
                new DecoderTruthInteropTest.Case("IKEv2, charon initiates, AES-256-GCM/PRF-SHA-384/ECP-384",
                        "aes256gcm16-prfsha384-ecp384", "aes256gcm16", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothKeySourcesBothCapturesAndTsharkAgree(DecoderTruthInteropTest.Case c, @TempDir Path dir)
            throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path pcap = dir.resolve("ike4j.pcap");
        Path charonLog = dir.resolve("charon-ike4.log");
        Path veth;
        try (Lab lab = new Lab(dir)) {
            // ECP groups come from the openssl plugin and AES-GCM from gcm, not in the default load list
            lab.startCharon(b -> b.plugins(org.ike4j.testkit.Charon.DEFAULT_PLUGINS + " gcm openssl").log("ike", 4))
                    .swanctl().load(Ikev2CharonTest.charonConf(c.ikeProposal(), c.espProposal(), x -> x));
            Ike4jDaemon ike4j = lab.startIke4j(Ikev2CharonTest.ike4jConf(lab, "ike=" + c.ikeProposal(),
                    "esp=" + c.espProposal()), "all=3,dmn=2", List.of("--pcap", pcap.toString(), "--keylog",
                    keys.toString()));
            if (c.ike4jInitiates()) {
                Map<String, Object> up = ike4j.call("up", false, CONN);
                assertEquals(Boolean.TRUE, up.get("ok"), up + lab.logs());
            } else {
                lab.charon.swanctl().initiate("net", "ike4j", Ikev2CharonTest.ESTABLISH);
            }
            lab.charon.swanctl().awaitChildSaInstalled("net", Ikev2CharonTest.ESTABLISH);
            Ike4jStatus s = ike4j.await(CONN + " established with a Child SA", Ikev2CharonTest.ESTABLISH,
                    st -> !st.established(CONN).isEmpty() && st.hasInstalled(CONN));
            String first = Ike4jStatus.str(s.installed(CONN).get(0), "inboundSpi");
            // CREATE_CHILD_SA (Child SA rekey), then INFORMATIONAL { D(ESP) } for the old pair
            assertTrue(lab.charon.swanctl().rekeyChild("net").ok(), lab.logs());
            ike4j.await("Child SA rekeyed", Ikev2CharonTest.ESTABLISH, st -> st.installed(CONN).size() == 1
                    && !Ike4jStatus.str(st.installed(CONN).get(0), "inboundSpi").equals(first));
            lab.charon.swanctl().awaitIkeSa("one installed Child SA", Ikev2CharonTest.ESTABLISH,
                    sa -> sa.children().size() == 1 && sa.children().get(0).state().equals("INSTALLED"));
            // INFORMATIONAL { D(IKE) } from the side that initiated
            if (c.ike4jInitiates()) {
                Map<String, Object> down = ike4j.call("down", false, CONN);
                assertEquals(Boolean.TRUE, down.get("ok"), down + lab.logs());
            } else {
                lab.charon.swanctl().terminateIke("ike4j", Ikev2CharonTest.ESTABLISH);
            }
            lab.charon.swanctl().awaitNoIkeSa("ike4j", Ikev2CharonTest.ESTABLISH);
            ike4j.await("no SA left", Ikev2CharonTest.ESTABLISH, st -> st.ikeSas().isEmpty());
            veth = lab.stopCapture();
            Files.writeString(charonLog, lab.charon.log());
        }

        KeySources fromKeylog = KeySources.load(keys);
        KeySources fromCharon = KeySources.load(charonLog);
        Conversation mine = Decoder.decode(pcap, fromKeylog);
        Conversation byCharonsKeys = Decoder.decode(pcap, fromCharon);
        Conversation wire = Decoder.decode(veth, fromKeylog);
        String context = "--- ike4j's capture, ike4j's keys ---\n" + TextReport.toString(mine, false)
                + "\n--- charon's keys ---\n" + TextReport.toString(byCharonsKeys, false);

        // one IKE SA; IKE_SA_INIT, IKE_AUTH, CREATE_CHILD_SA, two INFORMATIONAL exchanges
        assertEquals(1, mine.sas().size(), context);
        List<DecodedMessage> messages = mine.messages();
        assertTrue(messages.size() >= 10, context);
        long encrypted = messages.stream().filter(m -> m.status() != DecodedMessage.Status.PLAIN).count();
        assertTrue(encrypted >= 8, "IKE_AUTH, CREATE_CHILD_SA, two INFORMATIONAL exchanges: " + context);
        for (DecodedMessage m : messages) {
            assertTrue(m.status() == DecodedMessage.Status.PLAIN || m.status() == DecodedMessage.Status.DECRYPTED,
                    "frame " + m.frame() + " " + m.status() + " " + m.detail() + "\n" + context);
        }
        assertTrue(messages.stream().anyMatch(m -> m.exchange().contains("CREATE_CHILD_SA")), context);
        assertTrue(messages.stream().filter(m -> m.payloads().contains("Delete")).count() >= 2,
                "two Delete requests: " + context);

        // the same plaintext with charon's keys, message by message, tree by tree
        assertEquals(DecoderTruthInteropTest.renders(mine), DecoderTruthInteropTest.renders(byCharonsKeys), context);
        // and the same messages in tshark's capture on the veth
        assertEquals(DecoderTruthInteropTest.renders(mine).stream().map(DecoderTruthInteropTest::withoutFrame).toList(),
                DecoderTruthInteropTest.renders(wire).stream().map(DecoderTruthInteropTest::withoutFrame).toList(),
                context);

        // tshark with ike4j's table: the same nonces in the same order (IKE_SA_INIT's and CREATE_CHILD_SA's)
        List<String> options = new ArrayList<>();
        for (KeyTableEntry e : WiresharkKeyTables.read(keys.resolve("ikev2_decryption_table"),
                "ikev2_decryption_table")) {
            options.add(WiresharkKeyTables.tsharkOption(e));
        }
        List<String> nonces = DecoderTruthInteropTest.values(mine, "nonce data");
        assertEquals(4, nonces.size(), "Ni, Nr of IKE_SA_INIT and of CREATE_CHILD_SA: " + context);
        for (Path capture : List.of(pcap, veth)) {
            List<List<String>> rows = Tshark.fields(capture, "isakmp", List.of("isakmp.nonce"), options);
            assertEquals(nonces, DecoderTruthInteropTest.column(rows, 0), capture + "\n" + rows + "\n" + context);
        }
    }
}

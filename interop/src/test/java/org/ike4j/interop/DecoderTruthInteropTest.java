package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.ike4j.wire.Tree;
import org.ike4j.wire.TreeEntry;
import org.ike4j.wire.TreeField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder's truth test (issue 4), against a real peer: a real ike4j-to-charon 5.9.8
 * exchange, captured twice (ike4j's own {@code --pcap} and tshark on the veth), decoded twice
 * (keys from ike4j's {@code --keylog} tables, keys extracted from charon's log at IKE level 4):
 * every encrypted message decrypts with either key source to the same payload trees, both
 * captures hold the same messages, and tshark 4.0, given ike4j's table, shows the same HASH and
 * nonce values in the same order.
 *
 * <p>One {@link Case} per role, IKEv1; the IKEv2 cases are in {@link DecoderTruthIkev2InteropTest},
 * which shares this class's helpers.
 */
@Interop(strongSwan = true, needs = Requirement.TSHARK)
class DecoderTruthInteropTest {

    /**
     * One exchange to check.
     *
     * @param name shown in the test report
     * @param ikeProposal both sides' IKE proposal (ipsec.conf / swanctl spelling)
     * @param espProposal both sides' ESP proposal
     * @param ike4jInitiates ike4j starts (and ends) the exchange; else charon does
     */
    record Case(String name, String ikeProposal, String espProposal, boolean ike4jInitiates) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("IKEv1, ike4j initiates, 3DES/MD5", "3des-md5-modp1024", "aes128-sha1", true),
                new Case("IKEv1, charon initiates, AES-256/SHA-256", "aes256-sha256-modp2048", "aes256-sha256-modp2048",
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothKeySourcesBothCapturesAndTsharkAgree(Case c, @TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path pcap = dir.resolve("ike4j.pcap");
        Path charonLog = dir.resolve("charon-ike4.log");
        Path veth;
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.log("ike", 4)).swanctl().load(Lab.charonConf(c.ikeProposal(), c.espProposal(),
                    Lab.PSK, x -> x, x -> x));
            Ike4jDaemon ike4j = lab.startIke4j(lab.ike4jConf("charon", Lab.PSK, "ike=" + c.ikeProposal(),
                    "esp=" + c.espProposal()), "all=3,dmn=2", List.of("--pcap", pcap.toString(), "--keylog",
                    keys.toString()));
            if (c.ike4jInitiates()) {
                Map<String, Object> up = ike4j.call("up", false, "charon");
                assertEquals(Boolean.TRUE, up.get("ok"), up + lab.logs());
            } else {
                lab.charon.swanctl().initiate("net", "ike4j", KeyLogInteropTest.ESTABLISH);
            }
            lab.charon.swanctl().awaitChildSaInstalled("net", KeyLogInteropTest.ESTABLISH);
            ike4j.await("charon established with an IPsec SA", KeyLogInteropTest.ESTABLISH,
                    s -> s.hasInstalled("charon"));
            // and down again, so that the capture ends with an Informational exchange (Delete)
            if (c.ike4jInitiates()) {
                Map<String, Object> down = ike4j.call("down", false, "charon");
                assertEquals(Boolean.TRUE, down.get("ok"), down + lab.logs());
            } else {
                lab.charon.swanctl().terminateIke("ike4j", KeyLogInteropTest.ESTABLISH);
            }
            lab.charon.swanctl().awaitNoIkeSa("ike4j", KeyLogInteropTest.ESTABLISH);
            ike4j.await("no SA left", KeyLogInteropTest.ESTABLISH, s -> s.ikeSas().isEmpty());
            veth = lab.stopCapture();
            Files.writeString(charonLog, lab.charon.log());
        }

        KeySources fromKeylog = KeySources.load(keys);
        KeySources fromCharon = KeySources.load(charonLog);
        Conversation mine = Decoder.decode(pcap, fromKeylog);
        Conversation byCharonsKeys = Decoder.decode(pcap, fromCharon);
        Conversation wire = Decoder.decode(veth, fromKeylog);
        String context = "--- ike4j's capture, ike4j's keys ---\n" + org.ike4j.analysis.decode.TextReport.toString(mine,
                false) + "\n--- charon's keys ---\n" + org.ike4j.analysis.decode.TextReport.toString(byCharonsKeys, false);

        // one ISAKMP SA; Main Mode 1-6, Quick Mode 1-3 and at least one Informational
        assertEquals(1, mine.sas().size(), context);
        List<DecodedMessage> messages = mine.messages();
        assertTrue(messages.size() >= 10, context);
        long encrypted = messages.stream().filter(m -> m.status() != DecodedMessage.Status.PLAIN).count();
        assertTrue(encrypted >= 6, "Main Mode 5-6, Quick Mode 1-3, the Delete: " + context);
        for (DecodedMessage m : messages) {
            assertTrue(m.status() == DecodedMessage.Status.PLAIN || m.status() == DecodedMessage.Status.DECRYPTED,
                    "frame " + m.frame() + " " + m.status() + " " + m.detail() + "\n" + context);
        }
        assertTrue(messages.stream().anyMatch(m -> m.payloads().contains("D")), "a Delete (D): " + context);

        // the same plaintext with charon's keys, message by message, tree by tree
        assertEquals(renders(mine), renders(byCharonsKeys), context);
        // and the same messages in tshark's capture on the veth
        assertEquals(renders(mine).stream().map(DecoderTruthInteropTest::withoutFrame).toList(),
                renders(wire).stream().map(DecoderTruthInteropTest::withoutFrame).toList(), context);

        // tshark with ike4j's table: the same HASH and nonce values, in the same order
        List<String> options = new ArrayList<>();
        for (KeyTableEntry e : WiresharkKeyTables.read(keys.resolve("ikev1_decryption_table"),
                "ikev1_decryption_table")) {
            options.add(WiresharkKeyTables.tsharkOption(e));
        }
        for (Path capture : List.of(pcap, veth)) {
            List<List<String>> rows = Tshark.fields(capture, "isakmp", List.of("isakmp.hash", "isakmp.nonce"),
                    options);
            List<String> tsharkHashes = column(rows, 0);
            List<String> tsharkNonces = column(rows, 1);
            assertFalse(tsharkHashes.isEmpty(), rows.toString());
            assertEquals(values(mine, "hash data"), tsharkHashes, capture + "\n" + rows + "\n" + context);
            assertEquals(values(mine, "nonce data"), tsharkNonces, capture + "\n" + rows + "\n" + context);
        }
    }

    /** Each message as one text: its heading line and its whole decoded tree. */
    static List<String> renders(Conversation c) {
        List<String> out = new ArrayList<>();
        for (DecodedMessage m : c.messages()) {
            out.add(m.frame() + " " + m.direction() + " " + m.exchange() + " " + m.messageIdText() + " " + m.status()
                    + " " + m.payloads() + "\n" + m.tree().render());
        }
        return out;
    }

    /** The frame number differs between the two captures; everything else must not. */
    static String withoutFrame(String render) {
        return render.substring(render.indexOf(' ') + 1);
    }

    /** Every value of a field anywhere in the decoded trees, in capture order, hex without spaces. */
    static List<String> values(Conversation c, String field) {
        List<String> out = new ArrayList<>();
        for (DecodedMessage m : c.messages()) {
            collect(m.tree(), field, out);
        }
        return out;
    }

    private static void collect(Tree t, String field, List<String> out) {
        for (TreeEntry e : t.entries()) {
            switch (e) {
                case TreeField f when f.name().equals(field) -> out.add(f.value().replace(" ", ""));
                case TreeField f -> { }
                case Tree child -> collect(child, field, out);
            }
        }
    }

    /** tshark's values of one column, a frame with several separated by commas, empty ones left out. */
    static List<String> column(List<List<String>> rows, int i) {
        List<String> out = new ArrayList<>();
        for (List<String> r : rows) {
            if (i < r.size() && !r.get(i).isEmpty()) {
                out.addAll(List.of(r.get(i).split(",")));
            }
        }
        return out;
    }
}

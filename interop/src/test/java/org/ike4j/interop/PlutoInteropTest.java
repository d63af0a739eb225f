package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ike4j.analysis.decode.Content;
import org.ike4j.analysis.decode.Conversation;
import org.ike4j.analysis.decode.DecodedMessage;
import org.ike4j.analysis.decode.Decoder;
import org.ike4j.analysis.decode.KeySources;
import org.ike4j.analysis.decode.TextReport;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.analysis.logs.PlutoLog;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.v1.EncryptedMessage;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.PayloadType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ike4j against a second real peer, Libreswan 4.10's pluto ({@link org.ike4j.testkit.Pluto}), with
 * the seed's proposals as far as this pluto takes them: Debian builds it without MODP1024, so
 * {@code 3des-md5-modp1536} instead of the seed's {@code 3des-md5-modp1024}, and {@code aes128-sha1},
 * {@code pfs=no} for Quick Mode, PSK.
 *
 * <p>The kernel here has XFRM but no ESP and pluto has no userspace ESP, so pluto cannot install an
 * IPsec SA: the ISAKMP / IKE SA completes, and each test asserts what happens at the refusal. In
 * IKEv1 pluto logs the kernel's "Protocol not supported", gives up the Quick Mode with an internal
 * error and answers nothing, so ike4j retransmits Quick Mode message 1. In IKEv2 pluto answers
 * IKE_AUTH with the IKE SA up and a TS_UNACCEPTABLE notify for the Child SA.
 *
 * <p>tshark 4.0 reads each capture with ike4j's {@code --keylog} tables and shows the encrypted
 * payloads. pluto's log (with {@code plutodebug="all crypt private"}) holds IKEv2 keys, with which
 * the decoder gives the same plaintext as with ike4j's own; it holds no IKEv1 key at all (Libreswan
 * keeps them inside NSS), which the decoder's key sources say; but it dumps each IKEv1 message
 * in the clear next to its cipher, and those plaintexts are the decoder's, message by message.
 */
@Interop(needs = {Requirement.ROOT, Requirement.IPROUTE2, Requirement.UNSHARE, Requirement.LIBRESWAN, Requirement.TSHARK})
class PlutoInteropTest {

    static final Duration ESTABLISH = Duration.ofSeconds(10);

    /**
     * Main Mode, ike4j initiates: both ends establish the ISAKMP SA (pluto verified HASH_I in
     * message 5, ike4j HASH_R in message 6); pluto accepts Quick Mode's proposal, the kernel refuses
     * its SA, pluto sends nothing, ike4j retransmits. Then ike4j's Delete reaches pluto.
     */
    @Test
    void ikev1MainModeIke4jInitiates(@TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path pcap = dir.resolve("ike4j.pcap");
        Path plutoLog = dir.resolve("pluto.log");
        Path veth;
        try (PlutoLab lab = new PlutoLab(dir)) {
            lab.startPluto(false, "3des-md5-modp1536", "aes128-sha1");
            Ike4jDaemon ike4j = lab.startIke4j(lab.ike4jConf("keyexchange=ikev1", "ike=3des-md5-modp1536",
                    "esp=aes128-sha1"), keys, pcap);
            Map<String, Object> up = ike4j.call("up", false, "pluto");
            assertEquals(Boolean.TRUE, up.get("ok"), up + lab.logs());
            ike4j.await("ISAKMP SA with pluto", ESTABLISH, s -> !s.established("pluto").isEmpty());
            String established = lab.pluto.awaitLog("IKE SA established", ESTABLISH);
            assertTrue(established.contains("cipher=3DES_CBC_192 integ=HMAC_MD5 group=MODP1536"), established);

            // Quick Mode: pluto takes the proposal, then the kernel refuses the SA
            lab.pluto.awaitLog("responding to Quick Mode proposal", ESTABLISH);
            String refusal = lab.pluto.awaitLog("netlink response for Add SA", ESTABLISH);
            assertTrue(refusal.contains("Protocol not supported"), refusal);
            lab.pluto.awaitLog("STATE_QUICK_R0 had internal error", ESTABLISH);
            // and answers nothing: ike4j retransmits Quick Mode message 1, with no IPsec SA
            ike4j.awaitLog("retransmit 1 of message", Duration.ofSeconds(15));
            assertFalse(ike4j.status().hasInstalled("pluto"), lab.logs());
            assertEquals(1, ike4j.status().established("pluto").size(), lab.logs());

            Map<String, Object> down = ike4j.call("down", false, "pluto");
            assertEquals(Boolean.TRUE, down.get("ok"), down + lab.logs());
            lab.pluto.awaitLog("received Delete SA payload", ESTABLISH);
            veth = lab.stopCapture();
            Files.writeString(plutoLog, lab.pluto.log());
        }

        // ike4j's keys decrypt every encrypted message of the capture on the wire
        Conversation mine = Decoder.decode(veth, KeySources.load(keys));
        String text = TextReport.toString(mine, false);
        assertEquals(1, mine.sas().size(), text);
        long decrypted = mine.count(DecodedMessage.Status.DECRYPTED);
        assertTrue(decrypted >= 4, "Main Mode 5-6, Quick Mode 1 (and its retransmission), the Delete: " + text);
        assertEquals(0, mine.messages().stream().filter(m -> m.status().failure()).count(), text);

        // tshark with ike4j's table: HASH in Main Mode 5-6, Quick Mode and the Delete, Quick Mode's nonce
        List<String> options = tsharkOptions(keys.resolve("ikev1_decryption_table"), "ikev1_decryption_table");
        List<List<String>> hashes = Tshark.fields(veth, "isakmp.hash", List.of("frame.number"), options);
        assertTrue(hashes.size() >= 4, hashes.toString());
        List<List<String>> quick = Tshark.fields(veth, "isakmp.exchangetype == 32", List.of("isakmp.nonce",
                "isakmp.hash"), options);
        // the first Quick Mode message; tshark 4.0 leaves the retransmitted copies' fields empty (seen
        // here every run), which ike4j's decoder, keeping the IV each message was first sent with,
        // decrypted above
        assertTrue(quick.size() >= 2, "Quick Mode message 1 and at least one retransmission: " + quick);
        assertTrue(quick.get(0).size() == 2 && !quick.get(0).get(0).isEmpty() && !quick.get(0).get(1).isEmpty(),
                "Quick Mode undecrypted by tshark: " + quick);
        assertEquals(quick.size(), mine.messages().stream().filter(m -> m.exchange().startsWith("QUICK")
                && m.status() == DecodedMessage.Status.DECRYPTED).count(), text);
        // without the table tshark sees no HASH: the table did it
        assertEquals(List.of(), Tshark.fields(veth, "isakmp.hash", List.of("frame.number"), List.of()));

        // pluto 4.10's log: the cookie, but no IKEv1 key; the key sources say so, the decoder decrypts nothing
        KeySources fromPluto = KeySources.load(plutoLog);
        String cookie = mine.sas().get(0).initiatorSpi().replace(" ", "");
        assertEquals(List.of(), fromPluto.ikev1(), fromPluto.notes().toString());
        assertTrue(fromPluto.notes().stream().anyMatch(n -> n.contains(cookie) && n.contains("no enc key")),
                cookie + " " + fromPluto.notes());
        Conversation byPluto = Decoder.decode(veth, fromPluto);
        assertEquals(0, byPluto.count(DecodedMessage.Status.DECRYPTED), TextReport.toString(byPluto, false));
        // but its plaintexts (crypt debugging): pluto read and wrote what ike4j's decoder reads
        assertPlutosPlaintextsAreDecoded(Files.readAllLines(plutoLog), mine, 4);
    }

    /**
     * Every IKEv1 message pluto dumped in the clear around its cipher ({@link PlutoLog#plaintexts})
     * has the payloads of a message the decoder decrypted in the same direction; at least
     * {@code atLeast} of them, some of each direction.
     */
    static void assertPlutosPlaintextsAreDecoded(List<String> plutoLog, Conversation decoded, int atLeast)
            throws Exception {
        List<PlutoLog.Plaintext> plutos = PlutoLog.plaintexts(plutoLog);
        assertTrue(plutos.size() >= atLeast, plutos.toString());
        assertTrue(plutos.stream().anyMatch(PlutoLog.Plaintext::received), "none decrypted by pluto");
        assertTrue(plutos.stream().anyMatch(p -> !p.received()), "none encrypted by pluto");
        for (PlutoLog.Plaintext p : plutos) {
            boolean found = false;
            for (DecodedMessage m : decoded.messages()) {
                if (m.content() instanceof Content.V1 v1 && v1.decrypted().isPresent()
                        && m.source().startsWith((p.received() ? PlutoLab.IKE4J_IP : PlutoLab.PLUTO_IP) + ":")) {
                    // the dump has no header, so its first payload's type is each candidate's; under
                    // another message's type the chain may not decode at all, which is no match either
                    PayloadType first = ((EncryptedMessage) v1.message()).firstPayload();
                    try {
                        found |= IsakmpCodec.decodePayloads(first, p.payloadChain()).payloads()
                                .equals(v1.decrypted().get().payloads());
                    } catch (DecodeException e) {
                        // not this message
                    }
                }
            }
            assertTrue(found, "pluto's plaintext (log line " + p.line() + ", " + (p.received() ? "decrypted" : "encrypted")
                    + ") is no message the decoder decrypted: " + p.bytes().hex() + "\n"
                    + TextReport.toString(decoded, true));
        }
    }

    /**
     * Main Mode, pluto initiates ({@code whack --initiate}); ike4j answers as responder. ike4j
     * answers Quick Mode message 1; pluto, given message 2, fails to install the SA and never
     * sends message 3, but keeps retransmitting message 1 (which ike4j answers with its stored
     * message 2) while ike4j retransmits message 2, waiting.
     */
    @Test
    void ikev1MainModePlutoInitiates(@TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path pcap = dir.resolve("ike4j.pcap");
        Path capture;
        List<String> plutoLog;
        try (PlutoLab lab = new PlutoLab(dir, false)) {
            lab.startPluto(false, "3des-md5-modp1536", "aes128-sha1");
            Ike4jDaemon ike4j = lab.startIke4j(lab.ike4jConf("keyexchange=ikev1", "ike=3des-md5-modp1536",
                    "esp=aes128-sha1"), keys, pcap);
            lab.pluto.whack("--initiate", "--asynchronous", "--name", "ike4j");
            ike4j.await("ISAKMP SA with pluto", ESTABLISH, s -> !s.established("pluto").isEmpty());
            lab.pluto.awaitLog("IKE SA established", ESTABLISH);
            String refusal = lab.pluto.awaitLog("netlink response for Add SA", ESTABLISH);
            assertTrue(refusal.contains("Protocol not supported"), refusal);
            lab.pluto.awaitLog("STATE_QUICK_I1 had internal error", ESTABLISH);
            String answered = ike4j.awaitLog("received a retransmission of message", ESTABLISH);
            assertTrue(answered.contains("answering with the stored response"), answered);
            assertFalse(ike4j.status().hasInstalled("pluto"), lab.logs());
            // pluto's log before ike4j stops: pluto's answer to ike4j's parting Delete is not in ike4j's capture
            plutoLog = lab.pluto.log().lines().toList();
            capture = lab.stopIke4j(pcap);
        }
        Conversation mine = Decoder.decode(capture, KeySources.load(keys));
        assertEquals(0, mine.messages().stream().filter(m -> m.status().failure()).count(),
                TextReport.toString(mine, false));
        // Main Mode 5 and Quick Mode 1 encrypted by pluto, Main Mode 6 and Quick Mode 2 decrypted
        assertPlutosPlaintextsAreDecoded(plutoLog, mine, 4);
    }

    /**
     * The seed's own Phase 1 proposal, {@code 3des-md5-modp1024}, which this pluto (no MODP1024)
     * cannot take: what pluto says, and what ike4j reports.
     */
    @Test
    void theSeedsModp1024IsRefused(@TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        try (PlutoLab lab = new PlutoLab(dir, false)) {
            lab.startPluto(false, "3des-md5-modp1536", "aes128-sha1");
            Ike4jDaemon ike4j = lab.startIke4j(lab.ike4jConf("keyexchange=ikev1", "ike=3des-md5-modp1024",
                    "esp=aes128-sha1"), keys, dir.resolve("ike4j.pcap"));
            ike4j.call("up", false, "pluto");
            String why = lab.pluto.awaitLog("not supported.  Attribute OAKLEY_GROUP_DESCRIPTION", ESTABLISH);
            assertTrue(why.contains("OAKLEY_GROUP 2"), why);   // MODP1024 is group 2 (RFC 2409 section 6.2)
            lab.pluto.awaitLog("sending notification NO_PROPOSAL_CHOSEN", ESTABLISH);
            String reported = ike4j.awaitLog("refused the negotiation", ESTABLISH);
            assertTrue(reported.contains("MAIN_I1: NO-PROPOSAL-CHOSEN"), reported);
            assertTrue(ike4j.status().ikeSas().isEmpty(), lab.logs());
        }
    }

    /**
     * The seed's negotiation with Libreswan in strongSwan's place: pluto, configured as the seed's
     * ipsec.conf (0.0.0.0/0 both ways, aes128-sha1, no PFS, 24 h ISAKMP lifetime), initiates to
     * ike4j running the seed's own Junos configuration (srx-13.conf) with only the addresses and
     * the DH group rewritten (group2 to group5: this pluto has no MODP1024). Main Mode completes;
     * ike4j answers Quick Mode as the SRX would, with its 1200 s lifetime (RESPONDER-LIFETIME);
     * pluto's kernel refuses the SA.
     */
    @Test
    void theSeedWithPlutoAsTheStrongSwanBox(@TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        try (PlutoLab lab = new PlutoLab(dir, false)) {
            Path junos = lab.seedCopy("srx-13.conf", Map.of("10.80.80.13", PlutoLab.IKE4J_IP,
                    "10.80.80.80", PlutoLab.PLUTO_IP, "dh-group group2;", "dh-group group5;"));
            lab.startPlutoWithSubnets(false, "0.0.0.0/0", "0.0.0.0/0", "3des-md5-modp1536", "aes128-sha1", "ikelifetime=24h");
            Ike4jDaemon ike4j = lab.startIke4j(List.of(junos), keys, dir.resolve("ike4j.pcap"));
            lab.pluto.whack("--initiate", "--asynchronous", "--name", "ike4j");
            ike4j.await("SERVER-BOX's ISAKMP SA", ESTABLISH, s -> !s.established("SERVER-BOX").isEmpty());
            String established = lab.pluto.awaitLog("IKE SA established", ESTABLISH);
            assertTrue(established.contains("cipher=3DES_CBC_192 integ=HMAC_MD5 group=MODP1536"), established);
            String lifetime = ike4j.awaitLog("RESPONDER-LIFETIME", ESTABLISH);
            assertTrue(lifetime.contains("1200 s"), lifetime);
            String refusal = lab.pluto.awaitLog("netlink response for Add SA", ESTABLISH);
            assertTrue(refusal.contains("Protocol not supported"), refusal);
        }
    }

    /**
     * Aggressive Mode (RFC 2409 section 5.4), ike4j initiates, PSK with IP address identities:
     * three messages, both ends establish the ISAKMP SA, Quick Mode meets the same refusal.
     */
    @Test
    void ikev1AggressiveModeIke4jInitiates(@TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path pcap = dir.resolve("ike4j.pcap");
        Path capture;
        try (PlutoLab lab = new PlutoLab(dir, false)) {
            lab.startPluto(false, "aes128-sha1-modp2048", "aes128-sha1", "aggressive=yes");
            Ike4jDaemon ike4j = lab.startIke4j(lab.ike4jConf("keyexchange=ikev1", "aggressive=yes",
                    "ike=aes128-sha1-modp2048", "esp=aes128-sha1"), keys, pcap);
            Map<String, Object> up = ike4j.call("up", false, "pluto");
            assertEquals(Boolean.TRUE, up.get("ok"), up + lab.logs());
            ike4j.await("ISAKMP SA with pluto", ESTABLISH, s -> !s.established("pluto").isEmpty());
            lab.pluto.awaitLog("responding to Aggressive Mode", ESTABLISH);
            String established = lab.pluto.awaitLog("IKE SA established", ESTABLISH);
            assertTrue(established.contains("cipher=AES_CBC_128 integ=HMAC_SHA1 group=MODP2048"), established);
            String refusal = lab.pluto.awaitLog("netlink response for Add SA", ESTABLISH);
            assertTrue(refusal.contains("Protocol not supported"), refusal);
            capture = lab.stopIke4j(pcap);
        }
        Conversation mine = Decoder.decode(capture, KeySources.load(keys));
        String text = TextReport.toString(mine, false);
        assertTrue(mine.messages().stream().filter(m -> m.exchange().contains("AGGRESSIVE")).count() == 3, text);
        assertTrue(mine.count(DecodedMessage.Status.DECRYPTED) >= 1, "Quick Mode message 1: " + text);
        assertEquals(0, mine.messages().stream().filter(m -> m.status().failure()).count(), text);
    }

    /**
     * IKEv2, ike4j initiates: the IKE SA is up on both ends, pluto refuses the Child SA with
     * TS_UNACCEPTABLE after the kernel refused it, and ike4j says so. The keys pluto printed
     * decrypt the capture to the same plaintext as ike4j's own, and tshark with ike4j's table
     * shows the refusal's notify. Once with a cipher and an integrity algorithm, once with an AEAD
     * (RFC 5282), whose key pluto prints with its salt and with no integrity key.
     *
     * @param plutoIke pluto's {@code ike=}
     * @param ike4jIke ike4j's {@code ike=} for the same suite
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"aes256-sha2_256-modp2048, aes256-sha256-modp2048",
            "aes_gcm256-sha2_256-modp2048, aes256gcm16-prfsha256-modp2048"})
    void ikev2Ike4jInitiates(String plutoIke, String ike4jIke, @TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path plutoLog = dir.resolve("pluto.log");
        Path veth;
        try (PlutoLab lab = new PlutoLab(dir)) {
            lab.startPluto(true, plutoIke, "aes256-sha2_256");
            Ike4jDaemon ike4j = lab.startIke4j(lab.ike4jConf("keyexchange=ikev2", "ike=" + ike4jIke,
                    "esp=aes256-sha256"), keys, dir.resolve("ike4j.pcap"));
            Map<String, Object> up = ike4j.call("up", false, "pluto");
            assertEquals(Boolean.TRUE, up.get("ok"), up + lab.logs());
            ike4j.await("IKE SA with pluto", ESTABLISH, s -> !s.established("pluto").isEmpty());
            lab.pluto.awaitLog("responder established IKE SA", ESTABLISH);
            String refusal = lab.pluto.awaitLog("netlink response for Add SA", ESTABLISH);
            assertTrue(refusal.contains("Protocol not supported"), refusal);
            String reported = ike4j.awaitLog("peer refused the CHILD_SA", ESTABLISH);
            assertTrue(reported.contains("TS_UNACCEPTABLE"), reported);
            assertFalse(ike4j.status().hasInstalled("pluto"), lab.logs());
            veth = lab.stopCapture();
            Files.writeString(plutoLog, lab.pluto.log());
        }

        KeySources fromPluto = KeySources.load(plutoLog);
        assertEquals(1, fromPluto.ikev2().size(), fromPluto.notes() + "\n" + String.join("\n", Files.readAllLines(plutoLog)
                .stream().filter(l -> l.contains("| ikev2 ") || l.contains("Salt before")).toList()));
        Conversation byPluto = Decoder.decode(veth, fromPluto);
        Conversation mine = Decoder.decode(veth, KeySources.load(keys));
        String text = TextReport.toString(mine, true);
        assertEquals(2, mine.count(DecodedMessage.Status.DECRYPTED), text);
        assertEquals(DecoderTruthInteropTest.renders(mine), DecoderTruthInteropTest.renders(byPluto), text);
        assertTrue(mine.messages().get(3).tree().render().contains("TS_UNACCEPTABLE"), text);
        // the command an operator types: ./ike4j decode CAPTURE --from-log pluto.log
        DemoDecodeTest.Captured cli = DemoDecodeTest.run("decode", veth.toString(), "--from-log", plutoLog.toString());
        assertEquals(0, cli.exit(), cli.text());
        assertTrue(cli.text().contains("(2 plain, 2 decrypted, 0 fragments, 0 not decrypted, 0 malformed)"), cli.text());
        assertTrue(cli.text().contains("TS_UNACCEPTABLE"), cli.text());

        List<String> options = tsharkOptions(keys.resolve("ikev2_decryption_table"), "ikev2_decryption_table");
        List<List<String>> notifies = Tshark.fields(veth, "isakmp.exchangetype == 35", List.of("isakmp.notify.msgtype"),
                options);
        assertTrue(notifies.stream().anyMatch(r -> r.get(0).contains("38")), "TS_UNACCEPTABLE (38): " + notifies);
        List<List<String>> clear = Tshark.fields(veth, "isakmp.exchangetype == 35", List.of("isakmp.notify.msgtype"),
                List.of());
        assertFalse(clear.stream().anyMatch(r -> r.get(0).contains("38")), "seen without keys: " + clear);
    }

    /**
     * IKEv2, pluto initiates ({@code whack --initiate}): ike4j answers IKE_SA_INIT and IKE_AUTH and
     * accepts pluto's Child SA. pluto, once the kernel refused that SA, treats it as fatal, deletes
     * the whole IKE SA without telling ike4j ("NOT sending notification") and, the connection being
     * meant to stay up, starts over. So ike4j still lists the IKE SA and its Child SA: nothing on
     * the wire says otherwise (only liveness checks would). Every message pluto's logged keys
     * decrypt reads the same as with ike4j's own keys.
     */
    @Test
    void ikev2PlutoInitiates(@TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path plutoLog = dir.resolve("pluto.log");
        Path pcap = dir.resolve("ike4j.pcap");
        Path capture;
        try (PlutoLab lab = new PlutoLab(dir, false)) {
            lab.startPluto(true, "aes256-sha2_256-modp2048", "aes256-sha2_256");
            Ike4jDaemon ike4j = lab.startIke4j(lab.ike4jConf("keyexchange=ikev2", "ike=aes256-sha256-modp2048",
                    "esp=aes256-sha256"), keys, pcap);
            lab.pluto.whack("--initiate", "--asynchronous", "--name", "ike4j");
            ike4j.await("IKE SA and Child SA with pluto", ESTABLISH,
                    s -> !s.established("pluto").isEmpty() && s.hasInstalled("pluto"));
            lab.pluto.awaitLog("initiator established IKE SA", ESTABLISH);
            String refusal = lab.pluto.awaitLog("netlink response for Add SA", ESTABLISH);
            assertTrue(refusal.contains("Protocol not supported"), refusal);
            lab.pluto.awaitLog("CHILD SA encountered fatal error", ESTABLISH);
            String silent = lab.pluto.awaitLog("deleting state (STATE_V2_ESTABLISHED_IKE_SA)", ESTABLISH);
            assertTrue(silent.contains("NOT sending notification"), silent);
            // pluto's revivals stop with the connection; ike4j was told nothing
            lab.pluto.whack("--delete", "--name", "ike4j");
            Ike4jStatus s = ike4j.status();
            assertFalse(s.established("pluto").isEmpty(), lab.logs());
            assertTrue(s.hasInstalled("pluto"), lab.logs());
            capture = lab.stopIke4j(pcap);
            Files.writeString(plutoLog, lab.pluto.log());
        }

        KeySources fromPluto = KeySources.load(plutoLog);
        assertFalse(fromPluto.ikev2().isEmpty(), fromPluto.notes().toString());
        Conversation mine = Decoder.decode(capture, KeySources.load(keys));
        Conversation byPluto = Decoder.decode(capture, fromPluto);
        String text = TextReport.toString(mine, false) + "\n--- pluto's keys ---\n" + TextReport.toString(byPluto, false);
        assertEquals(0, mine.messages().stream().filter(m -> m.status().failure()).count(), text);
        List<String> ours = DecoderTruthInteropTest.renders(mine);
        List<String> theirs = DecoderTruthInteropTest.renders(byPluto);
        assertEquals(ours.size(), theirs.size(), text);
        int compared = 0;
        for (int i = 0; i < theirs.size(); i++) {
            if (byPluto.messages().get(i).status() == DecodedMessage.Status.DECRYPTED) {
                assertEquals(ours.get(i), theirs.get(i), text);
                compared++;
            }
        }
        assertTrue(compared >= 2, "IKE_AUTH request and response decrypted with pluto's keys: " + text);
    }

    static List<String> tsharkOptions(Path table, String name) throws java.io.IOException {
        List<String> options = new ArrayList<>();
        for (KeyTableEntry e : WiresharkKeyTables.read(table, name)) {
            options.add(WiresharkKeyTables.tsharkOption(e));
        }
        return options;
    }
}

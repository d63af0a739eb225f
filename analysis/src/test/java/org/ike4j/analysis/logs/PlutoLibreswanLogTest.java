package org.ike4j.analysis.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.ike4j.analysis.decode.Conversation;
import org.ike4j.analysis.decode.DecodedMessage;
import org.ike4j.analysis.decode.Decoder;
import org.ike4j.analysis.decode.KeySources;
import org.ike4j.crypto.Secret;
import org.junit.jupiter.api.Test;

/**
 * {@link PlutoLog} against logs of a real Libreswan 4.10 pluto (Debian 4.10-2+deb12u1,
 * {@code plutodebug="all crypt private"}), trimmed; see PROVENANCE.md next to them. The IKEv2
 * exchange was with ike4j as initiator, whose own key log and {@code --pcap} capture of the same
 * exchange are resources too: the keys pluto printed must be ike4j's, and decrypt the capture to
 * the same plaintext.
 */
class PlutoLibreswanLogTest {

    static final Path IKEV2_LOG = Path.of("src/test/resources/logs/pluto-4.10-ikev2-responder.log");
    static final Path IKEV2_IKE4J_KEYS = Path.of("src/test/resources/logs/pluto-4.10-ikev2-ike4j-keylog.csv");
    static final Path IKEV2_CAPTURE = Path.of("src/test/resources/captures/pluto-4.10-ikev2-ike4j-initiator.pcap");
    static final Path IKEV1_LOG = Path.of("src/test/resources/logs/pluto-4.10-ikev1-responder.log");
    static final Path IKEV1_IKE4J_KEYS = Path.of("src/test/resources/logs/pluto-4.10-ikev1-ike4j-keylog.csv");
    static final Path IKEV1_CAPTURE = Path.of("src/test/resources/captures/pluto-4.10-ikev1-ike4j-initiator.pcap");

    private static String hex(Secret s) {
        return HexFormat.of().formatHex(s.reveal());
    }

    /** The "ikev2 I" and "ikev2 R" lines give SK_e and SK_a per direction, the same as ike4j's table row. */
    @Test
    void ikev2KeysFromTheTcpdumpLinesAreIke4jsKeys() throws IOException {
        PlutoLog.Keys keys = PlutoLog.extract(Files.readAllLines(IKEV2_LOG));
        assertEquals(1, keys.ikev2().size(), keys.toString());
        PlutoLog.Ikev2 k = keys.ikev2().get(0);
        String[] row = Files.readString(IKEV2_IKE4J_KEYS).strip().split(",");
        assertEquals(row[0], k.spiI().hex());
        assertEquals(row[1], k.spiR().hex());
        assertEquals(row[2], hex(k.skEi()));
        assertEquals(row[3], hex(k.skEr()));
        assertEquals(row[5], hex(k.skAi()));
        assertEquals(row[6], hex(k.skAr()));
        assertEquals("aes256", k.encryption());
        assertEquals("sha256", k.integrity());
        assertFalse(k.toString().contains(row[2]), "keys never print");
        assertEquals(List.of(), keys.phase1());
    }

    static final Path GCM_LOG = Path.of("src/test/resources/logs/pluto-4.10-ikev2-aes-gcm-responder.log");
    static final Path GCM_IKE4J_KEYS = Path.of("src/test/resources/logs/pluto-4.10-ikev2-aes-gcm-ike4j-keylog.csv");
    static final Path GCM_CAPTURE = Path.of("src/test/resources/captures/pluto-4.10-ikev2-aes-gcm-ike4j-initiator.pcap");

    /**
     * AES-GCM-16-256 (RFC 5282): pluto's "ikev2 I/R" lines carry the 32-byte key without its salt
     * and no integrity key; with the salts pluto dumped before opening and sealing, SK_ei and SK_er
     * are ike4j's (key and salt, 36 bytes), and the capture decrypts the same with either.
     */
    @Test
    void aeadKeysTakeTheirSaltsAndDecryptTheCapture() throws IOException {
        PlutoLog.Keys keys = PlutoLog.extract(Files.readAllLines(GCM_LOG));
        assertEquals(1, keys.ikev2().size(), keys.toString());
        PlutoLog.Ikev2 k = keys.ikev2().get(0);
        String[] row = Files.readString(GCM_IKE4J_KEYS).strip().split(",");
        assertEquals(row[2], hex(k.skEi()));
        assertEquals(row[3], hex(k.skEr()));
        assertEquals(0, k.skAi().length());
        assertEquals(0, k.skAr().length());
        assertEquals("none", k.integrity());

        Conversation byPluto = Decoder.decode(GCM_CAPTURE, KeySources.load(GCM_LOG));
        Conversation byIke4j = Decoder.decode(GCM_CAPTURE, KeySources.load(GCM_IKE4J_KEYS));
        assertTrue(byPluto.count(DecodedMessage.Status.DECRYPTED) >= 2,
                org.ike4j.analysis.decode.TextReport.toString(byPluto, false));
        assertEquals(0, byPluto.messages().stream().filter(m -> m.status().failure()).count());
        assertEquals(renders(byIke4j), renders(byPluto));
    }

    /** Without the salt dumps an AEAD key is of no use: none is made up. */
    @Test
    void aeadKeyWithoutSaltsIsLeftOut() throws IOException {
        List<String> lines = Files.readAllLines(GCM_LOG).stream().filter(l -> !l.contains("Salt before")).toList();
        assertEquals(List.of(), PlutoLog.extract(lines).ikev2());
    }

    /**
     * The decoder's --from-log route: the capture decrypts with the keys from pluto's log, and
     * gives message by message the same plaintext trees as with ike4j's own table.
     */
    @Test
    void theCaptureDecryptsWithPlutosKeysAsWithIke4jsOwn() throws IOException {
        KeySources fromPluto = KeySources.load(IKEV2_LOG);
        assertEquals(1, fromPluto.ikev2().size(), fromPluto.notes().toString());
        Conversation byPluto = Decoder.decode(IKEV2_CAPTURE, fromPluto);
        Conversation byIke4j = Decoder.decode(IKEV2_CAPTURE, KeySources.load(IKEV2_IKE4J_KEYS));
        List<DecodedMessage> messages = byPluto.messages();
        assertEquals(4, messages.size(), org.ike4j.analysis.decode.TextReport.toString(byPluto, false));
        assertEquals(2, byPluto.count(DecodedMessage.Status.DECRYPTED),
                org.ike4j.analysis.decode.TextReport.toString(byPluto, true));
        assertEquals(renders(byIke4j), renders(byPluto));
        // pluto's IKE_AUTH answer refuses the Child SA it could not install (no ESP in the kernel)
        String response = messages.get(3).tree().render();
        assertTrue(response.contains("TS_UNACCEPTABLE"), response);
    }

    /**
     * Libreswan 4.10's IKEv1: hex dumps with the ASCII column, the cookie as ICOOKIE-DUMP, and no
     * key at all; the decoder's key sources say so.
     */
    @Test
    void ikev1CookieWithoutKeyAndAsciiColumnDumps() throws IOException {
        List<String> lines = Files.readAllLines(IKEV1_LOG);
        PlutoLog.Keys keys = PlutoLog.extract(lines);
        assertEquals(List.of(), keys.phase1());
        assertEquals(1, keys.cookiesWithoutKey().size(), keys.toString());
        String cookie = keys.cookiesWithoutKey().get(0).hex();
        // the same cookie starts every ISAKMP header pluto dumped for this SA
        String header = lines.stream().filter(l -> l.contains("*received")).findFirst().orElseThrow();
        String first = lines.get(lines.indexOf(header) + 1);
        assertTrue(first.replaceAll("^.*\\|\\s+", "").replace(" ", "").startsWith(cookie), first);
        KeySources sources = KeySources.load(IKEV1_LOG);
        assertEquals(List.of(), sources.ikev1());
        assertTrue(sources.notes().stream().anyMatch(n -> n.contains(cookie) && n.contains("no enc key")),
                sources.notes().toString());
    }

    /**
     * No key in pluto's IKEv1 log, but its plaintexts: every message pluto decrypted or was about
     * to encrypt has the same payloads as ike4j's decoder finds in the capture of the exchange
     * with ike4j's own keys (one of each at least: Main Mode 5 and Quick Mode 1 decrypted, Main
     * Mode 6 and a Delete encrypted).
     */
    @Test
    void ikev1PlaintextsInPlutosLogAreTheDecodersPlaintexts() throws Exception {
        List<PlutoLog.Plaintext> plutos = PlutoLog.plaintexts(Files.readAllLines(IKEV1_LOG));
        assertEquals(4, plutos.size(), plutos.toString());
        Conversation mine = Decoder.decode(IKEV1_CAPTURE, KeySources.load(IKEV1_IKE4J_KEYS));
        int matched = 0;
        for (PlutoLog.Plaintext p : plutos) {
            boolean found = false;
            for (DecodedMessage m : mine.messages()) {
                if (m.content() instanceof org.ike4j.analysis.decode.Content.V1 v1 && v1.decrypted().isPresent()
                        && m.source().startsWith(p.received() ? "192.0.2.1" : "192.0.2.2")) {
                    var first = ((org.ike4j.wire.v1.EncryptedMessage) v1.message()).firstPayload();
                    var theirs = org.ike4j.wire.v1.IsakmpCodec.decodePayloads(first, p.payloadChain());
                    found |= theirs.payloads().equals(v1.decrypted().get().payloads());
                }
            }
            assertTrue(found, "pluto's plaintext at line " + p.line() + " is no message ike4j decrypted: "
                    + p.bytes().hex() + "\n" + org.ike4j.analysis.decode.TextReport.toString(mine, true));
            matched++;
        }
        assertEquals(2, plutos.stream().filter(PlutoLog.Plaintext::received).count());
        assertEquals(4, matched);
    }

    /** A 4.10 dump line: the hex is taken, the ASCII column (which may look like hex) is not. */
    @Test
    void asciiColumnIsNotTakenForBytes() {
        PlutoLog.Keys keys = PlutoLog.extract(List.of(
                "Nov 29 18:59:41.396895: |   ICOOKIE-DUMP:",
                "Nov 29 18:59:41.396897: |   31 32 20 33  34 35 36 37                             12 34567"));
        assertEquals("3132203334353637", keys.cookiesWithoutKey().get(0).hex());
    }

    static List<String> renders(Conversation c) {
        List<String> out = new ArrayList<>();
        for (DecodedMessage m : c.messages()) {
            out.add(m.frame() + " " + m.direction() + " " + m.exchange() + " " + m.status() + " " + m.payloads() + "\n"
                    + m.tree().render());
        }
        return out;
    }
}

package org.ike4j.analysis.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.ike4j.analysis.capture.CaptureReader;
import org.ike4j.analysis.capture.CaptureRecord;
import org.ike4j.analysis.capture.CaptureRecord.IkeDatagram;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.TsharkProfile;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.engine.v2.protection.SkKeys;
import org.ike4j.engine.v2.protection.SkProtector;
import org.ike4j.engine.v2.protection.SkSuite;
import org.ike4j.engine.v2.protection.Unprotected;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real charon 5.9.8 logs and the captures of the same runs; see PROVENANCE.md in resources/logs. */
class CharonLogTest {

    static final Path LOGS = Path.of("src/test/resources/logs");
    static final Path CAPTURES = Path.of("src/test/resources/captures");
    static final Path V2_LOG = LOGS.resolve("charon-5.9.8-ikev2-initiator.log");
    static final Path V1_LOG = LOGS.resolve("charon-5.9.8-ikev1-initiator.log");
    static final Path V2_PCAP = CAPTURES.resolve("charon-ikev2-psk-aes128-sha256.pcapng");
    static final Path V1_PCAP = CAPTURES.resolve("charon-ikev1-psk-3des-md5.pcapng");

    private static List<IkeDatagram> ike(Path capture) throws IOException {
        List<IkeDatagram> all = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(capture)) {
            for (CaptureRecord r : reader) {
                if (r instanceof IkeDatagram d) {
                    all.add(d);
                }
            }
        }
        return all;
    }

    private static String header(IkeDatagram d, int from, int to) {
        return HexFormat.of().formatHex(Arrays.copyOfRange(d.bytes().toByteArray(), from, to));
    }

    /** The SPIs from the log are those of the captured IKE_SA_INIT response; the key sizes fit AES-128 and SHA-256. */
    @Test
    void ikev2KeysAndSpisFromARealLog() throws IOException {
        CharonLog.Keys keys = CharonLog.extract(Files.readAllLines(V2_LOG));
        assertEquals(1, keys.ikev2().size(), keys.toString());
        CharonLog.Ikev2Sa sa = keys.ikev2().get(0);
        IkeDatagram response = ike(V2_PCAP).get(1);
        assertEquals(header(response, 0, 8), sa.spiI().hex());
        assertEquals(header(response, 8, 16), sa.spiR().hex());
        assertEquals(List.of(16, 16, 32, 32),
                List.of(sa.skEi().length(), sa.skEr().length(), sa.skAi().length(), sa.skAr().length()));
        assertEquals("AES_CBC_128", sa.encryption());
        assertEquals("HMAC_SHA2_256_128", sa.integrity());
        KeyTableEntry.Ikev2 row = sa.tableEntry().orElseThrow();
        assertEquals("AES-CBC-128 [RFC3602]", row.encryption());
        assertEquals("HMAC_SHA2_256_128 [RFC4868]", row.integrity());
        assertFalse(sa.toString().contains(HexFormat.of().formatHex(sa.skEi().reveal())));
    }

    /** IKEv1 with the seed's proposal: 3DES key Ka (24 bytes) and the cookies of the captured Main Mode. */
    @Test
    void ikev1KeyAndCookiesFromARealLog() throws IOException {
        CharonLog.Keys keys = CharonLog.extract(Files.readAllLines(V1_LOG));
        assertEquals(1, keys.ikev1().size(), keys.toString());
        CharonLog.Ikev1Sa sa = keys.ikev1().get(0);
        IkeDatagram mainMode2 = ike(V1_PCAP).get(1);
        assertEquals(header(mainMode2, 0, 8), sa.initiatorCookie().hex());
        assertEquals(header(mainMode2, 8, 16), sa.responderCookie().hex());
        assertEquals(24, sa.encryptionKey().length());
        assertEquals(16, sa.skeyidE().orElseThrow().length(), "SKEYID_e is an HMAC-MD5 output");
        assertEquals(List.of(), keys.problems());
    }

    /** The extracted IKEv2 keys, written as a table file, make tshark read the IKE_AUTH payloads. */
    @Test
    void tsharkDecryptsTheSameRunsIkev2Capture(@TempDir Path home) throws IOException {
        Prerequisites.require(Requirement.TSHARK);
        CharonLog.Ikev2Sa sa = CharonLog.extract(Files.readAllLines(V2_LOG)).ikev2().get(0);
        List<String> fields = List.of("-T", "fields", "-e", "isakmp.id.data.ipv4_addr");
        String filter = "isakmp.exchangetype == 35 && isakmp.flag_r == 0";
        assertEquals("", TsharkProfile.run(home, V2_PCAP, filter, fields).lines()
                .filter(l -> !l.startsWith("Running as")).findFirst().orElse("").strip(), "nothing without keys");
        WiresharkKeyTables.write(TsharkProfile.tables(home).resolve("ikev2_decryption_table"),
                List.of(sa.tableEntry().orElseThrow()));
        String out = TsharkProfile.run(home, V2_PCAP, filter, fields);
        assertTrue(out.contains("192.0.2.1,192.0.2.2"), "IDi and IDr decrypted: " + out);
    }

    /** The extracted IKEv1 key decrypts Main Mode message 5 (IDii, HASH_I) in tshark. */
    @Test
    void tsharkDecryptsTheSameRunsIkev1Capture(@TempDir Path home) throws IOException {
        Prerequisites.require(Requirement.TSHARK);
        CharonLog.Ikev1Sa sa = CharonLog.extract(Files.readAllLines(V1_LOG)).ikev1().get(0);
        List<String> fields = List.of("-T", "fields", "-e", "isakmp.id.data.ipv4_addr");
        String filter = "isakmp.exchangetype == 2 && isakmp.flag_e == 1";
        String without = TsharkProfile.run(home, V1_PCAP, filter, fields);
        assertFalse(without.contains("192.0.2.1"), without);
        WiresharkKeyTables.write(TsharkProfile.tables(home).resolve("ikev1_decryption_table"), List.of(sa.tableEntry()));
        String with = TsharkProfile.run(home, V1_PCAP, filter, fields);
        assertTrue(with.contains("192.0.2.1") && with.contains("192.0.2.2"), "IDii and IDir decrypted: " + with);
    }

    @Test
    void interleavedThreadsAndMissingSpisAreHandled() {
        List<String> lines = List.of(
                "12:00:00 07[IKE] <x|3> Sk_ei secret => 4 bytes @ 0x1",
                "12:00:00 08[NET] received packet: from 1.2.3.4[500] to 5.6.7.8[500]",
                "12:00:00 07[IKE] <x|3>    0: 01 02 03 04                                      ....",
                "12:00:00 07[IKE] <x|3> Sk_er secret => 4 bytes @ 0x1",
                "12:00:00 07[IKE] <x|3>    0: 05 06 07 08                                      ....",
                "12:00:00 07[IKE] <x|3> Sk_ai secret => 0 bytes @ 0x1",
                "12:00:00 07[IKE] <x|3> Sk_ar secret => 0 bytes @ 0x1");
        CharonLog.Keys keys = CharonLog.extract(lines);
        assertEquals(List.of(), keys.ikev2());
        assertEquals(1, keys.problems().size());
        assertTrue(keys.problems().get(0).contains("line 1") && keys.problems().get(0).contains("natd_chunk"),
                keys.problems().toString());
    }

    /** With AES-GCM charon 5.9.8 dumps no Sk_ai/Sk_ar (RFC 5282 section 7): Sk_er completes the SA. */
    @Test
    void aeadKeysCompleteWithoutIntegrityKeys() {
        List<String> lines = List.of(
                "12:00:00 06[CFG] <x|1> selected proposal: IKE:AES_GCM_16_256/PRF_HMAC_SHA2_384/ECP_384",
                "12:00:00 06[IKE] <x|1> natd_chunk => 22 bytes @ 0x1",
                "12:00:00 06[IKE] <x|1>    0: 38 B9 70 5E FC AA 39 1B CE AF 3A E9 0E D2 E2 F4  8.p^..9...:.....",
                "12:00:00 06[IKE] <x|1>   16: C0 00 02 02 01 F4                                ......",
                "12:00:00 06[IKE] <x|1> Sk_ei secret => 4 bytes @ 0x1",
                "12:00:00 06[IKE] <x|1>    0: 01 02 03 04                                      ....",
                "12:00:00 06[IKE] <x|1> Sk_er secret => 4 bytes @ 0x1",
                "12:00:00 06[IKE] <x|1>    0: 05 06 07 08                                      ....");
        CharonLog.Keys keys = CharonLog.extract(lines);
        assertEquals(List.of(), keys.problems());
        assertEquals(1, keys.ikev2().size(), keys.toString());
        CharonLog.Ikev2Sa sa = keys.ikev2().get(0);
        assertEquals("38b9705efcaa391b", sa.spiI().hex());
        assertEquals("ceaf3ae90ed2e2f4", sa.spiR().hex());
        assertEquals(0, sa.skAi().length());
        assertEquals(4, sa.skEr().length());
        assertTrue(sa.tableEntry().isPresent(), "a row with no integrity");
    }

    private static Path chdLog(String version, String side) {
        return LOGS.resolve("charon-5.9.8-" + version + "-chd4-" + side + ".log");
    }

    private static Path espCapture(String version) {
        return CAPTURES.resolve("charon-" + version + "-esp-in-udp.pcapng");
    }

    /**
     * Both ends of one CHILD_SA, each from its own log: the initiator's outbound SA is the
     * responder's inbound SA, with the same keys, so the initiator/responder key choice is checked
     * from both sides. IKEv2 (aes128-sha256) and IKEv1 Quick Mode (aes128-sha1).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ikev2", "ikev1"})
    void childSaKeysFromBothEndsAgree(String version) throws IOException {
        List<CharonLog.ChildSa> left = CharonLog.extract(Files.readAllLines(chdLog(version, "initiator"))).children();
        List<CharonLog.ChildSa> right = CharonLog.extract(Files.readAllLines(chdLog(version, "responder"))).children();
        assertEquals(2, left.size(), left.toString());
        assertEquals(2, right.size(), right.toString());
        for (CharonLog.ChildSa l : left) {
            CharonLog.ChildSa r = right.stream().filter(x -> x.spi() == l.spi()).findFirst().orElseThrow();
            assertEquals(l.source(), r.source());
            assertEquals(l.destination(), r.destination());
            assertTrue(l.encryptionKey().sameAs(r.encryptionKey().reveal()), "encryption key of SPI " + l.spi());
            assertTrue(l.integrityKey().sameAs(r.integrityKey().reveal()), "integrity key of SPI " + l.spi());
            assertEquals(16, l.encryptionKey().length());
            assertEquals(version.equals("ikev2") ? 32 : 20, l.integrityKey().length());
            assertEquals("AES_CBC_128", l.encryption());
        }
        assertFalse(left.get(0).encryptionKey().sameAs(left.get(1).encryptionKey().reveal()));
        assertEquals("192.0.2.2", left.get(0).source(), "charon prints the inbound SA first");
    }

    /** The esp_sa table written from the initiator's log makes tshark decrypt the tunnelled UDP. */
    @ParameterizedTest
    @ValueSource(strings = {"ikev2", "ikev1"})
    void tsharkDecryptsEspWithTheExtractedKeys(String version, @TempDir Path home) throws IOException {
        Prerequisites.require(Requirement.TSHARK);
        List<KeyTableEntry> rows = new ArrayList<>();
        for (CharonLog.ChildSa child : CharonLog.extract(Files.readAllLines(chdLog(version, "initiator"))).children()) {
            rows.add(child.tableEntry().orElseThrow());
        }
        Path capture = espCapture(version);
        List<String> fields = List.of("-o", "esp.enable_encryption_decode:TRUE", "-T", "fields", "-e", "udp.dstport");
        String without = TsharkProfile.run(home, capture, "esp", fields);
        assertFalse(without.lines().anyMatch(l -> l.strip().endsWith(",9")), without);
        WiresharkKeyTables.write(TsharkProfile.tables(home).resolve("esp_sa"), rows);
        String with = TsharkProfile.run(home, capture, "esp", fields);
        // ESP in UDP 4500, and inside it the decrypted UDP datagram to the discard port 9
        assertTrue(with.lines().anyMatch(l -> l.strip().equals("4500,9")), with);
    }

    /**
     * Without tshark: ike4j's own SK protection opens the captured IKE_AUTH request with SK_ei and
     * SK_ai from the log, and the response with SK_er and SK_ar (RFC 7296 section 2.14), and a
     * wrong key fails the integrity check.
     */
    @Test
    void theEnginesSkProtectorOpensTheSameRunsIkeAuth() throws IOException {
        CharonLog.Ikev2Sa sa = CharonLog.extract(Files.readAllLines(V2_LOG)).ikev2().get(0);
        SkSuite suite = new SkSuite.Classic(CipherAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA2_256_128);
        SkProtector initiator = new SkProtector(Crypto.defaults(), suite, new SkKeys(sa.skEi(), sa.skAi()),
                new SecureRandom());
        SkProtector responder = new SkProtector(Crypto.defaults(), suite, new SkKeys(sa.skEr(), sa.skAr()),
                new SecureRandom());
        List<IkeDatagram> ike = ike(V2_PCAP);
        Unprotected request = initiator.open(ike.get(2).bytes().toByteArray());
        Unprotected.Message message = assertInstanceOf(Unprotected.Message.class, request, request.toString());
        assertTrue(message.inner().size() >= 5, message.inner().toString());
        assertInstanceOf(Unprotected.Message.class, responder.open(ike.get(3).bytes().toByteArray()));
        assertInstanceOf(Unprotected.IntegrityFailed.class, responder.open(ike.get(2).bytes().toByteArray()));
    }
}

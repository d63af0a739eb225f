package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.analysis.logs.CharonLog;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder against tshark 4.0 on captures nobody here made: the Wireshark test suite's two
 * IKEv2 captures with its own key table, and real charon 5.9.8 exchanges (IKEv1 and IKEv2) with
 * the keys from charon's log. For every IKE frame, the payload types (outer and decrypted),
 * notify types, HASH and nonce data, AUTH data, traffic selectors and IDs must be what tshark
 * prints with the same keys. Nothing is hard-coded: both sides read the same file.
 */
class DecoderTsharkTest {

    static final Path WIRE = Path.of("../wire/src/test/resources/captures");
    static final Path OWN = Path.of("src/test/resources/captures");
    static final Path LOGS = Path.of("src/test/resources/logs");

    @BeforeAll
    static void tshark() {
        Prerequisites.require(Requirement.TSHARK);
    }

    /** Compares every IKE frame; returns how many ike4j decrypted. */
    static int compare(Path capture, KeySources keys, List<String> tsharkOptions) throws IOException {
        Conversation c = Decoder.decode(capture, keys);
        Map<Long, DecodedMessage> ours = new HashMap<>();
        c.messages().forEach(m -> ours.put(m.frame(), m));
        List<List<String>> rows = Tshark.fields(capture, "isakmp", TsharkFields.FIELDS, tsharkOptions);
        assertEquals(ours.size(), rows.size(), capture + ": IKE frames");
        int decrypted = 0;
        for (List<String> row : rows) {
            long frame = Long.parseLong(row.get(0));
            DecodedMessage m = ours.get(frame);
            String where = capture.getFileName() + " frame " + frame + " (" + m.status() + " " + m.detail() + ")";
            List<String> expected = new ArrayList<>(row.subList(1, row.size()));
            while (expected.size() < TsharkFields.FIELDS.size() - 1) {
                expected.add("");   // tshark drops trailing empty columns
            }
            assertEquals(expected, TsharkFields.of(m), where);
            if (m.status() == DecodedMessage.Status.DECRYPTED) {
                decrypted++;
            }
        }
        return decrypted;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ikev2-decrypt-3des-sha1_160.pcap", "ikev2-decrypt-aes256cbc.pcapng"})
    void wiresharkIkev2CapturesDecodeAsTsharkDecodesThem(String name) throws IOException {
        Path table = WIRE.resolve("ikev2_decryption_table");
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(table)) {
            if (!line.isBlank()) {
                options.add("uat:ikev2_decryption_table:" + line);
            }
        }
        int decrypted = compare(WIRE.resolve(name), KeySources.load(table), options);
        assertTrue(decrypted >= 2, name + ": decrypted " + decrypted);
    }

    @Test
    void charonIkev1MainAndQuickModeDecodeAsTsharkDecodesThemWithKeysFromCharonsLog() throws IOException {
        Path log = LOGS.resolve("charon-5.9.8-ikev1-initiator.log");
        CharonLog.Keys fromLog = CharonLog.extract(Files.readAllLines(log));
        List<String> options = fromLog.ikev1().stream().map(sa -> WiresharkKeyTables.tsharkOption(sa.tableEntry()))
                .toList();
        int decrypted = compare(OWN.resolve("charon-ikev1-psk-3des-md5.pcapng"), KeySources.load(log), options);
        assertEquals(5, decrypted, "Main Mode 5, 6 and Quick Mode 1-3");
    }

    @Test
    void charonIkev2DecodesAsTsharkDecodesItWithKeysFromCharonsLog() throws IOException {
        Path log = LOGS.resolve("charon-5.9.8-ikev2-chd4-responder.log");
        CharonLog.Keys fromLog = CharonLog.extract(Files.readAllLines(log));
        List<String> options = fromLog.ikev2().stream().map(sa -> WiresharkKeyTables.tsharkOption(
                sa.tableEntry().orElseThrow())).toList();
        int decrypted = compare(OWN.resolve("charon-ikev2-esp-in-udp.pcapng"), KeySources.load(log), options);
        assertEquals(6, decrypted, "IKE_AUTH and two INFORMATIONAL exchanges");
    }

    /** The same capture read with keys from the initiator's log and from a written Wireshark table. */
    @Test
    void keysFromALogAndFromAWiresharkTableGiveTheSamePlaintext(@TempDir Path dir) throws IOException {
        Path capture = OWN.resolve("charon-ikev1-esp-in-udp.pcapng");
        Path log = LOGS.resolve("charon-5.9.8-ikev1-chd4-responder.log");
        List<KeyTableEntry> rows = new ArrayList<>();
        CharonLog.extract(Files.readAllLines(LOGS.resolve("charon-5.9.8-ikev1-chd4-initiator.log"))).ikev1()
                .forEach(sa -> rows.add(sa.tableEntry()));
        Path table = dir.resolve("ikev1_decryption_table");
        WiresharkKeyTables.write(table, rows);
        Conversation a = Decoder.decode(capture, KeySources.load(log));
        Conversation b = Decoder.decode(capture, KeySources.load(table));
        assertEquals(5, a.count(DecodedMessage.Status.DECRYPTED));
        assertEquals(trees(a), trees(b));
    }

    static List<String> trees(Conversation c) {
        return c.messages().stream().map(m -> m.tree().render()).toList();
    }
}

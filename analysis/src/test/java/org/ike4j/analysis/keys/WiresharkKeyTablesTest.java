package org.ike4j.analysis.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ike4j.analysis.keys.KeyTableEntry.EspSa;
import org.ike4j.analysis.keys.KeyTableEntry.Ikev1;
import org.ike4j.analysis.keys.KeyTableEntry.Ikev2;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WiresharkKeyTablesTest {

    /** Wireshark's own sample table (wire's test resources; see PROVENANCE.md there). */
    static final Path WIRE_CAPTURES = Path.of("../wire/src/test/resources/captures");

    @Test
    void wiresharksSampleTableReadsAndWritesBackIdentically() throws IOException {
        Path file = WIRE_CAPTURES.resolve("ikev2_decryption_table");
        List<String> lines = Files.readAllLines(file);
        List<KeyTableEntry> entries = WiresharkKeyTables.read(file, "ikev2_decryption_table");
        assertEquals(lines.size(), entries.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(lines.get(i), WiresharkKeyTables.format(entries.get(i)));
        }
        Ikev2 aes = assertInstanceOf(Ikev2.class, entries.get(1));
        assertEquals(WiresharkNames.ikev2Encryption(CipherAlgorithm.AES_CBC_256).orElseThrow(), aes.encryption());
        assertEquals(WiresharkNames.ikev2Integrity(IntegrityAlgorithm.HMAC_SHA2_256_128).orElseThrow(),
                aes.integrity());
        assertEquals(32, aes.skEi().length());
    }

    /** The seed's row, as its author typed it into Wireshark's IKEv1 table. */
    @Test
    void ikev1RowOfTheSeed() {
        Ikev1 row = new Ikev1(Bytes.fromHex("a305bbc510fd3640"),
                Secret.wrap(Bytes.fromHex("820fdf71dc107c218752b4b9f637470ed285def53864f409").toByteArray()));
        String line = WiresharkKeyTables.format(row);
        assertEquals("a305bbc510fd3640,820fdf71dc107c218752b4b9f637470ed285def53864f409", line);
        Ikev1 back = assertInstanceOf(Ikev1.class, WiresharkKeyTables.parse("ikev1_decryption_table", line));
        assertEquals(row.initiatorCookie(), back.initiatorCookie());
        assertTrue(back.encryptionKey().sameAs(row.encryptionKey().reveal()));
        assertFalse(row.toString().contains("820fdf"), "keys never in toString: " + row);
    }

    /** The seed's Quick Mode SA from pluto towards the SRX: SPI 5ef52687, the peer's KEYMAT. */
    @Test
    void espRowQuotesSpiAndKeys() {
        EspSa sa = new EspSa("IPv4", "10.80.80.80", "10.80.80.13", 0x5ef52687L, "AES-CBC [RFC3602]",
                Secret.wrap(Bytes.fromHex("e580800e5c19810183e6a81b85af450a").toByteArray()),
                "HMAC-SHA-1-96 [RFC2404]",
                Secret.wrap(Bytes.fromHex("214bbf81685b7fde1d4603e43055973ec3e01fe5").toByteArray()));
        String line = WiresharkKeyTables.format(sa);
        assertEquals("\"IPv4\",\"10.80.80.80\",\"10.80.80.13\",\"0x5ef52687\",\"AES-CBC [RFC3602]\","
                + "\"0xe580800e5c19810183e6a81b85af450a\",\"HMAC-SHA-1-96 [RFC2404]\","
                + "\"0x214bbf81685b7fde1d4603e43055973ec3e01fe5\"", line);
        EspSa back = assertInstanceOf(EspSa.class, WiresharkKeyTables.parse("esp_sa", line));
        assertEquals(0x5ef52687L, back.spi());
        assertEquals(line, WiresharkKeyTables.format(back));
    }

    @Test
    void badRowsAreNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t");
        Files.writeString(file, "# comment\n\na305bbc510fd3640,zz\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WiresharkKeyTables.read(file, "ikev1_decryption_table"));
        assertTrue(e.getMessage().contains(":3:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WiresharkKeyTables.parse("esp_sa", "\"IPv4\",\"x\""));
        assertThrows(IllegalArgumentException.class, () -> WiresharkKeyTables.parse("ikev1_decryption_table",
                "a305bbc510fd36,00"));
    }

    @Test
    void writtenFilesAreOwnerOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ikev1_decryption_table");
        Files.writeString(file, "old");
        WiresharkKeyTables.write(file, List.of(new Ikev1(Bytes.fromHex("0102030405060708"), Secret.wrap(new byte[] {9}))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("0102030405060708,09\n", Files.readString(file));
        try (var stream = Files.list(dir)) {
            assertEquals(1, stream.count(), "no temporary file left");
        }
    }

    @Test
    void unsupportedAlgorithmsAreEmpty() {
        assertEquals(Optional.empty(), WiresharkNames.ikev2Integrity(IntegrityAlgorithm.AES_XCBC_96));
        assertEquals(Optional.empty(), WiresharkNames.ikev2Encryption(AeadAlgorithm.CHACHA20_POLY1305));
        assertEquals(Optional.empty(), WiresharkNames.espEncryption(AeadAlgorithm.AES_CCM_16_256));
        assertEquals(Optional.empty(), WiresharkNames.espAuthentication(IntegrityAlgorithm.HMAC_SHA1_160));
        assertEquals(Optional.of("AES-GCM-256 with 16 octet ICV [RFC5282]"),
                WiresharkNames.ikev2Encryption(AeadAlgorithm.AES_GCM_16_256));
        assertEquals(Optional.of("AES-CCM-128 with 8 octet ICV [RFC5282]"),
                WiresharkNames.ikev2Encryption(AeadAlgorithm.AES_CCM_8_128));
    }

    /** Every name the mapping gives is one tshark 4.0 accepts in its table: it refuses others. */
    @Test
    void tsharkAcceptsEveryMappedName(@TempDir Path dir) throws IOException {
        Prerequisites.require(Requirement.TSHARK);
        Secret none = Secret.wrap(new byte[0]);
        Bytes spi = Bytes.fromHex("0102030405060708");
        List<KeyTableEntry> rows = new ArrayList<>();
        List<String> ikev2Encryption = new ArrayList<>();
        for (CipherAlgorithm c : CipherAlgorithm.values()) {
            WiresharkNames.ikev2Encryption(c).ifPresent(ikev2Encryption::add);
        }
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            WiresharkNames.ikev2Encryption(a).ifPresent(ikev2Encryption::add);
        }
        List<String> ikev2Integrity = new ArrayList<>(List.of(WiresharkNames.IKEV2_NO_INTEGRITY));
        for (IntegrityAlgorithm i : IntegrityAlgorithm.values()) {
            WiresharkNames.ikev2Integrity(i).ifPresent(ikev2Integrity::add);
        }
        for (String e : ikev2Encryption) {
            rows.add(new Ikev2(spi, spi, none, none, e, none, none, WiresharkNames.IKEV2_NO_INTEGRITY));
        }
        for (String i : ikev2Integrity) {
            rows.add(new Ikev2(spi, spi, none, none, "NULL [RFC2410]", none, none, i));
        }
        List<String> esp = new ArrayList<>();
        for (CipherAlgorithm c : CipherAlgorithm.values()) {
            WiresharkNames.espEncryption(c).ifPresent(esp::add);
        }
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            WiresharkNames.espEncryption(a).ifPresent(esp::add);
        }
        for (String e : esp) {
            rows.add(new EspSa("IPv4", "*", "*", 1, e, none, WiresharkNames.ESP_NULL, none));
        }
        for (IntegrityAlgorithm i : IntegrityAlgorithm.values()) {
            WiresharkNames.espAuthentication(i).ifPresent(
                    name -> rows.add(new EspSa("IPv6", "*", "*", 1, WiresharkNames.ESP_NULL, none, name, none)));
        }
        assertTrue(rows.size() > 30, "names checked: " + rows.size());
        List<String> options = new ArrayList<>();
        for (KeyTableEntry row : rows) {
            options.add("-o");
            options.add(WiresharkKeyTables.tsharkOption(row));
        }
        String out = TsharkProfile.run(dir, WIRE_CAPTURES.resolve("ikev2-decrypt-aes256cbc.pcapng"), "", options);
        assertFalse(out.contains("invalid"), out);
        // and a name it does not know is refused, so the check above can fail
        String refused = TsharkProfile.run(dir, WIRE_CAPTURES.resolve("ikev2-decrypt-aes256cbc.pcapng"), "",
                List.of("-o", WiresharkKeyTables.tsharkOption(
                        new Ikev2(spi, spi, none, none, "AES_CBC_256", none, none, "NONE [RFC4306]"))));
        assertTrue(refused.contains("invalid value"), refused);
    }

    /**
     * A table file written by {@link WiresharkKeyTables#write} into a profile makes tshark decrypt
     * the capture: the IKE_AUTH messages show their inner payloads (IDi, AUTH, SA, TSi, TSr...)
     * only with the keys.
     */
    @Test
    void tsharkDecryptsWithTheWrittenFile(@TempDir Path dir) throws IOException {
        Prerequisites.require(Requirement.TSHARK);
        Path capture = WIRE_CAPTURES.resolve("ikev2-decrypt-aes256cbc.pcapng");
        List<String> fields = List.of("-T", "fields", "-e", "isakmp.nextpayload");
        String without = TsharkProfile.run(dir, capture, "isakmp.exchangetype == 35", fields);
        List<KeyTableEntry> entries = WiresharkKeyTables.read(WIRE_CAPTURES.resolve("ikev2_decryption_table"),
                "ikev2_decryption_table");
        WiresharkKeyTables.write(TsharkProfile.tables(dir).resolve("ikev2_decryption_table"), entries);
        String with = TsharkProfile.run(dir, capture, "isakmp.exchangetype == 35", fields);
        // 46 is SK; 35 IDi (RFC 7296 3.2) appears only after decryption
        assertTrue(without.lines().filter(l -> l.startsWith("46")).allMatch(l -> l.strip().equals("46,35")
                || l.strip().equals("46,36") || l.strip().equals("46")), without);
        assertTrue(with.lines().anyMatch(l -> l.startsWith("46,35,") && l.contains(",39,")), with);
    }
}

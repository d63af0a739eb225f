package org.ike4j.analysis.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.crypto.Secret;
import org.junit.jupiter.api.Test;

class PlutoLogTest {

    /** Reconstructed from the seed's excerpts: see PROVENANCE.md next to it. */
    static final Path SEED_LOG = Path.of("src/test/resources/logs/pluto-seed-reconstructed.log");

    private static String hex(Secret s) {
        return HexFormat.of().formatHex(s.reveal());
    }

    /**
     * The seed's answer: its grep/sed pipeline printed ICOOKIE a305bbc510fd3640 and enckey
     * 820fdf71dc107c218752b4b9f637470ed285def53864f409, which its author typed into Wireshark.
     * (The SRX's "show security ike security-associations" confirms the cookie.)
     */
    @Test
    void theSeedsCookieAndEncryptionKey() throws IOException {
        PlutoLog.Keys keys = PlutoLog.extract(Files.readAllLines(SEED_LOG));
        assertEquals(1, keys.phase1().size(), keys.toString());
        PlutoLog.Phase1 p1 = keys.phase1().get(0);
        assertEquals("a305bbc510fd3640", p1.initiatorCookie().hex());
        assertEquals("d16dd2ce1e0390ec", p1.responderCookie().hex());
        assertEquals("820fdf71dc107c218752b4b9f637470ed285def53864f409", hex(p1.encryptionKey()));
        assertEquals(1, p1.line());
        assertEquals("a305bbc510fd3640,820fdf71dc107c218752b4b9f637470ed285def53864f409",
                WiresharkKeyTables.format(p1.tableEntry()));
        assertFalse(p1.toString().contains("820fdf"), p1.toString());
    }

    /**
     * Quick Mode: pluto's "KEYMAT computed" goes with its own (inbound) SPI c786011d, "Peer KEYMAT"
     * with the SRX's SPI 5ef52687. The SRX's log in the seed says the same independently:
     * "Inbound ESP key" for its SPI 5ef52687 starts e580800e, "Outbound ESP key" for c786011d starts
     * f44d2a05; aes-cbc 128 bits and hmac-sha1-96, 16 + 20 bytes.
     */
    @Test
    void theSeedsQuickModeKeymatWithItsSpis() throws IOException {
        List<PlutoLog.Phase2> p2 = PlutoLog.extract(Files.readAllLines(SEED_LOG)).phase2();
        assertEquals(2, p2.size());
        PlutoLog.Phase2 in = p2.get(0);
        PlutoLog.Phase2 out = p2.get(1);
        assertEquals(0xc786011dL, in.spi());
        assertTrue(in.inbound());
        assertEquals("f44d2a05837d88dcc801be84d88315c81e55b1ebc7e375270fd1ad71681955c679e0b6c7", hex(in.keymat()));
        assertEquals(0x5ef52687L, out.spi());
        assertFalse(out.inbound());
        assertEquals("e580800e5c19810183e6a81b85af450a", hex(out.encryptionKey().orElseThrow()));
        assertEquals("214bbf81685b7fde1d4603e43055973ec3e01fe5", hex(out.integrityKey().orElseThrow()));
        assertEquals("AES_CBC", out.encryption());
        assertEquals("HMAC_SHA1_96", out.integrity());

        // pluto (10.80.80.80) to the SRX (10.80.80.13): the outbound SA, as a Wireshark esp_sa row
        String row = WiresharkKeyTables.format(out.tableEntry("10.80.80.80", "10.80.80.13").orElseThrow());
        assertEquals("\"IPv4\",\"10.80.80.80\",\"10.80.80.13\",\"0x5ef52687\",\"AES-CBC [RFC3602]\","
                + "\"0xe580800e5c19810183e6a81b85af450a\",\"HMAC-SHA-1-96 [RFC2404]\","
                + "\"0x214bbf81685b7fde1d4603e43055973ec3e01fe5\"", row);
    }

    /**
     * Syslog prefixes, the label on its own line, and skeyid_e. The format of the skeyid_e line is
     * assumed (the seed does not print it); the values are made up.
     */
    @Test
    void syslogPrefixesAndSkeyidE() {
        List<String> lines = List.of(
                "Feb 14 20:52:09 server pluto[1234]: | ICOOKIE: 01 02 03 04 05 06 07 08",
                "Feb 14 20:52:09 server pluto[1234]: | skeyid_e:",
                "Feb 14 20:52:09 server pluto[1234]: | 11 22 33 44",
                "Feb 14 20:52:09 server pluto[1234]: | enc key:",
                "Feb 14 20:52:09 server pluto[1234]: | aa bb cc dd",
                "Feb 14 20:52:09 server pluto[1234]: | ee ff 00 11",
                "Feb 14 20:52:09 server pluto[1234]: \"conn\" #1: ISAKMP SA established");
        PlutoLog.Keys keys = PlutoLog.extract(lines);
        assertEquals("0102030405060708", keys.phase1().get(0).initiatorCookie().hex());
        assertEquals("aabbccddeeff0011", hex(keys.phase1().get(0).encryptionKey()));
        assertEquals(List.of(), keys.phase2());
        assertEquals(1, keys.skeyidE().size());
        assertEquals("11223344", hex(keys.skeyidE().get(0)));
    }

    @Test
    void nothingWithoutACookie() {
        assertEquals(List.of(), PlutoLog.extract(List.of("| enc key: 01 02")).phase1());
    }
}

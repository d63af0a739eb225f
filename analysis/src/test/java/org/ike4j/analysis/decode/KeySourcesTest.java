package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.engine.v2.protection.SkSuite;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files are told apart by content, whatever their names. */
class KeySourcesTest {

    @TempDir
    Path dir;

    /**
     * The seed's pipeline: {@code grep ICOOKIE | uniq | sed} gives a305bbc510fd3640, and joining the two
     * "enc key" lines gives 820fdf71dc107c218752b4b9f637470ed285def53864f409 (seed document, both
     * printed there). The file is named like a capture on purpose.
     */
    @Test
    void aPlutoLogReplacesTheSeedsGrepAndSed() throws IOException {
        Path log = Files.copy(DecoderTsharkTest.LOGS.resolve("pluto-seed-reconstructed.log"), dir.resolve("x.pcap"));
        KeySources k = KeySources.load(log);
        assertEquals(1, k.ikev1().size(), k.notes().toString());
        assertEquals("a305bbc510fd3640", k.ikev1().getFirst().initiatorCookie().hex());
        assertEquals("820fdf71dc107c218752b4b9f637470ed285def53864f409",
                HexFormat.of().formatHex(k.ikev1().getFirst().encryptionKey().orElseThrow().reveal()));
        assertTrue(k.notes().getFirst().contains("pluto log"));
    }

    @Test
    void charonLogsAreRecognised() throws IOException {
        Path log = Files.copy(DecoderTsharkTest.LOGS.resolve("charon-5.9.8-ikev2-initiator.log"), dir.resolve("keys"));
        KeySources k = KeySources.load(log);
        assertEquals(1, k.ikev2().size());
        assertEquals(new SkSuite.Classic(CipherAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA2_256_128),
                k.ikev2().getFirst().suite().orElseThrow());
        assertFalse(k.toString().contains(HexFormat.of().formatHex(k.ikev2().getFirst().initiator().encryption()
                .reveal())), "keys never print");
    }

    @Test
    void eachWiresharkTableIsRecognisedByItsColumns() throws IOException {
        Secret key = Secret.wrap(new byte[24]);
        Path v1 = dir.resolve("a");
        WiresharkKeyTables.write(v1, List.of(new KeyTableEntry.Ikev1(Bytes.fromHex("0102030405060708"), key)));
        Path esp = dir.resolve("b");
        WiresharkKeyTables.write(esp, List.of(new KeyTableEntry.EspSa("IPv4", "192.0.2.1", "192.0.2.2", 0x1234,
                "AES-CBC [RFC3602]", Secret.wrap(new byte[16]), "HMAC-SHA-1-96 [RFC2404]", Secret.wrap(new byte[20]))));
        assertEquals(1, KeySources.load(v1).ikev1().size());
        assertEquals(1, KeySources.load(esp).esp().size());
        KeySources v2 = KeySources.load(DecoderTsharkTest.WIRE.resolve("ikev2_decryption_table"));
        assertEquals(List.of(new SkSuite.Classic(CipherAlgorithm.DES3_CBC, IntegrityAlgorithm.HMAC_SHA1_160),
                new SkSuite.Classic(CipherAlgorithm.AES_CBC_256, IntegrityAlgorithm.HMAC_SHA2_256_128)),
                v2.ikev2().stream().map(r -> r.suite().orElseThrow()).toList());
    }

    @Test
    void aKeyLogDirectoryGivesAllItsTables() throws IOException {
        Path keylog = Files.createDirectories(dir.resolve("keylog"));
        Files.copy(DecoderTsharkTest.WIRE.resolve("ikev2_decryption_table"), keylog.resolve("ikev2_decryption_table"));
        WiresharkKeyTables.write(keylog.resolve("ikev1_decryption_table"), List.of(new KeyTableEntry.Ikev1(
                Bytes.fromHex("0102030405060708"), Secret.wrap(new byte[24]))));
        KeySources k = KeySources.load(keylog);
        assertEquals(1, k.ikev1().size());
        assertEquals(2, k.ikev2().size());
        assertThrows(IllegalArgumentException.class, () -> KeySources.load(Files.createDirectories(dir.resolve("e"))));
    }

    @Test
    void aFileOfNoKnownKindIsRefusedWithItsLine() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk"), "# comment\nhello, world\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeySources.load(junk));
        assertTrue(e.getMessage().contains("junk:2"), e.getMessage());
        Path badRow = Files.writeString(dir.resolve("bad"), "0102030405060708,zz\n");
        e = assertThrows(IllegalArgumentException.class, () -> KeySources.load(badRow));
        assertTrue(e.getMessage().contains("bad:1"), e.getMessage());
    }
}

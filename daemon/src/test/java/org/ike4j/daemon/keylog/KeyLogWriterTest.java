package org.ike4j.daemon.keylog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Encryption;
import org.ike4j.config.IpsecMode;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.KeyLogEntry;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key tables the daemon appends to, read back with analysis' reader. */
class KeyLogWriterTest {
    @TempDir
    Path dir;

    static Secret key(int n, int fill) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) fill);
        return Secret.wrap(b);
    }

    static ChildSa child(Optional<Encryption> enc, Optional<IntegrityAlgorithm> integ, String local, String remote)
            throws Exception {
        return new ChildSa("c", 1, ChildProposal.Protocol.ESP, IpsecMode.TUNNEL, false,
                new InetSocketAddress(InetAddress.getByName(local), 500),
                new InetSocketAddress(InetAddress.getByName(remote), 500), 0x5ef52687, 0xc786011d, enc, integ, false,
                key(16, 1), key(20, 2), key(16, 3), key(20, 4), List.of(), List.of(), 900, 1200, 0, 0, 64);
    }

    @Test
    void theSeedsRowsAreAppendedOnePerSaAndDirection() throws Exception {
        KeyLogWriter w = new KeyLogWriter(dir);
        Bytes cookie = Bytes.fromHex("a305bbc510fd3640");
        Secret enc = Secret.wrap(java.util.HexFormat.of().parseHex("820fdf71dc107c218752b4b9f637470ed285def53864f409"));
        w.write(new KeyLogEntry.Ikev1IsakmpSa(cookie, Bytes.fromHex("d16dd2ce1e0390ec"), CipherAlgorithm.DES3_CBC, enc));
        w.write(new KeyLogEntry.Ikev1IsakmpSa(Bytes.fromHex("0102030405060708"), Bytes.fromHex("0807060504030201"),
                CipherAlgorithm.DES3_CBC, key(24, 9)));
        // the seed's own row, as the seed pasted it into Wireshark
        assertEquals(List.of("a305bbc510fd3640,820fdf71dc107c218752b4b9f637470ed285def53864f409",
                "0102030405060708," + "09".repeat(24)), Files.readAllLines(dir.resolve(KeyLogWriter.IKEV1)));

        w.write(child(Optional.of(Encryption.of(CipherAlgorithm.AES_CBC_128)), Optional.of(IntegrityAlgorithm.HMAC_SHA1_96),
                "10.80.80.13", "10.80.80.80"));
        List<KeyTableEntry> esp = WiresharkKeyTables.read(dir.resolve(KeyLogWriter.ESP), KeyLogWriter.ESP);
        assertEquals(2, esp.size());
        var in = (KeyTableEntry.EspSa) esp.get(0);
        var out = (KeyTableEntry.EspSa) esp.get(1);
        // inbound: from the peer to us, our SPI and the inbound keys
        assertEquals(List.of("IPv4", "10.80.80.80", "10.80.80.13", 0x5ef52687L, "AES-CBC [RFC3602]", "HMAC-SHA-1-96 [RFC2404]"),
                List.of(in.protocol(), in.source(), in.destination(), in.spi(), in.encryption(), in.authentication()));
        assertTrue(in.encryptionKey().sameAs(key(16, 1).reveal()) && in.authenticationKey().sameAs(key(20, 2).reveal()));
        assertEquals(List.of("10.80.80.13", "10.80.80.80", 0xc786011dL), List.of(out.source(), out.destination(), out.spi()));
        assertTrue(out.encryptionKey().sameAs(key(16, 3).reveal()) && out.authenticationKey().sameAs(key(20, 4).reveal()));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            for (String t : List.of(KeyLogWriter.IKEV1, KeyLogWriter.ESP)) {
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve(t))), t);
            }
        }
    }

    @Test
    void ikev2RowsWithWiresharksNamesAndAeadWithoutIntegrity() throws Exception {
        KeyLogWriter w = new KeyLogWriter(dir);
        var r = w.write(new KeyLogEntry.Ikev2Sa(Bytes.fromHex("0011223344556677"), Bytes.fromHex("8899aabbccddeeff"),
                Encryption.of(CipherAlgorithm.AES_CBC_256), key(32, 1), key(32, 2), Optional.of(IntegrityAlgorithm.HMAC_SHA2_256_128),
                key(32, 3), key(32, 4)));
        assertEquals(1, r.written().size());
        w.write(new KeyLogEntry.Ikev2Sa(Bytes.fromHex("0011223344556678"), Bytes.fromHex("8899aabbccddeef0"),
                Encryption.of(AeadAlgorithm.AES_GCM_16_256), key(36, 5), key(36, 6), Optional.empty(), Secret.wrap(new byte[0]),
                Secret.wrap(new byte[0])));
        List<KeyTableEntry> rows = WiresharkKeyTables.read(dir.resolve(KeyLogWriter.IKEV2), KeyLogWriter.IKEV2);
        assertEquals(2, rows.size());
        var cbc = (KeyTableEntry.Ikev2) rows.get(0);
        assertEquals("AES-CBC-256 [RFC3602]", cbc.encryption());
        assertEquals("HMAC_SHA2_256_128 [RFC4868]", cbc.integrity());
        assertTrue(cbc.skAr().sameAs(key(32, 4).reveal()));
        var gcm = (KeyTableEntry.Ikev2) rows.get(1);
        assertEquals("AES-GCM-256 with 16 octet ICV [RFC5282]", gcm.encryption());
        assertEquals("NONE [RFC4306]", gcm.integrity());
    }

    @Test
    void whatWiresharkCannotDecryptGetsNoRowAndSaysWhy() throws Exception {
        KeyLogWriter w = new KeyLogWriter(dir);
        var r = w.write(new KeyLogEntry.Ikev2Sa(Bytes.fromHex("0011223344556677"), Bytes.fromHex("8899aabbccddeeff"),
                Encryption.of(AeadAlgorithm.CHACHA20_POLY1305), key(36, 1), key(36, 2), Optional.empty(),
                Secret.wrap(new byte[0]), Secret.wrap(new byte[0])));
        assertEquals(List.of(), r.written());
        assertTrue(r.skipped().get(0).contains("unsupported by Wireshark 4.0"), r.skipped().toString());
        assertFalse(Files.exists(dir.resolve(KeyLogWriter.IKEV2)));
        var e = w.write(child(Optional.of(Encryption.of(CipherAlgorithm.AES_CBC_128)), Optional.of(IntegrityAlgorithm.AES_XCBC_96),
                "10.0.0.1", "10.0.0.2"));
        assertEquals(List.of(), e.written());
        assertFalse(Files.exists(dir.resolve(KeyLogWriter.ESP)));
    }

    @Test
    void aWildcardLocalAddressIsWiresharksAnyAndIpv6IsSaidSo() throws Exception {
        new KeyLogWriter(dir).write(child(Optional.of(Encryption.of(CipherAlgorithm.AES_CBC_128)),
                Optional.of(IntegrityAlgorithm.HMAC_SHA2_256_128), "::", "2001:db8::2"));
        var rows = WiresharkKeyTables.read(dir.resolve(KeyLogWriter.ESP), KeyLogWriter.ESP);
        var in = (KeyTableEntry.EspSa) rows.get(0);
        assertEquals(List.of("IPv6", "2001:db8:0:0:0:0:0:2", "*", "HMAC-SHA-256-128 [RFC4868]"),
                List.of(in.protocol(), in.source(), in.destination(), in.authentication()));
    }
}

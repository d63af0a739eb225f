package org.ike4j.daemon.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.daemon.keylog.KeyLogWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's traces, key tables and capture: the server (key logging on, like pluto with
 * plutodebug=all) and SRX-13 (key logging off, like the SRX) log the seed's facts in the seed's
 * order; the server's tables hold the keys, and no byte of any key reaches the SRX's log.
 */
class SeedDemoTraceTest {

    @TempDir
    static Path dir;
    static String out;
    static String serverLog;
    static String srxLog;

    /** A log line: time, category, level, [connection cookies message-ID direction], message. */
    static final Pattern TRACE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ike 4 \\[(srx-13|SERVER-BOX) ([0-9a-f]{16})/([0-9a-f]{16})"
                    + " ([0-9a-f]{8}) (in|out)\\] (.*)$");

    @BeforeAll
    static void runTheDemo() throws Exception {
        // ports of our own, so that a parallel demo elsewhere does not collide
        int port = 20000 + (int) (ProcessHandle.current().pid() % 10000);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit = SeedDemo.run(SeedDemo.Options.defaults(dir).withPorts(port, port + 20000 > 65535 ? port - 10000 : port + 20000),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out + e.toString(StandardCharsets.UTF_8));
        serverLog = Files.readString(dir.resolve("server.log"));
        srxLog = Files.readString(dir.resolve("srx-13.log"));
    }

    /** The trace lines (first line of each event) as "direction: message". */
    private static List<String> trace(String log, String messageId) {
        List<String> lines = new ArrayList<>();
        for (String l : log.lines().toList()) {
            Matcher m = TRACE.matcher(l);
            if (m.matches() && (messageId == null || m.group(4).equals(messageId))) {
                lines.add(m.group(5) + ": " + m.group(6));
            }
        }
        return lines;
    }

    private static void inOrder(List<String> lines, String... facts) {
        int at = 0;
        for (String fact : facts) {
            int found = -1;
            for (int i = at; i < lines.size() && found < 0; i++) {
                if (lines.get(i).startsWith(fact)) {
                    found = i;
                }
            }
            assertTrue(found >= 0, "'" + fact + "' not found after line " + at + " in\n" + String.join("\n", lines));
            at = found + 1;
        }
    }

    private static String quickModeId(String log) {
        for (String l : log.lines().toList()) {
            Matcher m = TRACE.matcher(l);
            if (m.matches() && !m.group(4).equals("00000000")) {
                return m.group(4);
            }
        }
        throw new AssertionError("no Quick Mode in\n" + log);
    }

    @Test
    void everyIkeTraceLineCarriesTimeCategorySaMessageIdAndDirection() {
        for (String log : List.of(serverLog, srxLog)) {
            List<String> ike4 = log.lines().filter(l -> l.matches("^\\S+Z ike 4 .*")).toList();
            assertTrue(ike4.size() > 25, ike4.size() + " trace lines in\n" + log);
            for (String l : ike4) {
                assertTrue(TRACE.matcher(l).matches(), l);
            }
        }
    }

    /** The server plays pluto: Main Mode, then Quick Mode as in the seed's pluto.log excerpts. */
    @Test
    void theServersTraceHasPlutosFactsInPlutosOrder() {
        inOrder(trace(serverLog, "00000000"),
                "out: sending ID_PROT (MAIN_I1)",
                "in: received ",
                "out: Ni: ",
                "out: sending ID_PROT (MAIN_I2)",
                "in: received ",
                "in: g^xy: ",
                "in: SKEYID: ",
                "in: SKEYID_d: ",
                "in: SKEYID_a: ",
                "in: SKEYID_e: ",
                "in: enc key: ",
                "in: Phase 1 IV: ",
                "out: HASH_I: ",
                "out: sending ID_PROT (MAIN_I3) encrypted",
                "out: encrypted ",
                "in: received ",
                "in: decrypted ",
                "in: HASH_R computed: ");
        inOrder(trace(serverLog, quickModeId(serverLog)),
                "out: Quick Mode initiated (connection srx-13): our SPI ",
                "out: Ni: ",
                "out: proxy IDs: 0.0.0.0/0 (IDci) === 0.0.0.0/0 (IDcr)",
                "out: HASH(1) computed: ",
                "out: last Phase 1 IV: ",
                "out: sending QUICK",
                "out: encrypted ",
                "in: received ",
                "in: decrypted ",
                "in: HASH(2) computed: ",
                "in: Nr: ",
                "in: the responder chose ESP_AES-128",
                "out: HASH(3) computed: ",
                "out: sending QUICK",
                "in: KEYMAT esp.",
                "in: KEYMAT esp.");
        // the seed's pluto ignored RESPONDER-LIFETIME; ike4j takes it
        assertTrue(serverLog.contains("RESPONDER-LIFETIME: using the responder's 1200 s instead of 3600 s"), serverLog);
    }

    /** SRX-13 as the seed's SRX trace shows it, Quick Mode as the responder. */
    @Test
    void theSrxsTraceHasTheSrxsFactsInItsOrder() {
        inOrder(trace(srxLog, quickModeId(srxLog)),
                "in: received ",
                "in: last Phase 1 IV: ",
                "in: decrypted ",
                "in: HASH(1) computed: ",
                "in: Ni: ",
                "in: proxy IDs: the peer's 0.0.0.0/0 (IDci) === ours 0.0.0.0/0 (IDcr), connection SERVER-BOX",
                "in: proposal 0 transform 0 chosen: ESP_AES-128",
                "in: lifetime: 3600 s offered, 1200 s by policy; 1200 s from policy",
                "out: our SPI ",
                "out: Nr: ",
                "out: HASH(2) computed: ",
                "out: sending QUICK",
                "out: encrypted ",
                "in: received ",
                "in: decrypted ",
                "in: HASH(3) computed: ",
                "in: KEYMAT esp.");
        assertTrue(srxLog.contains("(key logging is off)"), srxLog);
    }

    @Test
    void theServersKeyTablesHoldTheKeysItTraced() throws Exception {
        List<KeyTableEntry> ikev1 = WiresharkKeyTables.read(dir.resolve(KeyLogWriter.IKEV1), KeyLogWriter.IKEV1);
        assertEquals(1, ikev1.size());
        var row = (KeyTableEntry.Ikev1) ikev1.get(0);
        String key = HexFormat.of().formatHex(row.encryptionKey().reveal());
        assertTrue(serverLog.contains("enc key: " + key + " (3DES_CBC, initiator cookie " + row.initiatorCookie().hex()),
                serverLog);
        assertTrue(srxLog.contains("[SERVER-BOX " + row.initiatorCookie().hex() + "/"), "the SRX's SA has that cookie");
        List<KeyTableEntry> esp = WiresharkKeyTables.read(dir.resolve(KeyLogWriter.ESP), KeyLogWriter.ESP);
        assertEquals(2, esp.size(), "both directions of the one IPsec SA");
        for (KeyTableEntry e : esp) {
            var sa = (KeyTableEntry.EspSa) e;
            assertEquals("AES-CBC [RFC3602]", sa.encryption());
            assertEquals("HMAC-SHA-1-96 [RFC2404]", sa.authentication());
            String k = HexFormat.of().formatHex(sa.encryptionKey().reveal())
                    + HexFormat.of().formatHex(sa.authenticationKey().reveal());
            assertTrue(serverLog.contains(String.format("KEYMAT esp.%08x", sa.spi())) && serverLog.contains(k),
                    "KEYMAT of " + Long.toHexString(sa.spi()) + " in the server's trace");
        }
        assertTrue(serverLog.contains("KEY LOGGING IS ON"), "the banner");
        assertFalse(srxLog.contains("KEY LOGGING IS ON"));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(KeyLogWriter.IKEV1))));
        }
    }

    /**
     * Key logging off: every key the server logged (g^xy, SKEYID*, the enc key, both KEYMATs, the
     * tables' keys) is searched for in the SRX's whole log, by every 8-byte window.
     */
    @Test
    void withKeyLoggingOffNoKeyBytesAppearInTheSrxsLog() throws Exception {
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("(?:g\\^xy|SKEYID|SKEYID_[dae]|enc key|KEYMAT esp\\.[0-9a-f]{8} \\([a-z]+, [0-9+]+ bytes\\)):"
                + " ([0-9a-f]+)").matcher(serverLog);
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertEquals(8, keys.size(), "g^xy, SKEYID, SKEYID_d/a/e, enc key, two KEYMATs: " + keys);
        for (String table : List.of(KeyLogWriter.IKEV1, KeyLogWriter.ESP)) {
            for (KeyTableEntry e : WiresharkKeyTables.read(dir.resolve(table), table)) {
                switch (e) {
                    case KeyTableEntry.Ikev1 r -> keys.add(HexFormat.of().formatHex(r.encryptionKey().reveal()));
                    case KeyTableEntry.EspSa r -> {
                        keys.add(HexFormat.of().formatHex(r.encryptionKey().reveal()));
                        keys.add(HexFormat.of().formatHex(r.authenticationKey().reveal()));
                    }
                    default -> throw new AssertionError(e);
                }
            }
        }
        String srx = srxLog.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        for (String k : keys) {
            for (int i = 0; i + 16 <= k.length(); i += 2) {
                String w = k.substring(i, i + 16);
                assertFalse(srx.contains(w), "key bytes " + w + " in srx-13.log");
            }
        }
    }

    /** The capture: every datagram the server sent and received, in IPv4 and UDP with correct checksums. */
    @Test
    void theCaptureHoldsEveryDatagramWithGoodHeaders() throws Exception {
        byte[] pcap = Files.readAllBytes(dir.resolve(SeedDemo.PCAP));
        ByteBuffer b = ByteBuffer.wrap(pcap);
        assertEquals(0xA1B2C3D4, b.getInt());
        b.position(20);
        assertEquals(101, b.getInt(), "LINKTYPE_RAW");
        String cookie = ((KeyTableEntry.Ikev1) WiresharkKeyTables.read(dir.resolve(KeyLogWriter.IKEV1),
                KeyLogWriter.IKEV1).get(0)).initiatorCookie().hex();
        int frames = 0;
        while (b.hasRemaining()) {
            b.getInt();
            b.getInt();
            int len = b.getInt();
            b.getInt();
            byte[] ip = new byte[len];
            b.get(ip);
            frames++;
            assertEquals(0x45, ip[0] & 0xff);
            assertEquals(len, ((ip[2] & 0xff) << 8) | (ip[3] & 0xff), "IPv4 total length");
            assertEquals(0, checksum(ip, 0, 20), "IPv4 header checksum");
            assertEquals(17, ip[9]);
            int udpLen = ((ip[24] & 0xff) << 8) | (ip[25] & 0xff);
            assertEquals(len - 20, udpLen, "UDP length");
            byte[] pseudo = new byte[12 + udpLen];
            System.arraycopy(ip, 12, pseudo, 0, 8);
            pseudo[9] = 17;
            pseudo[10] = (byte) (udpLen >> 8);
            pseudo[11] = (byte) udpLen;
            System.arraycopy(ip, 20, pseudo, 12, udpLen);
            assertEquals(0, checksum(pseudo, 0, pseudo.length), "UDP checksum");
            assertEquals(cookie, HexFormat.of().formatHex(ip, 28, 36), "an IKE message of the demo's ISAKMP SA");
        }
        // Main Mode 6, Quick Mode 3, the two deletes of the down
        assertEquals(11, frames);
        assertTrue(out.contains("tshark -r " + dir.resolve(SeedDemo.PCAP)), out);
        assertTrue(out.contains("-o uat:ikev1_decryption_table:" + cookie + ","), out);
    }

    private static int checksum(byte[] d, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i += 2) {
            sum += ((d[i] & 0xff) << 8) | (i + 1 < to ? d[i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }
}

package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ike4j's own capture ({@code --pcap}) and Wireshark key tables ({@code --keylog}) from real
 * exchanges with charon 5.9.8, read by tshark 4.0: every payload of Main Mode messages 5 and 6,
 * Quick Mode and Informational decrypted with nothing but the ikev1_decryption_table ike4j
 * wrote, both in ike4j's capture and in tshark's own capture of the same traffic on the veth.
 */
class KeyLogInteropTest {

    static final Duration ESTABLISH = Duration.ofSeconds(10);

    /** The columns read from each ISAKMP frame. */
    static final List<String> FIELDS = List.of("frame.number", "udp.srcport", "udp.dstport", "isakmp.exchangetype",
            "isakmp.flags", "isakmp.hash", "isakmp.nonce", "isakmp.id.type", "isakmp.delete.spi",
            "isakmp.ipsec.attr.life_duration", "isakmp.notify.msgtype",
            "isakmp.notify.data.resp_lifetime.ipsec.attr.life_type",
            "isakmp.notify.data.resp_lifetime.ipsec.attr.life_duration", "isakmp.ike.attr.life_duration", "ip.src");

    @BeforeAll
    static void machine() {
        EnumSet<Requirement> needed = EnumSet.copyOf(Requirement.STRONGSWAN);
        needed.add(Requirement.TSHARK);
        Prerequisites.require(needed);
    }

    @AfterAll
    static void nothingLeftBehind() {
        assertEquals(List.of(), NetNamespace.existing(NetNamespace.runPrefix()), "namespaces left behind");
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList(), "processes left behind");
    }

    /** One ISAKMP frame as tshark shows it. */
    record Frame(Map<String, String> f) {
        String get(String field) {
            return f.getOrDefault(field, "");
        }

        int exchange() {
            return Integer.parseInt(get("isakmp.exchangetype"));
        }

        boolean encrypted() {
            // the flags byte, Encryption bit (RFC 2408 3.1)
            String flags = get("isakmp.flags");
            return !flags.isEmpty() && (Integer.decode(flags) & 1) != 0;
        }

        boolean has(String field) {
            return !get(field).isEmpty();
        }

        @Override
        public String toString() {
            return f.toString();
        }
    }

    static List<Frame> frames(Path capture, List<String> options) {
        List<Frame> out = new ArrayList<>();
        for (List<String> row : Tshark.fields(capture, "isakmp", FIELDS, options)) {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < FIELDS.size() && i < row.size(); i++) {
                m.put(FIELDS.get(i), row.get(i));
            }
            out.add(new Frame(m));
        }
        return out;
    }

    /** The tshark options for every row of ike4j's ikev1_decryption_table. */
    static List<String> ikev1Keys(Path keys) throws IOException {
        List<String> options = new ArrayList<>();
        for (KeyTableEntry e : WiresharkKeyTables.read(keys.resolve("ikev1_decryption_table"), "ikev1_decryption_table")) {
            options.add(WiresharkKeyTables.tsharkOption(e));
        }
        return options;
    }

    static String show(List<Frame> frames) {
        StringBuilder sb = new StringBuilder();
        frames.forEach(f -> sb.append(f).append('\n'));
        return sb.toString();
    }

    /**
     * Every encrypted message decrypted: Main Mode 5 and 6 (ID and HASH_I/R), Quick Mode 1 and 2
     * (HASH and nonce), Quick Mode 3 (HASH), Informational (HASH and the Delete). tshark fills in
     * {@code isakmp.hash} only when the decryption gave a valid payload chain.
     */
    static void everyEncryptedPayloadShows(List<Frame> frames, String where) {
        String all = where + "\n" + show(frames);
        List<Frame> main = frames.stream().filter(f -> f.exchange() == 2 && f.encrypted()).toList();
        List<Frame> quick = frames.stream().filter(f -> f.exchange() == 32).toList();
        List<Frame> info = frames.stream().filter(f -> f.exchange() == 5).toList();
        assertEquals(2, main.size(), "Main Mode 5 and 6: " + all);
        for (Frame f : main) {
            assertTrue(f.has("isakmp.hash") && f.has("isakmp.id.type"), "Main Mode " + f + "\n" + all);
        }
        assertEquals(3, quick.size(), "Quick Mode 1-3: " + all);
        for (int i = 0; i < 3; i++) {
            Frame f = quick.get(i);
            assertTrue(f.encrypted() && f.has("isakmp.hash"), "Quick Mode " + (i + 1) + " " + f + "\n" + all);
            assertEquals(i < 2, f.has("isakmp.nonce"), "Quick Mode " + (i + 1) + " nonce " + f + "\n" + all);
        }
        assertFalse(info.isEmpty(), "Informational: " + all);
        for (Frame f : info) {
            assertTrue(f.encrypted() && f.has("isakmp.hash"), "Informational " + f + "\n" + all);
        }
        assertTrue(info.stream().anyMatch(f -> f.has("isakmp.delete.spi")), "a Delete: " + all);
    }

    @Test
    void ike4jsCaptureAndKeyTablesOpenDecryptedInTshark(@TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path pcap = dir.resolve("ike4j.pcap");
        Path veth;
        IkeSa charonSa;
        try (Lab lab = new Lab(dir)) {
            Map<String, String> map = Map.of("10.80.80.80", Lab.IKE4J_IP, "10.80.80.13", Lab.CHARON_IP);
            Path conf = lab.seedCopy("ipsec.conf", map);
            Path secrets = lab.seedCopy("ipsec.secrets", map);
            lab.startCharon().swanctl().load(SeedInteropTest.charonAsSrx("3des-md5-modp1024", "aes128-sha1"));
            Ike4jDaemon ike4j = lab.startIke4j(List.of(conf, secrets), "all",
                    List.of("--pcap", pcap.toString(), "--keylog", keys.toString()));
            Map<String, Object> up = ike4j.call("up", false, "srx-13");
            assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
            ike4j.await("srx-13 established with an IPsec SA", ESTABLISH,
                    s -> !s.established("srx-13").isEmpty() && s.hasInstalled("srx-13"));
            charonSa = lab.charon.swanctl().awaitChildSaInstalled("vpn", ESTABLISH);
            Map<String, Object> down = ike4j.call("down", false, "srx-13");
            assertEquals(Boolean.TRUE, down.get("ok"), down.toString());
            lab.charon.swanctl().awaitNoIkeSa("server-box", ESTABLISH);
            ike4j.await("no SA left", ESTABLISH, s -> s.ikeSas().isEmpty());
            veth = lab.stopCapture();
            assertTrue(ike4j.log().contains("KEY LOGGING IS ON"), ike4j.logTail(20));
        }
        // the table: one row, charon's initiator SPI (ike4j's cookie) with the 3DES key
        List<KeyTableEntry> ikev1 = WiresharkKeyTables.read(keys.resolve("ikev1_decryption_table"),
                "ikev1_decryption_table");
        assertEquals(1, ikev1.size());
        assertEquals(charonSa.initiatorSpi(), ((KeyTableEntry.Ikev1) ikev1.get(0)).initiatorCookie().hex());
        assertEquals(24, ((KeyTableEntry.Ikev1) ikev1.get(0)).encryptionKey().length());
        // esp_sa: both directions of charon's CHILD_SA
        List<KeyTableEntry> esp = WiresharkKeyTables.read(keys.resolve("esp_sa"), "esp_sa");
        assertEquals(2, esp.size());
        List<String> spis = esp.stream().map(e -> String.format("%08x", ((KeyTableEntry.EspSa) e).spi())).sorted().toList();
        assertEquals(List.of(charonSa.child("vpn").spiIn(), charonSa.child("vpn").spiOut()).stream().sorted().toList(),
                spis);

        // without keys tshark sees only "Encrypted Data": no HASH anywhere after message 4
        List<Frame> opaque = frames(pcap, List.of());
        assertTrue(opaque.stream().filter(Frame::encrypted).noneMatch(f -> f.has("isakmp.hash")), show(opaque));

        List<Frame> mine = frames(pcap, ikev1Keys(keys));
        everyEncryptedPayloadShows(mine, "ike4j's --pcap " + pcap);
        // ike4j sent and received all of it: 6 + 3 + the deletes, from and to both addresses
        assertTrue(mine.stream().anyMatch(f -> f.get("ip.src").equals(Lab.IKE4J_IP)));
        assertTrue(mine.stream().anyMatch(f -> f.get("ip.src").equals(Lab.CHARON_IP)));

        List<Frame> wire = frames(veth, ikev1Keys(keys));
        everyEncryptedPayloadShows(wire, "tshark's capture on the veth " + veth);
        // the same messages: the same hashes in both captures
        assertEquals(mine.stream().map(f -> f.get("isakmp.hash")).filter(h -> !h.isEmpty()).toList(),
                wire.stream().map(f -> f.get("isakmp.hash")).filter(h -> !h.isEmpty()).toList());
    }
}

package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.testkit.IkeSa;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ike4j's own capture ({@code --pcap}) and Wireshark key tables ({@code --keylog}) from real
 * exchanges with charon 5.9.8, read by tshark 4.0: every payload of Main Mode messages 5 and 6,
 * Quick Mode and Informational decrypted with nothing but the ikev1_decryption_table ike4j
 * wrote, both in ike4j's capture and in tshark's own capture of the same traffic on the veth.
 */
@Interop(strongSwan = true, needs = Requirement.TSHARK)
class KeyLogInteropTest {

    static final Duration ESTABLISH = Duration.ofSeconds(10);

    /** The columns read from each ISAKMP frame. */
    static final List<String> FIELDS = List.of("frame.number", "udp.srcport", "udp.dstport", "isakmp.exchangetype",
            "isakmp.flags", "isakmp.hash", "isakmp.nonce", "isakmp.id.type", "isakmp.delete.spi",
            "isakmp.ipsec.attr.life_duration", "isakmp.notify.msgtype",
            "isakmp.notify.data.resp_lifetime.ipsec.attr.life_type",
            "isakmp.notify.data.resp_lifetime.ipsec.attr.life_duration", "isakmp.ike.attr.life_duration", "ip.src");

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

    /**
     * Issue 3, case 2, proved on the wire: charon initiates to ike4j running the seed's Junos
     * configuration (IPsec lifetime-seconds 1200 by policy; charon offers 3600 s). ike4j's Quick
     * Mode answer, decrypted with its own key table, echoes the transform (3600 s) and carries
     * RESPONDER-LIFETIME (seconds, 1200); charon 5.9.8 parses the notify as an unknown type
     * (24576) and keeps 3600 s, while ike4j enforces 1200 s. Phase 1: charon offers its own IKE SA
     * lifetime (rekey_time 4 h + over_time 10 % = 15840 s), shorter than the SRX's 86400 s; ike4j
     * accepts the offer and both end the ISAKMP SA at the same time (charon a little earlier, by its
     * jitter). See daemon/README.md, "Lifetimes against strongSwan".
     */
    @Test
    void case2ResponderLifetimeOnTheWireAndWhatEachSideUses(@TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path pcap = dir.resolve("ike4j.pcap");
        Path veth;
        IkeSa charonSa;
        Ike4jStatus status;
        String charonLog;
        try (Lab lab = new Lab(dir)) {
            Path junos = lab.seedCopy("srx-13.conf", Map.of("10.80.80.13", Lab.IKE4J_IP, "10.80.80.80", Lab.CHARON_IP));
            lab.startCharon(b -> b.log("ike", 2).log("enc", 1)).swanctl()
                    .load(SeedInteropTest.charonAsStrongSwanBox("3des-md5-modp1024", "aes128-sha1"));
            Ike4jDaemon ike4j = lab.startIke4j(List.of(junos), "all",
                    List.of("--pcap", pcap.toString(), "--keylog", keys.toString()));
            lab.charon.swanctl().initiate("vpn", "srx", ESTABLISH);
            charonSa = lab.charon.swanctl().awaitChildSaInstalled("vpn", ESTABLISH);
            status = ike4j.await("SERVER-BOX established with an IPsec SA", ESTABLISH,
                    s -> !s.established("SERVER-BOX").isEmpty() && s.hasInstalled("SERVER-BOX"));
            veth = lab.stopCapture();
            charonLog = lab.charon.log();
        }
        for (Path capture : List.of(pcap, veth)) {
            List<Frame> frames = frames(capture, ikev1Keys(keys));
            String all = capture + "\n" + show(frames);
            List<Frame> quick = frames.stream().filter(f -> f.exchange() == 32).toList();
            assertEquals(3, quick.size(), all);
            Frame qm1 = quick.get(0);
            Frame qm2 = quick.get(1);
            assertEquals(Lab.CHARON_IP, qm1.get("ip.src"), all);
            assertEquals("3600", qm1.get("isakmp.ipsec.attr.life_duration"), "charon's offer: " + all);
            assertEquals("", qm1.get("isakmp.notify.msgtype"), all);
            assertEquals(Lab.IKE4J_IP, qm2.get("ip.src"), all);
            // RFC 2407 4.6.3.1: the chosen transform as offered, and the responder's own lifetime in the notify
            assertEquals("3600", qm2.get("isakmp.ipsec.attr.life_duration"), all);
            assertEquals("24576", qm2.get("isakmp.notify.msgtype"), "RESPONDER-LIFETIME: " + all);
            assertEquals("1", qm2.get("isakmp.notify.data.resp_lifetime.ipsec.attr.life_type"), "seconds: " + all);
            assertEquals("1200", qm2.get("isakmp.notify.data.resp_lifetime.ipsec.attr.life_duration"), all);

            // Phase 1: charon's offer, and ike4j's answer with the same lifetime
            List<Frame> main = frames.stream().filter(f -> f.exchange() == 2 && f.has("isakmp.ike.attr.life_duration"))
                    .toList();
            assertEquals(2, main.size(), all);
            assertEquals("15840", main.get(0).get("isakmp.ike.attr.life_duration"), "rekey_time 4 h + 10 %: " + all);
            assertEquals(main.get(0).get("isakmp.ike.attr.life_duration"), main.get(1).get("isakmp.ike.attr.life_duration"),
                    all);
        }

        // charon does not know the notify and keeps its own lifetime ...
        assertTrue(charonLog.contains("parsed QUICK_MODE response") && charonLog.contains("N((24576))"), charonLog);
        var child = charonSa.child("vpn");
        long charonHard = Long.parseLong(child.attributes().get("install-time"))
                + Long.parseLong(child.attributes().get("life-time"));
        long charonRekey = Long.parseLong(child.attributes().get("install-time"))
                + Long.parseLong(child.attributes().get("rekey-time"));
        assertTrue(Math.abs(charonHard - 3600) <= 2, "charon's hard lifetime " + charonHard + " s: " + child);
        assertTrue(charonRekey > 1200, "charon renews after ike4j's end of life: at " + charonRekey + " s");
        // ... while ike4j enforces the policy's 1200 s
        Map<String, Object> ike4jChild = status.installed("SERVER-BOX").get(0);
        assertEquals(1200L, Ike4jStatus.num(ike4jChild.get("lifetimeSeconds")));
        assertEquals(1_200_000L, Ike4jStatus.num(ike4jChild.get("expiresAtMillis"))
                - Ike4jStatus.num(ike4jChild.get("installedAtMillis")));
        assertEquals(child.spiOut(), Ike4jStatus.str(ike4jChild, "inboundSpi"));

        // ISAKMP SA: ike4j took charon's 15840 s; charon ends it at most then (minus its jitter)
        Map<String, Object> ike4jSa = status.established("SERVER-BOX").get(0);
        assertEquals(15_840_000L, Ike4jStatus.num(ike4jSa.get("expiresAtMillis"))
                - Ike4jStatus.num(ike4jSa.get("establishedAtMillis")), ike4jSa.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("maximum IKE_SA lifetime (\\d+)s").matcher(charonLog);
        assertTrue(m.find(), charonLog);
        long charonMax = Long.parseLong(m.group(1));
        assertTrue(charonMax <= 15840 && charonMax >= 15840 - 1440, "charon's IKE SA ends at " + charonMax + " s");
        long charonIkeRekey = Long.parseLong(charonSa.attributes().get("rekey-time"));
        assertTrue(charonIkeRekey < charonMax, "charon renews its ISAKMP SA first: " + charonSa.attributes());
        System.out.println("case 2 lifetimes: IPsec SA charon " + charonHard + " s (renews at " + charonRekey
                + " s), ike4j 1200 s; ISAKMP SA offered 15840 s, ike4j 15840 s, charon at most " + charonMax
                + " s (renews in " + charonIkeRekey + " s)");
    }

    // What the shorter responder lifetime leads to over time (ike4j, the responder, renews the pair
    // itself at its soft lifetime): ResponderRekeyInteropTest.

    /**
     * The esp_sa rows against real ESP: charon (kernel-libipsec, routes installed for the narrow
     * subnets) sends pings from 10.2.0.1 into the tunnel, as ESP in UDP to ike4j, which has no
     * dataplane yet and drops them; tshark decrypts them on the veth and in ike4j's own capture
     * with the esp_sa rows ike4j wrote - the inbound keys of ike4j's SA are charon's outbound ones.
     */
    @Test
    void espSaRowsDecryptCharonsEsp(@TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path pcap = dir.resolve("ike4j.pcap");
        Path veth;
        String spi;
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.installRoutes(true)).swanctl().load(Lab.charonConf("3des-md5-modp1024",
                    "aes128-sha1", Lab.PSK, c -> c, c -> c));
            Ike4jDaemon ike4j = lab.startIke4j(lab.ike4jConf("charon", Lab.PSK, "ike=3des-md5-modp1024",
                    "esp=aes128-sha1"), "all=3,dmn=2", List.of("--pcap", pcap.toString(), "--keylog", keys.toString()));
            Map<String, Object> up = ike4j.call("up", false, "charon");
            assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
            IkeSa charonSa = lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
            spi = charonSa.child("net").spiOut();
            // no answer comes back (ike4j drops ESP for now): the exit status does not matter
            // three UDP datagrams to the discard port of ike4j's side (no ping binary needed): the
            // route via ipsec0 gives them the source 10.2.0.1
            for (int i = 0; i < 3; i++) {
                var sent = lab.charonNs.exec(Duration.ofSeconds(5), "bash", "-c", "echo ike4j-esp-" + i
                        + " > /dev/udp/10.1.0.1/9");
                assertTrue(sent.ok(), sent.describe());
            }
            Ike4jStatus.pause(500);
            veth = lab.stopCapture();
        }
        List<String> options = new ArrayList<>(List.of("esp.enable_encryption_decode:TRUE"));
        for (KeyTableEntry e : WiresharkKeyTables.read(keys.resolve("esp_sa"), "esp_sa")) {
            options.add(WiresharkKeyTables.tsharkOption(e));
        }
        for (Path capture : List.of(veth, pcap)) {
            List<List<String>> rows = Tshark.fields(capture, "esp", List.of("esp.spi", "ip.src", "ip.dst", "udp.dstport",
                    "data.data"), options);
            String all = capture + "\n" + rows;
            List<List<String>> datagrams = rows.stream().filter(r -> r.get(3).endsWith(",9")).toList();
            assertEquals(3, datagrams.size(), "three datagrams decrypted: " + all);
            for (int i = 0; i < 3; i++) {
                List<String> r = datagrams.get(i);
                assertTrue(r.get(0).contains(spi), all);
                // outer 192.0.2.2 -> 192.0.2.1, inner 10.2.0.1 -> 10.1.0.1, and the text sent
                assertEquals(List.of(Lab.CHARON_IP, "10.2.0.1"), List.of(r.get(1).split(",")), all);
                assertEquals(List.of(Lab.IKE4J_IP, "10.1.0.1"), List.of(r.get(2).split(",")), all);
                assertEquals(java.util.HexFormat.of().formatHex(("ike4j-esp-" + i + "\n").getBytes(StandardCharsets.US_ASCII)),
                        r.get(4), all);
            }
            List<List<String>> opaque = Tshark.fields(capture, "esp", List.of("udp.dstport"), List.of());
            assertEquals(3, opaque.size(), "the ESP packets are there: " + opaque);
            assertTrue(opaque.stream().noneMatch(r -> r.get(0).endsWith(",9")), "without the rows: " + opaque);
        }
    }
}

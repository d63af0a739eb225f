package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ike4j.analysis.decode.Conversation;
import org.ike4j.analysis.decode.Decoder;
import org.ike4j.analysis.decode.KeySources;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder against real ESP: ike4j with {@code --dataplane userspace --pcap --keylog} and
 * charon 5.9.8 (kernel-libipsec) carry UDP datagrams between their subnets' discard ports (ESP in UDP
 * 4500); charon's side answers ike4j's with ICMP port unreachable. {@code ike4j decode}
 * with the {@code esp_sa} rows ike4j wrote and tshark with the same rows see the same inner packets
 * (SPI, sequence number, inner addresses and protocol); so does the decoder with the keys charon
 * 5.9.8 logs at {@code chd 4}.
 */
@Interop(strongSwan = true, needs = Requirement.TSHARK)
class EspDecodeInteropTest {
    private static final Duration ESTABLISH = Duration.ofSeconds(15);
    private static final String CONN = "charon";
    private static final Pattern DECRYPTED = Pattern.compile(
            "ESP SPI 0x(\\p{XDigit}{8}) seq (\\d+).*ICV ok\\): IPv4 (\\S+) -> (\\S+) (ICMP|UDP|TCP) ");

    @Test
    void decoderAndTsharkSeeTheSameInnerPackets(@TempDir Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path pcap = dir.resolve("ike4j.pcap");
        Path charonLog = dir.resolve("charon-chd4.log");
        try (Lab lab = new Lab(dir)) {
            // chd 4: charon logs each Child SA's keys, which the decoder reads as esp_sa rows
            lab.startCharon(b -> b.installRoutes(true).log("chd", 4)).swanctl().load(Lab.charonConf("aes128-sha1-modp2048",
                    "aes128-sha1", Lab.PSK, c -> c, c -> c));
            try (Ike4jDaemon ike4j = Ike4jDaemon.userspace(lab.ike4jNs, dir, "ike4j", Lab.IKE4J_IP,
                    lab.ike4jConf(CONN, Lab.PSK, "ike=aes128-sha1-modp2048", "esp=aes128-sha1", "pfs=no"),
                    List.of("--pcap", pcap.toString(), "--keylog", keys.toString()))) {
                Map<String, Object> up = ike4j.call("up", false, CONN);
                assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
                ike4j.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled(CONN));
                lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                for (int i = 0; i < 3; i++) {
                    var sent = lab.charonNs.exec(Duration.ofSeconds(5), "bash", "-c", "echo ike4j-esp-" + i
                            + " > /dev/udp/10.1.0.1/9");
                    assertTrue(sent.ok(), sent.describe());
                    var back = lab.ike4jNs.exec(Duration.ofSeconds(5), "bash", "-c", "echo ike4j-esp-back-" + i
                            + " > /dev/udp/10.2.0.1/9");
                    assertTrue(back.ok(), back.describe());
                    Ike4jStatus.pause(200);
                }
                Ike4jStatus.pause(500);
                Map<String, Object> down = ike4j.call("down", false, CONN);
                assertEquals(Boolean.TRUE, down.get("ok"), down.toString());
            }
            Files.writeString(charonLog, lab.charon.log());
        }
        Path table = keys.resolve("esp_sa");
        List<String> lines = espLines(Decoder.decode(pcap, KeySources.load(table)));
        // the same packets open with the keys from charon's log
        List<String> fromCharon = espLines(Decoder.decode(pcap, KeySources.load(charonLog)));
        assertEquals(lines.stream().map(l -> l.replaceAll("\\(AES_CBC_128/HMAC_SHA1_96, ", "(")).toList(),
                fromCharon.stream().map(l -> l.replaceAll("\\(AES_CBC_128/HMAC_SHA1_96, ", "(")).toList(),
                "keys from ike4j's esp_sa and from charon's chd 4 log");
        List<String> ours = new ArrayList<>();
        for (String l : lines) {
            Matcher m = DECRYPTED.matcher(l);
            assertTrue(m.find(), "every ESP packet decrypted: " + l + "\n" + lines);
            ours.add(Long.parseLong(m.group(1), 16) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4) + " "
                    + switch (m.group(5)) {
                        case "ICMP" -> "1";
                        case "UDP" -> "17";
                        default -> "6";
                    });
        }
        List<String> options = new ArrayList<>(List.of("esp.enable_encryption_decode:TRUE",
                "esp.enable_authentication_check:TRUE"));
        for (KeyTableEntry e : WiresharkKeyTables.read(table, "esp_sa")) {
            options.add(WiresharkKeyTables.tsharkOption(e));
        }
        List<String> theirs = new ArrayList<>();
        for (List<String> r : Tshark.fields(pcap, "esp", List.of("esp.spi", "esp.sequence", "ip.src", "ip.dst",
                "ip.proto"), options)) {
            // outer header, the inner one, then any header an ICMP error quotes: the inner is the second
            String[] src = r.get(2).split(",");
            String[] dst = r.get(3).split(",");
            String[] proto = r.get(4).split(",");
            assertTrue(src.length > 1, "tshark decrypted nothing: " + r);
            theirs.add(Long.decode(r.get(0)) + " " + r.get(1) + " " + src[1] + " " + dst[1] + " " + proto[1]);
        }
        assertEquals(theirs, ours, String.join("\n", lines));
        // the command line prints the same lines, and its JSON the same inner packets
        String text = cli("decode", pcap.toString(), "--keys", table.toString());
        for (String l : lines) {
            assertTrue(text.contains(l), l + "\n" + text);
        }
        List<String> fromJson = new ArrayList<>();
        for (Object o : (List<?>) org.ike4j.daemon.control.Json.readObject(cli("decode", pcap.toString(), "--keys",
                table.toString(), "--json")).get("otherFrames")) {
            Map<?, ?> esp = (Map<?, ?>) ((Map<?, ?>) o).get("esp");
            if (esp != null) {
                Map<?, ?> inner = (Map<?, ?>) esp.get("inner");
                fromJson.add(Long.decode((String) esp.get("spi")) + " " + esp.get("seq") + " " + inner.get("source") + " "
                        + inner.get("destination") + " " + inner.get("protocol"));
            }
        }
        assertEquals(theirs, fromJson, "--json");
        // both directions are in the daemon's --pcap: charon's three datagrams and ike4j's three, and
        // the port-unreachable answers to them
        assertTrue(ours.stream().filter(s -> s.endsWith(" 10.2.0.1 10.1.0.1 17")).count() >= 3, ours.toString());
        assertTrue(ours.stream().filter(s -> s.endsWith(" 10.1.0.1 10.2.0.1 17")).count() >= 3, ours.toString());
        // (at least one: the kernel rate-limits ICMP errors per peer)
        assertTrue(ours.stream().anyMatch(s -> s.endsWith(" 10.2.0.1 10.1.0.1 1")), ours.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("ICMP length") && l.contains("type 3 code 3")),
                String.join("\n", lines));
    }

    private static String cli(String... args) {
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, org.ike4j.cli.Main.run(args), String.join(" ", args));
        } finally {
            System.setOut(old);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> espLines(Conversation c) {
        return c.frameNotes().stream().filter(n -> n.kind() == Conversation.FrameNote.Kind.ESP)
                .map(Conversation.FrameNote::text).toList();
    }
}

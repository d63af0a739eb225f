package org.ike4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ike4j.daemon.demo.SeedDemo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ike4j demo} run in this JVM: the seed's server (ipsec.conf + ipsec.secrets) initiates to
 * SRX-13 (Junos configuration) between two daemons on 127.80.80.80 and 127.80.80.13.
 */
class DemoCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static final Pattern LADDER = Pattern.compile(
            "^  (server|SRX) (\\S+)\\s+->\\s+(server|SRX) (\\S+)\\s+"
                    + "(Main Mode|Quick Mode|Informational) #(\\d+)\\s+(\\*?)\\s*(.*)$",
            Pattern.MULTILINE);

    /** "server>SRX Main Mode #1" for each ladder line, in order. */
    static List<String> ladder(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = LADDER.matcher(text);
        while (m.find()) {
            out.add(m.group(1) + ">" + m.group(3) + " " + m.group(5) + " #" + m.group(6));
        }
        return out;
    }

    static String line(String text, String what) {
        return text.lines().filter(l -> l.contains(what)).findFirst().orElseThrow(() -> new AssertionError(
                "no line with '" + what + "' in:\n" + text));
    }

    static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
        return m.group(1);
    }

    @Test
    void replaysTheSeedMainModeThenQuickModeAndShowsBothSides() throws Exception {
        Run r = run("demo", "--out", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        String out = r.out();

        // the ladder: Main Mode 1..6 alternating from the server, then Quick Mode 1..3, then the teardown
        List<String> steps = ladder(out);
        assertEquals(List.of(
                "server>SRX Main Mode #1", "SRX>server Main Mode #2", "server>SRX Main Mode #3",
                "SRX>server Main Mode #4", "server>SRX Main Mode #5", "SRX>server Main Mode #6",
                "server>SRX Quick Mode #1", "SRX>server Quick Mode #2", "server>SRX Quick Mode #3"),
                steps.subList(0, 9), out);
        // down: the IPsec SA's delete (our inbound SPI), then the ISAKMP SA's (its cookies)
        assertEquals(List.of("server>SRX Informational #1", "server>SRX Informational #2"), steps.subList(9, 11), out);
        assertTrue(line(out, "Main Mode #1").contains("127.80.80.80:10500"), out);
        assertTrue(line(out, "Main Mode #1").contains("127.80.80.13:10500"), out);
        assertTrue(line(out, "Main Mode #1").contains("SA (3DES_CBC, MD5, PSK, MODP_1024, 86400 s)"), out);
        assertTrue(line(out, "Main Mode #3").contains("KE"), out);
        assertTrue(line(out, "Main Mode #5").contains("* ID (127.80.80.80), HASH"), out);
        assertTrue(line(out, "Quick Mode #1").contains("SA (ESP_AES-128"), out);
        assertTrue(line(out, "Quick Mode #2").contains("N (RESPONDER-LIFETIME 1200 s)"), out);
        assertTrue(line(out, "Quick Mode #3").endsWith("* HASH"), out);
        assertTrue(out.contains("addresses mapped: 10.80.80.80 -> 127.80.80.80, 10.80.80.13 -> 127.80.80.13"), out);

        // both status blocks, in the seed's order
        int server = out.indexOf("Security Associations on server");
        int srx = out.indexOf("Security Associations on SRX-13");
        assertTrue(server > 0 && srx > server, out);
        String serverStatus = out.substring(server, srx);
        String srxStatus = out.substring(srx);
        assertTrue(serverStatus.contains("STATE_MAIN_I4 (ISAKMP SA established)"), serverStatus);
        assertTrue(serverStatus.contains("STATE_QUICK_I2 (sent QI2, IPsec SA established)"), serverStatus);
        assertTrue(srxStatus.contains("Role: Responder, State: UP"), srxStatus);

        // the SPIs agree as in the seed: the server's esp.X@SRX is the SRX's inbound SPI, esp.Y@server its outbound
        String toSrx = group(serverStatus, "esp\\.([0-9a-f]{8})@127\\.80\\.80\\.13");
        String toServer = group(serverStatus, "esp\\.([0-9a-f]{8})@127\\.80\\.80\\.80");
        assertFalse(toSrx.equals(toServer));
        assertEquals(toSrx, group(srxStatus, "Direction: inbound, SPI: ([0-9a-f]{8})"), out);
        assertEquals(toServer, group(srxStatus, "Direction: outbound, SPI: ([0-9a-f]{8})"), out);
        // and they are the SPIs the ladder's Quick Mode carried
        assertTrue(line(out, "Quick Mode #1").contains("SPI " + toServer), out);
        assertTrue(line(out, "Quick Mode #2").contains("SPI " + toSrx), out);

        // RESPONDER-LIFETIME 1200 s: the SRX's hard lifetime, and the server renews before 1200 s
        // (with pluto's 3600 s it would be 2520 s or later)
        for (String dirn : List.of("inbound", "outbound")) {
            int at = srxStatus.indexOf("Direction: " + dirn);
            int hard = Integer.parseInt(group(srxStatus.substring(at), "Hard lifetime: Expires in (\\d+) seconds"));
            assertTrue(hard > 1190 && hard <= 1200, "hard lifetime " + hard);
        }
        int replace = Integer.parseInt(
                group(serverStatus, "#2: \"srx-13\" STATE_QUICK_I2 [^;]*; EVENT_SA_REPLACE in (\\d+)s"));
        assertTrue(replace < 1200, "server replaces its IPsec SA in " + replace + " s");
        String cookie = group(srxStatus, "Initiator cookie: ([0-9a-f]{16})");
        String rcookie = group(srxStatus, "Responder cookie: ([0-9a-f]{16})");
        assertTrue(line(out, "Informational #1").endsWith("* HASH, D (ESP " + toServer + ")"), out);
        assertTrue(line(out, "Informational #2").endsWith("* HASH, D (ISAKMP " + cookie + "/" + rcookie + ")"), out);

        // the full logs: every payload tree, both sides, the cookies and the lifetime decision
        Path serverLog = dir.resolve("server.log");
        Path srxLog = dir.resolve("srx-13.log");
        assertTrue(Files.exists(serverLog) && Files.exists(srxLog));
        String sl = Files.readString(serverLog);
        String xl = Files.readString(srxLog);
        for (String log : List.of(sl, xl)) {
            assertTrue(log.contains("      exchange type: ID_PROT (2)"), log);
            assertTrue(log.contains("      exchange type: QUICK (32)"), log);
            assertTrue(log.contains("      ISAKMP Security Association Payload"), log);
            assertTrue(log.contains("      ISAKMP Hash Payload"), log);
            assertTrue(log.contains(cookie), log);
            // payload trees, not the PSK
            assertFalse(log.contains("juniper123"), log);
        }
        // as in the seed: the server (pluto, plutodebug=all) logs its keys, the SRX does not
        assertTrue(sl.contains("SKEYID_e: "), sl);
        assertFalse(xl.toUpperCase(java.util.Locale.ROOT).contains("SKEYID_E: "), xl);
        assertTrue(Files.exists(dir.resolve("ikev1_decryption_table")) && Files.exists(dir.resolve("esp_sa")));
        assertTrue(Files.exists(dir.resolve("server.pcap")));
        assertTrue(out.contains("tshark -r " + dir.resolve("server.pcap")), out);
        assertTrue(sl.contains("RESPONDER-LIFETIME: using the responder's 1200 s"), sl);
        assertTrue(out.contains(serverLog.toString()) && out.contains(srxLog.toString()), out);
        assertTrue(out.contains("both daemons stopped"), out);
        assertTrue(out.contains("Key logs for Wireshark"), out);
    }

    @Test
    void theSrxFromItsSetFormWithTraces() throws Exception {
        Run r = run("demo", "--out", dir.toString(), "--junos-set", "--trace", "--port", "10510",
                "--natt-port", "14510");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("srx-13.set (set form)"), r.out());
        assertTrue(line(r.out(), "Main Mode #1").contains("127.80.80.13:10510"), r.out());
        List<String> steps = ladder(r.out());
        assertTrue(steps.contains("server>SRX Quick Mode #3"), r.out());
        // --trace: the plaintext tree under each ladder line, Quick Mode #3 being a lone HASH
        String after = r.out().substring(r.out().indexOf(line(r.out(), "Quick Mode #3")));
        List<String> tree = after.lines().skip(1).takeWhile(l -> l.startsWith("        ")).toList();
        assertEquals("        ISAKMP Message", tree.getFirst(), after);
        assertTrue(tree.contains("          exchange type: QUICK (32)"), after);
        assertEquals(1, tree.stream().filter(l -> l.startsWith("          ISAKMP ") && l.endsWith("Payload")).count(),
                after);
        assertTrue(tree.contains("          ISAKMP Hash Payload"), after);
    }

    @Test
    void bothPeersOnOneAddressUseTwoPorts() throws Exception {
        // the fallback for systems that do not route all of 127/8 to loopback
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        SeedDemo.Options o = new SeedDemo.Options(dir, false, false, lo, lo, 10600, 14600);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SeedDemo.run(o, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text + err);
        assertTrue(line(text, "Main Mode #1").contains("server 127.0.0.1:10600"), text);
        assertTrue(line(text, "Main Mode #1").contains("SRX 127.0.0.1:10601"), text);
        assertTrue(line(text, "Main Mode #2").contains("SRX 127.0.0.1:10601"), text);
        assertTrue(ladder(text).contains("server>SRX Quick Mode #3"), text);
        assertTrue(text.contains("IKE port 500 -> 10600 (server), 10601 (SRX-13)"), text);
    }

    @Test
    void aPortInUseIsAClearFailure() throws Exception {
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.bind(new InetSocketAddress(InetAddress.getByName("127.80.80.13"), 0));
            int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
            Run r = run("demo", "--out", dir.toString(), "--port", Integer.toString(port));
            assertEquals(1, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("FAILED: cannot bind UDP 127.80.80.13:" + port), r.err());
            assertFalse(r.out().contains("Security Associations"), r.out());
        }
    }

    @Test
    void theShippedSeedFilesAreTheSeeds() throws Exception {
        // the seed's reconstructed files live with the configuration loaders' tests
        Path seedDir = Path.of("..", "config", "src", "test", "resources", "seed");
        for (String name : List.of("ipsec.conf", "ipsec.secrets", "srx-13.conf", "srx-13.set")) {
            try (var shipped = DemoCommandTest.class.getResourceAsStream("/org/ike4j/daemon/demo/seed/" + name)) {
                assertNotNull(shipped, name);
                assertEquals(Files.readString(seedDir.resolve(name)),
                        new String(shipped.readAllBytes(), StandardCharsets.UTF_8), name);
            }
        }
    }
}

package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.testkit.Interop;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plain ESP, IP protocol 50 (RFC 4303 without RFC 3948's UDP): ike4j to ike4j with
 * {@code --dataplane userspace} in Lab's two namespaces, no NAT and no forceencaps, so the SAs
 * negotiate no UDP encapsulation and ESP goes on the raw sockets. IKEv1 with the seed's proposals
 * (aes128-sha1, the left initiating) and IKEv2 (aes128-sha256-x25519, the right initiating):
 * UDP datagrams and iperf3 TCP both ways; on the veth every ESP frame is protocol 50 and none is
 * UDP 4500; tshark decrypts the left's {@code --pcap} (protocol 50 records) with the
 * {@code esp_sa} rows of its {@code --keylog}, both directions (a run of its own, without iperf3);
 * after {@code down} no device or route is left. Also: replayed, tampered and unknown-SPI ESP
 * dropped and counted; the SA refused with the reason without CAP_NET_RAW; ESP in UDP against
 * charon, which fakes a NAT.
 *
 * <p>strongSwan 5.9.8 cannot be the peer here: its kernel-libipsec always UDP-encapsulates (it
 * fakes a NAT); its {@code raw_esp} option came with 5.9.11.
 */
@Interop(needs = {Requirement.ROOT, Requirement.IPROUTE2, Requirement.TUN, Requirement.IPERF3, Requirement.TSHARK})
class RawEspInteropTest {
    private static final Duration ESTABLISH = Duration.ofSeconds(15);

    /** Connection {@code tunnel} for one side, no PFS, in {@code dir}. */
    static List<Path> conf(Path dir, String version, String ike, String esp, String left, String leftNet, String right,
                           String rightNet) {
        return Lab.ipsecConf(dir, version, "tunnel", left, leftNet, right, rightNet, Lab.PSK, "ike=" + ike, "esp=" + esp,
                "pfs=no");
    }

    /**
     * @param mode {@code iperf}: iperf3 both ways, no capture of ike4j's own (a copy of every
     *     packet would be measured too); {@code pcap}: the left with {@code --pcap} and
     *     {@code --keylog}, datagrams only, decrypted by tshark
     */
    @ParameterizedTest(name = "{0} {1}/{2}, {3} initiating, {4}")
    @CsvSource({"ikev1, aes128-sha1-modp2048, aes128-sha1, left, iperf",
        "ikev2, aes128-sha256-x25519, aes128-sha256, right, iperf",
        "ikev1, aes128-sha1-modp2048, aes128-sha1, left, pcap",
        "ikev2, aes128-sha256-x25519, aes128-sha256, right, pcap"})
    void plainEspCarriesTrafficBothWays(String version, String ike, String esp, String initiator, String mode,
                                        @TempDir Path dir) throws Exception {
        boolean iperf = mode.equals("iperf");
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path pcap = dir.resolve("left.pcap");
        try (Lab lab = new Lab(dir);
             Ike4jDaemon left = Ike4jDaemon.userspace(lab.ike4jNs, dir, "left", Lab.IKE4J_IP, conf(dir.resolve("left"),
                     version, ike, esp, Lab.IKE4J_IP, Lab.IKE4J_NET, Lab.CHARON_IP, Lab.CHARON_NET),
                     iperf ? List.of() : List.of("--pcap", pcap.toString(), "--keylog", keys.toString()));
             Ike4jDaemon right = Ike4jDaemon.userspace(lab.charonNs, dir, "right", Lab.CHARON_IP, conf(dir.resolve("right"),
                     version, ike, esp, Lab.CHARON_IP, Lab.CHARON_NET, Lab.IKE4J_IP, Lab.IKE4J_NET))) {
            Ike4jDaemon first = "left".equals(initiator) ? left : right;
            Map<String, Object> up = first.call("up", false, "tunnel");
            assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
            String context;
            left.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));
            right.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));
            for (Ike4jDaemon side : List.of(left, right)) {
                Map<String, Object> child = side.status().installed("tunnel").get(0);
                assertEquals(Boolean.FALSE, child.get("udpEncapsulation"), "no NAT, no forceencaps: " + child);
            }
            context = left.logTail(30) + "\n--- right ---\n" + right.logTail(30);
            assertTrue(left.logTail(400).contains("plain ESP (IP protocol 50)"), context);

            // three UDP datagrams each way to the discard port (no ping binary here), recorded by
            // the left's --pcap, then a copy of it for tshark
            datagramsBothWays(lab, "raw-left-", "raw-right-");
            Ike4jStatus.pause(500);
            if (iperf) {
                long there = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, false, dir);
                long back = Iperf.tcp(lab.charonNs, "10.2.0.1", lab.ike4jNs, "10.1.0.1", 2, true, dir);
                System.out.printf("raw ESP %s: iperf3 left -> right %.1f Mbit/s, right -> left %.1f Mbit/s%n", version,
                        Iperf.rate(there, 2) / 1e6, Iperf.rate(back, 2) / 1e6);
                context = "left " + left.status().installed("tunnel") + "\nright " + right.status().installed("tunnel")
                        + "\n" + left.logTail(30) + "\n--- right ---\n" + right.logTail(30);
                assertTrue(there > 1_000_000, "left -> right " + there + " back " + back + "\n" + context);
                assertTrue(back > 1_000_000, "right -> left " + back + "\n" + context);
                Map<String, Object> l = left.status().installed("tunnel").get(0);
                assertTrue(Ike4jStatus.num(l.get("packetsIn")) > 500 && Ike4jStatus.num(l.get("packetsOut")) > 500,
                        l.toString());
            }

            lab.downAndAssertTornDown(first, left, right);

            // on the wire: protocol 50 both ways, nothing on UDP 4500
            Path wire = lab.stopCapture();
            assertEquals(List.of(), Tshark.fields(wire, "udp.port == 4500", List.of("frame.number")), "no ESP in UDP");
            List<List<String>> espFrames = Tshark.fields(wire, "esp", List.of("ip.src", "ip.proto"));
            Set<String> sources = new HashSet<>();
            for (List<String> f : espFrames) {
                assertEquals("50", f.get(1), f.toString());
                sources.add(f.get(0));
            }
            assertTrue(espFrames.size() > (iperf ? 1000 : 6), "ESP frames on the veth: " + espFrames.size());
            assertEquals(Set.of(Lab.IKE4J_IP, Lab.CHARON_IP), sources);

            if (iperf) {
                return;
            }
            Path pings = pcap;
            // tshark decrypts the left's own capture of protocol 50 with its esp_sa rows
            List<String> options = new ArrayList<>(List.of("esp.enable_encryption_decode:TRUE",
                    "esp.enable_authentication_check:TRUE"));
            for (KeyTableEntry e : WiresharkKeyTables.read(keys.resolve("esp_sa"), "esp_sa")) {
                options.add(WiresharkKeyTables.tsharkOption(e));
            }
            List<List<String>> decrypted = Tshark.fields(pings, "esp", List.of("ip.proto", "ip.src", "ip.dst",
                    "udp.dstport", "data.data", "esp.icv_good"), options);
            List<String> datagrams = new ArrayList<>();
            for (List<String> r : decrypted) {
                assertTrue(r.get(0).startsWith("50,"), "outer protocol 50, then the inner packet: " + r);
                assertTrue(r.get(1).split(",").length > 1, "decrypted: " + r);
                if (r.get(0).equals("50,17")) {   // not the ICMP port unreachables that quote them
                    datagrams.add(r.get(1).split(",")[1] + ">" + r.get(2).split(",")[1] + " "
                            + new String(java.util.HexFormat.of().parseHex(r.get(4)),
                            java.nio.charset.StandardCharsets.US_ASCII).strip());
                }
            }
            // the capture's order of the two directions depends on the threads: compare sorted
            assertEquals(List.of("10.1.0.1>10.2.0.1 raw-left-0", "10.1.0.1>10.2.0.1 raw-left-1",
                    "10.1.0.1>10.2.0.1 raw-left-2", "10.2.0.1>10.1.0.1 raw-right-0", "10.2.0.1>10.1.0.1 raw-right-1",
                    "10.2.0.1>10.1.0.1 raw-right-2"), datagrams.stream().sorted().toList(), decrypted.toString());
        }
    }

    /** Replays and tampers with an ESP packet of ours, and sends one with an SPI nobody has (RFC 4303 3.4.2). */
    private static final String REPLAY_AND_TAMPER = String.join("\n",
            "import socket, struct, sys",
            "me = sys.argv[1]",
            "s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 50)",
            "s.bind((me, 0))",
            "s.settimeout(20)",
            "print('listening', flush=True)",
            "data = s.recv(65535)",
            "esp = data[(data[0] & 15) * 4:]",
            "seq = struct.unpack('>I', esp[4:8])[0]",
            "for i in range(3):",
            "    s.sendto(esp, (me, 0))",
            "tampered = bytearray(esp)",
            "tampered[4:8] = struct.pack('>I', seq + 100000)",
            "for i in range(2):",
            "    s.sendto(bytes(tampered), (me, 0))",
            "unknown = bytearray(esp)",
            "unknown[0:4] = bytes.fromhex('deadbeef')",
            "s.sendto(bytes(unknown), (me, 0))",
            "print('sent', esp[0:4].hex(), seq, flush=True)",
            "");

    /**
     * The right side's own ESP counters, read through the control socket: a packet the left sent
     * is caught on the right (a raw socket sees a copy) and sent to the right again three times
     * (replays: the window drops them), twice with its sequence number changed (the ICV fails),
     * once with an unknown SPI. status --json, statusall and show security ipsec statistics count
     * exactly those.
     */
    @org.junit.jupiter.api.Test
    void replayedAndTamperedPacketsAreDroppedAndCounted(@TempDir Path dir) throws Exception {
        try (Lab lab = new Lab(dir);
             Ike4jDaemon left = Ike4jDaemon.userspace(lab.ike4jNs, dir, "left", Lab.IKE4J_IP, conf(dir.resolve("left"),
                     "ikev1", "aes128-sha1-modp2048", "aes128-sha1", Lab.IKE4J_IP, Lab.IKE4J_NET, Lab.CHARON_IP,
                     Lab.CHARON_NET));
             Ike4jDaemon right = Ike4jDaemon.userspace(lab.charonNs, dir, "right", Lab.CHARON_IP, conf(dir.resolve("right"),
                     "ikev1", "aes128-sha1-modp2048", "aes128-sha1", Lab.CHARON_IP, Lab.CHARON_NET, Lab.IKE4J_IP,
                     Lab.IKE4J_NET))) {
            assertEquals(Boolean.TRUE, left.call("up", false, "tunnel").get("ok"));
            left.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));
            right.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));
            Path script = Files.writeString(dir.resolve("replay.py"), REPLAY_AND_TAMPER);
            java.util.concurrent.CompletableFuture<org.ike4j.testkit.CommandResult> attacker =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> lab.charonNs.exec(Duration.ofSeconds(30),
                            "/usr/bin/python3", script.toString(), Lab.CHARON_IP));
            Ike4jStatus.pause(1500);
            var sent = lab.ike4jNs.exec(Duration.ofSeconds(5), "bash", "-c", "echo one > /dev/udp/10.2.0.1/9");
            assertTrue(sent.ok(), sent.describe());
            var attack = attacker.join();
            assertTrue(attack.ok() && attack.stdout().contains("sent"), attack.describe());
            Ike4jStatus.pause(500);

            Map<String, Object> child = right.status().installed("tunnel").get(0);
            String context = attack.stdout() + "\n" + child + "\n" + right.logTail(30);
            assertTrue(attack.stdout().contains("sent " + Ike4jStatus.str(child, "inboundSpi")), context);
            assertEquals(1L, Ike4jStatus.num(child.get("packetsIn")), context);
            assertEquals(3L, Ike4jStatus.num(child.get("replayDrops")), context);
            assertEquals(2L, Ike4jStatus.num(child.get("integrityFailures")), context);
            assertEquals(0L, Ike4jStatus.num(child.get("otherDrops")), context);
            String all = (String) right.call("statusall", false).get("text");
            assertTrue(all.contains("dropped in: replay 3, integrity 2, other 0"), all);
            assertTrue(all.contains("ESP with an unknown SPI dropped: 1\n"), all);
            String junos = (String) right.call("show-ipsec", false, "statistics").get("text");
            assertTrue(junos.contains("Replay errors: 3\n") && junos.contains("ESP authentication failures: 2,"), junos);
            // the left saw none of it
            Map<String, Object> leftChild = left.status().installed("tunnel").get(0);
            assertEquals(0L, Ike4jStatus.num(leftChild.get("replayDrops")) + Ike4jStatus.num(leftChild.get("integrityFailures")),
                    leftChild.toString());
        }
    }

    /**
     * The left without CAP_NET_RAW (setpriv takes it out of the bounding set): the negotiation
     * completes, but the left cannot open the raw socket plain ESP needs, so it does not install
     * the SA and its log says why; no device is left behind. The right, with the capability,
     * installs its side.
     */
    @org.junit.jupiter.api.Test
    void withoutCapNetRawTheSaIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        try (Lab lab = new Lab(dir);
             Ike4jDaemon left = Ike4jDaemon.userspace(lab.ike4jNs, dir, "left", Lab.IKE4J_IP, conf(dir.resolve("left"),
                     "ikev2", "aes128-sha256-x25519", "aes128-sha256", Lab.IKE4J_IP, Lab.IKE4J_NET, Lab.CHARON_IP,
                     Lab.CHARON_NET), List.of(), List.of("setpriv", "--bounding-set=-net_raw", "--inh-caps=-net_raw"));
             Ike4jDaemon right = Ike4jDaemon.userspace(lab.charonNs, dir, "right", Lab.CHARON_IP, conf(dir.resolve("right"),
                     "ikev2", "aes128-sha256-x25519", "aes128-sha256", Lab.CHARON_IP, Lab.CHARON_NET, Lab.IKE4J_IP,
                     Lab.IKE4J_NET))) {
            assertEquals(Boolean.TRUE, left.call("up", false, "tunnel").get("ok"));
            right.await("an IPsec SA", ESTABLISH, s -> s.hasInstalled("tunnel"));
            long deadline = System.nanoTime() + ESTABLISH.toNanos();
            while (!left.logTail(200).contains("installing esp.") && System.nanoTime() < deadline) {
                Ike4jStatus.pause(200);
            }
            String log = left.logTail(200);
            assertTrue(log.contains("negotiated no UDP encapsulation, so its ESP goes as IP protocol 50, which needs a raw"
                    + " socket: socket(AF_INET, SOCK_RAW, IPPROTO_ESP) (a raw socket needs CAP_NET_RAW"), log);
            assertTrue(log.contains("not installed (forceencaps=yes would put ESP in UDP)"), log);
            assertFalse(lab.ike4jNs.ip("link", "show").stdout().contains("ipsec-tunnel"), "no device\n" + log);
        }
    }

    /**
     * The choice against a real peer that encapsulates: charon 5.9.8 with kernel-libipsec (which
     * fakes a NAT, having no raw ESP) and ike4j with neither forceencaps nor a NAT. ike4j sees the
     * NAT charon claims, so its SA is UDP-encapsulated and it opens no raw socket; on the veth the
     * ESP of both directions is in UDP 4500 and none is protocol 50.
     */
    @org.junit.jupiter.api.Test
    void againstCharonWithKernelLibipsecEspGoesInUdp(@TempDir Path dir) throws Exception {
        Prerequisites.require(EnumSet.copyOf(Requirement.STRONGSWAN));
        try (Lab lab = new Lab(dir)) {
            lab.startCharon(b -> b.installRoutes(true)).swanctl().load(Lab.charonConf("aes128-sha1-modp2048",
                    "aes128-sha1", Lab.PSK, c -> c, c -> c));
            try (Ike4jDaemon ike4j = Ike4jDaemon.userspace(lab.ike4jNs, dir, "ike4j", Lab.IKE4J_IP,
                    lab.ike4jConf("charon", Lab.PSK, "ike=aes128-sha1-modp2048", "esp=aes128-sha1", "pfs=no"))) {
                assertEquals(Boolean.TRUE, ike4j.call("up", false, "charon").get("ok"));
                Ike4jStatus s = ike4j.await("an IPsec SA", ESTABLISH, st -> st.hasInstalled("charon"));
                lab.charon.swanctl().awaitChildSaInstalled("net", ESTABLISH);
                assertEquals(Boolean.TRUE, s.installed("charon").get(0).get("udpEncapsulation"));
                datagramsBothWays(lab, "udp-", "udp-back-");
                Ike4jStatus.pause(500);
                Map<String, Object> child = ike4j.status().installed("charon").get(0);
                String log = ike4j.logTail(200);
                assertTrue(Ike4jStatus.num(child.get("packetsIn")) >= 3 && Ike4jStatus.num(child.get("packetsOut")) >= 3,
                        child + "\n" + log);
                assertFalse(log.contains("raw socket open"), log);
            }
            Path wire = lab.stopCapture();
            List<List<String>> inUdp = Tshark.fields(wire, "esp && udp.port == 4500", List.of("ip.src"));
            assertEquals(Set.of(Lab.IKE4J_IP, Lab.CHARON_IP), inUdp.stream().map(r -> r.get(0)).collect(
                    java.util.stream.Collectors.toSet()), inUdp.toString());
            assertEquals(List.of(), Tshark.fields(wire, "ip.proto == 50", List.of("frame.number")), "no plain ESP");
        }
    }

    /**
     * Three UDP datagrams each way through the tunnel, to the discard port of the other side's
     * inner address (bash's /dev/udp: no client needed), alternating, each named by its prefix and
     * number: {@code there} from the ike4j namespace, {@code back} from the other.
     */
    private static void datagramsBothWays(Lab lab, String there, String back) {
        for (int i = 0; i < 3; i++) {
            var sent = lab.ike4jNs.exec(Duration.ofSeconds(5), "bash", "-c", "echo " + there + i
                    + " > /dev/udp/10.2.0.1/9");
            assertTrue(sent.ok(), sent.describe());
            var answered = lab.charonNs.exec(Duration.ofSeconds(5), "bash", "-c", "echo " + back + i
                    + " > /dev/udp/10.1.0.1/9");
            assertTrue(answered.ok(), answered.describe());
        }
    }
}

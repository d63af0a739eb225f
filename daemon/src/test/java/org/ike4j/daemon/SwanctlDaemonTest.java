package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.ike4j.config.Configuration;
import org.ike4j.config.GlobalSettings;
import org.ike4j.config.Secrets;
import org.ike4j.crypto.Crypto;
import org.ike4j.daemon.control.ControlClient;
import org.ike4j.daemon.control.ControlProtocol;
import org.ike4j.daemon.demo.ObservedEngine;
import org.ike4j.daemon.demo.SeedFiles;
import org.ike4j.daemon.log.DebugSpec;
import org.ike4j.daemon.log.Log;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Engine;
import org.ike4j.engine.Snapshot;
import org.ike4j.engine.v1.Ikev1Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon configured by a swanctl.conf negotiates with one configured by the seed's
 * ipsec.conf/ipsec.secrets: two daemons with the real IKEv1 engine on 127.0.0.1 (ephemeral ports),
 * the swanctl.conf saying what the seed's SRX-13 says (Main Mode, 3des-md5-modp1024, ESP
 * aes128-sha1 without PFS, 0.0.0.0/0 both ways, the seed's PSK). Each side initiates once; both
 * end up with the same ISAKMP SA cookies and crossed IPsec SA SPIs.
 */
class SwanctlDaemonTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private static final Configuration EMPTY =
            new Configuration(Map.of(), Secrets.EMPTY, GlobalSettings.EMPTY, Map.of(), List.of());

    static final String SWANCTL = """
            # the seed's SRX-13, as swanctl.conf
            connections {
                server-box {
                    version = 1
                    local_addrs = 127.0.0.1
                    remote_addrs = 127.0.0.1
                    proposals = 3des-md5-modp1024
                    rekey_time = 24h
                    local {
                        auth = psk
                        id = 127.0.0.1
                    }
                    remote {
                        auth = psk
                        id = 127.0.0.1
                    }
                    children {
                        vpn {
                            local_ts = 0.0.0.0/0
                            remote_ts = 0.0.0.0/0
                            esp_proposals = aes128-sha1
                        }
                    }
                }
            }
            secrets {
                ike-seed {
                    id = 127.0.0.1
                    secret = juniper123
                }
            }
            """;

    @TempDir
    Path dir;

    private final List<Daemon> daemons = new ArrayList<>();
    private final List<Log> logs = new ArrayList<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final Engine[] engines = new Engine[2];

    @AfterEach
    void stop() throws Exception {
        for (Daemon d : daemons) {
            d.stop();
        }
        for (Daemon d : daemons) {
            d.awaitTermination(WAIT);
        }
        for (Log l : logs) {
            l.close();
        }
        if (Boolean.getBoolean("ike4j.test.log")) {
            System.out.println(logBytes.toString(StandardCharsets.UTF_8));
        }
    }

    private static int[] freePorts(int n) throws Exception {
        int[] ports = new int[n];
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(LO, 0));
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            held.forEach(DatagramSocket::close);
        }
        return ports;
    }

    private Daemon start(int index, List<Path> files, int ike, int natt, int peerIke) throws Exception {
        Log log = new Log(DebugSpec.parse("all"), new PrintStream(logBytes, true, StandardCharsets.UTF_8), null,
                Instant::now);
        logs.add(log);
        DaemonOptions o = new DaemonOptions(files, dir.resolve(index + ".ctl"), ike, natt, List.of(LO),
                Optional.of(DebugSpec.parse("all")), Optional.empty(), Optional.empty(), Duration.ofMillis(500));
        EngineFactory factory = ctx -> engines[index] = new ObservedEngine(
                new Ikev1Engine(EMPTY, List.of(LO), ctx.clock(), ctx.random(), Crypto.defaults()), ike, peerIke,
                actions -> { });
        Daemon d = Daemon.start(o, factory, TableDataplane::new, log, Clock.system());
        daemons.add(d);
        return d;
    }

    private static Map<String, Object> call(Daemon d, String command, String... args) throws Exception {
        return ControlClient.call(d.controlPath(), ControlProtocol.request(command, List.of(args), false), WAIT);
    }

    private static Snapshot snapshot(Daemon d, Engine e) {
        try {
            return d.onLoop(e::snapshot, WAIT);
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    private static boolean established(Daemon d, Engine e) {
        Snapshot s = snapshot(d, e);
        return s.ikeSas().stream().anyMatch(Snapshot.IkeSaInfo::established) && !s.childSas().isEmpty();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private Daemon[] both() throws Exception {
        int[] ports = freePorts(4);
        String lo = LO.getHostAddress();
        List<Path> serverFiles = SeedFiles.writeMapped(dir.resolve("server"),
                List.of(SeedFiles.IPSEC_CONF, SeedFiles.IPSEC_SECRETS), SeedFiles.addressMap(lo, lo));
        Path swanctl = Files.writeString(Files.createDirectories(dir.resolve("srx")).resolve("swanctl.conf"), SWANCTL);
        Daemon srx = start(0, List.of(swanctl), ports[0], ports[1], ports[2]);
        Daemon server = start(1, serverFiles, ports[2], ports[3], ports[0]);
        Map<String, Object> status = call(srx, "statusall");
        assertEquals(Boolean.TRUE, status.get("ok"), status.toString());
        assertTrue(status.get("text").toString().contains("server-box"), status.toString());
        return new Daemon[] {srx, server};
    }

    private void sameSas(Daemon srx, Daemon server) {
        Snapshot a = snapshot(srx, engines[0]);
        Snapshot b = snapshot(server, engines[1]);
        Snapshot.IkeSaInfo ia = a.ikeSas().getFirst();
        Snapshot.IkeSaInfo ib = b.ikeSas().getFirst();
        assertEquals(ia.initiatorSpi() + ia.responderSpi(), ib.initiatorSpi() + ib.responderSpi());
        assertEquals(List.of(ib.encryption(), ib.integrity(), ib.dhGroup()),
                List.of(ia.encryption(), ia.integrity(), ia.dhGroup()));
        assertEquals(org.ike4j.crypto.DhGroup.MODP_1024.ianaName(), ia.dhGroup(), "3des-md5-modp1024");
        Snapshot.ChildSaInfo ca = a.childSas().getFirst();
        Snapshot.ChildSaInfo cb = b.childSas().getFirst();
        assertEquals(ca.inboundSpi(), cb.outboundSpi());
        assertEquals(ca.outboundSpi(), cb.inboundSpi());
        assertEquals("server-box", ca.connection());
        assertEquals(List.of(cb.encryption(), cb.integrity()), List.of(ca.encryption(), ca.integrity()));
        assertEquals("HMAC_SHA1_96", ca.integrity(), "aes128-sha1");
        assertEquals("", ca.pfsGroup(), "no PFS, as the seed");
    }

    @Test
    void ipsecConfInitiatesToSwanctlConf() throws Exception {
        Daemon[] d = both();
        Map<String, Object> up = call(d[1], "up", "srx-13");
        assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
        await("SAs on both daemons", () -> established(d[0], engines[0]) && established(d[1], engines[1]));
        sameSas(d[0], d[1]);
    }

    @Test
    void swanctlConfInitiatesToIpsecConf() throws Exception {
        Daemon[] d = both();
        Map<String, Object> up = call(d[0], "up", "server-box");
        assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
        await("SAs on both daemons", () -> established(d[0], engines[0]) && established(d[1], engines[1]));
        sameSas(d[0], d[1]);
    }
}

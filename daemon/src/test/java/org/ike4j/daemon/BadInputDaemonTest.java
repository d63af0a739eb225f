package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.ike4j.engine.Action;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Engine;
import org.ike4j.engine.Snapshot;
import org.ike4j.engine.v1.Ikev1Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons with the real IKEv1 engine on 127.0.0.1 (the seed's server and SRX-13, addresses mapped
 * as the demo maps them, each on its own ephemeral ports) establish the seed's connection; then
 * malformed datagrams of every class go to the responder's IKE port from a test socket. After each,
 * the responder still answers status, its SAs (cookies, SPIs) are the ones it had, and at the end
 * down and up still work.
 */
class BadInputDaemonTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CONNECTION = "srx-13";
    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private static final Configuration EMPTY =
            new Configuration(Map.of(), Secrets.EMPTY, GlobalSettings.EMPTY, Map.of(), List.of());

    @TempDir
    Path dir;

    private final List<Daemon> daemons = new ArrayList<>();
    private final List<Log> logs = new ArrayList<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    /** What the server's engine sent, for the replay. */
    private final List<Action.Send> serverSent = new CopyOnWriteArrayList<>();
    private Engine srxEngine;
    private Engine serverEngine;
    private Daemon srx;
    private Daemon server;

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

    private Daemon start(String name, List<Path> files, int ike, int natt, int peerIke, List<Action.Send> sent,
            boolean isSrx) throws Exception {
        Log log = new Log(DebugSpec.parse("all"), new PrintStream(logBytes, true, StandardCharsets.UTF_8), null,
                Instant::now);
        logs.add(log);
        DaemonOptions o = new DaemonOptions(files, dir.resolve(name + ".ctl"), ike, natt, List.of(LO),
                Optional.of(DebugSpec.parse("all")), Optional.empty(), Optional.empty(), Duration.ofMillis(500));
        EngineFactory engines = ctx -> {
            Engine e = new ObservedEngine(new Ikev1Engine(EMPTY, List.of(LO), ctx.clock(), ctx.random(), Crypto.defaults()),
                    ike, peerIke, actions -> {
                        if (sent != null) {
                            actions.stream().filter(a -> a instanceof Action.Send).map(a -> (Action.Send) a)
                                    .forEach(sent::add);
                        }
                    });
            if (isSrx) {
                srxEngine = e;
            } else {
                serverEngine = e;
            }
            return e;
        };
        Daemon d = Daemon.start(o, engines, TableDataplane::new, log, Clock.system());
        daemons.add(d);
        return d;
    }

    private static Map<String, Object> call(Daemon d, String command, String... args) throws Exception {
        return ControlClient.call(d.controlPath(), ControlProtocol.request(command, List.of(args), false), WAIT);
    }

    private static Snapshot snapshot(Daemon d, Engine e) throws Exception {
        return d.onLoop(e::snapshot, WAIT);
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

    private boolean established(Daemon d, Engine e) {
        try {
            Snapshot s = snapshot(d, e);
            return s.ikeSas().stream().anyMatch(Snapshot.IkeSaInfo::established) && !s.childSas().isEmpty();
        } catch (Exception ex) {
            return false;
        }
    }

    /** What must not change: each ISAKMP SA's cookies and state, each IPsec SA's SPIs. */
    private static List<String> identity(Snapshot s) {
        List<String> out = new ArrayList<>();
        s.ikeSas().forEach(i -> out.add(i.initiatorSpi() + "/" + i.responderSpi() + " " + i.state()));
        s.childSas().forEach(c -> out.add(String.format("%08x/%08x", c.inboundSpi(), c.outboundSpi())));
        return out;
    }

    private static byte[] header(byte[] cookies, int nextPayload, int exchange, int flags, int messageId, int length) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.put(cookies).put((byte) nextPayload).put((byte) 0x10).put((byte) exchange).put((byte) flags)
                .putInt(messageId).putInt(length);
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    @Test
    void malformedDatagramsLeaveTheResponderAndItsSasAsTheyWere() throws Exception {
        int[] ports = freePorts(4);
        String lo = LO.getHostAddress();
        var addresses = SeedFiles.addressMap(lo, lo);
        List<Path> srxFiles = SeedFiles.writeMapped(dir.resolve("srx"), List.of(SeedFiles.SRX_CONF), addresses);
        List<Path> serverFiles = SeedFiles.writeMapped(dir.resolve("server"),
                List.of(SeedFiles.IPSEC_CONF, SeedFiles.IPSEC_SECRETS), addresses);
        srx = start("srx", srxFiles, ports[0], ports[1], ports[2], null, true);
        server = start("server", serverFiles, ports[2], ports[3], ports[0], serverSent, false);

        Map<String, Object> up = call(server, "up", CONNECTION);
        assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
        await("the seed's SAs on both daemons", () -> established(server, serverEngine) && established(srx, srxEngine));
        Snapshot before = snapshot(srx, srxEngine);
        List<String> srxSas = identity(before);
        List<String> serverSas = identity(snapshot(server, serverEngine));
        byte[] cookies = HexFormat.of().parseHex(before.ikeSas().get(0).initiatorSpi()
                + before.ikeSas().get(0).responderSpi());
        assertEquals(16, cookies.length);

        Random random = new Random(42);
        byte[] newCookie = new byte[16];
        random.nextBytes(newCookie);
        java.util.Arrays.fill(newCookie, 8, 16, (byte) 0);
        byte[] body = new byte[64];
        random.nextBytes(body);
        // a generic payload header: next payload, reserved, length
        byte[] kePayload = concat(new byte[] {0, 0, 0, 36}, new byte[32]);
        byte[] unknownCritical = concat(new byte[] {0, (byte) 0x80, 0, 8}, new byte[4]);

        Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
        bad.put("truncated header", java.util.Arrays.copyOf(header(cookies, 8, 5, 1, 7, 28), 11));
        bad.put("length field too big", concat(header(cookies, 8, 5, 1, 0x1234, 4000), body));
        bad.put("length field too small", concat(header(cookies, 8, 5, 1, 0x1234, 12), body));
        // Main Mode message 1 starting with KE (4) instead of SA
        bad.put("wrong payload order", concat(header(newCookie, 4, 2, 0, 0, 28 + kePayload.length), kePayload));
        bad.put("unknown critical payload type",
                concat(header(newCookie, 200, 2, 0, 0, 28 + unknownCritical.length), unknownCritical));
        bad.put("unknown payload type in an established SA's exchange",
                concat(header(cookies, 200, 5, 0, 0x4321, 28 + unknownCritical.length), unknownCritical));
        bad.put("garbage after decryption (Informational)", concat(header(cookies, 8, 5, 1, 0x55aa55aa, 28 + 64), body));
        bad.put("garbage after decryption (Quick Mode)", concat(header(cookies, 8, 32, 1, 0x0badf00d, 28 + 64), body));
        bad.put("garbage after decryption (Main Mode)", concat(header(cookies, 5, 2, 1, 0, 28 + 64), body));
        bad.put("empty datagram", new byte[0]);
        // replays of the server's own messages: Main Mode 1, 3, 5 and Quick Mode 1 and 3
        for (int i = 0; i < serverSent.size(); i++) {
            Action.Send s = serverSent.get(i);
            if (s.remote().getPort() == ports[0] && !s.nonEspMarker()) {
                bad.put("replayed server message " + i, s.data().toByteArray());
            }
        }
        assertTrue(bad.keySet().stream().filter(k -> k.startsWith("replayed")).count() >= 4, bad.keySet().toString());

        InetSocketAddress target = new InetSocketAddress(LO, ports[0]);
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            for (var e : bad.entrySet()) {
                attacker.send(new DatagramPacket(e.getValue(), e.getValue().length, target));
                // the daemon answers status after it (the control request is queued behind the datagram)
                Thread.sleep(20);
                Map<String, Object> st = call(srx, "status");
                assertEquals(Boolean.TRUE, st.get("ok"), e.getKey() + ": " + st);
                assertEquals(srxSas, identity(snapshot(srx, srxEngine)), e.getKey());
                assertEquals(serverSas, identity(snapshot(server, serverEngine)), e.getKey());
            }
            // the same again straight from the server's own port is not possible (it is bound); also the
            // replays from a second source port
            for (var e : bad.entrySet()) {
                attacker.send(new DatagramPacket(e.getValue(), e.getValue().length, target));
            }
            Thread.sleep(100);
            assertEquals(Boolean.TRUE, call(srx, "status").get("ok"));
            assertEquals(srxSas, identity(snapshot(srx, srxEngine)), "after all of them at once");
        }
        assertTrue(srx.isRunning());

        // down and up still work
        Map<String, Object> down = call(server, "down", CONNECTION);
        assertEquals(Boolean.TRUE, down.get("ok"), down.toString());
        await("the SRX's SAs gone after down", () -> {
            try {
                return snapshot(srx, srxEngine).ikeSas().isEmpty() && snapshot(srx, srxEngine).childSas().isEmpty();
            } catch (Exception ex) {
                return false;
            }
        });
        up = call(server, "up", CONNECTION);
        assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
        await("the SAs again after up", () -> established(server, serverEngine) && established(srx, srxEngine));
        List<String> again = identity(snapshot(srx, srxEngine));
        assertFalse(again.equals(srxSas), "new SAs after up: " + again);
    }
}

package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ike4j.daemon.demo.SeedFiles;
import org.ike4j.engine.Action;
import org.ike4j.engine.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
    private static final String CONNECTION = "srx-13";
    private static final InetAddress LO = LoopbackDaemons.LO;

    @TempDir
    Path dir;

    private LoopbackDaemons daemons;
    /** What the server's engine sent, for the replay. */
    private final List<Action.Send> serverSent = new CopyOnWriteArrayList<>();

    @BeforeEach
    void daemons() {
        daemons = new LoopbackDaemons(dir);
    }

    @AfterEach
    void stop() throws Exception {
        daemons.close();
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
        int[] ports = LoopbackDaemons.freePorts(4);
        String lo = LO.getHostAddress();
        var addresses = SeedFiles.addressMap(lo, lo);
        List<Path> srxFiles = SeedFiles.writeMapped(dir.resolve("srx"), List.of(SeedFiles.SRX_CONF), addresses);
        List<Path> serverFiles = SeedFiles.writeMapped(dir.resolve("server"),
                List.of(SeedFiles.IPSEC_CONF, SeedFiles.IPSEC_SECRETS), addresses);
        LoopbackDaemons.Peer srx = daemons.start("srx", srxFiles, ports[0], ports[1], ports[2], actions -> { });
        LoopbackDaemons.Peer server = daemons.start("server", serverFiles, ports[2], ports[3], ports[0],
                actions -> actions.stream().filter(a -> a instanceof Action.Send).map(a -> (Action.Send) a)
                        .forEach(serverSent::add));

        Map<String, Object> up = server.call("up", CONNECTION);
        assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
        LoopbackDaemons.await("the seed's SAs on both daemons", () -> server.established() && srx.established());
        Snapshot before = srx.snapshot();
        List<String> srxSas = identity(before);
        List<String> serverSas = identity(server.snapshot());
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
                Map<String, Object> st = srx.call("status");
                assertEquals(Boolean.TRUE, st.get("ok"), e.getKey() + ": " + st);
                assertEquals(srxSas, identity(srx.snapshot()), e.getKey());
                assertEquals(serverSas, identity(server.snapshot()), e.getKey());
            }
            // the same again straight from the server's own port is not possible (it is bound); also the
            // replays from a second source port
            for (var e : bad.entrySet()) {
                attacker.send(new DatagramPacket(e.getValue(), e.getValue().length, target));
            }
            Thread.sleep(100);
            assertEquals(Boolean.TRUE, srx.call("status").get("ok"));
            assertEquals(srxSas, identity(srx.snapshot()), "after all of them at once");
        }
        assertTrue(srx.daemon().isRunning());

        // down and up still work
        Map<String, Object> down = server.call("down", CONNECTION);
        assertEquals(Boolean.TRUE, down.get("ok"), down.toString());
        LoopbackDaemons.await("the SRX's SAs gone after down", () -> {
            try {
                return srx.snapshot().ikeSas().isEmpty() && srx.snapshot().childSas().isEmpty();
            } catch (RuntimeException | AssertionError ex) {
                return false;
            }
        });
        up = server.call("up", CONNECTION);
        assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
        LoopbackDaemons.await("the SAs again after up", () -> server.established() && srx.established());
        List<String> again = identity(srx.snapshot());
        assertFalse(again.equals(srxSas), "new SAs after up: " + again);
    }
}

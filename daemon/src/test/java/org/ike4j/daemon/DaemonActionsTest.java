package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.IpsecMode;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.daemon.control.ControlClient;
import org.ike4j.daemon.control.ControlProtocol;
import org.ike4j.daemon.control.Json;
import org.ike4j.engine.Action;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Actions reaching the dataplane, an engine that throws, and control clients that misbehave. */
class DaemonActionsTest {
    @TempDir
    Path dir;

    /** A key whose hex would stand out in a log. */
    static final byte[] KEY = java.util.HexFormat.of().parseHex("deadbeefcafebabe0123456789abcdef01234567");

    static ChildSa sa(int in, int out) throws Exception {
        TrafficSelector any = TrafficSelector.subnet(java.net.InetAddress.getByName("0.0.0.0"), 0);
        return new ChildSa("srx-13", 1, ChildProposal.Protocol.ESP, IpsecMode.TUNNEL, false,
                new InetSocketAddress("127.0.0.1", 500), new InetSocketAddress("127.0.0.2", 500), in, out,
                Optional.empty(), Optional.of(IntegrityAlgorithm.HMAC_SHA1_96), false, Secret.copyOf(KEY),
                Secret.copyOf(KEY), Secret.copyOf(KEY), Secret.copyOf(KEY), List.of(any),
                List.of(any), 2700, 3600, 0, 0, 64);
    }

    private static Map<String, Object> call(DaemonFixture f, String cmd, String... args) throws Exception {
        return ControlClient.call(f.control, ControlProtocol.request(cmd, List.of(args), false), DaemonFixture.WAIT);
    }

    @Test
    void childSasGoToTheDataplaneInOrder() throws Exception {
        ChildSa first = sa(0xc786011d, 0x5ef52687);
        ChildSa second = sa(0x11111111, 0x22222222);
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.start(in -> switch (in) {
                case Input.Command(Operator.Up u) -> List.of(new Action.InstallChildSa(first),
                        new Action.InstallChildSa(second), new Action.DeleteChildSa(first, "rekeyed"));
                case Input.Command(Operator.Down d) -> List.of(new Action.DeleteChildSa(second, "operator"));
                default -> List.of();
            });
            call(f, "up", "srx-13");
            List<ChildSa> installed = f.daemon.onLoop(() -> f.daemon.dataplane().installed(), DaemonFixture.WAIT);
            assertEquals(List.of(second), installed);
            call(f, "down", "srx-13");
            assertEquals(List.of(), f.daemon.onLoop(() -> f.daemon.dataplane().installed(), DaemonFixture.WAIT));
            assertTrue(f.log().contains("knl 2 SA esp.11111111 (in) / esp.22222222 (out) of srx-13 removed: operator"),
                    f.log());
            String log = f.log().toLowerCase(java.util.Locale.ROOT);
            assertTrue(!log.contains("deadbeef") && !log.contains("de ad be ef") && !log.contains("3q2+7"),
                    "no key material in the log");
        }
    }

    @Test
    void heldDeleteReachesTheDataplane() throws Exception {
        ChildSa dead = sa(0x33333333, 0x44444444);
        ChildSa down = sa(0x55555555, 0x66666666);
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.start(in -> switch (in) {
                case Input.Command(Operator.Up u) -> List.of(new Action.InstallChildSa(dead), new Action.InstallChildSa(down),
                        new Action.DeleteChildSa(dead, "dead peer", true));
                case Input.Command(Operator.Down d) -> List.of(new Action.DeleteChildSa(down, "operator"));
                default -> List.of();
            });
            call(f, "up", "srx-13");
            call(f, "down", "srx-13");
            assertEquals(List.of(), f.daemon.onLoop(() -> f.daemon.dataplane().installed(), DaemonFixture.WAIT));
            assertTrue(f.log().contains("of srx-13 removed: dead peer (held: traffic negotiates again)"), f.log());
            assertTrue(f.log().contains("esp.55555555 (in) / esp.66666666 (out) of srx-13 removed: operator\n"), f.log());
        }
    }

    @Test
    void engineThatThrowsDoesNotStopTheDaemon() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.start(in -> {
                if (in instanceof Input.Command(Operator.Up u)) {
                    throw new IllegalStateException("bug");
                }
                return List.of();
            });
            Map<String, Object> r = call(f, "up", "srx-13");
            assertEquals(true, r.get("ok"));
            assertTrue(f.log().contains("dmn 0 engine failed on Command: java.lang.IllegalStateException: bug"), f.log());
            assertEquals(true, call(f, "status").get("ok"));
        }
    }

    @Test
    void badActionIsSkippedAndTheRestCarriedOut() throws Exception {
        org.ike4j.engine.TimerKey k = new org.ike4j.engine.TimerKey("retransmit", "x");
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.start(in -> in instanceof Input.Command(Operator.Up u) ? List.of(
                    new Action.Send(null, InetSocketAddress.createUnresolved("peer.invalid", 500),
                            org.ike4j.wire.Bytes.wrap(new byte[] {1}), false),
                    new Action.Schedule(k, f.clock.nowMillis() + 1)) : List.of());
            assertEquals(true, call(f, "up", "srx-13").get("ok"));
            DaemonFixture.await("the timer after the bad send", () -> !f.engine.inputsOf(Input.TimerFired.class).isEmpty());
            assertTrue(f.log().contains("dmn 0 cannot carry out Send: java.nio.channels.UnresolvedAddressException"),
                    f.log());
        }
    }

    @Test
    void silentAndOversizedClientsDoNotBlockOthers() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir).start(in -> List.of());
             SocketChannel silent = SocketChannel.open(java.net.UnixDomainSocketAddress.of(f.control));
             SocketChannel big = SocketChannel.open(java.net.UnixDomainSocketAddress.of(f.control))) {
            silent.write(ByteBuffer.wrap("{\"command\":\"sta".getBytes(StandardCharsets.UTF_8)));
            assertEquals(true, call(f, "status").get("ok"));

            byte[] huge = new byte[70_000];
            java.util.Arrays.fill(huge, (byte) 'x');
            ByteBuffer b = ByteBuffer.wrap(huge);
            while (b.hasRemaining()) {
                big.write(b);
            }
            ByteBuffer answer = ByteBuffer.allocate(4096);
            StringBuilder line = new StringBuilder();
            while (line.indexOf("\n") < 0 && big.read(answer) > 0) {
                answer.flip();
                line.append(StandardCharsets.UTF_8.decode(answer));
                answer.clear();
            }
            Map<String, Object> r = Json.readObject(line.toString().strip());
            assertEquals(false, r.get("ok"));
            assertEquals("request longer than 65536 bytes", r.get("error"));

            // the rest of the long line is dropped; the next line on the same connection is answered
            big.write(ByteBuffer.wrap(("xxxx\n" + Json.write(ControlProtocol.request("status", List.of(), false)) + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            line.setLength(0);
            while (line.indexOf("\n") < 0 && big.read(answer) > 0) {
                answer.flip();
                line.append(StandardCharsets.UTF_8.decode(answer));
                answer.clear();
            }
            assertEquals(true, Json.readObject(line.toString().strip()).get("ok"), line.toString());
            assertEquals(true, call(f, "status").get("ok"));
        }
    }

    @Test
    void twoRequestsOnOneConnectionAnsweredInOrder() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir).start(in -> List.of());
             SocketChannel ch = SocketChannel.open(java.net.UnixDomainSocketAddress.of(f.control))) {
            String two = Json.write(ControlProtocol.request("reload", List.of(), false)) + "\n"
                    + Json.write(ControlProtocol.request("status", List.of(), false)) + "\n";
            ch.write(ByteBuffer.wrap(two.getBytes(StandardCharsets.UTF_8)));
            StringBuilder got = new StringBuilder();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (got.chars().filter(c -> c == '\n').count() < 2 && ch.read(buf) > 0) {
                buf.flip();
                got.append(StandardCharsets.UTF_8.decode(buf));
                buf.clear();
            }
            List<String> lines = got.toString().lines().toList();
            assertEquals("reloaded: 1 connection(s)", Json.readObject(lines.get(0)).get("text"));
            assertTrue(((String) Json.readObject(lines.get(1)).get("text")).startsWith("000 \"srx-13\""));
        }
    }
}

package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ike4j.daemon.control.ControlClient;
import org.ike4j.daemon.control.ControlProtocol;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.TimerKey;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons over loopback: one runs a "ping" engine that, on {@code up}, sends PING over NAT-T
 * with a retransmit timer, the other an echo engine. The reply cancels the timer and reports.
 * Exercises Send, the marker both ways, Schedule, Cancel, Report through real sockets.
 */
class PingEngineTest {
    @TempDir
    Path dir;

    /** The pinging side's script: {@code peer} is the echo daemon's NAT-T address. */
    static Function<Input, List<Action>> ping(InetSocketAddress[] peer, DaemonFixture f) {
        TimerKey retransmit = new TimerKey("retransmit", "ping");
        return in -> switch (in) {
            case Input.Command(Operator.Up u) -> List.of(
                    new Action.Send(null, peer[0], Bytes.wrap("PING".getBytes(StandardCharsets.US_ASCII)), true),
                    new Action.Schedule(retransmit, f.clock.nowMillis() + 5_000));
            case Input.Datagram d when d.natTraversalPort() && new String(d.data().toByteArray(),
                    StandardCharsets.US_ASCII).equals("PING") -> List.of(
                    new Action.Cancel(retransmit),
                    new Action.Report(new Event(f.clock.nowMillis(), Event.Level.INFO, "ike", "srx-13", "#1",
                            Event.Kind.OTHER, "PONG from " + Daemon.str(d.remote()))));
            case Input.TimerFired t -> List.of(new Action.Report(new Event(f.clock.nowMillis(), Event.Level.ERROR,
                    "ike", "srx-13", "#1", Event.Kind.PEER_DEAD, "no answer")));
            default -> List.of();
        };
    }

    @Test
    void pingAcrossTwoDaemons() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        InetSocketAddress[] peer = new InetSocketAddress[1];
        try (DaemonFixture echo = new DaemonFixture(b).start(ScriptedEngine.echo());
             DaemonFixture pinger = new DaemonFixture(a)) {
            peer[0] = echo.daemon.nattAddresses().getFirst();
            pinger.start(ping(peer, pinger));
            Map<String, Object> r = ControlClient.call(pinger.control,
                    ControlProtocol.request("up", List.of("srx-13"), false), DaemonFixture.WAIT);
            assertEquals(true, r.get("ok"));
            String pong = "PONG from " + Daemon.str(peer[0]);
            DaemonFixture.await("the pong", () -> pinger.log().contains(pong));
            // the echo side got PING with the marker removed; the pinging side got it back the same way
            Input.Datagram got = echo.engine.inputsOf(Input.Datagram.class).getFirst();
            assertEquals("PING", new String(got.data().toByteArray(), StandardCharsets.US_ASCII));
            assertTrue(got.natTraversalPort());
            List<Input> timers = new ArrayList<>(pinger.engine.inputsOf(Input.TimerFired.class));
            assertEquals(List.of(), timers, "the reply cancelled the retransmit timer");
        }
    }
}

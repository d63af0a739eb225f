package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.ike4j.daemon.control.ControlClient;
import org.ike4j.daemon.control.ControlProtocol;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket of a running daemon. */
class ControlSocketTest {
    @TempDir
    Path dir;

    private static Map<String, Object> call(DaemonFixture f, String cmd, boolean json, String... args) throws Exception {
        return ControlClient.call(f.control, ControlProtocol.request(cmd, List.of(args), json), DaemonFixture.WAIT);
    }

    /** Reports an event for up and down, as an engine would. */
    private static List<Action> reporting(Input in) {
        if (in instanceof Input.Command(Operator.Up u)) {
            return List.of(new Action.Report(new Event(0, Event.Level.INFO, "ike", u.connection(), "#1",
                    Event.Kind.OTHER, "initiating Main Mode with 10.80.80.13")));
        }
        if (in instanceof Input.Command(Operator.Down d)) {
            return List.of(new Action.Report(new Event(0, Event.Level.INFO, "ike", d.connection(), "#1",
                    Event.Kind.IKE_SA_DELETED, "deleting ISAKMP SA #1")));
        }
        return List.of();
    }

    @Test
    void socketHasMode0600() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir).start(ControlSocketTest::reporting)) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(f.control));
            assertEquals(List.of(f.control.getFileName().toString()),
                    Files.list(f.control.getParent()).map(p -> p.getFileName().toString()).toList(),
                    "no temporary directory left behind");
        }
    }

    @Test
    void upDownStatusRoundTrip() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir).start(ControlSocketTest::reporting)) {
            Map<String, Object> up = call(f, "up", false, "srx-13");
            assertEquals(true, up.get("ok"), up.toString());
            assertEquals("initiating Main Mode with 10.80.80.13", up.get("text"));
            assertTrue(f.engine.inputs.getFirst() instanceof Input.Command(Operator.Reload r)
                    && r.configuration().connections().containsKey("srx-13"), "the configuration comes first");
            assertEquals(List.of(new Input.Command(new Operator.Up("srx-13"))),
                    f.engine.inputsOf(Input.Command.class).stream().filter(c -> c.command() instanceof Operator.Up).toList());

            Map<String, Object> down = call(f, "down", false, "srx-13");
            assertEquals("deleting ISAKMP SA #1", down.get("text"));

            Map<String, Object> unknown = call(f, "up", false, "nope");
            assertEquals(false, unknown.get("ok"));
            assertEquals("no connection named 'nope'", unknown.get("error"));

            Map<String, Object> status = call(f, "status", false);
            assertTrue(((String) status.get("text")).startsWith("000 \"srx-13\": srx-13-summary; unrouted"),
                    status.toString());
            assertFalse(status.containsKey("data"));

            Map<String, Object> json = call(f, "status", true);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) json.get("data");
            assertEquals(List.of(Map.of("name", "srx-13", "summary", "srx-13-summary")), data.get("connections"));

            for (String cmd : List.of("statusall", "show-ike", "show-ipsec")) {
                assertEquals(true, call(f, cmd, false, "detail").get("ok"), cmd);
            }
            assertEquals(false, call(f, "frobnicate", false).get("ok"));
        }
    }

    /** down NAME{N} / NAME[N]: one SA by the unique id status shows; an id with no SA is refused before the engine. */
    @Test
    void downOfOneSaNeedsAnSaWithThatId() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir).start(ControlSocketTest::reporting)) {
            Map<String, Object> child = call(f, "down", false, "srx-13{7}");
            assertEquals(false, child.get("ok"), child.toString());
            assertEquals("no CHILD_SA srx-13{7} (status shows the unique ids)", child.get("error"));
            Map<String, Object> ike = call(f, "down", false, "srx-13[3]");
            assertEquals("no IKE_SA srx-13[3] (status shows the unique ids)", ike.get("error"));
            assertTrue(f.engine.inputsOf(Input.Command.class).stream().noneMatch(c -> c.command() instanceof Operator.DownSa
                    || c.command() instanceof Operator.Down), "nothing reached the engine");
        }
    }

    @Test
    void reloadWithBrokenFileKeepsOldConfigurationAndNamesFileAndLine() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir).start(ControlSocketTest::reporting)) {
            String good = Files.readString(f.conf);
            Files.writeString(f.conf, good.replace("\tplutostart=yes", "\tplutostart=yes\n\tnonsense=1"));
            int line = 1 + (int) good.lines().takeWhile(l -> !l.contains("plutostart")).count() + 1;
            Map<String, Object> r = call(f, "reload", false);
            assertEquals(false, r.get("ok"), r.toString());
            String err = (String) r.get("error");
            assertTrue(err.contains(f.conf + ":" + line + ":"), err);
            assertTrue(err.endsWith("reload refused: the running configuration is unchanged"), err);
            assertEquals(1, f.engine.inputsOf(Input.Command.class).size(), "only the start-up Reload");
            assertTrue(((String) call(f, "status", false).get("text")).contains("\"srx-13\""));

            Files.writeString(f.conf, good.replace("conn srx-13", "conn srx-14"));
            Map<String, Object> ok = call(f, "reload", false);
            assertEquals(true, ok.get("ok"), ok.toString());
            assertEquals("reloaded: 1 connection(s)", ok.get("text"));
            List<Input.Command> cmds = f.engine.inputsOf(Input.Command.class);
            assertEquals(2, cmds.size());
            Operator.Reload reload = (Operator.Reload) cmds.get(1).command();
            assertEquals(List.of("srx-14"), List.copyOf(reload.configuration().connections().keySet()));
            assertEquals(true, call(f, "up", false, "srx-14").get("ok"));
        }
    }

    @Test
    void staleSocketFileIsReplaced() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            Files.createDirectories(f.control.getParent());
            try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                dead.bind(UnixDomainSocketAddress.of(f.control)); // closing leaves the file: stale
            }
            assertTrue(Files.exists(f.control));
            f.start(ControlSocketTest::reporting);
            assertEquals(true, call(f, "status", false).get("ok"));
        }
    }

    @Test
    void liveSocketIsNotTakenOver() throws Exception {
        try (DaemonFixture first = new DaemonFixture(dir).start(ControlSocketTest::reporting)) {
            DaemonFixture second = new DaemonFixture(dir);
            Daemon.StartupException e = assertThrows(Daemon.StartupException.class,
                    () -> second.start(ControlSocketTest::reporting));
            assertTrue(e.getMessage().contains("already listening"), e.getMessage());
            assertEquals(true, call(first, "status", false).get("ok"));
        }
    }

    @Test
    void regularFileAtSocketPathIsNotReplaced() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            Files.createDirectories(f.control.getParent());
            Files.writeString(f.control, "not a socket");
            Daemon.StartupException e = assertThrows(Daemon.StartupException.class,
                    () -> f.start(ControlSocketTest::reporting));
            assertTrue(e.getMessage().contains("not a socket"), e.getMessage());
            assertEquals("not a socket", Files.readString(f.control));
        }
    }

    @Test
    void clientWithoutDaemonSaysSoInOneLine() {
        Path nowhere = dir.resolve("none.ctl");
        ControlClient.UnreachableException e = assertThrows(ControlClient.UnreachableException.class,
                () -> ControlClient.call(nowhere, ControlProtocol.request("status", List.of(), false),
                        DaemonFixture.WAIT));
        assertEquals("no ike4j daemon at " + nowhere + " (no socket there)", e.getMessage());
    }

    @Test
    void stopTakesConnectionsDownSendsDeletesAndRemovesSocket() throws Exception {
        try (java.net.DatagramSocket peer = new java.net.DatagramSocket(
                new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))) {
            peer.setSoTimeout((int) DaemonFixture.WAIT.toMillis());
            InetSocketAddress peerAddr = (InetSocketAddress) peer.getLocalSocketAddress();
            try (DaemonFixture f = new DaemonFixture(dir)) {
                f.start(in -> in instanceof Input.Command(Operator.Down d)
                        ? List.of(new Action.Send(null, peerAddr, Bytes.wrap(d.connection().getBytes()), false))
                        : List.of());
                Map<String, Object> r = call(f, "stop", false);
                assertEquals("stopping", r.get("text"));
                assertTrue(f.daemon.awaitTermination(DaemonFixture.WAIT));
                java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[100], 100);
                peer.receive(p);
                assertEquals("srx-13", new String(p.getData(), 0, p.getLength()));
                assertFalse(Files.exists(f.control), "socket file removed");
                assertThrows(ControlClient.UnreachableException.class, () -> call(f, "status", false));
                // the UDP port is free again
                try (java.net.DatagramSocket again = new java.net.DatagramSocket(f.daemon.ikeAddresses().getFirst())) {
                    assertTrue(again.isBound());
                }
            }
        }
    }

    @Test
    void shutdownWaitsBoundedForIkeSasToGo() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir).start(in -> List.of())) {
            // an engine that never lets its SA go: the daemon gives up after the grace period (500 ms)
            f.engine.ikeSas = List.of(new org.ike4j.engine.Snapshot.IkeSaInfo(1, "srx-13", 1, true, "MAIN_I4", true,
                    "Main", "", "", null, null, "", "", "", "", "", "", "", "", 0, 0, 0, 0, 0, 0, 0));
            long t0 = System.nanoTime();
            f.daemon.stop();
            assertTrue(f.daemon.awaitTermination(DaemonFixture.WAIT));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 450 && ms < 5000, "took " + ms + " ms");
            assertEquals(1, f.engine.inputsOf(Input.Command.class).stream()
                    .filter(c -> c.command() instanceof Operator.Down).count());
        }
    }
}

package org.ike4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ike4j.daemon.control.Json;
import org.ike4j.daemon.demo.SeedFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ike4j daemon} in this JVM on 127.0.0.1 with ephemeral ports, driven by the client
 * commands over its control socket. No engine is built in yet: the daemon loads, reports and
 * reloads its configuration and refuses {@code up}.
 */
class ControlCommandsTest {
    @TempDir
    Path dir;
    Path conf;
    Path secrets;
    Path junos;
    Path ctl;

    record Run(int exit, String out, String err) {
    }

    private static synchronized Run run(String... args) {
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

    /**
     * A seed file with its two addresses moved to loopback (the server to 127.0.0.1, where this
     * daemon listens; the SRX to 127.80.80.13, where nothing does), so that {@code up} sends to
     * loopback only.
     */
    private static String seed(String name) throws Exception {
        try (InputStream in = ControlCommandsTest.class.getResourceAsStream("/seed/" + name)) {
            return SeedFiles.mapAddresses(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    SeedFiles.addressMap("127.0.0.1", "127.80.80.13"));
        }
    }

    @BeforeEach
    void files() throws Exception {
        // names that do not give the kind away: files are recognised by content
        conf = dir.resolve("a.txt");
        secrets = dir.resolve("b.txt");
        junos = dir.resolve("c.txt");
        Files.writeString(conf, seed("ipsec.conf"));
        Files.writeString(secrets, seed("ipsec.secrets"));
        Files.writeString(junos, seed("srx-13.set"));
        ctl = dir.resolve("run").resolve("ike4j.ctl");
    }

    private String[] daemonArgs() {
        return new String[] {"daemon", "--config", conf.toString(), "--config", secrets.toString(), "--config",
            junos.toString(), "--control", ctl.toString(), "--port", "0", "--natt-port", "0", "--listen", "127.0.0.1",
            "--debug", "cfg=1,dmn=1,net=1"};
    }

    /** Starts {@code ike4j daemon} on another thread; its exit code completes the future. */
    private CompletableFuture<Integer> startDaemon() throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(daemonArgs()));
        // a bound, not a timing claim: the start-up self-test runs every known answer and a loaded CI runner is slow
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(ctl)) {
            if (exit.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("daemon did not start: exit " + exit.getNow(null));
            }
            Thread.sleep(5);
        }
        return exit;
    }

    @Test
    void daemonAnswersClientCommandsAndStops() throws Exception {
        CompletableFuture<Integer> daemon = startDaemon();
        try {
            Run status = run("status", "--control", ctl.toString());
            assertEquals(0, status.exit(), status.err());
            List<String> lines = status.out().lines().toList();
            assertEquals("000 \"srx-13\": 0.0.0.0/0===127.0.0.1[127.0.0.1]...127.80.80.13[127.80.80.13]===0.0.0.0/0;"
                    + " unrouted; eroute owner: #0", lines.get(0));
            assertTrue(status.out().contains("000 \"SERVER-BOX\": "), status.out());

            Run json = run("status", "--control", ctl.toString(), "--json");
            assertEquals(0, json.exit());
            Object data = Json.readObject(json.out().strip()).get("data");
            assertTrue(data.toString().contains("name=srx-13"), data.toString());

            Run up = run("up", "srx-13", "--control", ctl.toString());
            // the IKEv1 engine starts Main Mode toward 127.80.80.13, where nobody answers
            assertEquals(0, up.exit(), up.err());
            assertEquals("", up.err());

            Run ike = run("show", "security", "ike", "security-associations", "--control", ctl.toString());
            assertEquals(0, ike.exit(), ike.err());
            assertTrue(ike.out().startsWith("Index   State  Initiator cookie"), ike.out());
            Run ipsec = run("show", "security", "ipsec", "security-associations", "detail", "--control", ctl.toString());
            assertEquals(0, ipsec.exit(), ipsec.err());
            Run statistics = run("show", "security", "ipsec", "statistics", "--control", ctl.toString());
            assertEquals(0, statistics.exit(), statistics.err());
            assertTrue(statistics.out().startsWith("ESP Statistics:\n  Encrypted bytes:"), statistics.out());
            assertTrue(statistics.out().contains("Errors:\n  AH authentication failures: 0, Replay errors: 0\n"),
                    statistics.out());
            Run all = run("statusall", "--control", ctl.toString());
            assertTrue(all.out().contains("127.0.0.1:"), all.out());

            Files.writeString(conf, "conn broken\n\tleft=1.2.3.4\n\tright=1.2.3.5\n\tauto=sometimes\n");
            Run reload = run("reload", "--control", ctl.toString());
            assertEquals(1, reload.exit());
            assertTrue(reload.err().contains(conf + ":4:"), reload.err());
            assertTrue(run("status", "--control", ctl.toString()).out().contains("\"srx-13\""));

            Run stop = run("stop", "--control", ctl.toString());
            assertEquals("stopping\n", stop.out());
            assertEquals(0, daemon.get(10, TimeUnit.SECONDS));
            assertFalse(Files.exists(ctl));
        } finally {
            if (!daemon.isDone()) {
                run("stop", "--control", ctl.toString());
            }
        }
    }

    @Test
    void noDaemonIsOneLineAndExit3() {
        Run r = run("status", "--control", dir.resolve("nothing.ctl").toString());
        assertEquals(3, r.exit());
        assertEquals("ike4j: no ike4j daemon at " + dir.resolve("nothing.ctl") + " (no socket there)\n", r.err());
    }

    @Test
    void badShowWords() {
        Run r = run("show", "security", "ike", "sa", "--control", dir.resolve("x.ctl").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("ike4j show: expected"), r.err());
    }

    @Test
    void daemonRefusesConfigurationErrorsWithFileAndLine() throws Exception {
        Files.writeString(conf, "config setup\n\tbogus=1\nconn x\n\tleft=1.2.3.4\n\tright=1.2.3.5\n");
        Run r = run(daemonArgs());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(conf + ":2:"), r.err());
        assertFalse(Files.exists(ctl));
    }

    @Test
    void unrecognisedFileIsAnError() throws Exception {
        Files.writeString(conf, "hello world\n");
        Run r = run(daemonArgs());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(conf + ":1:1: error: not recognised"), r.err());
    }

    @Test
    void badOptions() {
        assertEquals(2, run("daemon", "--config", conf.toString(), "--dataplane", "kernel").exit());
        assertEquals(2, run("daemon", "--config", conf.toString(), "--debug", "ike=9").exit());
        assertEquals(2, run("daemon", "--config", conf.toString(), "--listen", "example.com").exit());
    }
}

package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.ike4j.daemon.log.DebugSpec;
import org.ike4j.daemon.log.Log;
import org.ike4j.engine.Action;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Input;

/** A daemon on 127.0.0.1 with ephemeral ports, the seed's ipsec.conf, and a scripted engine. */
final class DaemonFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final Path dir;
    final Path conf;
    final Path secrets;
    final Path control;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final Clock clock = Clock.system();
    ScriptedEngine engine;
    Daemon daemon;

    DaemonFixture(Path dir) throws IOException {
        this.dir = dir;
        this.conf = dir.resolve("ipsec.conf");
        this.secrets = dir.resolve("ipsec.secrets");
        this.control = dir.resolve("ctl").resolve("ike4j.ctl");
        Files.writeString(conf, seed("ipsec.conf"));
        Files.writeString(secrets, seed("ipsec.secrets"));
    }

    static String seed(String name) throws IOException {
        try (InputStream in = DaemonFixture.class.getResourceAsStream("/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    DaemonOptions options() {
        return DaemonOptions.of(List.of(conf, secrets), control).withPorts(0, 0)
                .withListen(List.of(InetAddress.getLoopbackAddress())).withShutdownGrace(Duration.ofMillis(500));
    }

    DaemonFixture start(Function<Input, List<Action>> script) throws Daemon.StartupException {
        return start(options(), script);
    }

    DaemonFixture start(DaemonOptions options, Function<Input, List<Action>> script) throws Daemon.StartupException {
        Log log;
        try {
            log = new Log(DebugSpec.parse("all"), new PrintStream(logBytes, true, StandardCharsets.UTF_8), null,
                    Instant::now);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        daemon = Daemon.start(options, ctx -> engine = new ScriptedEngine(ctx.clock(), script), TableDataplane::new,
                log, clock);
        return this;
    }

    synchronized String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    @Override
    public void close() {
        if (Boolean.getBoolean("ike4j.test.log")) {
            System.out.println(log());
        }
        if (daemon != null && daemon.isRunning()) {
            daemon.stop();
            try {
                daemon.awaitTermination(WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

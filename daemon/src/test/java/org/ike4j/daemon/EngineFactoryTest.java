package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.ike4j.engine.Action;
import org.ike4j.engine.Engine;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.VersionDispatch;
import org.junit.jupiter.api.Test;

/** The daemon's standard engine: the IKEv1 and IKEv2 engines behind a version dispatcher, built from the daemon's context. */
class EngineFactoryTest {

    @Test
    void standardDispatchesToBothVersions() throws Exception {
        long[] now = {0};
        Engine e = EngineFactory.standard().create(new EngineFactory.Context(() -> now[0], new SecureRandom(),
                Optional.empty(), List.of(InetAddress.getByName("192.0.2.1"))));
        assertInstanceOf(VersionDispatch.class, e);
        assertTrue(e.snapshot().ikeSas().isEmpty());
        // a real engine answers up for a connection it does not have with an error, not "no engine"
        List<Action> out = e.handle(new Input.Command(new Operator.Up("nowhere")));
        Event ev = out.stream().filter(a -> a instanceof Action.Report).map(a -> ((Action.Report) a).event())
                .findFirst().orElseThrow();
        assertEquals(Event.Level.ERROR, ev.level());
        assertTrue(ev.message().contains("nowhere"), ev.message());
    }

    @Test
    void contextWithoutAddressesStillBuilds() {
        Engine e = EngineFactory.standard().create(new EngineFactory.Context(() -> 0, new SecureRandom(),
                Optional.empty()));
        assertInstanceOf(VersionDispatch.class, e);
    }

    /** The engines ask the context whether trace events are wanted, input by input (the daemon: its log level). */
    @Test
    void ikev2TraceOnlyWhileWanted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path conf = java.nio.file.Files.writeString(dir.resolve("ipsec.conf"), "conn c\n\tkeyexchange=ikev2\n"
                + "\tauthby=psk\n\tleft=192.0.2.1\n\tright=192.0.2.2\nconn d\n\tkeyexchange=ikev2\n\tauthby=psk\n"
                + "\tleft=192.0.2.1\n\tright=192.0.2.3\n");
        java.nio.file.Path secrets = java.nio.file.Files.writeString(dir.resolve("ipsec.secrets"),
                "192.0.2.1 192.0.2.2 : PSK \"secret\"\n192.0.2.1 192.0.2.3 : PSK \"secret\"\n");
        InetAddress local = InetAddress.getByName("192.0.2.1");
        var config = new org.ike4j.config.strongswan.StrongSwanLoader(java.util.Set.of(local)).load(conf, secrets);
        boolean[] wanted = {false};
        Engine e = EngineFactory.standard().create(new EngineFactory.Context(() -> 0, new SecureRandom(),
                Optional.empty(), List.of(local), false, () -> wanted[0]));
        e.handle(new Input.Command(new Operator.Reload(config)));
        List<Action> quiet = e.handle(new Input.Command(new Operator.Up("c")));
        assertTrue(quiet.stream().anyMatch(a -> a instanceof Action.Send), quiet.toString());
        assertTrue(traces(quiet).isEmpty(), traces(quiet).toString());
        wanted[0] = true;
        List<Action> traced = e.handle(new Input.Command(new Operator.Up("d")));
        assertTrue(traces(traced).stream().anyMatch(m -> m.startsWith("sending IKE_SA_INIT request")), traced.toString());
    }

    private static List<String> traces(List<Action> actions) {
        return actions.stream().filter(a -> a instanceof Action.Report r && r.event().level() == Event.Level.TRACE)
                .map(a -> ((Action.Report) a).event().message()).toList();
    }
}

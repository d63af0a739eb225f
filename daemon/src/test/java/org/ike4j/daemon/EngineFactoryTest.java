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
}

package org.ike4j.daemon.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ike4j.engine.Event;
import org.junit.jupiter.api.Test;

/** The configuration's own debug settings set the log levels when --debug is not given. */
class DebugSpecFromConfigurationTest {

    @Test
    void plutodebugAllIsTheFullTrace() {
        DebugSpec s = DebugSpec.fromConfiguration(Map.of("pluto", "all")).orElseThrow();
        assertTrue(s.enabled("ike", Event.Level.TRACE));
        assertTrue(s.enabled("net", Event.Level.TRACE));
    }

    @Test
    void plutodebugNoneChangesNothing() {
        assertTrue(DebugSpec.fromConfiguration(Map.of("pluto", "none")).isEmpty());
        assertTrue(DebugSpec.fromConfiguration(Map.of()).isEmpty());
    }

    @Test
    void charondebugSetsCategories() {
        DebugSpec s = DebugSpec.fromConfiguration(Map.of("ike", "4", "knl", "-1")).orElseThrow();
        assertEquals(4, s.level("ike"));
        assertEquals(0, s.level("knl"));
        assertEquals(DebugSpec.DEFAULT_LEVEL, s.level("net"));
        assertFalse(s.enabled("net", Event.Level.TRACE));
    }

    @Test
    void junosTraceoptions() {
        assertEquals(3, DebugSpec.fromConfiguration(Map.of("junos-ike", "file")).orElseThrow().level("ike"));
        assertEquals(4, DebugSpec.fromConfiguration(Map.of("junos-ike", "all")).orElseThrow().level("cfg"));
    }
}

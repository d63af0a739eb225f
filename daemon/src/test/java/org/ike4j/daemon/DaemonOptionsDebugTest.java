package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ike4j.config.Configuration;
import org.ike4j.config.GlobalSettings;
import org.ike4j.config.Secrets;
import org.ike4j.daemon.log.DebugSpec;
import org.junit.jupiter.api.Test;

/** --debug wins over the configuration's plutodebug/charondebug; without either, the defaults. */
class DaemonOptionsDebugTest {

    private static Configuration withDebug(Map<String, String> debug) {
        return new Configuration(Map.of(), Secrets.EMPTY, new GlobalSettings(debug, Map.of()), Map.of(), List.of());
    }

    @Test
    void explicitThenConfigurationThenDefault() {
        DaemonOptions none = DaemonOptions.of(List.of(), Path.of("x.ctl"));
        assertEquals(4, none.debugFor(withDebug(Map.of("pluto", "all"))).level("ike"));
        assertEquals(DebugSpec.DEFAULT, none.debugFor(withDebug(Map.of())));
        DaemonOptions explicit = new DaemonOptions(List.of(), Path.of("x.ctl"), 500, 4500, List.of(),
                Optional.of(DebugSpec.parse("1")), Optional.empty(), Optional.empty(), java.time.Duration.ofSeconds(1));
        assertEquals(1, explicit.debugFor(withDebug(Map.of("pluto", "all"))).level("ike"));
    }
}

package org.ike4j.daemon.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.ike4j.engine.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTest {
    static final Instant T = Instant.parse("2026-11-29T11:40:00.123Z");

    @Test
    void specs() {
        DebugSpec d = DebugSpec.DEFAULT;
        assertTrue(d.enabled("ike", Event.Level.INFO));
        assertFalse(d.enabled("ike", Event.Level.DEBUG));
        assertFalse(d.enabled("net", Event.Level.TRACE));

        DebugSpec all = DebugSpec.parse("all");
        assertTrue(all.enabled("anything", Event.Level.TRACE));

        DebugSpec some = DebugSpec.parse("ike=4, net=2,all=-1");
        assertTrue(some.enabled("ike", Event.Level.TRACE));
        assertTrue(some.enabled("IKE", Event.Level.TRACE));
        assertTrue(some.enabled("net", Event.Level.INFO));
        assertFalse(some.enabled("net", Event.Level.DEBUG));
        assertFalse(some.enabled("cfg", Event.Level.ERROR));

        assertEquals(3, DebugSpec.parse("3").level("knl"));
        for (String bad : new String[] {"", "ike=5", "ike=x", "ike", "=2", "IKE NET"}) {
            assertThrows(IllegalArgumentException.class, () -> DebugSpec.parse(bad), bad);
        }
    }

    @Test
    void lineFormat() {
        assertEquals("2026-11-29T11:40:00.123Z ike 2 [srx-13 #1] ISAKMP SA established",
                Log.format(T, "ike", Event.Level.INFO, "srx-13", "#1", "ISAKMP SA established"));
        assertEquals("2026-11-29T11:40:00.123Z net 0 bind failed", Log.format(T, "net", Event.Level.ERROR, "", "", "bind failed"));
        assertEquals("2026-11-29T11:40:00.123Z cfg 1 [#3] a\\nb", Log.format(T, "cfg", Event.Level.WARNING, "", "#3", "a\nb"));
    }

    @Test
    void filtersPerCategoryAndWritesFile(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path file = dir.resolve("ike4j.log");
        try (Log log = new Log(DebugSpec.parse("ike=4,net=1"), new PrintStream(err, true, StandardCharsets.UTF_8), file,
                () -> T)) {
            log.event(new Event(0, Event.Level.TRACE, "ike", "c", "", Event.Kind.TRACE, "trace shown"));
            log.event(new Event(0, Event.Level.INFO, "net", "c", "", Event.Kind.OTHER, "info hidden"));
            log.warn("net", "warning shown");
            boolean[] built = {false};
            log.trace("net", () -> {
                built[0] = true;
                return "never";
            });
            assertFalse(built[0], "trace text not even built when off");
        }
        String out = err.toString(StandardCharsets.UTF_8);
        assertEquals("2026-11-29T11:40:00.123Z ike 4 [c] trace shown\n2026-11-29T11:40:00.123Z net 1 warning shown\n", out);
        assertEquals(out, Files.readString(file));
    }
}

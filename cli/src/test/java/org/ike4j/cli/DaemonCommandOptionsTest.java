package org.ike4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ike4j.daemon.DaemonOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ike4j daemon}'s options for seeing inside: --keylog, --log-keys, --pcap. */
class DaemonCommandOptionsTest {
    @TempDir
    Path dir;

    private DaemonOptions parse(String... args) throws Exception {
        DaemonCommand c = new DaemonCommand();
        new CommandLine(c).parseArgs(args);
        return c.options();
    }

    @Test
    void keyLoggingOnlyWhenAskedFor() throws Exception {
        Path conf = Files.writeString(dir.resolve("ipsec.conf"), "conn x\n");
        DaemonOptions none = parse("--config", conf.toString());
        assertFalse(none.keyLogging());
        assertEquals(Optional.empty(), none.pcapFile());

        DaemonOptions logKeys = parse("--config", conf.toString(), "--log-keys");
        assertTrue(logKeys.keyLogging());
        assertEquals(Optional.empty(), logKeys.keyLogDirectory());

        DaemonOptions tables = parse("--config", conf.toString(), "--keylog", dir.toString(), "--pcap",
                dir.resolve("ike.pcap").toString());
        assertTrue(tables.keyLogging());
        assertEquals(Optional.of(dir), tables.keyLogDirectory());
        assertEquals(Optional.of(dir.resolve("ike.pcap")), tables.pcapFile());
    }

    @Test
    void aKeylogThatIsNoDirectoryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse("--config", "x.conf", "--keylog",
                dir.resolve("missing").toString()));
    }
}

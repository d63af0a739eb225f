package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.ike4j.config.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
    @TempDir
    Path dir;

    @Test
    void recognisesTheSeedFilesByContent() throws Exception {
        assertEquals(ConfigFiles.Kind.IPSEC_CONF, ConfigFiles.recognise(DaemonFixture.seed("ipsec.conf")));
        assertEquals(ConfigFiles.Kind.IPSEC_SECRETS, ConfigFiles.recognise(DaemonFixture.seed("ipsec.secrets")));
        assertEquals(ConfigFiles.Kind.JUNOS, ConfigFiles.recognise(DaemonFixture.seed("srx-13.conf")));
        assertEquals(ConfigFiles.Kind.JUNOS, ConfigFiles.recognise(DaemonFixture.seed("srx-13.set")));
        assertNull(ConfigFiles.recognise("# only a comment\n\n"));
        assertNull(ConfigFiles.recognise("hello world\n"));
        // a commented-out conn does not make an ipsec.conf
        assertNull(ConfigFiles.recognise("# conn old\n"));
    }

    @Test
    void mergesFilesInOrderAndFindsThePsk() throws Exception {
        Path junos = dir.resolve("1");
        Path conf = dir.resolve("2");
        Path secrets = dir.resolve("3");
        Files.writeString(junos, DaemonFixture.seed("srx-13.conf"));
        Files.writeString(conf, DaemonFixture.seed("ipsec.conf"));
        Files.writeString(secrets, DaemonFixture.seed("ipsec.secrets"));
        Configuration c = ConfigFiles.load(List.of(junos, conf, secrets), Set.of());
        assertEquals(List.of(), c.errors());
        assertEquals(List.of("SERVER-BOX", "srx-13"), List.copyOf(c.connections().keySet()));
        var srx13 = c.connection("srx-13").orElseThrow();
        assertTrue(c.secrets().psk("srx-13", srx13.local().identity(), srx13.remote().identity()).isPresent());
        assertEquals("0.0.0.0/0===10.80.80.80[10.80.80.80]...10.80.80.13[10.80.80.13]===0.0.0.0/0",
                ConnectionSummary.of(srx13));
    }

    @Test
    void sameConnectionTwiceIsAnErrorAtTheSecond() throws Exception {
        Path a = dir.resolve("a.conf");
        Path b = dir.resolve("b.conf");
        Files.writeString(a, DaemonFixture.seed("ipsec.conf"));
        Files.writeString(b, DaemonFixture.seed("ipsec.conf"));
        Configuration c = ConfigFiles.load(List.of(a, b), Set.of());
        assertEquals(1, c.errors().size(), c.errors().toString());
        assertTrue(c.errors().getFirst().toString().startsWith(b + ":"), c.errors().toString());
        assertTrue(c.errors().getFirst().message().contains("defined twice (first at " + a + ":"), c.errors().toString());
    }

    @Test
    void missingFileIsAnError() {
        Path nope = dir.resolve("nope");
        Configuration c = ConfigFiles.load(List.of(nope), Set.of());
        assertTrue(c.errors().getFirst().toString().startsWith(nope + ":0:0: error: cannot read"), c.errors().toString());
    }
}

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

    static final String SWANCTL = """
            # swanctl.conf for the SRX
            connections {
                srx {
                    version = 2
                    local_addrs = 10.80.80.80
                    remote_addrs = 10.80.80.13
                    proposals = aes256gcm16-prfsha384-ecp384
                    local {
                        auth = psk
                    }
                    remote {
                        auth = psk
                        id = 10.80.80.13
                    }
                    children {
                        vpn {
                            local_ts = 0.0.0.0/0
                            remote_ts = 0.0.0.0/0
                            esp_proposals = aes128gcm16-x25519
                        }
                    }
                }
            }
            secrets {
                ike-srx {
                    id-1 = 10.80.80.80
                    id-2 = 10.80.80.13
                    secret = "not the seed's"
                }
            }
            """;

    @Test
    void recognisesSwanctlConf() throws Exception {
        assertEquals(ConfigFiles.Kind.SWANCTL_CONF, ConfigFiles.recognise(SWANCTL));
        assertEquals(ConfigFiles.Kind.SWANCTL_CONF, ConfigFiles.recognise("secrets\n{\n  ike { secret = x\n}\n}\n"));
        assertEquals(ConfigFiles.Kind.SWANCTL_CONF,
                ConfigFiles.recognise("  connections : templates.base {\n    c {\n    }\n  }\n"));
        // commented out, it is nothing; the other kinds stay what they were
        assertNull(ConfigFiles.recognise("# connections {\n# }\n"));
        assertEquals(ConfigFiles.Kind.JUNOS, ConfigFiles.recognise(DaemonFixture.seed("srx-13.conf")));
        assertEquals(ConfigFiles.Kind.IPSEC_CONF, ConfigFiles.recognise(DaemonFixture.seed("ipsec.conf")));
    }

    @Test
    void loadsSwanctlConfBesideTheOtherKinds() throws Exception {
        Path junos = dir.resolve("srx-13.conf");
        Path swanctl = dir.resolve("anything");
        Files.writeString(junos, DaemonFixture.seed("srx-13.conf"));
        Files.writeString(swanctl, SWANCTL);
        Configuration c = ConfigFiles.load(List.of(junos, swanctl), Set.of());
        assertEquals(List.of(), c.errors());
        assertEquals(List.of("SERVER-BOX", "srx"), List.copyOf(c.connections().keySet()));
        var srx = c.connection("srx").orElseThrow();
        assertEquals(org.ike4j.config.IkeVersion.IKEV2, srx.ikeVersion());
        assertTrue(c.secrets().psk("srx", srx.local().identity(), srx.remote().identity()).isPresent());
        assertEquals(swanctl + ":3:5", c.locations().get("conn srx").toString());
    }

    @Test
    void aBadSwanctlConnectionIsNamedByFileLineColumn() throws Exception {
        Path swanctl = dir.resolve("swanctl.conf");
        Files.writeString(swanctl, SWANCTL.replace("version = 2", "version = 3"));
        Configuration c = ConfigFiles.load(List.of(swanctl), Set.of());
        assertEquals(swanctl + ":4:19: error: expected one of 0, 1, 2 for 'version', found '3'",
                c.errors().getFirst().toString());
        assertTrue(c.connections().isEmpty());
    }
}

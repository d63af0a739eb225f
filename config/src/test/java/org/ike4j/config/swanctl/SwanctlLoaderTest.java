package org.ike4j.config.swanctl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ike4j.config.AuthMethod;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.CloseAction;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.Dpd;
import org.ike4j.config.DpdAction;
import org.ike4j.config.Encryption;
import org.ike4j.config.Identity;
import org.ike4j.config.IkeProposal;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.Ikev1Mode;
import org.ike4j.config.Lifetimes;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.StartAction;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A realistic swanctl.conf (two connections, several children, includes, references, secrets) and the defaults. */
class SwanctlLoaderTest {

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static Configuration parse(String text) {
        return new SwanctlLoader().parse("swanctl.conf", text, null);
    }

    static final String MAIN = """
            # two sites; the branch comes from conf.d, its template from below
            templates {
                v1 {
                    version = 1
                    aggressive = yes
                    proposals = 3des-md5-modp1024
                    keyingtries = 0
                }
            }
            connections {
                hq {
                    version = 2
                    local_addrs = 192.0.2.1
                    remote_addrs = 198.51.100.7, 198.51.100.8
                    proposals = aes256gcm16-prfsha384-ecp384, aes128-sha256-x25519
                    rekey_time = 8h
                    dpd_delay = 30s
                    mobike = no
                    local {
                        auth = psk
                        id = @gw.example.org
                    }
                    remote {
                        auth = psk
                        id = "hq.example.net"
                    }
                    children {
                        lan {
                            local_ts = 10.1.0.0/16
                            remote_ts = 10.2.0.0/16,10.3.0.0/16
                            esp_proposals = aes128gcm16-x25519
                            start_action = trap
                            dpd_action = restart
                            updown = /usr/lib/ipsec/_updown iptables
                        }
                        web
                        {
                            local_ts = 10.1.0.0/24[tcp/80]
                            remote_ts = 10.9.9.9[tcp]
                            esp_proposals = aes256-sha256, default
                            rekey_time = 30m
                            rekey_bytes = 1000000
                            close_action = start
                            replay_window = 128
                        }
                    }
                }
                include conf.d/*.conf
            }
            secrets {
                ike-hq {
                    id-gw = gw.example.org
                    id-hq = @hq.example.net
                    secret = 0x6a756e6970657231323334
                }
                include secrets.d/*
            }
            """;

    static final String BRANCH = """
            branch : templates.v1 {
                remote_addrs = branch.example.com
                local {
                    auth = psk
                }
                remote {
                    auth = psk
                    id = 203.0.113.9
                }
                children {
                    net {
                        local_ts = 10.1.0.0/16
                        remote_ts = 10.50.0.0/16
                        rekey_time = 20m
                        esp_proposals = aes128-sha1-modp1024
                    }
                }
            }
            """;

    static final String BRANCH_SECRET = """
            ike-branch {
                id = 203.0.113.9
                secret = "0sanVuaXBlcjEyMw=="   # base64 of juniper123
            }
            """;

    /** The realistic file and its includes, written to {@code dir}: swanctl.conf. */
    static Path realisticFile(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.createDirectories(dir.resolve("secrets.d"));
        Files.writeString(dir.resolve("conf.d/branch.conf"), BRANCH);
        Files.writeString(dir.resolve("secrets.d/branch"), BRANCH_SECRET);
        return Files.writeString(dir.resolve("swanctl.conf"), MAIN);
    }

    Configuration realistic(Path dir) throws Exception {
        return new SwanctlLoader().load(realisticFile(dir));
    }

    @Test
    void realisticFileLoads(@TempDir Path dir) throws Exception {
        Configuration c = realistic(dir);
        assertEquals(List.of(), c.errors());
        // one connection per child: hq has two, branch one
        assertEquals(List.of("hq/lan", "hq/web", "branch"), List.copyOf(c.connections().keySet()));

        Connection lan = c.connection("hq/lan").orElseThrow();
        assertEquals(IkeVersion.IKEV2, lan.ikeVersion());
        assertEquals(PeerAddress.of(ip("192.0.2.1")), lan.local().address());
        assertEquals(PeerAddress.of(ip("198.51.100.7")), lan.remote().address());
        assertEquals(AuthMethod.PSK, lan.authMethod());
        assertEquals(new Identity.Fqdn("gw.example.org"), lan.local().identity());
        assertEquals(new Identity.Fqdn("hq.example.net"), lan.remote().identity());
        assertEquals(List.of(
                new IkeProposal(List.of(Encryption.of(AeadAlgorithm.AES_GCM_16_256)), List.of(),
                        List.of(PrfAlgorithm.HMAC_SHA2_384), List.of(DhGroup.ECP_384)),
                new IkeProposal(List.of(Encryption.of(CipherAlgorithm.AES_CBC_128)),
                        List.of(IntegrityAlgorithm.HMAC_SHA2_256_128), List.of(PrfAlgorithm.HMAC_SHA2_256),
                        List.of(DhGroup.CURVE25519))), lan.ikeProposals());
        assertTrue(lan.ikeProposalsStrict());
        assertEquals(List.of(new ChildProposal(ChildProposal.Protocol.ESP,
                List.of(Encryption.of(AeadAlgorithm.AES_GCM_16_128)), List.of(), List.of(DhGroup.CURVE25519),
                List.of())), lan.childProposals());
        assertEquals(List.of(TrafficSelector.subnet(ip("10.1.0.0"), 16)), lan.local().selectors());
        assertEquals(List.of(TrafficSelector.subnet(ip("10.2.0.0"), 16), TrafficSelector.subnet(ip("10.3.0.0"), 16)),
                lan.remote().selectors());
        assertEquals(StartAction.ROUTE, lan.startAction());
        assertEquals(new Dpd(DpdAction.RESTART, Duration.ofSeconds(30), Duration.ofSeconds(150), false), lan.dpd());
        assertFalse(lan.mobike());
        // IKE: rekey 8h, over_time 10% = 48m; child: rekey 1h, life 66m
        assertEquals(new Lifetimes(Duration.ofMinutes(8 * 60 + 48), Duration.ofMinutes(66), 0, 0,
                Duration.ofMinutes(6), 100, Duration.ofMinutes(48), 100), lan.lifetimes());

        Connection web = c.connection("hq/web").orElseThrow();
        assertEquals(lan.local().identity(), web.local().identity(), "IKE settings shared by the children");
        assertEquals(lan.ikeProposals(), web.ikeProposals());
        assertEquals(List.of(TrafficSelector.subnet(ip("10.1.0.0"), 24, 6, 80, 80)), web.local().selectors());
        assertEquals(List.of(TrafficSelector.subnet(ip("10.9.9.9"), 32, 6, 0, 65535)), web.remote().selectors());
        assertEquals(1, web.childProposals().size());
        assertFalse(web.childProposalsStrict(), "'default' in the list: the defaults follow");
        assertEquals(StartAction.ADD, web.startAction());
        assertEquals(CloseAction.RESTART, web.closeAction());
        assertEquals(new Dpd(DpdAction.CLEAR, Duration.ofSeconds(30), Duration.ofSeconds(150), false), web.dpd());
        assertEquals(128, web.replayWindow());
        assertEquals(Duration.ofMinutes(33), web.lifetimes().ipsec());
        assertEquals(Duration.ofMinutes(3), web.lifetimes().rekeyMargin());
        assertEquals(1_100_000, web.lifetimes().ipsecBytes(), "life_bytes: rekey_bytes + 10%");

        Connection branch = c.connection("branch").orElseThrow();
        assertEquals(IkeVersion.IKEV1, branch.ikeVersion(), "from the referenced template");
        assertEquals(Ikev1Mode.AGGRESSIVE, branch.ikev1Mode());
        assertEquals(0, branch.keyingTries());
        assertEquals(new PeerAddress.Hostname("branch.example.com"), branch.remote().address());
        assertEquals(Identity.ANY, branch.local().identity(), "local_addrs %any: no address to take as identity");
        assertEquals(new Identity.IpAddress(ip("203.0.113.9")), branch.remote().identity());
        assertEquals(List.of(), branch.local().port() == 0 ? List.of() : List.of(branch.local().port()));
        assertEquals(List.of(DhGroup.MODP_1024), branch.childProposals().getFirst().pfsGroups());

        byte[] hqKey = c.secrets().psk("hq/lan", lan.local().identity(), lan.remote().identity()).orElseThrow().reveal();
        assertArrayEquals("juniper1234".getBytes(StandardCharsets.UTF_8), hqKey);
        byte[] branchKey = c.secrets().psk("branch", Identity.ANY, branch.remote().identity()).orElseThrow().reveal();
        assertArrayEquals("juniper123".getBytes(StandardCharsets.UTF_8), branchKey);
        assertEquals(2, c.secrets().sharedKeys().size());

        // notes, not errors: the second remote address and the updown script
        assertTrue(c.notes().stream().anyMatch(p -> p.message().contains("ike4j uses '198.51.100.7' only")
                && p.location().toString().endsWith("swanctl.conf:14:24")), c.notes().toString());
        assertTrue(c.notes().stream().anyMatch(p -> p.message().startsWith("updown script")), c.notes().toString());
        assertEquals(dir.resolve("conf.d/branch.conf").toString() + ":1:1", c.locations().get("conn branch").toString());
        assertTrue(c.locations().get("conn hq/web").toString().endsWith("swanctl.conf:36:13"));
    }

    @Test
    void defaultsAreSwanctlConfs() throws Exception {
        Configuration c = parse("""
                connections {
                    c {
                        local_addrs = 192.0.2.1
                        remote_addrs = 192.0.2.2
                        children {
                            x {
                            }
                        }
                    }
                }
                """);
        assertEquals(List.of(), c.errors());
        Connection x = c.connection("c").orElseThrow();
        assertEquals(IkeVersion.ANY, x.ikeVersion());
        assertEquals(AuthMethod.PUBKEY, x.authMethod());
        assertEquals(new Identity.IpAddress(ip("192.0.2.1")), x.local().identity());
        assertEquals(Identity.ANY, x.remote().identity());
        assertEquals(List.of(TrafficSelector.subnet(ip("192.0.2.1"), 32)), x.local().selectors(), "dynamic");
        assertEquals(List.of(TrafficSelector.subnet(ip("192.0.2.2"), 32)), x.remote().selectors(), "dynamic");
        assertEquals(List.of(), x.ikeProposals());
        assertFalse(x.ikeProposalsStrict());
        assertEquals(List.of(), x.childProposals());
        assertEquals(1, x.keyingTries());
        assertEquals(StartAction.ADD, x.startAction());
        assertEquals(CloseAction.NONE, x.closeAction());
        assertFalse(x.dpd().enabled());
        assertTrue(x.mobike());
        assertFalse(x.forceEncaps());
        assertFalse(x.reauth());
        assertEquals(32, x.replayWindow());
        // rekey_time 4h + over_time 24m; child rekey 1h, life 66m, rand = life - rekey
        assertEquals(new Lifetimes(Duration.ofMinutes(264), Duration.ofMinutes(66), 0, 0, Duration.ofMinutes(6), 100,
                Duration.ofMinutes(24), 100), x.lifetimes());
    }

    @Test
    void reauthTimeAloneReauthenticates() {
        Configuration c = parse("""
                connections {
                    c {
                        reauth_time = 2h
                        over_time = 5m
                        rand_time = 1m
                        children {
                            x {
                                rekey_time = 10m
                                life_time = 15m
                                rand_time = 1m
                            }
                        }
                    }
                }
                """);
        assertEquals(List.of(), c.errors());
        Connection x = c.connection("c").orElseThrow();
        assertTrue(x.reauth());
        assertEquals(Duration.ofMinutes(125), x.lifetimes().ike());
        assertEquals(Duration.ofMinutes(5), x.lifetimes().ikeRekeyMargin());
        assertEquals(20, x.lifetimes().ikeRekeyFuzzPercent());
        assertEquals(Duration.ofMinutes(15), x.lifetimes().ipsec());
        assertEquals(Duration.ofMinutes(5), x.lifetimes().rekeyMargin());
        assertEquals(20, x.lifetimes().rekeyFuzzPercent());
    }

    @Test
    void secretsInTheirThreeNotations() {
        Configuration c = parse("""
                secrets {
                    ike-text {
                        id = a.example
                        secret = "a secret, with a comma # and a hash"
                    }
                    ike-hex {
                        id-1 = b.example
                        secret = 0x00ff10
                    }
                    ike-b64 {
                        id = c.example
                        secret = 0sAP8Q
                    }
                    eap-carol {
                        id = carol
                        secret = x
                    }
                }
                """);
        assertEquals(List.of(), c.errors());
        assertArrayEquals("a secret, with a comma # and a hash".getBytes(StandardCharsets.UTF_8),
                c.secrets().psk("any", new Identity.Fqdn("a.example"), Identity.ANY).orElseThrow().reveal());
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10},
                c.secrets().psk("any", new Identity.Fqdn("b.example"), Identity.ANY).orElseThrow().reveal());
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10},
                c.secrets().psk("any", new Identity.Fqdn("c.example"), Identity.ANY).orElseThrow().reveal());
        assertEquals(3, c.secrets().sharedKeys().size());
        assertTrue(c.notes().stream().anyMatch(p -> p.message().startsWith("eap secrets are not supported")));
    }

    @Test
    void identityTypePrefixes() throws Exception {
        Configuration c = parse("""
                connections {
                    c {
                        local { auth = psk
                            id = fqdn:vpn.example
                        }
                        remote {
                            auth = psk
                            id = "ipv4:#c0000202"  # quoted: a bare # starts a comment
                        }
                        children { x {
                            }
                        }
                    }
                }
                """);
        // "local { auth = psk" puts "auth = psk" in the section: the value ends at the line's end
        assertEquals(List.of(), c.errors());
        Connection x = c.connection("c").orElseThrow();
        assertEquals(new Identity.Fqdn("vpn.example"), x.local().identity());
        assertEquals(new Identity.IpAddress(ip("192.0.2.2")), x.remote().identity());
    }

    @Test
    void proposalLists() {
        Configuration c = parse("""
                connections {
                    only-default {
                        proposals = default
                        children {
                            x {
                                ah_proposals = sha256-modp2048
                            }
                        }
                    }
                    v1 {
                        version = 1
                        proposals = aes128-aes256-sha256-modp2048
                        children {
                            x {
                                esp_proposals = default
                            }
                        }
                    }
                }
                """);
        assertEquals(List.of(), c.errors());
        Connection d = c.connection("only-default").orElseThrow();
        assertEquals(List.of(), d.ikeProposals());
        assertFalse(d.ikeProposalsStrict(), "the daemon's defaults");
        assertEquals(ChildProposal.Protocol.AH, d.childProposals().getFirst().protocol());
        assertEquals(List.of(DhGroup.MODP_2048), d.childProposals().getFirst().pfsGroups());
        assertTrue(d.childProposalsStrict());
        Connection v1 = c.connection("v1").orElseThrow();
        assertEquals(List.of(), v1.childProposals());
        assertFalse(v1.childProposalsStrict());
        assertTrue(c.notes().stream().anyMatch(p -> p.message().startsWith("IKEv1 proposals take one algorithm")
                && p.location().toString().equals("swanctl.conf:12:21")), c.notes().toString());
    }

    /** dpd_action as swanctl.conf(5) names it: trap (and hold) keep the connection trapped, as ipsec.conf dpdaction=hold. */
    @Test
    void dpdActionTrapIsHold() {
        for (var e : java.util.Map.of("trap", DpdAction.HOLD, "hold", DpdAction.HOLD, "restart", DpdAction.RESTART,
                "clear", DpdAction.CLEAR).entrySet()) {
            Configuration c = parse("""
                    connections {
                        c {
                            version = 2
                            local_addrs = 192.0.2.1
                            remote_addrs = 192.0.2.2
                            dpd_delay = 10s
                            children {
                                x {
                                    dpd_action = %s
                                }
                            }
                        }
                    }
                    """.formatted(e.getKey()));
            assertEquals(List.of(), c.errors(), e.getKey());
            Dpd dpd = c.connection("c").orElseThrow().dpd();
            assertEquals(e.getValue(), dpd.action(), e.getKey());
            assertEquals(Duration.ofSeconds(10), dpd.delay(), e.getKey());
        }
    }
}

package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ike4j.daemon.demo.SeedFiles;
import org.ike4j.engine.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon configured by a swanctl.conf negotiates with one configured by the seed's
 * ipsec.conf/ipsec.secrets: two daemons with the real IKEv1 engine on 127.0.0.1 (ephemeral ports),
 * the swanctl.conf saying what the seed's SRX-13 says (Main Mode, 3des-md5-modp1024, ESP
 * aes128-sha1 without PFS, 0.0.0.0/0 both ways, the seed's PSK). Each side initiates once; both
 * end up with the same ISAKMP SA cookies and crossed IPsec SA SPIs.
 */
class SwanctlDaemonTest {
    static final String SWANCTL = """
            # the seed's SRX-13, as swanctl.conf
            connections {
                server-box {
                    version = 1
                    local_addrs = 127.0.0.1
                    remote_addrs = 127.0.0.1
                    proposals = 3des-md5-modp1024
                    rekey_time = 24h
                    local {
                        auth = psk
                        id = 127.0.0.1
                    }
                    remote {
                        auth = psk
                        id = 127.0.0.1
                    }
                    children {
                        vpn {
                            local_ts = 0.0.0.0/0
                            remote_ts = 0.0.0.0/0
                            esp_proposals = aes128-sha1
                        }
                    }
                }
            }
            secrets {
                ike-seed {
                    id = 127.0.0.1
                    secret = juniper123
                }
            }
            """;

    @TempDir
    Path dir;

    private LoopbackDaemons daemons;

    @BeforeEach
    void daemons() {
        daemons = new LoopbackDaemons(dir);
    }

    @AfterEach
    void stop() throws Exception {
        daemons.close();
    }

    /** The SRX (swanctl.conf) first, then the server (the seed's ipsec.conf). */
    private LoopbackDaemons.Peer[] both() throws Exception {
        int[] ports = LoopbackDaemons.freePorts(4);
        String lo = LoopbackDaemons.LO.getHostAddress();
        List<Path> serverFiles = SeedFiles.writeMapped(dir.resolve("server"),
                List.of(SeedFiles.IPSEC_CONF, SeedFiles.IPSEC_SECRETS), SeedFiles.addressMap(lo, lo));
        Path swanctl = Files.writeString(Files.createDirectories(dir.resolve("srx")).resolve("swanctl.conf"), SWANCTL);
        LoopbackDaemons.Peer srx = daemons.start("srx", List.of(swanctl), ports[0], ports[1], ports[2], actions -> { });
        LoopbackDaemons.Peer server = daemons.start("server", serverFiles, ports[2], ports[3], ports[0], actions -> { });
        Map<String, Object> status = srx.call("statusall");
        assertEquals(Boolean.TRUE, status.get("ok"), status.toString());
        assertTrue(status.get("text").toString().contains("server-box"), status.toString());
        return new LoopbackDaemons.Peer[] {srx, server};
    }

    private static void sameSas(LoopbackDaemons.Peer srx, LoopbackDaemons.Peer server) {
        Snapshot a = srx.snapshot();
        Snapshot b = server.snapshot();
        Snapshot.IkeSaInfo ia = a.ikeSas().getFirst();
        Snapshot.IkeSaInfo ib = b.ikeSas().getFirst();
        assertEquals(ia.initiatorSpi() + ia.responderSpi(), ib.initiatorSpi() + ib.responderSpi());
        assertEquals(List.of(ib.encryption(), ib.integrity(), ib.dhGroup()),
                List.of(ia.encryption(), ia.integrity(), ia.dhGroup()));
        assertEquals(org.ike4j.crypto.DhGroup.MODP_1024.ianaName(), ia.dhGroup(), "3des-md5-modp1024");
        Snapshot.ChildSaInfo ca = a.childSas().getFirst();
        Snapshot.ChildSaInfo cb = b.childSas().getFirst();
        assertEquals(ca.inboundSpi(), cb.outboundSpi());
        assertEquals(ca.outboundSpi(), cb.inboundSpi());
        assertEquals("server-box", ca.connection());
        assertEquals(List.of(cb.encryption(), cb.integrity()), List.of(ca.encryption(), ca.integrity()));
        assertEquals("HMAC_SHA1_96", ca.integrity(), "aes128-sha1");
        assertEquals("", ca.pfsGroup(), "no PFS, as the seed");
    }

    @Test
    void ipsecConfInitiatesToSwanctlConf() throws Exception {
        LoopbackDaemons.Peer[] d = both();
        Map<String, Object> up = d[1].call("up", "srx-13");
        assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
        LoopbackDaemons.await("SAs on both daemons", () -> d[0].established() && d[1].established());
        sameSas(d[0], d[1]);
    }

    @Test
    void swanctlConfInitiatesToIpsecConf() throws Exception {
        LoopbackDaemons.Peer[] d = both();
        Map<String, Object> up = d[0].call("up", "server-box");
        assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
        LoopbackDaemons.await("SAs on both daemons", () -> d[0].established() && d[1].established());
        sameSas(d[0], d[1]);
    }
}

package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ike4j.testkit.Interop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ike4j configured by a swanctl.conf (strongSwan's current front end: PSK, IKE proposal
 * aes128-sha256-x25519, one child with esp_proposals aes128-sha256) against charon 5.9.8 over
 * IKEv2, both roles: each side ends with the same IKE SA SPIs and algorithms and crossed Child SA
 * SPIs ({@link Ikev2CharonTest#same}).
 */
@Interop(strongSwan = true)
class SwanctlIkev2InteropTest {
    private static final String CONN = Ikev2CharonTest.CONN;

    /** ike4j's side as swanctl.conf: connection {@code charon} with its one child {@code net}. */
    static String swanctlConf() {
        return """
                # ike4j's side of the interop topology, in swanctl.conf(5) form
                connections {
                    %s {
                        version = 2
                        local_addrs = %s
                        remote_addrs = %s
                        proposals = aes128-sha256-x25519
                        local {
                            auth = psk
                            id = %s
                        }
                        remote {
                            auth = psk
                            id = %s
                        }
                        children {
                            net {
                                local_ts = %s
                                remote_ts = %s
                                esp_proposals = aes128-sha256
                            }
                        }
                    }
                }
                secrets {
                    ike-charon {
                        id-ike4j = %s
                        id-charon = %s
                        secret = %s
                    }
                }
                """.formatted(CONN, Lab.IKE4J_IP, Lab.CHARON_IP, Lab.IKE4J_IP, Lab.CHARON_IP, Lab.IKE4J_NET,
                Lab.CHARON_NET, Lab.IKE4J_IP, Lab.CHARON_IP, Lab.PSK);
    }

    @Test
    void swanctlConfiguredIke4jBothRoles(@TempDir Path dir) throws IOException {
        try (Lab lab = new Lab(dir)) {
            lab.startCharon().swanctl().load(Ikev2CharonTest.charonConf("aes128-sha256-x25519", "aes128-sha256", c -> c));
            lab.startIke4j(List.of(Files.writeString(dir.resolve("swanctl.conf"), swanctlConf())));

            Map<String, Object> up = lab.ike4j.call("up", false, CONN);
            assertEquals(Boolean.TRUE, up.get("ok"), up.toString());
            Lab.Established e = lab.awaitBoth();
            Ikev2CharonTest.same(e, true);
            assertEquals("AES_CBC", e.charon().encrAlg());
            assertEquals(128, e.charon().encrKeysize());
            assertEquals("HMAC_SHA2_256_128", e.charon().integAlg());
            assertEquals("CURVE_25519", e.charon().dhGroup());
            assertEquals("HMAC_SHA2_256_128", e.charonChild().integAlg());
            assertEquals(List.of(Lab.IKE4J_NET), e.ike4jChild().get("localSelectors"));

            lab.charon.swanctl().terminateIke("ike4j", Ikev2CharonTest.ESTABLISH);
            lab.ike4j.await("no SA left after charon's delete", Ikev2CharonTest.ESTABLISH,
                    st -> st.ikeSas().isEmpty() && st.childSas().isEmpty());

            lab.charon.swanctl().initiate("net", "ike4j", Ikev2CharonTest.ESTABLISH);
            Lab.Established r = lab.awaitBoth();
            Ikev2CharonTest.same(r, false);
            assertTrue(!Ike4jStatus.str(r.ike4jSa(), "initiatorSpi").equals(Ike4jStatus.str(e.ike4jSa(), "initiatorSpi")));
        }
    }
}

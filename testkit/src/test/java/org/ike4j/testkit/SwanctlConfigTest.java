package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** swanctl.conf rendering (no root needed; that charon accepts it is proven by the interop tests). */
class SwanctlConfigTest {

    @Test
    void rendersConnectionChildAndSecretInSwanctlSyntax() {
        SwanctlConfig config = new SwanctlConfig(List.of(SwanctlConfig.connection("v1")
                .version(1).localAddrs("192.0.2.1").remoteAddrs("192.0.2.2").proposals("3des-md5-modp1024")
                .aggressive(false).dpdDelay(Duration.ofSeconds(30)).rekeyTime(Duration.ofHours(4))
                .localId("192.0.2.1").remoteId("192.0.2.2")
                .child(SwanctlConfig.child("net").localTs("10.1.0.0/24").remoteTs("10.2.0.0/24")
                        .espProposals("aes128-sha1").lifeTime(Duration.ofMinutes(60)).startAction("none"))
                .build()),
                List.of(new SwanctlConfig.Psk("a", "s3cr\"t", List.of("192.0.2.1", "192.0.2.2"))));

        String expected = """
                connections {
                  v1 {
                    aggressive = no
                    dpd_delay = 30s
                    local_addrs = 192.0.2.1
                    proposals = 3des-md5-modp1024
                    rekey_time = 14400s
                    remote_addrs = 192.0.2.2
                    version = 1
                    local {
                      auth = psk
                      id = 192.0.2.1
                    }
                    remote {
                      auth = psk
                      id = 192.0.2.2
                    }
                    children {
                      net {
                        esp_proposals = aes128-sha1
                        life_time = 3600s
                        local_ts = 10.1.0.0/24
                        remote_ts = 10.2.0.0/24
                        start_action = none
                      }
                    }
                  }
                }
                secrets {
                  ike-a {
                    id-1 = 192.0.2.1
                    id-2 = 192.0.2.2
                    secret = "s3cr\\"t"
                  }
                }
                """;
        assertEquals(expected, config.render());
    }

    @Test
    void quotesValuesWithSpacesAndKeepsSecretsOutOfToString() {
        SwanctlConfig config = new SwanctlConfig(List.of(SwanctlConfig.connection("c")
                .localId("CN=test peer, O=ike4j").build()),
                List.of(new SwanctlConfig.Psk("p", "topsecret", List.of("a"))));
        assertTrue(config.render().contains("id = \"CN=test peer, O=ike4j\""), config.render());
        assertFalse(config.toString().contains("topsecret"), config.toString());
    }
}

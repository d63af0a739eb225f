package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Parsing {@code swanctl --list-sas --pretty}. The sample is the output of strongSwan 5.9.8
 * (Debian 12) on the responder of an IKEv1 Main Mode SA between two charons of this kit,
 * recorded while the kit was written.
 */
class ViciPrettyTest {

    private static final String LIST_SAS = """
            list-sa event {
              v1 {
                uniqueid = 3
                version = 1
                state = ESTABLISHED
                local-host = 192.0.2.2
                local-port = 4500
                local-id = 192.0.2.2
                remote-host = 192.0.2.1
                remote-port = 4500
                remote-id = 192.0.2.1
                initiator-spi = 947687ebc8b6bf3d
                responder-spi = 779878e0d6c462fb
                nat-remote = yes
                nat-any = yes
                encr-alg = 3DES_CBC
                integ-alg = HMAC_MD5_96
                prf-alg = PRF_HMAC_MD5
                dh-group = MODP_1024
                established = 31
                rekey-time = 13277
                child-sas {
                  net1-3 {
                    name = net1
                    uniqueid = 3
                    reqid = 1
                    state = INSTALLED
                    mode = TUNNEL
                    protocol = ESP
                    encap = yes
                    spi-in = 8aa64772
                    spi-out = 755d047b
                    encr-alg = AES_CBC
                    encr-keysize = 128
                    integ-alg = HMAC_SHA1_96
                    bytes-in = 36374
                    packets-in = 42
                    bytes-out = 0
                    packets-out = 0
                    rekey-time = 3273
                    life-time = 3929
                    install-time = 31
                    local-ts = [
                      10.2.0.0/24
                    ]
                    remote-ts = [
                      10.1.0.0/24
                    ]
                  }
                }
              }
            }
            list-sas reply {
            }
            """;

    @Test
    void readsIkeAndChildSa() {
        List<ViciPretty.Message> messages = ViciPretty.parse(LIST_SAS);
        assertEquals(List.of("list-sa event", "list-sas reply"), messages.stream().map(ViciPretty.Message::name).toList());
        @SuppressWarnings("unchecked")
        IkeSa sa = IkeSa.from("v1", (java.util.Map<String, Object>) messages.get(0).content().get("v1"));

        assertEquals(1, sa.version());
        assertEquals(3, sa.uniqueId());
        assertEquals("ESTABLISHED", sa.state());
        assertFalse(sa.initiator());
        assertEquals("192.0.2.1", sa.remoteHost());
        assertEquals(4500, sa.remotePort());
        assertEquals("947687ebc8b6bf3d", sa.initiatorSpi());
        assertEquals("779878e0d6c462fb", sa.responderSpi());
        assertEquals("3DES_CBC", sa.encrAlg());
        assertEquals(0, sa.encrKeysize());
        assertEquals("MODP_1024", sa.dhGroup());
        assertEquals("yes", sa.attributes().get("nat-remote"));

        ChildSa child = sa.child("net1");
        assertEquals("INSTALLED", child.state());
        assertEquals("8aa64772", child.spiIn());
        assertEquals("755d047b", child.spiOut());
        assertEquals(128, child.encrKeysize());
        assertTrue(child.encap());
        assertEquals(36374, child.bytesIn());
        assertEquals(42, child.packetsIn());
        assertEquals("", child.dhGroup());
        assertEquals(List.of("10.2.0.0/24"), child.localTs());
        assertEquals(List.of("10.1.0.0/24"), child.remoteTs());
    }

    @Test
    void noSasIsAnEmptyReply() {
        List<ViciPretty.Message> messages = ViciPretty.parse("list-sas reply {\n}\n");
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).content().isEmpty());
    }
}

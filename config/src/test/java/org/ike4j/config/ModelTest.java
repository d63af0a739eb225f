package org.ike4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.junit.jupiter.api.Test;

class ModelTest {
    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void endpointWithoutSelectorsProtectsItsOwnAddress() throws Exception {
        TrafficSelector net = TrafficSelector.subnet(ip("10.1.0.0"), 24);
        Identity any = new Identity.Any();
        assertEquals(List.of(net), new Endpoint(new PeerAddress.Ip(ip("192.0.2.1")), 0, any, List.of(net)).selectorsOrHost());
        assertEquals(List.of(TrafficSelector.subnet(ip("192.0.2.1"), 32)),
                new Endpoint(new PeerAddress.Ip(ip("192.0.2.1")), 0, any, List.of()).selectorsOrHost());
        assertEquals(List.of(TrafficSelector.subnet(ip("2001:db8::1"), 128)),
                new Endpoint(new PeerAddress.Ip(ip("2001:db8::1")), 0, any, List.of()).selectorsOrHost());
        assertEquals(List.of(), new Endpoint(new PeerAddress.Any(), 0, any, List.of()).selectorsOrHost());
    }

    @Test
    void trafficSelectors() throws Exception {
        TrafficSelector s = TrafficSelector.subnet(ip("10.1.2.3"), 16);
        assertEquals(ip("10.1.0.0"), s.from());
        assertEquals(ip("10.1.255.255"), s.to());
        assertEquals(16, s.prefixLength());
        assertEquals("10.1.0.0/16", s.toString());
        assertEquals("0.0.0.0/0", TrafficSelector.subnet(ip("0.0.0.0"), 0).toString());
        assertEquals("192.0.2.1/32[17/500]", TrafficSelector.subnet(ip("192.0.2.1"), 32, 17, 500, 500).toString());
        assertEquals("2001:db8:0:0:0:0:0:0/32", TrafficSelector.subnet(ip("2001:db8::1"), 32).toString());
        TrafficSelector range = new TrafficSelector(ip("10.0.0.1"), ip("10.0.0.9"), 6, 1000, 2000);
        assertEquals(-1, range.prefixLength());
        assertEquals("10.0.0.1-10.0.0.9[6/1000-2000]", range.toString());
        assertEquals(31, new TrafficSelector(ip("10.0.0.2"), ip("10.0.0.3"), 0, 0, 65535).prefixLength());
        assertEquals(-1, new TrafficSelector(ip("10.0.0.1"), ip("10.0.0.2"), 0, 0, 65535).prefixLength());
        assertThrows(IllegalArgumentException.class, () -> new TrafficSelector(ip("10.0.0.9"), ip("10.0.0.1"), 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrafficSelector(ip("10.0.0.1"), ip("::1"), 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> TrafficSelector.subnet(ip("10.0.0.1"), 33));
    }

    @Test
    void secretsNeverInToString() throws Exception {
        Secret key = Secret.copyOf("hunter2-very-secret".getBytes(StandardCharsets.US_ASCII));
        Identity a = new Identity.IpAddress(ip("192.0.2.1"));
        Identity b = new Identity.Fqdn("Peer.Example.COM");
        SharedKey k = new SharedKey(List.of(a, b), key, "conn");
        Secrets secrets = new Secrets(List.of(k));
        Connection c = Connection.builder("conn").authMethod(AuthMethod.PSK).build();
        Configuration conf = new Configuration(Map.of("conn", c), secrets, GlobalSettings.EMPTY, Map.of(), List.of());
        for (Object o : List.of(key, k, secrets, c, conf)) {
            assertFalse(o.toString().contains("hunter2"), o.getClass().getSimpleName());
        }
        assertEquals("SharedKey[192.0.2.1, @peer.example.com] for conn : PSK Secret[19 bytes]", k.toString());
        assertEquals(key, secrets.psk("conn", b, a).orElseThrow());
        assertTrue(secrets.psk("other", a, b).isEmpty()); // tied to its connection
    }

    @Test
    void identities() {
        assertEquals(new Identity.Fqdn("a.example"), new Identity.Fqdn("A.Example"));
        assertEquals(new Identity.KeyId(new byte[] {1, 2}), new Identity.KeyId(new byte[] {1, 2}));
        assertNotEquals(new Identity.KeyId(new byte[] {1, 2}), new Identity.KeyId(new byte[] {1, 3}));
        assertEquals("@#0102", new Identity.KeyId(new byte[] {1, 2}).toString());
        assertEquals(1, Identity.ANY.matchScore(new Identity.Fqdn("x")));
        assertEquals(2, new Identity.Fqdn("x").matchScore(new Identity.Fqdn("X")));
        assertEquals(0, new Identity.Fqdn("x").matchScore(new Identity.UserFqdn("x")));
    }

    @Test
    void proposalsPrintAndValidate() {
        ChildProposal p = new ChildProposal(ChildProposal.Protocol.ESP, List.of(Encryption.of(CipherAlgorithm.AES_CBC_128)),
                List.of(IntegrityAlgorithm.HMAC_SHA1_96), List.of(DhGroup.MODP_2048), List.of());
        assertEquals("ESP:AES_CBC_128/HMAC_SHA1_96/MODP_2048/NO_ESN", p.toString());
        assertTrue(p.pfs());
        assertFalse(p.withPfsGroups(List.of()).pfs());
        assertThrows(IllegalArgumentException.class, () -> new ChildProposal(ChildProposal.Protocol.AH,
                List.of(Encryption.of(CipherAlgorithm.AES_CBC_128)), List.of(), List.of(), List.of()));
        assertEquals(128, Encryption.of(CipherAlgorithm.AES_CTR_128).keyBits());
    }

    @Test
    void problemsAndExceptions() {
        Problem e = Problem.error(new SourceLocation("ipsec.conf", 3, 7), "expected one of main, aggressive after 'mode'");
        assertEquals("ipsec.conf:3:7: error: expected one of main, aggressive after 'mode'", e.toString());
        ConfigException x = new ConfigException(List.of(e, Problem.note(SourceLocation.NONE, "n")));
        assertEquals(e, x.problem());
        assertEquals(2, x.problems().size());
        Configuration conf = new Configuration(Map.of(), Secrets.EMPTY, GlobalSettings.EMPTY, Map.of(), List.of(e));
        assertEquals(List.of(e), assertThrows(ConfigException.class, conf::requireNoErrors).problems());
    }
}

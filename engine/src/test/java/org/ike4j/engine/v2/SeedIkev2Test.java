package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.ike4j.config.Configuration;
import org.ike4j.config.junos.JunosLoader;
import org.ike4j.config.strongswan.StrongSwanLoader;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * The seed's two peers with IKEv2 instead of IKEv1: the strongSwan server's ipsec.conf with
 * keyexchange=ikev2 and the SRX's Junos configuration with {@code version v2-only}, nothing else
 * changed (3DES/MD5/MODP_1024 for IKE, AES-128/SHA1 for ESP, the $9$ key). Each side initiates once.
 */
class SeedIkev2Test {

    static Configuration strongSwan() throws Exception {
        Path dir = Files.createTempDirectory("ike4j-seed-v2");
        String conf = Files.readString(seed("ipsec.conf")).replace("keyexchange=ikev1", "keyexchange=ikev2");
        Path c = Files.writeString(dir.resolve("ipsec.conf"), conf);
        Path s = Files.copy(seed("ipsec.secrets"), dir.resolve("ipsec.secrets"));
        Configuration cfg = new StrongSwanLoader(Set.of(InetAddress.getByName("10.80.80.80"))).load(c, s);
        assertTrue(cfg.errors().isEmpty(), cfg.errors().toString());
        return cfg;
    }

    static Configuration junos() throws Exception {
        Path dir = Files.createTempDirectory("ike4j-seed-v2");
        String conf = Files.readString(seed("srx-13.conf")).replace("version v1-only;", "version v2-only;");
        Configuration cfg = new JunosLoader().load(Files.writeString(dir.resolve("srx-13.conf"), conf));
        assertTrue(cfg.errors().isEmpty(), cfg.errors().toString());
        return cfg;
    }

    static Path seed(String name) throws Exception {
        return Path.of(SeedIkev2Test.class.getResource("/seed/" + name).toURI());
    }

    @Test
    void bothSeedPeersSpeakIkev2() throws Exception {
        Harness h = new Harness();
        Harness.Peer server = h.peer("server", "10.80.80.80", strongSwan(), 11, Ikev2Options.DEFAULTS);
        Harness.Peer srx = h.peer("srx", "10.80.80.13", junos(), 22, Ikev2Options.DEFAULTS);
        String srxConn = srx.engine.snapshot().connections().get(0).name();
        server.command(new Operator.Up("srx-13"));
        h.run();
        EstablishTest.assertPair(server, srx);
        Snapshot.IkeSaInfo i = srx.engine.snapshot().ikeSas().get(0);
        assertEquals(2, i.ikeVersion());
        assertEquals("3DES_CBC", i.encryption());
        assertEquals("HMAC_MD5_96", i.integrity());
        assertEquals("MODP_1024", i.dhGroup());
        assertEquals("0.0.0.0/0", srx.installed.get(0).localSelectors().get(0).toString());
        // the SRX's own IPsec lifetime, 1200 s (IKEv2 does not negotiate lifetimes)
        assertEquals(1200, srx.installed.get(0).hardLifetimeSeconds());

        server.command(new Operator.Down("srx-13"));
        h.run();
        assertTrue(srx.engine.snapshot().ikeSas().isEmpty(), srx.log());
        srx.command(new Operator.Up(srxConn));
        h.run();
        assertEquals(2, server.events(Event.Kind.IKE_SA_ESTABLISHED).size(), server.log() + srx.log());
        assertTrue(server.engine.snapshot().ikeSas().get(0).established());
        assertEquals(1, server.engine.snapshot().childSas().size());
    }
}

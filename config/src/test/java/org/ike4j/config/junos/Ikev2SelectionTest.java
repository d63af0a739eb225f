package org.ike4j.config.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.strongswan.StrongSwanLoader;
import org.junit.jupiter.api.Test;

/**
 * IKEv2 is chosen by Junos {@code version v2-only} and ipsec.conf {@code keyexchange=ikev2}, with
 * every other option as for IKEv1: the seed's own files with that one line changed load into the
 * same connection but for its version.
 */
class Ikev2SelectionTest {

    static String seed(String name) throws Exception {
        return Files.readString(Path.of(Ikev2SelectionTest.class.getResource("/seed/" + name).toURI()));
    }

    static Connection only(Configuration c) {
        assertEquals(List.of(), c.errors());
        assertEquals(1, c.connections().size());
        return c.connections().values().iterator().next();
    }

    static Connection withVersion(Connection c, IkeVersion v) {
        return new Connection(c.name(), v, c.ikev1Mode(), c.local(), c.remote(), c.authMethod(),
                c.ikeProposals(), c.ikeProposalsStrict(), c.childProposals(), c.childProposalsStrict(),
                c.lifetimes(), c.keyingTries(), c.rekey(), c.reauth(), c.dpd(), c.natTraversal(), c.forceEncaps(),
                c.natKeepalive(), c.mobike(), c.startAction(), c.closeAction(), c.binding(), c.replayWindow(),
                c.mode(), c.dfBit());
    }

    @Test
    void junosV2OnlyInBraceForm() throws Exception {
        String v1 = seed("srx-13.conf");
        String v2 = v1.replace("version v1-only;", "version v2-only;");
        assertNotEquals(v1, v2);
        Connection one = only(new JunosLoader().parse("srx-13.conf", v1));
        Connection two = only(new JunosLoader().parse("srx-13.conf", v2));
        assertEquals(IkeVersion.IKEV1, one.ikeVersion());
        assertEquals(IkeVersion.IKEV2, two.ikeVersion());
        assertEquals(withVersion(one, IkeVersion.IKEV2), two);
    }

    @Test
    void junosV2OnlyInSetForm() throws Exception {
        String v1 = seed("srx-13.set");
        String v2 = v1 + "set security ike gateway SERVER-BOX version v2-only\n";
        Connection one = only(new JunosLoader().parse("srx-13.set", v1));
        Connection two = only(new JunosLoader().parse("srx-13.set", v2));
        assertEquals(IkeVersion.IKEV2, two.ikeVersion());
        assertEquals(withVersion(one, IkeVersion.IKEV2), two);
    }

    @Test
    void ipsecConfKeyexchangeIkev2() throws Exception {
        String v1 = seed("ipsec.conf");
        String v2 = v1.replace("keyexchange=ikev1", "keyexchange=ikev2");
        assertNotEquals(v1, v2);
        StrongSwanLoader loader = new StrongSwanLoader(Set.of(InetAddress.getByName("10.80.80.80")));
        Connection one = only(loader.parse("ipsec.conf", v1, Path.of(".")));
        Connection two = only(loader.parse("ipsec.conf", v2, Path.of(".")));
        assertEquals(IkeVersion.IKEV1, one.ikeVersion());
        assertEquals(IkeVersion.IKEV2, two.ikeVersion());
        assertEquals(withVersion(one, IkeVersion.IKEV2), two);
    }
}

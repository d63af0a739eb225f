package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ike4j.config.Configuration;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.junit.jupiter.api.Test;

/**
 * Input.Expire: a volume lifetime counted by the dataplane. The soft limit renews the IPsec SA
 * (once, however often it is reported), the hard limit deletes it at both ends; an unknown SPI
 * changes nothing.
 */
class VolumeLifetimeTest {
    private static final String MOON = Configs.MOON;
    private static final String SUN = Configs.SUN;

    private static Configuration config(String self, String peer, String net1, String net2) throws Exception {
        return Configs.strongSwanText(self, "conn v\n\tkeyexchange=ikev1\n\tauthby=psk\n\tleft=" + self + "\n\tright=" + peer
                + "\n\tleftsubnet=" + net1 + "\n\trightsubnet=" + net2 + "\n", Configs.psk(self, peer, "secret"));
    }

    @Test
    void softRenewsOnceHardDeletes() throws Exception {
        Harness h = new Harness();
        Harness.Peer moon = h.peer("moon", MOON, config(MOON, SUN, "10.10.5.0/24", "10.20.5.0/24"), 11);
        Harness.Peer sun = h.peer("sun", SUN, config(SUN, MOON, "10.20.5.0/24", "10.10.5.0/24"), 22);
        moon.command(new Operator.Up("v"));
        h.run();
        assertEquals(1, moon.installed.size(), moon.log() + sun.log());
        ChildSa first = moon.installed.get(0);

        moon.input(new Input.Expire(first.inboundSpi(), false, "soft lifetime: 900 packets"));
        moon.input(new Input.Expire(first.inboundSpi(), false, "soft lifetime: 900 packets"));   // the other direction
        h.run();
        String log = moon.log() + sun.log();
        assertEquals(2, moon.installed.size(), log);
        assertEquals(2, sun.installed.size(), log);
        ChildSa second = moon.installed.get(1);
        assertNotEquals(first.inboundSpi(), second.inboundSpi());
        assertTrue(moon.log().contains("soft lifetime: 900 packets"), moon.log());

        int deletedBefore = sun.deleted.size();
        moon.input(new Input.Expire(second.inboundSpi(), true, "hard lifetime: 1000 packets"));
        h.run();
        assertTrue(moon.deleted.stream().anyMatch(d -> d.inboundSpi() == second.inboundSpi()), moon.log());
        assertEquals(deletedBefore + 1, sun.deleted.size(), "the peer deleted it too: " + sun.log());

        int installed = moon.installed.size();
        int deleted = moon.deleted.size();
        moon.input(new Input.Expire(0x12345678, true, "unknown"));
        h.run();
        assertEquals(installed, moon.installed.size());
        assertEquals(deleted, moon.deleted.size());
    }
}

package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ike4j.config.Configuration;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.junit.jupiter.api.Test;

/**
 * Input.Acquire: traffic seen by the dataplane for an auto=route connection starts its negotiation
 * once; acquires while it runs or after it is up start nothing more; an acquire for a connection
 * that is not routed is ignored.
 */
class AcquireTest {
    private static final String MOON = Configs.MOON;
    private static final String SUN = Configs.SUN;

    private static Configuration config(String self, String peer, String net1, String net2, String auto) throws Exception {
        return Configs.strongSwanText(self, "conn %default\n\tkeyexchange=ikev1\n\tauthby=psk\n\tleft=" + self
                + "\n\tright=" + peer + "\nconn e\n\tleftsubnet=" + net1 + "\n\trightsubnet=" + net2 + "\n\tauto=" + auto
                + "\nconn f\n\tleftsubnet=" + net1.replace(".5.", ".6.") + "\n\trightsubnet=" + net2.replace(".5.", ".6.")
                + "\n\tauto=add\n", Configs.psk(self, peer, "secret"));
    }

    @Test
    void anAcquireForARoutedConnectionNegotiatesItOnce() throws Exception {
        Harness h = new Harness();
        Configuration moonConfig = config(MOON, SUN, "10.10.5.0/24", "10.20.5.0/24", "route");
        Harness.Peer moon = h.peer("moon", MOON, moonConfig, 11);
        moon.command(new Operator.Reload(moonConfig));   // as the daemon starts: auto=route arms e
        Harness.Peer sun = h.peer("sun", SUN, config(SUN, MOON, "10.20.5.0/24", "10.10.5.0/24", "add"), 22);
        h.run();
        assertEquals(0, moon.installed.size());
        moon.input(new Input.Acquire("e"));
        moon.input(new Input.Acquire("e"));   // a second packet while Main Mode runs
        h.run();
        String log = moon.log() + sun.log();
        assertEquals(1, moon.installed.size(), log);
        assertEquals(1, sun.installed.size(), log);
        assertEquals("e", moon.installed.get(0).connection());
        moon.input(new Input.Acquire("e"));   // up now
        h.run();
        assertEquals(1, moon.installed.size(), moon.log());
        assertEquals(1, moon.engine.snapshot().ikeSas().size(), moon.log());
        // f is auto=add: traffic for it starts nothing
        moon.input(new Input.Acquire("f"));
        h.run();
        assertEquals(1, moon.installed.size(), moon.log());
        assertTrue(moon.log().contains("acquire for f ignored"), moon.log());
    }

    @Test
    void anAcquireAfterTheTunnelWentDownNegotiatesAgain() throws Exception {
        Harness h = new Harness();
        Configuration moonConfig = config(MOON, SUN, "10.10.5.0/24", "10.20.5.0/24", "route");
        Harness.Peer moon = h.peer("moon", MOON, moonConfig, 11);
        moon.command(new Operator.Reload(moonConfig));   // as the daemon starts: auto=route arms e
        Harness.Peer sun = h.peer("sun", SUN, config(SUN, MOON, "10.20.5.0/24", "10.10.5.0/24", "add"), 22);
        moon.input(new Input.Acquire("e"));
        h.run();
        assertEquals(1, moon.installed.size(), moon.log());
        moon.command(new Operator.Down("e"));
        h.run();
        assertEquals(1, moon.deleted.size(), moon.log());
        moon.input(new Input.Acquire("e"));
        h.run();
        assertEquals(2, moon.installed.size(), moon.log() + sun.log());
    }
}

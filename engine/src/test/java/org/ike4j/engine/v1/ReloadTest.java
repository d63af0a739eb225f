package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.config.Configuration;
import org.ike4j.engine.Action;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * Operator.Reload as strongSwan's ipsec update treats it: connection a unchanged, b changed, c removed,
 * d added (auto=start), e added (auto=route).
 */
class ReloadTest {
    private static final String MOON = Configs.MOON;
    private static final String SUN = Configs.SUN;

    private static String conn(String name, int net, String... lines) {
        StringBuilder b = new StringBuilder("conn " + name + "\n\tleftsubnet=10.10." + net + ".0/24\n\trightsubnet=10.20."
                + net + ".0/24\n");
        for (String l : lines) {
            b.append('\t').append(l).append('\n');
        }
        return b.toString();
    }

    private static String mirrored(String name, int net, String... lines) {
        StringBuilder b = new StringBuilder("conn " + name + "\n\tleftsubnet=10.20." + net + ".0/24\n\trightsubnet=10.10."
                + net + ".0/24\n");
        for (String l : lines) {
            b.append('\t').append(l).append('\n');
        }
        return b.toString();
    }

    private static String defaults(String left, String right) {
        return "conn %default\n\tkeyexchange=ikev1\n\tauthby=psk\n\tauto=add\n\tleft=" + left + "\n\tright=" + right
                + "\n\tlifetime=1h\n";
    }

    private static Configuration moon(String... conns) throws Exception {
        return Configs.strongSwanText(MOON, defaults(MOON, SUN) + String.join("", conns), Configs.psk(MOON, SUN, "secret"));
    }

    private static Snapshot.ChildSaInfo child(Harness.Peer p, String name) {
        return p.engine.snapshot().childSas().stream().filter(c -> c.connection().equals(name)).findFirst().orElse(null);
    }

    @Test
    void unchangedStaysChangedRenewsWithNewSettingsRemovedGoesAddedStarts() throws Exception {
        Harness h = new Harness();
        String a = conn("a", 1);
        String bOld = conn("b", 2, "lifetime=20m", "margintime=5m", "rekeyfuzz=0%");
        String bNew = conn("b", 2, "lifetime=30m", "margintime=5m", "rekeyfuzz=0%");
        String c = conn("c", 3);
        String d = conn("d", 4, "auto=start");
        String e = conn("e", 5, "auto=route");
        Harness.Peer moon = h.peer("moon", MOON, moon(a, bOld, c), 11);
        // sun (rekey=no) leaves the renewals to moon, whose settings the reload changes
        Harness.Peer sun = h.peer("sun", SUN, Configs.strongSwanText(SUN, defaults(SUN, MOON).replace("auto=add",
                "auto=add\n\trekey=no") + mirrored("a", 1)
                + mirrored("b", 2) + mirrored("c", 3) + mirrored("d", 4) + mirrored("e", 5),
                Configs.psk(SUN, MOON, "secret")), 22);
        for (String name : List.of("a", "b", "c")) {
            moon.command(new Operator.Up(name));
            h.run();
        }
        String log = moon.log() + sun.log();
        assertEquals(3, moon.installed.size(), log);
        assertEquals(3, sun.installed.size(), log);
        var aBefore = child(moon, "a");
        var bBefore = child(moon, "b");
        var ikeBefore = moon.engine.snapshot().ikeSas();
        int actionsBefore = moon.actions.size();
        int sentBefore = moon.sent.size();

        moon.command(new Operator.Reload(moon(a, bNew, d, e)));
        List<Action> reloadActions = List.copyOf(moon.actions.subList(actionsBefore, moon.actions.size()));
        h.run();
        log = moon.log() + sun.log();

        // a: untouched, same SPIs, nothing deleted
        assertEquals(aBefore.inboundSpi(), child(moon, "a").inboundSpi(), log);
        assertEquals(aBefore.outboundSpi(), child(moon, "a").outboundSpi(), log);
        assertTrue(moon.deleted.stream().noneMatch(x -> x.inboundSpi() == aBefore.inboundSpi()), log);
        assertTrue(ikeBefore.stream().anyMatch(i -> i.connection().equals("a")
                && moon.engine.snapshot().ikeSas().stream().anyMatch(j -> j.initiatorSpi().equals(i.initiatorSpi()))), log);
        // b: stays as negotiated
        assertEquals(bBefore.inboundSpi(), child(moon, "b").inboundSpi(), log);
        assertEquals(1200, child(moon, "b").lifetimeSeconds(), log);
        // c: deleted here and, through Delete payloads, at the peer
        assertEquals(null, child(moon, "c"), log);
        assertEquals(null, child(sun, "c"), log);
        assertEquals(1, moon.deleted.size(), log);
        assertEquals(1, sun.deleted.size(), log);
        assertTrue(moon.sent.size() > sentBefore, log);
        assertTrue(reloadActions.stream().noneMatch(x -> x instanceof Action.DeleteChildSa del
                && !del.sa().connection().equals("c")), reloadActions.toString());
        // d: auto=start initiated at once; e: armed
        assertTrue(child(moon, "d") != null, log);
        assertTrue(child(sun, "d") != null, log);
        String eSummary = moon.engine.snapshot().connections().stream().filter(x -> x.name().equals("e")).findFirst()
                .orElseThrow().summary();
        assertTrue(eSummary.contains("routed"), eSummary);
        assertFalse(moon.engine.snapshot().childSas().stream().anyMatch(x -> x.connection().equals("e")), log);

        // reloading the same configuration again changes nothing (d is not started twice)
        int installed = moon.installed.size();
        int deleted = moon.deleted.size();
        moon.command(new Operator.Reload(moon(a, bNew, d, e)));
        h.run();
        assertEquals(installed, moon.installed.size(), moon.log());
        assertEquals(deleted, moon.deleted.size(), moon.log());

        // b's renewal at its old soft lifetime (15 min) takes the new lifetime; a is not touched
        h.advance(15 * 60_000);
        log = moon.log() + sun.log();
        ChildSa renewed = moon.installed.get(moon.installed.size() - 1);
        assertEquals("b", renewed.connection(), log);
        assertEquals(1800, renewed.hardLifetimeSeconds(), log);
        assertEquals(aBefore.inboundSpi(), child(moon, "a").inboundSpi(), log);
        h.advance(QuickModeTask.RETIRE_AFTER_MILLIS);   // the replaced pair's delete
        assertEquals(1, moon.engine.snapshot().childSas().stream().filter(x -> x.connection().equals("b")).count(), log);
    }
}

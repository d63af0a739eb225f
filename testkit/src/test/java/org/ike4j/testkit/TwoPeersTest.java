package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;

/** The two-namespace topology: its addresses, and what its close() stops and removes, in which order. */
@Interop(needs = {Requirement.ROOT, Requirement.IPROUTE2})
class TwoPeersTest {

    @Test
    void addressesOnTheVethAndOnLo() {
        try (TwoPeers peers = TwoPeers.create("left", "right")) {
            String left = peers.left().ip("-4", "addr", "show").stdout();
            String right = peers.right().ip("-4", "addr", "show").stdout();
            assertTrue(left.contains(TwoPeers.LEFT_IP + "/24") && left.contains(TwoPeers.LEFT_INNER + "/32"), left);
            assertTrue(right.contains(TwoPeers.RIGHT_IP + "/24") && right.contains(TwoPeers.RIGHT_INNER + "/32"), right);
            assertEquals(TwoPeers.LEFT_IP, peers.wire().aIp());
            assertEquals(TwoPeers.RIGHT_IP, peers.wire().bIp());
            // the veth is up: the right's address is reached over it, not through a route elsewhere
            String route = peers.left().ip("route", "get", TwoPeers.RIGHT_IP).stdout();
            assertTrue(route.contains("dev " + peers.wire().aInterface()), route);
        }
    }

    @Test
    void closeStopsWhatItOwnsNewestFirstThenDeletesTheNamespaces() {
        List<String> order = new ArrayList<>();
        BackgroundProcess sleeper;
        String leftName;
        String rightName;
        try (TwoPeers peers = TwoPeers.create("left", "right")) {
            leftName = peers.left().name();
            rightName = peers.right().name();
            peers.own(() -> order.add("first"));
            sleeper = peers.own(peers.left().start("sleep", Path.of("/dev/null"), Map.of(), List.of("sleep", "300")));
            peers.own(() -> order.add("last"));
            assertTrue(sleeper.isAlive());
        }
        assertEquals(List.of("last", "first"), order);
        assertFalse(sleeper.isAlive(), "stopped by PID");
        List<String> left = NetNamespace.existing(NetNamespace.runPrefix());
        assertFalse(left.contains(leftName) || left.contains(rightName), left.toString());
    }

    @Test
    void aFailingResourceDoesNotKeepTheRestAlive() {
        String leftName;
        TwoPeers peers = TwoPeers.create("left", "right");
        leftName = peers.left().name();
        List<String> closed = new ArrayList<>();
        peers.own(() -> closed.add("older"));
        peers.own(() -> {
            throw new IllegalStateException("cannot close");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, peers::close);
        assertEquals("cannot close", e.getMessage());
        assertEquals(List.of("older"), closed);
        assertFalse(NetNamespace.existing(NetNamespace.runPrefix()).contains(leftName), "namespaces deleted anyway");
    }
}

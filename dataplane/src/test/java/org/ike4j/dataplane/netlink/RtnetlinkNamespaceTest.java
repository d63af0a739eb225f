package org.ike4j.dataplane.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * rtnetlink on a TUN device in a namespace of its own, checked with {@code ip -n NS}: what the
 * userspace dataplane does to the device of a route-based tunnel.
 */
class RtnetlinkNamespaceTest {
    private NetNamespace ns;
    private Rtnetlink rt;

    @BeforeEach
    void setUp() {
        Prerequisites.require(Requirement.ROOT, Requirement.IPROUTE2, Requirement.TUN);
        ns = NetNamespace.create("rtnl");
        ns.ip("tuntap", "add", "dev", "st0", "mode", "tun");
        rt = new Rtnetlink(NetlinkSocket.openIn(ns.path(), Netlink.NETLINK_ROUTE));
    }

    @AfterEach
    void tearDown() {
        if (rt != null) {
            rt.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void linkMtuAddressesAndRoutes() throws Exception {
        rt.setMtu("st0", 1400);
        assertEquals(1400, rt.mtu("st0"));
        assertTrue(ns.ip("link", "show", "st0").stdout().contains("mtu 1400"));

        rt.setLinkUp("st0", true);
        assertTrue(ns.ip("link", "show", "st0").stdout().contains(",UP>"),
                ns.ip("link", "show", "st0").stdout());

        InetAddress v4 = InetAddress.getByName("10.80.0.1");
        InetAddress v6 = InetAddress.getByName("2001:db8:80::1");
        rt.addAddress("st0", v4, 30);
        rt.addAddress("st0", v6, 64);
        String addresses = ns.ip("addr", "show", "dev", "st0").stdout();
        assertTrue(addresses.contains("inet 10.80.0.1/30"), addresses);
        assertTrue(addresses.contains("inet6 2001:db8:80::1/64"), addresses);

        rt.addRoute(InetAddress.getByName("10.2.0.0"), 16, "st0", v4);
        rt.addRoute(InetAddress.getByName("2001:db8:2::"), 48, "st0", null);
        String routes = ns.ip("route", "show", "dev", "st0").stdout();
        assertTrue(routes.contains("10.2.0.0/16 proto static scope link src 10.80.0.1"), routes);
        assertTrue(ns.ip("-6", "route", "show", "dev", "st0").stdout().contains("2001:db8:2::/48 proto static"));

        NetlinkException twice = assertThrows(NetlinkException.class,
                () -> rt.addRoute(InetAddress.getByName("10.2.0.0"), 16, "st0", v4));
        assertEquals(Errno.EEXIST, twice.errno());
        assertTrue(twice.getMessage().startsWith("RTM_NEWROUTE 10.2.0.0/16 dev st0 src 10.80.0.1: EEXIST (File exists)"),
                twice.getMessage());

        rt.deleteRoute(InetAddress.getByName("10.2.0.0"), 16, "st0");
        rt.deleteRoute(InetAddress.getByName("2001:db8:2::"), 48, "st0");
        rt.deleteAddress("st0", v4, 30);
        rt.deleteAddress("st0", v6, 64);
        rt.setLinkUp("st0", false);
        assertFalse(ns.ip("route", "show", "dev", "st0").stdout().contains("10.2.0.0"));
        assertFalse(ns.ip("addr", "show", "dev", "st0").stdout().contains("10.80.0.1"));
        assertFalse(ns.ip("link", "show", "st0").stdout().contains(",UP"));
    }

    /** What the userspace dataplane's LinkConfig needs: replace semantics, route lookup, host pinning. */
    @Test
    void replaceLookupAndPinAHostRoute() throws Exception {
        ns.ip("link", "add", "va", "type", "veth", "peer", "name", "vb");
        rt.up("va", 1500);
        rt.up("vb", 1500);
        Prefix outer = Prefix.parse("192.168.5.1/24");
        rt.replaceAddress("va", outer.address(), outer.length());
        rt.replaceAddress("va", outer.address(), outer.length());     // again: no EEXIST
        assertTrue(ns.ip("addr", "show", "dev", "va").stdout().contains("inet 192.168.5.1/24"));

        InetAddress gateway = InetAddress.getByName("192.168.5.2");
        rt.replaceRoute(InetAddress.getByName("10.9.0.0"), 16, gateway, "va", null);
        Rtnetlink.RouteLookup viaGateway = rt.routeGet(InetAddress.getByName("10.9.1.1"));
        assertEquals("va", viaGateway.device());
        assertEquals(gateway, viaGateway.gateway().orElseThrow());
        assertEquals(InetAddress.getByName("192.168.5.1"), viaGateway.source().orElseThrow());

        Rtnetlink.RouteLookup onLink = rt.routeGet(InetAddress.getByName("192.168.5.7"));
        assertEquals("va", onLink.device());
        assertTrue(onLink.gateway().isEmpty());

        // pin the peer's host route along its path, then a tunnel route covering it cannot capture it
        rt.replaceRoute(InetAddress.getByName("10.9.1.1"), 32, gateway, "va", null);
        rt.setLinkUp("st0", true);
        rt.replaceRoute(InetAddress.getByName("10.9.0.0"), 16, null, "st0", null);
        assertEquals("va", rt.routeGet(InetAddress.getByName("10.9.1.1")).device());
        assertEquals("st0", rt.routeGet(InetAddress.getByName("10.9.2.2")).device());

        assertTrue(rt.deleteRouteIfPresent(InetAddress.getByName("10.9.1.1"), 32, null));
        assertFalse(rt.deleteRouteIfPresent(InetAddress.getByName("10.9.1.1"), 32, "va"));
        assertTrue(rt.deleteRouteIfPresent(InetAddress.getByName("10.9.0.0"), 16, "st0"));
        assertFalse(ns.ip("route", "show").stdout().contains("10.9."), ns.ip("route", "show").stdout());
    }

    @Test
    void prefixesParseAsIpWritesThem() throws Exception {
        assertEquals(new Prefix(InetAddress.getByName("10.0.1.1"), 32), Prefix.parse("10.0.1.1/32"));
        assertEquals(new Prefix(InetAddress.getByName("10.0.1.1"), 32), Prefix.parse("10.0.1.1"));
        assertEquals(new Prefix(InetAddress.getByName("2001:db8::"), 48), Prefix.parse("2001:db8::/48"));
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("10.0.1.1/33"));
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("example.com/24"));
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("10.0.1.1/x"));
    }

    @Test
    void unknownLinkIsNamedInTheError() {
        NetlinkException e = assertThrows(NetlinkException.class, () -> rt.setMtu("nosuch0", 1400));
        assertEquals(Errno.ENODEV, e.errno());
        assertTrue(e.getMessage().startsWith("RTM_GETLINK nosuch0: ENODEV (No such device)"), e.getMessage());
    }

    @Test
    void aSocketOpenedInTheNamespaceDoesNotSeeTheHostsLinks() {
        // st0 exists only in the test namespace; the JVM's own namespace has no such link
        try (Rtnetlink host = Rtnetlink.open()) {
            assertThrows(NetlinkException.class, () -> host.linkIndex("st0"));
        }
        assertTrue(rt.linkIndex("st0") > 0);
    }
}

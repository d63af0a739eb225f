package org.ike4j.dataplane.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
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
        rt = new Rtnetlink(NetlinkSocket.openIn(Path.of("/run/netns", ns.name()), Netlink.NETLINK_ROUTE));
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

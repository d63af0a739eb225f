package org.ike4j.dataplane.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.ike4j.config.TrafficSelector;
import org.junit.jupiter.api.Test;

/** Selectors against packets in a buffer: ranges, protocol, ports, IPv4 and IPv6, and short packets. */
class PacketSelectorTest {

    private static byte[] ipv4(String src, String dst, int proto, int sport, int dport) throws Exception {
        byte[] p = new byte[40];
        p[0] = 0x45;
        p[9] = (byte) proto;
        System.arraycopy(InetAddress.getByName(src).getAddress(), 0, p, 12, 4);
        System.arraycopy(InetAddress.getByName(dst).getAddress(), 0, p, 16, 4);
        p[20] = (byte) (sport >>> 8);
        p[21] = (byte) sport;
        p[22] = (byte) (dport >>> 8);
        p[23] = (byte) dport;
        return p;
    }

    private static byte[] ipv6(String src, String dst, int next) throws Exception {
        byte[] p = new byte[48];
        p[0] = 0x60;
        p[6] = (byte) next;
        System.arraycopy(InetAddress.getByName(src).getAddress(), 0, p, 8, 16);
        System.arraycopy(InetAddress.getByName(dst).getAddress(), 0, p, 24, 16);
        return p;
    }

    @Test
    void addressesProtocolAndPorts() throws Exception {
        PacketSelector[] net = PacketSelector.of(List.of(TrafficSelector.subnet(InetAddress.getByName("10.2.0.0"), 24)));
        byte[] p = ipv4("10.1.0.1", "10.2.0.9", 17, 4000, 53);
        assertTrue(PacketSelector.any(net, p, 0, p.length, false), "destination in 10.2.0.0/24");
        assertFalse(PacketSelector.any(net, p, 0, p.length, true), "source is not");
        byte[] outside = ipv4("10.1.0.1", "10.2.1.0", 17, 4000, 53);
        assertFalse(PacketSelector.any(net, outside, 0, outside.length, false));

        PacketSelector[] dns = PacketSelector.of(List.of(TrafficSelector.subnet(InetAddress.getByName("10.2.0.0"), 24, 17, 53, 53)));
        assertTrue(PacketSelector.any(dns, p, 0, p.length, false));
        byte[] tcp = ipv4("10.1.0.1", "10.2.0.9", 6, 4000, 53);
        assertFalse(PacketSelector.any(dns, tcp, 0, tcp.length, false), "UDP only");
        byte[] other = ipv4("10.1.0.1", "10.2.0.9", 17, 4000, 54);
        assertFalse(PacketSelector.any(dns, other, 0, other.length, false), "port 53 only");
        assertFalse(PacketSelector.any(dns, p, 0, 22, false), "too short for the ports");
    }

    @Test
    void ipv4RangesAcrossTheHighBitCompareUnsigned() throws Exception {
        PacketSelector[] upper = PacketSelector.of(List.of(TrafficSelector.subnet(InetAddress.getByName("128.0.0.0"), 1)));
        byte[] high = ipv4("10.0.0.1", "200.1.2.3", 6, 1, 2);
        byte[] low = ipv4("10.0.0.1", "10.1.2.3", 6, 1, 2);
        assertTrue(PacketSelector.any(upper, high, 0, high.length, false), "200.1.2.3 is in 128.0.0.0/1");
        assertFalse(PacketSelector.any(upper, low, 0, low.length, false), "10.1.2.3 is not");
        PacketSelector[] straddle = PacketSelector.of(List.of(new TrafficSelector(InetAddress.getByName("127.255.255.0"),
                InetAddress.getByName("128.0.0.255"), 0, 0, 65535)));
        for (String in : List.of("127.255.255.0", "127.255.255.255", "128.0.0.0", "128.0.0.255")) {
            byte[] p = ipv4("10.0.0.1", in, 17, 1, 2);
            assertTrue(PacketSelector.any(straddle, p, 0, p.length, false), in);
        }
        for (String out : List.of("127.255.254.255", "128.0.1.0", "0.0.0.0", "255.255.255.255")) {
            byte[] p = ipv4("10.0.0.1", out, 17, 1, 2);
            assertFalse(PacketSelector.any(straddle, p, 0, p.length, false), out);
        }
    }

    @Test
    void ipv6AndFamilies() throws Exception {
        PacketSelector[] v6 = PacketSelector.of(List.of(TrafficSelector.subnet(InetAddress.getByName("2001:db8:2::"), 48)));
        PacketSelector[] v4 = PacketSelector.of(List.of(TrafficSelector.subnet(InetAddress.getByName("0.0.0.0"), 0)));
        byte[] p = ipv6("2001:db8:1::1", "2001:db8:2::7", 58);
        assertTrue(PacketSelector.any(v6, p, 0, p.length, false));
        assertFalse(PacketSelector.any(v4, p, 0, p.length, false), "an IPv4 selector never matches IPv6");
        byte[] q = ipv4("192.0.2.1", "198.51.100.1", 1, 0, 0);
        assertTrue(PacketSelector.any(v4, q, 0, q.length, true));
        assertFalse(PacketSelector.any(v6, q, 0, q.length, true));
        assertFalse(PacketSelector.any(v4, q, 0, 19, true), "shorter than a header");
    }

    @Test
    void routesForEverythingAreTwoHalves() throws Exception {
        assertEquals(List.of("0.0.0.0/1", "128.0.0.0/1"),
                UserspaceForwarder.routesFor(TrafficSelector.subnet(InetAddress.getByName("0.0.0.0"), 0), 0));
        assertEquals(List.of("::/1", "8000::/1"),
                UserspaceForwarder.routesFor(TrafficSelector.subnet(InetAddress.getByName("::"), 0), 0));
        assertEquals(List.of("10.2.0.0/24"),
                UserspaceForwarder.routesFor(TrafficSelector.subnet(InetAddress.getByName("10.2.0.0"), 24), 24));
        assertEquals("st0.80", UserspaceForwarder.deviceName("st0.80"));
        assertEquals("ipsec-srx-13", UserspaceForwarder.deviceName("srx-13"));
        assertEquals("ike4j%d", UserspaceForwarder.deviceName("a-very-long-connection-name"));
    }
}

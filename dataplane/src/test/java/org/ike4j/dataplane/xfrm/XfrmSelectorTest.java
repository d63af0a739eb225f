package org.ike4j.dataplane.xfrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.ike4j.config.TrafficSelector;
import org.junit.jupiter.api.Test;

/** Traffic selectors to the kernel's prefix-and-mask selectors, and the priority order. */
class XfrmSelectorTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void subnetsAndSinglePortsMap() throws Exception {
        XfrmSelector s = XfrmSelector.of(TrafficSelector.subnet(ip("10.1.0.0"), 24, 17, 500, 500),
                TrafficSelector.subnet(ip("10.2.0.0"), 16));
        assertEquals(24, s.sourcePrefix());
        assertEquals(16, s.destinationPrefix());
        assertEquals(17, s.protocol());
        assertEquals(500, s.sourcePort());
        assertEquals(0xffff, s.sourcePortMask());
        assertEquals(0, s.destinationPortMask());
    }

    @Test
    void alignedPortBlockBecomesAMask() throws Exception {
        XfrmSelector s = XfrmSelector.of(TrafficSelector.subnet(ip("10.1.0.0"), 24, 6, 1024, 2047),
                TrafficSelector.subnet(ip("10.2.0.0"), 16));
        assertEquals(1024, s.sourcePort());
        assertEquals(0xfc00, s.sourcePortMask());
    }

    @Test
    void whatTheKernelCannotExpressIsRefusedByName() throws Exception {
        TrafficSelector range = new TrafficSelector(ip("10.1.0.1"), ip("10.1.0.5"), 0, 0, 65535);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> XfrmSelector.of(range, TrafficSelector.subnet(ip("10.2.0.0"), 16)));
        assertTrue(e.getMessage().contains("10.1.0.1-10.1.0.5 is not one subnet"), e.getMessage());
        TrafficSelector ports = TrafficSelector.subnet(ip("10.1.0.0"), 24, 6, 1000, 2000);
        assertThrows(IllegalArgumentException.class, () -> XfrmSelector.of(ports, TrafficSelector.subnet(ip("10.2.0.0"), 16)));
    }

    @Test
    void moreSpecificSelectorsGetLowerPriorityNumbers() throws Exception {
        XfrmSelector wide = XfrmSelector.of(ip("0.0.0.0"), 0, ip("0.0.0.0"), 0);
        XfrmSelector nets = XfrmSelector.of(ip("10.1.0.0"), 24, ip("10.2.0.0"), 16);
        XfrmSelector tcp = XfrmSelector.of(TrafficSelector.subnet(ip("10.1.0.0"), 24, 6, 0, 65535),
                TrafficSelector.subnet(ip("10.2.0.0"), 16));
        XfrmSelector hosts6 = XfrmSelector.of(ip("2001:db8::1"), 128, ip("2001:db8::2"), 128);
        assertTrue(nets.priority() < wide.priority());
        assertTrue(tcp.priority() < nets.priority());
        assertTrue(hosts6.priority() > 0);
    }

    @Test
    void addressesPrintAsIpDoes() throws Exception {
        assertEquals("2001:db8::1", XfrmSelector.text(ip("2001:db8:0:0:0:0:0:1")));
        assertEquals("::", XfrmSelector.text(ip("::")));
        assertEquals("2001:db8:0:1:1:1:1:1", XfrmSelector.text(ip("2001:db8:0:1:1:1:1:1")));
        assertEquals("2001:0:0:1::1", XfrmSelector.text(ip("2001:0:0:1:0:0:0:1")));
        assertEquals("10.1.0.1", XfrmSelector.text(ip("10.1.0.1")));
    }
}

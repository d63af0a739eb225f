package org.ike4j.dataplane.xfrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ike4j.dataplane.netlink.NetlinkException;
import org.ike4j.dataplane.netlink.NlMessage;
import org.ike4j.dataplane.netlink.NlMessageBuilder;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;

/**
 * The kernel's ACQUIRE: a packet that matches an {@code out} policy with no SA behind its template
 * makes the kernel ask the key manager for one - what an on-demand ({@code auto=route}) tunnel
 * starts from. This kernel sends it although it has no ESP.
 */
class XfrmEventsTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void packetMatchingATrapPolicyBringsAnAcquireWithTheReqid() throws Exception {
        Prerequisites.require(Requirement.ROOT, Requirement.IPROUTE2);
        try (NetNamespace ns = NetNamespace.create("xfrm-acq")) {
            ns.ip("link", "add", "va", "type", "veth", "peer", "name", "vb");
            ns.ip("link", "set", "va", "up");
            ns.ip("link", "set", "vb", "up");
            ns.ip("addr", "add", "192.0.2.1/24", "dev", "va");
            ns.ip("addr", "add", "10.1.0.1/32", "dev", "lo");
            ns.ip("route", "add", "10.2.0.0/24", "via", "192.0.2.2", "dev", "va", "src", "10.1.0.1");
            Path file = Path.of("/run/netns", ns.name());
            LinkedBlockingQueue<XfrmEvent> events = new LinkedBlockingQueue<>();
            List<String> errors = new CopyOnWriteArrayList<>();
            try (Xfrm xfrm = Xfrm.openIn(file); XfrmEvents listener = XfrmEvents.listenIn(file, events::add, errors::add)) {
                XfrmSelector selector = XfrmSelector.of(ip("10.1.0.0"), 24, ip("10.2.0.0"), 24);
                XfrmPolicy trap = XfrmPolicy.tunnel(selector, XfrmPolicy.Direction.OUT, ip("192.0.2.1"), ip("192.0.2.2"), 42);
                xfrm.addPolicy(trap);
                // one UDP datagram into the tunnel's traffic (larval drop: it goes nowhere)
                ns.exec(Duration.ofSeconds(10), "bash", "-c", "echo x > /dev/udp/10.2.0.5/9 || true");

                XfrmEvent event = events.poll(5, TimeUnit.SECONDS);
                assertNotNull(event, "no ACQUIRE within 5 s; errors " + errors);
                XfrmEvent.Acquire acquire = assertInstanceOf(XfrmEvent.Acquire.class, event);
                assertEquals(42, acquire.reqid());
                assertEquals(50, acquire.protocol());
                assertEquals(ip("192.0.2.1"), acquire.source());
                assertEquals(ip("192.0.2.2"), acquire.destination());
                assertEquals(ip("10.1.0.1"), acquire.packet().source());
                assertEquals(ip("10.2.0.5"), acquire.packet().destination());
                assertEquals(17, acquire.packet().protocol());
                assertEquals(9, acquire.packet().destinationPort());
                assertEquals(trap, acquire.policy());
                assertTrue(errors.isEmpty(), errors.toString());
                xfrm.deletePolicy(selector, XfrmPolicy.Direction.OUT);
            }
        }
    }

    @Test
    void truncatedAcquireIsRejected() {
        NlMessageBuilder b = new NlMessageBuilder(XfrmEvents.XFRM_MSG_ACQUIRE, 0, "");
        b.struct(200);
        NlMessage m = NlMessage.parseAll(ByteBuffer.wrap(b.build(0))).getFirst();
        NetlinkException e = assertThrows(NetlinkException.class, () -> XfrmEvents.decode(m));
        assertTrue(e.getMessage().contains("struct xfrm_user_acquire needs 280"), e.getMessage());
    }

    @Test
    void hardExpireDecodesTheSaAndTheFlag() {
        NlMessageBuilder b = new NlMessageBuilder(XfrmEvents.XFRM_MSG_EXPIRE, 0, "");
        ByteBuffer expire = b.struct(XfrmEvents.SIZEOF_USER_EXPIRE);
        expire.put(56, new byte[] {(byte) 192, 0, 2, 2});
        NlMessageBuilder.putBe32(expire, 72, 0xc786011d);
        expire.put(76, (byte) 50);
        expire.putLong(160, 123456);             // curlft.bytes
        expire.putLong(168, 789);                // curlft.packets
        expire.putShort(212, (short) 2);
        expire.put(224, (byte) 1);
        XfrmEvent.Expire e = (XfrmEvent.Expire) XfrmEvents.decode(NlMessage.parseAll(ByteBuffer.wrap(b.build(0))).getFirst());
        assertTrue(e.hard());
        assertEquals(0xc786011d, e.state().spi());
        assertEquals(123456, e.state().bytes());
        assertEquals(789, e.state().packets());
    }
}

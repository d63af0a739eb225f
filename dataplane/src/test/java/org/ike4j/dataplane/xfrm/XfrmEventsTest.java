package org.ike4j.dataplane.xfrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            ns.trapHost();
            Path file = ns.path();
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
                // the larval SA (spi 0) the acquire left: ALLOCSPI by the acquire's seq, then DELSA
                assertEquals(1, xfrm.states().size(), "the kernel's larval SA");
                assertEquals(0, xfrm.states().getFirst().spi());
                int spi = xfrm.deleteLarval(acquire);
                assertTrue(Integer.toUnsignedLong(spi) >= 0x100, Integer.toHexString(spi));
                assertEquals(List.of(), xfrm.states(), "the larval SA is gone");
                xfrm.deletePolicy(selector, XfrmPolicy.Direction.OUT);
            }
        }
    }

    /** Real kernel bytes: see the comment in kernel-acquire-udp9.hex for how they were captured. */
    @Test
    void kernelAcquireDecodes() throws Exception {
        NlMessage m = NlMessage.parseAll(ByteBuffer.wrap(IprouteCapture.load("kernel-acquire-udp9.hex"))
                .order(java.nio.ByteOrder.nativeOrder())).getFirst();
        XfrmEvent.Acquire a = assertInstanceOf(XfrmEvent.Acquire.class, XfrmEvents.decode(m));
        assertEquals(ip("10.1.0.1"), a.packet().source());
        assertEquals(32, a.packet().sourcePrefix());
        assertEquals(ip("10.2.0.5"), a.packet().destination());
        assertEquals(17, a.packet().protocol());
        assertEquals(40000, a.packet().sourcePort());
        assertEquals(9, a.packet().destinationPort());
        assertEquals(ip("192.0.2.1"), a.source());
        assertEquals(ip("192.0.2.2"), a.destination());
        assertEquals(50, a.protocol());
        assertEquals(15, a.seq());
        assertEquals(1, a.policyIndex(), "the first policy of a namespace, out: index 0 | XFRM_POLICY_OUT, as ip xfrm policy showed");
        // ip xfrm policy add without a priority: 0
        assertEquals(new XfrmPolicy(XfrmSelector.of(ip("10.1.0.0"), 24, ip("10.2.0.0"), 24), XfrmPolicy.Direction.OUT, 0,
                List.of(new XfrmPolicy.Template(ip("192.0.2.1"), ip("192.0.2.2"), 50, 7, true))), a.policy());
        assertEquals(7, a.reqid());
    }

    /** Real kernel bytes: the hard expire of the larval SA of kernel-acquire-udp9.hex. */
    @Test
    void kernelHardExpireDecodes() throws Exception {
        NlMessage m = NlMessage.parseAll(ByteBuffer.wrap(IprouteCapture.load("kernel-expire-larval-hard.hex"))
                .order(java.nio.ByteOrder.nativeOrder())).getFirst();
        XfrmEvent.Expire e = assertInstanceOf(XfrmEvent.Expire.class, XfrmEvents.decode(m));
        assertTrue(e.hard());
        assertEquals(0, e.state().spi(), "a larval SA has no SPI");
        assertEquals(50, e.state().protocol());
        assertEquals(7, e.state().reqid());
        assertTrue(e.state().tunnel());
        assertEquals(ip("192.0.2.1"), e.state().source());
        assertEquals(ip("192.0.2.2"), e.state().destination());
        assertEquals(0, e.state().bytes());
    }

    /**
     * A soft expire: this kernel cannot make one (no SA with lifetimes installs without esp4), so
     * the captured hard one with the flag (struct xfrm_user_expire.hard, offset 224 of linux/xfrm.h)
     * cleared, and an SPI and counters written at their offsets in xfrm_usersa_info.
     */
    @Test
    void softExpireFromTheCapturedLayout() throws Exception {
        byte[] bytes = IprouteCapture.load("kernel-expire-larval-hard.hex");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.nativeOrder());
        b.put(16 + 224, (byte) 0);
        NlMessageBuilder.putBe32(b, 16 + 72, 0xc1a2b3c4);
        b.putLong(16 + 160, 900_000);
        b.putLong(16 + 168, 1_000);
        XfrmEvent.Expire e = (XfrmEvent.Expire) XfrmEvents.decode(NlMessage.parseAll(b).getFirst());
        assertFalse(e.hard());
        assertEquals(0xc1a2b3c4, e.state().spi());
        assertEquals(900_000, e.state().bytes());
        assertEquals(1_000, e.state().packets());
    }

    @Test
    void truncatedExpireIsRejected() {
        byte[] bytes = IprouteCapture.load("kernel-expire-larval-hard.hex");
        ByteBuffer b = ByteBuffer.wrap(java.util.Arrays.copyOf(bytes, 16 + 200)).order(java.nio.ByteOrder.nativeOrder());
        b.putInt(0, 16 + 200);
        NlMessage m = NlMessage.parseAll(b).getFirst();
        NetlinkException e = assertThrows(NetlinkException.class, () -> XfrmEvents.decode(m));
        assertTrue(e.getMessage().contains("xfrm_user_expire"), e.getMessage());
    }

    @Test
    void allocSpiNamesTheLarvalSaByTheAcquire() throws Exception {
        NlMessage m = NlMessage.parseAll(ByteBuffer.wrap(IprouteCapture.load("kernel-acquire-udp9.hex"))
                .order(java.nio.ByteOrder.nativeOrder())).getFirst();
        XfrmEvent.Acquire a = (XfrmEvent.Acquire) XfrmEvents.decode(m);
        ByteBuffer req = ByteBuffer.wrap(Xfrm.allocSpi(a).build(0)).order(java.nio.ByteOrder.nativeOrder());
        assertEquals(0x16, req.getShort(4));
        assertEquals(16 + 232, req.getInt(0));
        assertEquals(ip("192.0.2.2"), XfrmSelector.address(req, 16 + 56, true));
        assertEquals(ip("192.0.2.1"), XfrmSelector.address(req, 16 + 80, true));
        assertEquals(50, req.get(16 + 76));
        assertEquals(15, req.getInt(16 + 204));
        assertEquals(7, req.getInt(16 + 208));
        assertEquals(2, req.getShort(16 + 212));
        assertEquals(1, req.get(16 + 214), "tunnel mode");
        assertEquals(0x100, req.getInt(16 + 224));
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

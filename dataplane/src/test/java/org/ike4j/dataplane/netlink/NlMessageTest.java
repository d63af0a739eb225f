package org.ike4j.dataplane.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder and the parser: alignment, nesting, and every length checked. */
class NlMessageTest {

    @Test
    void attributesArePaddedToFourAndParseBack() {
        NlMessageBuilder b = new NlMessageBuilder(18, Netlink.NLM_F_REQUEST, "test");
        b.struct(5).put(0, (byte) 7);          // 5 bytes, padded to 8
        b.string(3, "st0");                     // 4 + 4
        b.attribute(9, new byte[] {1, 2, 3});   // 4 + 3, padded to 8
        b.beginNested(10).u32(1, 0x11223344).endNested();
        byte[] bytes = b.build(42);
        assertEquals(16 + 8 + 8 + 8 + 12, bytes.length);
        List<NlMessage> messages = NlMessage.parseAll(ByteBuffer.wrap(bytes));
        assertEquals(1, messages.size());
        NlMessage m = messages.getFirst();
        assertEquals(18, m.type());
        assertEquals(42, m.seq());
        Attributes a = m.attributes(5);
        assertEquals("st0", a.string(3).orElseThrow());
        assertEquals(3, a.get(9).orElseThrow().remaining());
        Attributes nested = Attributes.parse(a.get(10).orElseThrow());
        assertEquals(0x11223344, nested.u32(1, "inner").orElseThrow());
    }

    @Test
    void messageLengthPastTheEndIsRejected() {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putInt(0, 24);
        NetlinkException e = assertThrows(NetlinkException.class, () -> NlMessage.parseAll(b));
        assertTrue(e.getMessage().contains("length 24 with 20 bytes left"), e.getMessage());
    }

    @Test
    void messageLengthBelowTheHeaderIsRejected() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        b.putInt(0, 8);
        assertThrows(NetlinkException.class, () -> NlMessage.parseAll(b));
    }

    @Test
    void attributeLengthPastTheEndIsRejected() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) 12);
        b.putShort(2, (short) 1);
        assertThrows(NetlinkException.class, () -> Attributes.parse(b));
        b.putShort(0, (short) 2);
        assertThrows(NetlinkException.class, () -> Attributes.parse(b));
    }

    @Test
    void fixedStructureTooShortIsRejected() {
        NlMessageBuilder b = new NlMessageBuilder(0x10, 0, "short");
        b.struct(8);
        NlMessage m = NlMessage.parseAll(ByteBuffer.wrap(b.build(1))).getFirst();
        NetlinkException e = assertThrows(NetlinkException.class, () -> m.struct("struct xfrm_usersa_info", 224));
        assertTrue(e.getMessage().contains("8 bytes, struct xfrm_usersa_info needs 224"), e.getMessage());
    }

    @Test
    void errorWithExtendedAckNamesTheRequestErrnoAndKernelText() {
        // NLMSG_ERROR, capped, with NLMSGERR_ATTR_MSG - the shape the kernel sends with NETLINK_EXT_ACK
        NlMessageBuilder b = new NlMessageBuilder(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED | Netlink.NLM_F_ACK_TLVS, "");
        ByteBuffer err = b.struct(4 + 16);
        err.putInt(0, -Errno.EPROTONOSUPPORT);
        err.putInt(4, 424);
        b.string(Netlink.NLMSGERR_ATTR_MSG, "Requested type not found");
        NlMessage m = NlMessage.parseAll(ByteBuffer.wrap(b.build(5))).getFirst();
        NetlinkException e = assertThrows(NetlinkException.class, () -> NetlinkSocket.checkError("XFRM_MSG_NEWSA x", m));
        assertEquals(Errno.EPROTONOSUPPORT, e.errno());
        assertEquals("XFRM_MSG_NEWSA x: EPROTONOSUPPORT (Protocol not supported) - kernel says: Requested type not found",
                e.getMessage());
    }

    @Test
    void errorZeroIsAnAck() {
        NlMessageBuilder b = new NlMessageBuilder(Netlink.NLMSG_ERROR, 0, "");
        b.struct(4 + 16);
        NetlinkSocket.checkError("ok", NlMessage.parseAll(ByteBuffer.wrap(b.build(5))).getFirst());
    }
}

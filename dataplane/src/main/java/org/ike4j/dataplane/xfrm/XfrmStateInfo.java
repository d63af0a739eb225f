package org.ike4j.dataplane.xfrm;

import static org.ike4j.dataplane.xfrm.XfrmConstants.*;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.ike4j.dataplane.netlink.Attributes;
import org.ike4j.dataplane.netlink.NlMessage;

/**
 * An SA as the kernel reports it (an XFRM_MSG_NEWSA answer to GETSA or in a dump), without keys:
 * its identity and the counters {@code status} shows - bytes and packets so far (struct
 * xfrm_lifetime_cur at offset 160) and the drops (struct xfrm_stats at 192: replay window,
 * replayed packets, integrity failures).
 */
public record XfrmStateInfo(InetAddress source, InetAddress destination, int spi, int protocol, int reqid,
                            boolean tunnel, long bytes, long packets, long addTime, long useTime, long replayed,
                            long integrityFailed, String encryption, String integrity, String aead) {

    static XfrmStateInfo decode(NlMessage m) {
        return decode(m.struct("struct xfrm_usersa_info", SIZEOF_USERSA_INFO), m.attributes(SIZEOF_USERSA_INFO));
    }

    /** From an xfrm_usersa_info (at least 224 bytes) and the message's attributes. */
    static XfrmStateInfo decode(ByteBuffer info, Attributes a) {
        boolean v4 = Short.toUnsignedInt(info.getShort(212)) != AF_INET6;
        return new XfrmStateInfo(XfrmSelector.address(info, 80, v4), XfrmSelector.address(info, 56, v4),
                XfrmSelector.be32(info, 72), Byte.toUnsignedInt(info.get(76)), info.getInt(208),
                info.get(214) == XFRM_MODE_TUNNEL,
                info.getLong(160), info.getLong(168), info.getLong(176), info.getLong(184),
                Integer.toUnsignedLong(info.getInt(196)), Integer.toUnsignedLong(info.getInt(200)),
                name(a, XFRMA_ALG_CRYPT), name(a, XFRMA_ALG_AUTH_TRUNC), name(a, XFRMA_ALG_AEAD));
    }

    private static String name(Attributes a, int type) {
        return a.get(type, "xfrm_algo", ALG_NAME_LENGTH).map(b -> Attributes.cString(b.slice(0, ALG_NAME_LENGTH))).orElse("");
    }
}

package org.ike4j.dataplane.xfrm;

import static org.ike4j.dataplane.xfrm.XfrmConstants.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ike4j.dataplane.netlink.Attributes;
import org.ike4j.dataplane.netlink.Netlink;
import org.ike4j.dataplane.netlink.NetlinkException;
import org.ike4j.dataplane.netlink.NlMessage;
import org.ike4j.dataplane.netlink.NlMessageBuilder;

/**
 * An SPD entry: packets matching the selector in a direction must be protected by SAs matching the
 * templates (XFRM_MSG_NEWPOLICY with struct xfrm_userpolicy_info and XFRMA_TMPL).
 *
 * <pre>
 * xfrm_userpolicy_info: 0 sel (56)  56 lft (cfg, 64)  120 curlft (32)  152 priority  156 index
 *                       160 dir  161 action  162 flags  163 share                     = 168 bytes
 * xfrm_user_tmpl:       0 id.daddr (16)  16 id.spi  20 id.proto  24 family  28 saddr (16)  44 reqid
 *                       48 mode  49 share  50 optional  52 aalgos  56 ealgos  60 calgos  = 64 bytes
 * </pre>
 */
public record XfrmPolicy(XfrmSelector selector, Direction direction, int priority, List<Template> templates) {

    public XfrmPolicy {
        templates = List.copyOf(templates);
    }

    /** XFRM_POLICY_IN, _OUT, _FWD. */
    public enum Direction {
        IN(0), OUT(1), FWD(2);

        final int code;

        Direction(int code) {
            this.code = code;
        }

        static Direction of(int code) {
            for (Direction d : values()) {
                if (d.code == code) {
                    return d;
                }
            }
            throw new NetlinkException("malformed xfrm policy: direction " + code);
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One xfrm_user_tmpl: which SA protects the traffic. In tunnel mode the outer addresses;
     * in transport mode they stay empty (any).
     */
    public record Template(InetAddress source, InetAddress destination, int protocol, int reqid, boolean tunnel) {
        void encode(ByteBuffer b, int at) {
            XfrmSelector.putAddress(b, at, destination);
            b.put(at + 20, (byte) protocol);
            b.putShort(at + 24, (short) (source instanceof Inet4Address ? AF_INET : AF_INET6));
            XfrmSelector.putAddress(b, at + 28, source);
            b.putInt(at + 44, reqid);
            b.put(at + 48, (byte) (tunnel ? XFRM_MODE_TUNNEL : XFRM_MODE_TRANSPORT));
            // any algorithm: the SA decides (aalgos, ealgos, calgos all ones)
            b.putInt(at + 52, -1);
            b.putInt(at + 56, -1);
            b.putInt(at + 60, -1);
        }

        static Template decode(ByteBuffer b, int at) {
            int family = Short.toUnsignedInt(b.getShort(at + 24));
            boolean v4 = family != AF_INET6;
            return new Template(XfrmSelector.address(b, at + 28, v4), XfrmSelector.address(b, at, v4),
                    Byte.toUnsignedInt(b.get(at + 20)), b.getInt(at + 44), b.get(at + 48) == XFRM_MODE_TUNNEL);
        }
    }

    /** A tunnel-mode ESP policy with one template, at the selector's own priority. */
    public static XfrmPolicy tunnel(XfrmSelector selector, Direction direction, InetAddress outerSource,
                                    InetAddress outerDestination, int reqid) {
        return new XfrmPolicy(selector, direction, selector.priority(),
                List.of(new Template(outerSource, outerDestination, IPPROTO_ESP, reqid, true)));
    }

    /** XFRM_MSG_NEWPOLICY; EEXIST if the same selector and direction are there already. */
    NlMessageBuilder newPolicy() {
        NlMessageBuilder m = new NlMessageBuilder(XFRM_MSG_NEWPOLICY, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                "XFRM_MSG_NEWPOLICY " + this);
        ByteBuffer info = m.struct(SIZEOF_USERPOLICY_INFO);
        selector.encode(info, 0);
        // lifetime: no byte or packet limit (XFRM_INF), no expiry time
        for (int i = 0; i < 4; i++) {
            info.putLong(56 + 8 * i, INFINITE);
        }
        info.putInt(152, priority);
        info.put(160, (byte) direction.code);
        if (!templates.isEmpty()) {
            ByteBuffer t = m.attribute(XFRMA_TMPL, SIZEOF_USER_TMPL * templates.size());
            for (int i = 0; i < templates.size(); i++) {
                templates.get(i).encode(t, i * SIZEOF_USER_TMPL);
            }
        }
        return m;
    }

    /** XFRM_MSG_DELPOLICY by selector and direction (struct xfrm_userpolicy_id). */
    static NlMessageBuilder deletePolicy(XfrmSelector selector, Direction direction) {
        NlMessageBuilder m = new NlMessageBuilder(XFRM_MSG_DELPOLICY, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                "XFRM_MSG_DELPOLICY " + direction + " " + selector);
        ByteBuffer id = m.struct(SIZEOF_USERPOLICY_ID);
        selector.encode(id, 0);
        id.put(60, (byte) direction.code);
        return m;
    }

    /** A policy as the kernel reports it (XFRM_MSG_NEWPOLICY in a dump). */
    static XfrmPolicy decode(NlMessage m) {
        return decode(m.struct("struct xfrm_userpolicy_info", SIZEOF_USERPOLICY_INFO), m.attributes(SIZEOF_USERPOLICY_INFO));
    }

    /** From an xfrm_userpolicy_info (at least 168 bytes) and the message's attributes. */
    static XfrmPolicy decode(ByteBuffer info, Attributes attributes) {
        XfrmSelector selector = XfrmSelector.decode(info, 0);
        int priority = info.getInt(152);
        Direction direction = Direction.of(Byte.toUnsignedInt(info.get(160)));
        List<Template> templates = new ArrayList<>();
        for (ByteBuffer t : attributes.all(XFRMA_TMPL)) {
            if (t.remaining() % SIZEOF_USER_TMPL != 0) {
                throw new NetlinkException("malformed XFRMA_TMPL: " + t.remaining() + " bytes is not a multiple of "
                        + SIZEOF_USER_TMPL);
            }
            for (int at = 0; at < t.remaining(); at += SIZEOF_USER_TMPL) {
                templates.add(Template.decode(t, at));
            }
        }
        return new XfrmPolicy(selector, direction, priority, templates);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(direction).append(' ').append(selector).append(" priority ").append(priority);
        for (Template t : templates) {
            s.append(" tmpl ").append(XfrmSelector.text(t.source())).append(" -> ").append(XfrmSelector.text(t.destination()))
                    .append(t.protocol() == IPPROTO_ESP ? " esp" : " proto " + t.protocol()).append(" reqid ").append(t.reqid())
                    .append(t.tunnel() ? " tunnel" : " transport");
        }
        return s.toString();
    }
}

package org.ike4j.dataplane.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * rtnetlink (NETLINK_ROUTE, linux/rtnetlink.h and linux/if_link.h, linux/if_addr.h): what a TUN
 * device needs - the link up or down and its MTU, addresses, and routes through it.
 *
 * <pre>
 * struct ifinfomsg  { u8 family; u8 pad; u16 type; s32 index; u32 flags; u32 change; }   16 bytes
 * struct ifaddrmsg  { u8 family; u8 prefixlen; u8 flags; u8 scope; u32 index; }           8 bytes
 * struct rtmsg      { u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags; } 12 bytes
 * </pre>
 *
 * Links are named as {@code ip link} names them; the index is looked up with RTM_GETLINK and
 * IFLA_IFNAME, so the lookup happens in the socket's namespace (if_nametoindex would ask the
 * caller's).
 */
public final class Rtnetlink implements AutoCloseable {
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;

    static final int IFLA_MTU = 4;
    static final int IFLA_IFNAME = 3;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PREFSRC = 7;
    static final int RTA_TABLE = 15;

    static final int IFF_UP = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int RT_TABLE_MAIN = 254;
    static final int RTPROT_STATIC = 4;
    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RT_SCOPE_LINK = 253;
    static final int RT_SCOPE_NOWHERE = 255;
    static final int RTN_UNICAST = 1;

    private static final int IFINFOMSG = 16;
    private static final int IFADDRMSG = 8;
    private static final int RTMSG = 12;

    private final NetlinkSocket socket;

    public Rtnetlink(NetlinkSocket socket) {
        if (socket.protocol() != Netlink.NETLINK_ROUTE) {
            throw new IllegalArgumentException("rtnetlink needs a NETLINK_ROUTE socket, not "
                    + NetlinkSocket.protocolName(socket.protocol()));
        }
        this.socket = socket;
    }

    /** rtnetlink in this process's namespace. */
    public static Rtnetlink open() {
        return new Rtnetlink(NetlinkSocket.open(Netlink.NETLINK_ROUTE));
    }

    /** The interface index of a link, or a NetlinkException (ENODEV) naming it. */
    public int linkIndex(String name) {
        NlMessageBuilder m = new NlMessageBuilder(RTM_GETLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                "RTM_GETLINK " + name);
        m.struct(IFINFOMSG);
        m.string(IFLA_IFNAME, name);
        List<NlMessage> replies = socket.exchange(m);
        if (replies.isEmpty()) {
            throw new NetlinkException("RTM_GETLINK " + name + ": no such link");
        }
        return replies.getFirst().struct("struct ifinfomsg", IFINFOMSG).getInt(4);
    }

    /** The link's MTU as the kernel reports it. */
    public int mtu(String name) {
        NlMessageBuilder m = new NlMessageBuilder(RTM_GETLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                "RTM_GETLINK " + name);
        m.struct(IFINFOMSG);
        m.string(IFLA_IFNAME, name);
        NlMessage reply = socket.exchange(m).getFirst();
        return reply.attributes(IFINFOMSG).u32(IFLA_MTU, "IFLA_MTU")
                .orElseThrow(() -> new NetlinkException("RTM_GETLINK " + name + ": no IFLA_MTU in the answer"));
    }

    /** {@code ip link set NAME up|down}. */
    public void setLinkUp(String name, boolean up) {
        int index = linkIndex(name);
        NlMessageBuilder m = new NlMessageBuilder(RTM_NEWLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                "RTM_NEWLINK " + name + (up ? " up" : " down"));
        ByteBuffer ifi = m.struct(IFINFOMSG);
        ifi.putInt(4, index);
        ifi.putInt(8, up ? IFF_UP : 0);
        ifi.putInt(12, IFF_UP);    // change: only the UP flag
        socket.execute(m);
    }

    /** {@code ip link set NAME mtu MTU}. */
    public void setMtu(String name, int mtu) {
        int index = linkIndex(name);
        NlMessageBuilder m = new NlMessageBuilder(RTM_NEWLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                "RTM_NEWLINK " + name + " mtu " + mtu);
        m.struct(IFINFOMSG).putInt(4, index);
        m.u32(IFLA_MTU, mtu);
        socket.execute(m);
    }

    /** {@code ip link set dev NAME mtu MTU up}. */
    public void up(String name, int mtu) {
        setMtu(name, mtu);
        setLinkUp(name, true);
    }

    /** {@code ip addr replace ADDRESS/PREFIX dev NAME}: adds, or keeps the one that is there. */
    public void replaceAddress(String name, InetAddress address, int prefix) {
        address(RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE, "replace", name, address, prefix);
    }

    /** {@code ip addr add ADDRESS/PREFIX dev NAME}. */
    public void addAddress(String name, InetAddress address, int prefix) {
        address(RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, "add", name, address, prefix);
    }

    /** {@code ip addr del ADDRESS/PREFIX dev NAME}. */
    public void deleteAddress(String name, InetAddress address, int prefix) {
        address(RTM_DELADDR, 0, "delete", name, address, prefix);
    }

    private void address(int type, int flags, String verb, String name, InetAddress address, int prefix) {
        checkPrefix(address, prefix);
        int index = linkIndex(name);
        NlMessageBuilder m = new NlMessageBuilder(type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | flags,
                (type == RTM_NEWADDR ? "RTM_NEWADDR " : "RTM_DELADDR ") + verb + " " + address.getHostAddress() + "/"
                        + prefix + " on " + name);
        ByteBuffer ifa = m.struct(IFADDRMSG);
        ifa.put(0, (byte) family(address));
        ifa.put(1, (byte) prefix);
        ifa.putInt(4, index);
        m.address(IFA_LOCAL, address);
        m.address(IFA_ADDRESS, address);
        socket.execute(m);
    }

    /** {@code ip route add DESTINATION/PREFIX dev NAME [src SOURCE]} in the main table. */
    public void addRoute(InetAddress destination, int prefix, String name, InetAddress source) {
        route(RTM_NEWROUTE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, destination, prefix, null, name, source);
    }

    /** {@code ip route replace DESTINATION/PREFIX [via GATEWAY] dev NAME [src SOURCE]}: adds or overwrites. */
    public void replaceRoute(InetAddress destination, int prefix, InetAddress gateway, String name, InetAddress source) {
        route(RTM_NEWROUTE, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE, destination, prefix, gateway, name, source);
    }

    /** {@code ip route del DESTINATION/PREFIX [dev NAME]}: with a null name, whatever device it goes through. */
    public void deleteRoute(InetAddress destination, int prefix, String name) {
        route(RTM_DELROUTE, 0, destination, prefix, null, name, null);
    }

    /** Like {@link #deleteRoute}, but a route (or device) already gone is not an error: true if one was removed. */
    public boolean deleteRouteIfPresent(InetAddress destination, int prefix, String name) {
        try {
            deleteRoute(destination, prefix, name);
            return true;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ESRCH || e.errno() == Errno.ENOENT || e.errno() == Errno.ENODEV
                    || e.getMessage().contains("no such link")) {
                return false;
            }
            throw e;
        }
    }

    private void route(int type, int flags, InetAddress destination, int prefix, InetAddress gateway, String name,
                       InetAddress source) {
        checkPrefix(destination, prefix);
        if (name == null && type == RTM_NEWROUTE) {
            throw new IllegalArgumentException("a route needs a device");
        }
        int index = name == null ? 0 : linkIndex(name);
        String what = (type == RTM_NEWROUTE ? "RTM_NEWROUTE " : "RTM_DELROUTE ") + destination.getHostAddress() + "/"
                + prefix + (gateway == null ? "" : " via " + gateway.getHostAddress()) + (name == null ? "" : " dev " + name)
                + (source == null ? "" : " src " + source.getHostAddress());
        NlMessageBuilder m = new NlMessageBuilder(type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | flags, what);
        ByteBuffer rt = m.struct(RTMSG);
        rt.put(0, (byte) family(destination));
        rt.put(1, (byte) prefix);
        rt.put(4, (byte) RT_TABLE_MAIN);
        if (type == RTM_DELROUTE) {
            // a delete matches any protocol, scope (RT_SCOPE_NOWHERE) and type
            rt.put(6, (byte) RT_SCOPE_NOWHERE);
        } else {
            rt.put(5, (byte) RTPROT_STATIC);
            // through a device only: on the link; through a gateway: universe
            rt.put(6, (byte) (gateway == null ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE));
            rt.put(7, (byte) RTN_UNICAST);
        }
        m.address(RTA_DST, destination);
        if (gateway != null) {
            m.address(RTA_GATEWAY, gateway);
        }
        if (name != null) {
            m.u32(RTA_OIF, index);
        }
        if (source != null) {
            m.address(RTA_PREFSRC, source);
        }
        socket.execute(m);
    }

    /** Where the kernel would send a packet: {@code ip route get ADDRESS}. */
    public record RouteLookup(InetAddress destination, Optional<InetAddress> gateway, String device,
                              Optional<InetAddress> source) {
    }

    /** {@code ip route get ADDRESS}: the gateway (if any), the device and the preferred source. */
    public RouteLookup routeGet(InetAddress destination) {
        NlMessageBuilder m = new NlMessageBuilder(RTM_GETROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                "RTM_GETROUTE " + destination.getHostAddress());
        ByteBuffer rt = m.struct(RTMSG);
        rt.put(0, (byte) family(destination));
        rt.put(1, (byte) (destination.getAddress().length * 8));
        m.address(RTA_DST, destination);
        List<NlMessage> replies = socket.exchange(m);
        NlMessage reply = replies.stream().filter(r -> r.type() == RTM_NEWROUTE).findFirst()
                .orElseThrow(() -> new NetlinkException("RTM_GETROUTE " + destination.getHostAddress() + ": no route in the answer"));
        Attributes a = reply.attributes(RTMSG);
        int oif = a.u32(RTA_OIF, "RTA_OIF").orElseThrow(
                () -> new NetlinkException("RTM_GETROUTE " + destination.getHostAddress() + ": no RTA_OIF in the answer"));
        return new RouteLookup(destination, a.address(RTA_GATEWAY, "RTA_GATEWAY"), linkName(oif),
                a.address(RTA_PREFSRC, "RTA_PREFSRC"));
    }

    /** The name of the link with this index. */
    public String linkName(int index) {
        NlMessageBuilder m = new NlMessageBuilder(RTM_GETLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                "RTM_GETLINK index " + index);
        m.struct(IFINFOMSG).putInt(4, index);
        NlMessage reply = socket.exchange(m).stream().findFirst()
                .orElseThrow(() -> new NetlinkException("RTM_GETLINK index " + index + ": no such link"));
        return reply.attributes(IFINFOMSG).string(IFLA_IFNAME)
                .orElseThrow(() -> new NetlinkException("RTM_GETLINK index " + index + ": no IFLA_IFNAME in the answer"));
    }

    private static int family(InetAddress a) {
        return a instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    private static void checkPrefix(InetAddress a, int prefix) {
        int bits = a.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " for " + a.getHostAddress());
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}

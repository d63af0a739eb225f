package org.ike4j.dataplane.xfrm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import org.ike4j.config.TrafficSelector;
import org.ike4j.dataplane.netlink.NetlinkException;
import org.ike4j.dataplane.netlink.NlMessageBuilder;

/**
 * struct xfrm_selector: which packets a policy (or SA) applies to - a source and a destination
 * prefix, an IP protocol and ports with masks.
 *
 * <pre>
 * 0  daddr (16)   16 saddr (16)   32 dport, dport_mask, sport, sport_mask (be16 each)
 * 40 family (u16) 42 prefixlen_d  43 prefixlen_s  44 proto  48 ifindex (s32)  52 user   = 56 bytes
 * </pre>
 *
 * A port of 0 with mask 0 means any port; a single port has mask 0xffff.
 */
public record XfrmSelector(InetAddress source, int sourcePrefix, InetAddress destination, int destinationPrefix,
                           int protocol, int sourcePort, int sourcePortMask, int destinationPort,
                           int destinationPortMask) {

    public XfrmSelector {
        if (source.getAddress().length != destination.getAddress().length) {
            throw new IllegalArgumentException("selector families differ: " + source + " " + destination);
        }
        int bits = source.getAddress().length * 8;
        if (sourcePrefix < 0 || sourcePrefix > bits || destinationPrefix < 0 || destinationPrefix > bits) {
            throw new IllegalArgumentException("selector prefix /" + sourcePrefix + " /" + destinationPrefix);
        }
    }

    public static XfrmSelector of(InetAddress source, int sourcePrefix, InetAddress destination, int destinationPrefix) {
        return new XfrmSelector(source, sourcePrefix, destination, destinationPrefix, 0, 0, 0, 0, 0);
    }

    /**
     * The selector for packets from {@code source} to {@code destination} traffic selectors. The
     * kernel matches prefixes and masked ports only, so a range that is not one CIDR block, or a
     * port range that is not one aligned block, cannot be expressed and throws.
     */
    public static XfrmSelector of(TrafficSelector source, TrafficSelector destination) {
        int sp = prefix(source);
        int dp = prefix(destination);
        if (source.from().getAddress().length != destination.from().getAddress().length) {
            throw new IllegalArgumentException("traffic selectors of different families: " + source + " " + destination);
        }
        int protocol = source.protocol() != 0 ? source.protocol() : destination.protocol();
        int[] sport = portMask(source);
        int[] dport = portMask(destination);
        return new XfrmSelector(source.from(), sp, destination.from(), dp, protocol, sport[0], sport[1], dport[0], dport[1]);
    }

    private static int prefix(TrafficSelector ts) {
        int p = ts.prefixLength();
        if (p < 0) {
            throw new IllegalArgumentException("the kernel's selectors take prefixes: " + ts + " is not one subnet");
        }
        return p;
    }

    private static int[] portMask(TrafficSelector ts) {
        if (ts.anyPort()) {
            return new int[] {0, 0};
        }
        int size = ts.portTo() - ts.portFrom() + 1;
        if (Integer.bitCount(size) != 1 || ts.portFrom() % size != 0) {
            throw new IllegalArgumentException("the kernel's selectors take a port and a mask: ports "
                    + ts.portFrom() + "-" + ts.portTo() + " of " + ts + " are not one aligned block");
        }
        return new int[] {ts.portFrom(), 0xffff & ~(size - 1)};
    }

    public int family() {
        return source instanceof Inet4Address ? XfrmConstants.AF_INET : XfrmConstants.AF_INET6;
    }

    void encode(ByteBuffer b, int at) {
        putAddress(b, at, destination);
        putAddress(b, at + 16, source);
        NlMessageBuilder.putBe16(b, at + 32, destinationPort);
        NlMessageBuilder.putBe16(b, at + 34, destinationPortMask);
        NlMessageBuilder.putBe16(b, at + 36, sourcePort);
        NlMessageBuilder.putBe16(b, at + 38, sourcePortMask);
        b.putShort(at + 40, (short) family());
        b.put(at + 42, (byte) destinationPrefix);
        b.put(at + 43, (byte) sourcePrefix);
        b.put(at + 44, (byte) protocol);
    }

    static XfrmSelector decode(ByteBuffer b, int at) {
        int family = Short.toUnsignedInt(b.getShort(at + 40));
        if (family != XfrmConstants.AF_INET && family != XfrmConstants.AF_INET6 && family != 0) {
            throw new NetlinkException("malformed xfrm_selector: family " + family);
        }
        boolean v4 = family != XfrmConstants.AF_INET6;
        int dp = Byte.toUnsignedInt(b.get(at + 42));
        int sp = Byte.toUnsignedInt(b.get(at + 43));
        if (dp > (v4 ? 32 : 128) || sp > (v4 ? 32 : 128)) {
            throw new NetlinkException("malformed xfrm_selector: prefix /" + sp + " /" + dp);
        }
        return new XfrmSelector(address(b, at + 16, v4), sp, address(b, at, v4), dp, Byte.toUnsignedInt(b.get(at + 44)),
                be16(b, at + 36), be16(b, at + 38), be16(b, at + 32), be16(b, at + 34));
    }

    static void putAddress(ByteBuffer b, int at, InetAddress a) {
        b.put(at, a.getAddress());
    }

    static InetAddress address(ByteBuffer b, int at, boolean v4) {
        byte[] a = new byte[v4 ? 4 : 16];
        b.get(at, a);
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static int be16(ByteBuffer b, int at) {
        return (Byte.toUnsignedInt(b.get(at)) << 8) | Byte.toUnsignedInt(b.get(at + 1));
    }

    static int be32(ByteBuffer b, int at) {
        return (be16(b, at) << 16) | be16(b, at + 2);
    }

    /**
     * A priority in the spirit of strongSwan's: the more specific the selector, the lower the
     * number, so the kernel (which picks the lowest) prefers it. Each prefix bit is worth 512,
     * a protocol 256 and each port 128, below a base that keeps IPv6's /128 to /128 positive.
     */
    public int priority() {
        int p = 200_000 - 512 * (sourcePrefix + destinationPrefix);
        if (protocol != 0) {
            p -= 256;
        }
        if (sourcePortMask != 0) {
            p -= 128;
        }
        if (destinationPortMask != 0) {
            p -= 128;
        }
        return p;
    }

    /** An address as ip(8) prints it: IPv6 in the short form of RFC 5952 ({@code 2001:db8::1}). */
    public static String text(InetAddress a) {
        return org.ike4j.wire.InetText.of(a);
    }

    @Override
    public String toString() {
        String s = text(source) + "/" + sourcePrefix + " -> " + text(destination) + "/" + destinationPrefix;
        if (protocol != 0) {
            s += " proto " + protocol;
        }
        if (sourcePortMask != 0) {
            s += " sport " + sourcePort;
        }
        if (destinationPortMask != 0) {
            s += " dport " + destinationPort;
        }
        return s;
    }
}

package org.ike4j.dataplane.userspace;

import java.util.List;
import org.ike4j.config.TrafficSelector;

/**
 * Traffic selectors (RFC 4301 section 4.4.1.1; RFC 7296 section 3.13.1) prepared for matching IP
 * packets in a buffer without allocation: address ranges as raw bytes, protocol and ports.
 * Matching reads the IPv4 or IPv6 header (the ports from a TCP, UDP, SCTP or UDP-Lite header
 * right after it; IPv6 extension headers are not walked, so a port-specific selector never
 * matches a packet that has them).
 */
final class PacketSelector {
    private final byte[] from;
    private final byte[] to;
    private final int protocol;
    private final int portFrom;
    private final int portTo;
    /** An IPv4 range as two numbers, compared unsigned: one comparison each instead of a byte loop. */
    private final int from4;
    private final int to4;

    private PacketSelector(TrafficSelector ts) {
        this.from = ts.from().getAddress();
        this.to = ts.to().getAddress();
        this.from4 = from.length == 4 ? int32(from, 0) : 0;
        this.to4 = to.length == 4 ? int32(to, 0) : 0;
        this.protocol = ts.protocol();
        this.portFrom = ts.portFrom();
        this.portTo = ts.portTo();
    }

    static PacketSelector[] of(List<TrafficSelector> selectors) {
        return selectors.stream().map(PacketSelector::new).toArray(PacketSelector[]::new);
    }

    /** Whether any of {@code selectors} matches the packet's source ({@code source}) or destination. */
    static boolean any(PacketSelector[] selectors, byte[] p, int off, int len, boolean source) {
        for (PacketSelector s : selectors) {
            if (s.matches(p, off, len, source)) {
                return true;
            }
        }
        return false;
    }

    boolean matches(byte[] p, int off, int len, boolean source) {
        if (len < 20) {
            return false;
        }
        int version = (p[off] & 0xF0) >>> 4;
        int addressOffset;
        int proto;
        int l4;
        if (version == 4 && from.length == 4) {
            addressOffset = off + (source ? 12 : 16);
            proto = p[off + 9] & 0xFF;
            l4 = off + (p[off] & 0x0F) * 4;
        } else if (version == 6 && from.length == 16 && len >= 40) {
            addressOffset = off + (source ? 8 : 24);
            proto = p[off + 6] & 0xFF;
            l4 = off + 40;
        } else {
            return false;
        }
        if (!inRange(p, addressOffset)) {
            return false;
        }
        if (protocol != 0 && proto != protocol) {
            return false;
        }
        if (portFrom == 0 && portTo == 65535) {
            return true;
        }
        if ((proto != 6 && proto != 17 && proto != 132 && proto != 136) || l4 + 4 > off + len) {
            return false;
        }
        int port = ((p[l4 + (source ? 0 : 2)] & 0xFF) << 8) | (p[l4 + (source ? 1 : 3)] & 0xFF);
        return port >= portFrom && port <= portTo;
    }

    private boolean inRange(byte[] p, int at) {
        if (from.length == 4) {
            int a = int32(p, at);
            return Integer.compareUnsigned(a, from4) >= 0 && Integer.compareUnsigned(a, to4) <= 0;
        }
        return compare(p, at, from) >= 0 && compare(p, at, to) <= 0;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static int compare(byte[] p, int at, byte[] bound) {
        for (int i = 0; i < bound.length; i++) {
            int d = (p[at + i] & 0xFF) - (bound[i] & 0xFF);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }
}

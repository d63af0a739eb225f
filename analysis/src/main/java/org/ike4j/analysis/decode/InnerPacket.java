package org.ike4j.analysis.decode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A one-line summary of the packet an ESP packet carried: IP version, addresses, protocol and
 * length, then ICMP type, identifier and sequence number (RFC 792, RFC 4443) or TCP/UDP ports.
 * Every length is checked against the bytes there are; a short packet says so.
 */
final class InnerPacket {
    private InnerPacket() {
    }

    /**
     * @param buf the decrypted ESP payload in {@code buf[offset, offset + length)}
     * @param nextHeader ESP's next header: 4 (IPv4) or 41 (IPv6) in tunnel mode, else the transport protocol
     */
    static String summary(byte[] buf, int offset, int length, int nextHeader) {
        if (nextHeader != 4 && nextHeader != 41) {
            return "transport-mode payload, protocol " + nextHeader + ", " + length + " bytes"
                    + transport(nextHeader, buf, offset, length, false);
        }
        if (length < 1) {
            return "empty inner packet";
        }
        int version = (buf[offset] & 0xFF) >>> 4;
        if (version == 4) {
            int ihl = (buf[offset] & 0x0F) * 4;
            if (length < 20 || ihl < 20 || ihl > length) {
                return "IPv4 packet cut short: " + length + " bytes";
            }
            int total = u16(buf, offset + 2);
            int proto = buf[offset + 9] & 0xFF;
            String src = address(buf, offset + 12, 4);
            String dst = address(buf, offset + 16, 4);
            return "IPv4 " + src + " -> " + dst + " " + protocolName(proto) + " length " + total
                    + (total > length ? " (only " + length + " bytes there)" : "")
                    + transport(proto, buf, offset + ihl, Math.min(total, length) - ihl, false);
        }
        if (version == 6) {
            if (length < 40) {
                return "IPv6 packet cut short: " + length + " bytes";
            }
            int payload = u16(buf, offset + 4);
            int proto = buf[offset + 6] & 0xFF;
            String src = address(buf, offset + 8, 16);
            String dst = address(buf, offset + 24, 16);
            return "IPv6 " + src + " -> " + dst + " " + protocolName(proto) + " length " + (40 + payload)
                    + transport(proto, buf, offset + 40, Math.min(payload, length - 40), true);
        }
        return "not an IP packet (version " + version + "), " + length + " bytes";
    }

    private static String transport(int proto, byte[] b, int at, int length, boolean v6) {
        return switch (proto) {
            case 1, 58 -> length < 8 ? " (ICMP header cut short)" : String.format(" type %d code %d%s",
                    b[at] & 0xFF, b[at + 1] & 0xFF, echo(b[at] & 0xFF, proto)
                            ? " id 0x" + String.format("%04x", u16(b, at + 4)) + " seq " + u16(b, at + 6) : "");
            case 6, 17 -> length < 4 ? " (ports cut short)"
                    : " port " + u16(b, at) + " -> " + u16(b, at + 2);
            default -> "";
        };
    }

    /** Echo request and reply carry an identifier and sequence number. */
    private static boolean echo(int type, int proto) {
        return proto == 1 ? type == 8 || type == 0 : type == 128 || type == 129;
    }

    private static String protocolName(int proto) {
        return switch (proto) {
            case 1 -> "ICMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 58 -> "ICMPv6";
            case 50 -> "ESP";
            default -> "protocol " + proto;
        };
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static String address(byte[] b, int at, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, at, at + length)).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);   // 4 or 16 bytes
        }
    }
}

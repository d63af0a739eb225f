package org.ike4j.analysis.decode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The packet an ESP packet carried, as far as a summary needs it: IP version, addresses, protocol
 * and length, then ICMP type, code, identifier and sequence number (RFC 792, RFC 4443) or TCP/UDP
 * ports. Every length is checked against the bytes there are; a short packet says so.
 *
 * @param version 4 or 6; 0 when not an IP packet (transport mode, or garbage)
 * @param source inner source address, empty when unknown
 * @param destination inner destination address, empty when unknown
 * @param protocol the inner protocol (ESP's next header in transport mode), -1 when unknown
 * @param length the inner IP packet's length by its header
 * @param icmpType ICMP or ICMPv6 type, -1 when not ICMP
 * @param icmpCode ICMP code, -1 when not ICMP
 * @param icmpId echo identifier, -1 when not an echo
 * @param icmpSeq echo sequence number, -1 when not an echo
 * @param sourcePort TCP/UDP source port, -1 when neither
 * @param destinationPort TCP/UDP destination port, -1 when neither
 * @param summary the whole as one line
 */
public record InnerPacket(int version, String source, String destination, int protocol, int length, int icmpType,
        int icmpCode, int icmpId, int icmpSeq, int sourcePort, int destinationPort, String summary) {

    /**
     * @param buf the decrypted ESP payload in {@code buf[offset, offset + length)}
     * @param nextHeader ESP's next header: 4 (IPv4) or 41 (IPv6) in tunnel mode, else the transport protocol
     */
    static InnerPacket parse(byte[] buf, int offset, int length, int nextHeader) {
        if (nextHeader != 4 && nextHeader != 41) {
            return transport(0, "", "", nextHeader, length, buf, offset, length,
                    "transport-mode payload, protocol " + nextHeader + ", " + length + " bytes");
        }
        if (length < 1) {
            return other("empty inner packet");
        }
        int version = (buf[offset] & 0xFF) >>> 4;
        if (version == 4) {
            int ihl = (buf[offset] & 0x0F) * 4;
            if (length < 20 || ihl < 20 || ihl > length) {
                return other("IPv4 packet cut short: " + length + " bytes");
            }
            int total = u16(buf, offset + 2);
            int proto = buf[offset + 9] & 0xFF;
            String src = address(buf, offset + 12, 4);
            String dst = address(buf, offset + 16, 4);
            return transport(4, src, dst, proto, total, buf, offset + ihl, Math.min(total, length) - ihl,
                    "IPv4 " + src + " -> " + dst + " " + protocolName(proto) + " length " + total
                    + (total > length ? " (only " + length + " bytes there)" : ""));
        }
        if (version == 6) {
            if (length < 40) {
                return other("IPv6 packet cut short: " + length + " bytes");
            }
            int payload = u16(buf, offset + 4);
            int proto = buf[offset + 6] & 0xFF;
            String src = address(buf, offset + 8, 16);
            String dst = address(buf, offset + 24, 16);
            return transport(6, src, dst, proto, 40 + payload, buf, offset + 40, Math.min(payload, length - 40),
                    "IPv6 " + src + " -> " + dst + " " + protocolName(proto) + " length " + (40 + payload));
        }
        return other("not an IP packet (version " + version + "), " + length + " bytes");
    }

    private static InnerPacket other(String summary) {
        return new InnerPacket(0, "", "", -1, -1, -1, -1, -1, -1, -1, -1, summary);
    }

    private static InnerPacket transport(int version, String src, String dst, int proto, int total, byte[] b, int at,
            int length, String head) {
        if (proto == 1 || proto == 58) {
            if (length < 8) {
                return new InnerPacket(version, src, dst, proto, total, -1, -1, -1, -1, -1, -1,
                        head + " (ICMP header cut short)");
            }
            int type = b[at] & 0xFF;
            int code = b[at + 1] & 0xFF;
            boolean echo = proto == 1 ? type == 8 || type == 0 : type == 128 || type == 129;
            int id = echo ? u16(b, at + 4) : -1;
            int seq = echo ? u16(b, at + 6) : -1;
            return new InnerPacket(version, src, dst, proto, total, type, code, id, seq, -1, -1, head + " type " + type
                    + " code " + code + (echo ? String.format(" id 0x%04x seq %d", id, seq) : ""));
        }
        if (proto == 6 || proto == 17) {
            if (length < 4) {
                return new InnerPacket(version, src, dst, proto, total, -1, -1, -1, -1, -1, -1,
                        head + " (ports cut short)");
            }
            int sp = u16(b, at);
            int dp = u16(b, at + 2);
            return new InnerPacket(version, src, dst, proto, total, -1, -1, -1, -1, sp, dp,
                    head + " port " + sp + " -> " + dp);
        }
        return new InnerPacket(version, src, dst, proto, total, -1, -1, -1, -1, -1, -1, head);
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

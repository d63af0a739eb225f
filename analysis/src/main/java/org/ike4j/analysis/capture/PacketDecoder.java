package org.ike4j.analysis.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.ike4j.analysis.capture.CaptureRecord.EspPacket;
import org.ike4j.analysis.capture.CaptureRecord.IkeDatagram;
import org.ike4j.analysis.capture.CaptureRecord.NatKeepalive;
import org.ike4j.analysis.capture.CaptureRecord.OtherTraffic;
import org.ike4j.analysis.capture.CaptureRecord.Undecodable;
import org.ike4j.wire.Bytes;

/**
 * Peels one frame down to IKE or ESP: link layer, IPv4 or IPv6 (extension headers skipped), then
 * UDP 500, UDP 4500 (non-ESP marker, ESP in UDP, NAT-keepalive; RFC 3948 section 2) or IP protocol
 * 50 (RFC 4303). IP fragments are reassembled ({@link IpFragments}).
 */
final class PacketDecoder {

    /** LINKTYPE_ values (tcpdump.org link-layer header types). */
    static final int NULL = 0;
    static final int ETHERNET = 1;
    static final int RAW = 101;
    static final int LOOP = 108;
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    static final int IKE_PORT = 500;
    static final int NAT_T_PORT = 4500;

    private final IkePorts ports;
    /** Fragments held until their datagram is whole; one reader's state. */
    private final IpFragments fragments = new IpFragments();
    /**
     * The IPv4 addresses read last, by value (direct-mapped): a capture repeats a few addresses,
     * and a new {@code InetAddress} per packet was two objects and a copy each time.
     */
    private final int[] ipv4Values = new int[64];
    private final InetAddress[] ipv4Addresses = new InetAddress[64];

    PacketDecoder(IkePorts ports) {
        this.ports = ports;
    }

    /** One frame alone, with the standard ports (no fragments held from other frames). */
    static CaptureRecord decode(Frame frame) {
        return new PacketDecoder(IkePorts.STANDARD).read(frame);
    }

    /** A frame read with this decoder's ports. */
    CaptureRecord read(Frame frame) {
        byte[] d = frame.data();
        long n = frame.number();
        try {
            return switch (frame.linkType()) {
                case ETHERNET -> ethernet(frame, d);
                case RAW -> ip(frame, d, 0);
                case IPV4, IPV6 -> ip(frame, d, 0);
                case NULL, LOOP -> loopback(frame, d);
                case LINUX_SLL -> etherType(frame, d, 14, 16);
                case LINUX_SLL2 -> etherType(frame, d, 0, 20);
                default -> new Undecodable(n, "link type " + frame.linkType() + " is not supported (Ethernet, raw IP,"
                        + " Linux cooked SLL/SLL2 and loopback are)");
            };
        } catch (ArrayIndexOutOfBoundsException e) {
            return new Undecodable(n, "frame too short for its headers (" + d.length + " bytes captured)");
        }
    }

    private CaptureRecord ethernet(Frame frame, byte[] d) {
        int at = 12;
        int type = u16(d, at);
        // 802.1Q and 802.1ad tags: skip them to the inner EtherType
        while (type == 0x8100 || type == 0x88A8) {
            at += 4;
            type = u16(d, at);
        }
        return byEtherType(frame, d, type, at + 2);
    }

    private CaptureRecord etherType(Frame frame, byte[] d, int typeAt, int payloadAt) {
        return byEtherType(frame, d, u16(d, typeAt), payloadAt);
    }

    private CaptureRecord byEtherType(Frame frame, byte[] d, int type, int at) {
        return switch (type) {
            case 0x0800, 0x86DD -> ip(frame, d, at);
            default -> new OtherTraffic(frame.number(), String.format("EtherType 0x%04x", type));
        };
    }

    private CaptureRecord loopback(Frame frame, byte[] d) {
        // the address family is in the capturing host's byte order (LINKTYPE_NULL) or big-endian (LOOP)
        int be = FrameReader.be32(d, 0);
        int le = FrameReader.le32(d, 0);
        int family = (be & 0xFFFF0000) == 0 ? be : le;
        return switch (family) {
            case 2, 24, 28, 30 -> ip(frame, d, 4);
            default -> new OtherTraffic(frame.number(), "loopback address family " + family);
        };
    }

    private CaptureRecord ip(Frame frame, byte[] d, int at) {
        int version = (d[at] & 0xFF) >> 4;
        return switch (version) {
            case 4 -> ipv4(frame, d, at);
            case 6 -> ipv6(frame, d, at);
            default -> new Undecodable(frame.number(), "IP version " + version + " at byte " + at);
        };
    }

    private CaptureRecord ipv4(Frame frame, byte[] d, int at) {
        int headerLength = (d[at] & 0x0F) * 4;
        if (headerLength < 20) {
            return new Undecodable(frame.number(), "IPv4 header length " + headerLength);
        }
        int total = u16(d, at + 2);
        int flagsOffset = u16(d, at + 6);
        int protocol = d[at + 9] & 0xFF;
        InetAddress src = ipv4Address(d, at + 12);
        InetAddress dst = ipv4Address(d, at + 16);
        boolean more = (flagsOffset & 0x2000) != 0;
        int fragmentOffset = (flagsOffset & 0x1FFF) * 8;
        if (more || fragmentOffset != 0) {
            String what = String.format("IPv4 fragment %s -> %s (id 0x%04x, offset %d%s)", src.getHostAddress(),
                    dst.getHostAddress(), u16(d, at + 4), fragmentOffset, more ? ", more follow" : ", last");
            int fragmentEnd = Math.min(at + Math.max(total, headerLength), d.length);
            if (total < headerLength || at + total > d.length) {
                return new Undecodable(frame.number(), what + ": cut short (" + (d.length - at) + " of " + total
                        + " bytes captured)");
            }
            return reassembled(frame, what, fragments.add(new IpFragments.Key(4, src, dst, u16(d, at + 4), protocol),
                    fragmentOffset, more, d, at + headerLength, fragmentEnd, protocol), src, dst);
        }
        int end = Math.min(at + Math.max(total, headerLength), d.length);
        return transport(frame, d, at + headerLength, end, protocol, src, dst);
    }

    private CaptureRecord ipv6(Frame frame, byte[] d, int at) {
        int payloadLength = u16(d, at + 4);
        int next = d[at + 6] & 0xFF;
        InetAddress src = address(d, at + 8, 16);
        InetAddress dst = address(d, at + 24, 16);
        int pos = at + 40;
        int end = Math.min(pos + payloadLength, d.length);
        // RFC 8200 section 4: walk the extension headers to the upper layer
        while (true) {
            switch (next) {
                case 0, 43, 60 -> {   // hop-by-hop, routing, destination options
                    int length = ((d[pos + 1] & 0xFF) + 1) * 8;
                    next = d[pos] & 0xFF;
                    pos += length;
                }
                case 51 -> {   // AH (RFC 4302 section 2.2): length in 4-byte units minus 2
                    int length = ((d[pos + 1] & 0xFF) + 2) * 4;
                    next = d[pos] & 0xFF;
                    pos += length;
                }
                case 44 -> {   // fragment header (RFC 8200 section 4.5)
                    int offsetFlags = u16(d, pos + 2);
                    long id = FrameReader.be32(d, pos + 4);
                    boolean more = (offsetFlags & 1) != 0;
                    String what = String.format("IPv6 fragment %s -> %s (id 0x%08x, offset %d%s)",
                            src.getHostAddress(), dst.getHostAddress(), id, (offsetFlags & 0xFFF8),
                            more ? ", more follow" : ", last");
                    if (pos + 8 > end || at + 40 + payloadLength > d.length) {
                        return new Undecodable(frame.number(), what + ": cut short");
                    }
                    return reassembled(frame, what, fragments.add(new IpFragments.Key(6, src, dst, id, -1),
                            offsetFlags & 0xFFF8, more, d, pos + 8, end, d[pos] & 0xFF), src, dst);
                }
                default -> {
                    return transport(frame, d, pos, end, next, src, dst);
                }
            }
            if (pos > end) {
                return new Undecodable(frame.number(), "IPv6 extension headers run past the packet");
            }
        }
    }

    /** A fragment's outcome: held, refused, or the whole datagram's upper layer read at this frame. */
    private CaptureRecord reassembled(Frame frame, String what, IpFragments.Outcome outcome, InetAddress src,
            InetAddress dst) {
        return switch (outcome) {
            case IpFragments.Held h -> new OtherTraffic(frame.number(), what + ": " + h.note());
            case IpFragments.Refused r -> new Undecodable(frame.number(), what + ": " + r.reason());
            case IpFragments.Complete c -> transport(frame, c.payload(), 0, c.payload().length, c.protocol(), src,
                    dst);
        };
    }

    private CaptureRecord transport(Frame frame, byte[] d, int at, int end, int protocol, InetAddress src,
            InetAddress dst) {
        return switch (protocol) {
            case 17 -> udp(frame, d, at, end, src, dst);
            case 50 -> esp(frame, d, at, end, src, dst, false);
            default -> new OtherTraffic(frame.number(), "IP protocol " + protocol + " " + src.getHostAddress()
                    + " -> " + dst.getHostAddress());
        };
    }

    private CaptureRecord udp(Frame frame, byte[] d, int at, int end, InetAddress src, InetAddress dst) {
        long n = frame.number();
        int srcPort = u16(d, at);
        int dstPort = u16(d, at + 2);
        int length = u16(d, at + 4);
        if (length < 8) {
            return new Undecodable(n, "UDP length " + length);
        }
        if (at + length > d.length) {
            return new Undecodable(n, "UDP datagram " + srcPort + " -> " + dstPort + " cut short: " + (length - 8)
                    + " bytes of payload, " + Math.max(0, d.length - at - 8) + " captured (snap length?)");
        }
        byte[] payload = Arrays.copyOfRange(d, at + 8, at + length);
        boolean ike = ports.isIke(srcPort) || ports.isIke(dstPort);
        boolean natT = ports.isNatT(srcPort) || ports.isNatT(dstPort);
        if (natT && !ike) {
            if (payload.length == 1 && (payload[0] & 0xFF) == 0xFF) {
                return new NatKeepalive(n, frame.time(), src, dst);
            }
            if (payload.length >= 4 && FrameReader.be32(payload, 0) == 0) {
                return new IkeDatagram(n, frame.time(), src, dst, srcPort, dstPort, true,
                        Bytes.wrap(Arrays.copyOfRange(payload, 4, payload.length)));
            }
            return esp(frame, payload, 0, payload.length, src, dst, true);
        }
        if (ike) {
            return new IkeDatagram(n, frame.time(), src, dst, srcPort, dstPort, false, Bytes.wrap(payload));
        }
        return new OtherTraffic(n, "UDP " + src.getHostAddress() + ":" + srcPort + " -> " + dst.getHostAddress() + ":"
                + dstPort);
    }

    private static CaptureRecord esp(Frame frame, byte[] d, int at, int end, InetAddress src, InetAddress dst,
            boolean udpEncap) {
        if (end - at < 8) {
            return new Undecodable(frame.number(), "ESP packet of " + (end - at) + " bytes, shorter than SPI and"
                    + " sequence number");
        }
        long spi = FrameReader.be32(d, at) & 0xFFFFFFFFL;
        long seq = FrameReader.be32(d, at + 4) & 0xFFFFFFFFL;
        return new EspPacket(frame.number(), frame.time(), src, dst, udpEncap, spi, seq,
                Bytes.wrap(Arrays.copyOfRange(d, at, end)));
    }

    private InetAddress ipv4Address(byte[] d, int at) {
        int value = FrameReader.be32(d, at);
        int slot = (value ^ value >>> 8 ^ value >>> 16 ^ value >>> 24) & (ipv4Addresses.length - 1);
        InetAddress a = ipv4Addresses[slot];
        if (a == null || ipv4Values[slot] != value) {
            a = address(d, at, 4);
            ipv4Values[slot] = value;
            ipv4Addresses[slot] = a;
        }
        return a;
    }

    private static InetAddress address(byte[] d, int at, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(d, at, at + length));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    static int u16(byte[] d, int at) {
        return (d[at] & 0xFF) << 8 | (d[at + 1] & 0xFF);
    }
}

package org.ike4j.analysis.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a classic pcap file (big-endian, microsecond time stamps) of IKE and ESP datagrams, with
 * IPv4 or IPv6 and UDP headers made up around them: correct lengths, the IPv4 header checksum
 * (RFC 791) and the UDP checksum over the pseudo-header (RFC 768; RFC 8200 section 8.1). For a
 * daemon's {@code --pcap FILE}: what it sent and received, as Wireshark would have seen it.
 */
public final class PcapWriter implements AutoCloseable {

    /** The link layer of the written frames. */
    public enum Link {
        /** LINKTYPE_RAW (101): frames start with the IP header. */
        RAW(PacketDecoder.RAW),
        /** LINKTYPE_ETHERNET (1), with made-up locally administered MAC addresses. */
        ETHERNET(PacketDecoder.ETHERNET);

        private final int linkType;

        Link(int linkType) {
            this.linkType = linkType;
        }
    }

    private static final int SNAPLEN = 262_144;
    private static final byte[] MAC_LOW = {0x02, 0, 0, 0, 0, 0x01};
    private static final byte[] MAC_HIGH = {0x02, 0, 0, 0, 0, 0x02};

    private final OutputStream out;
    private final Link link;
    private int ipv4Id;

    private PcapWriter(OutputStream out, Link link) throws IOException {
        this.out = out;
        this.link = link;
        ByteBuffer header = ByteBuffer.allocate(24);
        header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN)
                .putInt(link.linkType);
        out.write(header.array());
    }

    /** Creates (or replaces) a file. */
    public static PcapWriter create(Path file, Link link) throws IOException {
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)), link);
    }

    /** Writes to a stream, which {@link #close()} closes. */
    public static PcapWriter to(OutputStream out, Link link) throws IOException {
        return new PcapWriter(out, link);
    }

    /**
     * One IKE message in UDP. On port 4500 (either end) the four zero bytes of the non-ESP marker
     * (RFC 3948 section 2.2) go in front of it.
     */
    public void ike(Instant time, InetSocketAddress src, InetSocketAddress dst, byte[] message) throws IOException {
        boolean marker = src.getPort() == PacketDecoder.NAT_T_PORT || dst.getPort() == PacketDecoder.NAT_T_PORT;
        byte[] payload = message;
        if (marker) {
            payload = new byte[message.length + 4];
            System.arraycopy(message, 0, payload, 4, message.length);
        }
        frame(time, src.getAddress(), dst.getAddress(), 17, udp(src, dst, payload));
    }

    /** One ESP packet (from the SPI on) in UDP (RFC 3948 section 2.1), usually on port 4500. */
    public void espInUdp(Instant time, InetSocketAddress src, InetSocketAddress dst, byte[] esp) throws IOException {
        frame(time, src.getAddress(), dst.getAddress(), 17, udp(src, dst, esp));
    }

    /** One ESP packet as IP protocol 50 (RFC 4303). */
    public void esp(Instant time, InetAddress src, InetAddress dst, byte[] esp) throws IOException {
        frame(time, src, dst, 50, esp);
    }

    private byte[] udp(InetSocketAddress src, InetSocketAddress dst, byte[] payload) {
        int length = 8 + payload.length;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("UDP payload of " + payload.length + " bytes does not fit");
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putShort((short) src.getPort()).putShort((short) dst.getPort()).putShort((short) length).putShort((short) 0)
                .put(payload);
        byte[] segment = b.array();
        int sum = checksum(pseudoHeader(src.getAddress(), dst.getAddress(), 17, length), segment);
        // a computed zero goes out as all ones (RFC 768): zero means "no checksum"
        if (sum == 0) {
            sum = 0xFFFF;
        }
        segment[6] = (byte) (sum >> 8);
        segment[7] = (byte) sum;
        return segment;
    }

    private void frame(Instant time, InetAddress src, InetAddress dst, int protocol, byte[] upper) throws IOException {
        byte[] ip = switch (src) {
            case Inet4Address v4 when dst instanceof Inet4Address -> ipv4(v4, dst, protocol, upper);
            case Inet6Address v6 when dst instanceof Inet6Address -> ipv6(v6, dst, protocol, upper);
            default -> throw new IllegalArgumentException("source and destination of different IP versions: " + src
                    + ", " + dst);
        };
        byte[] data = ip;
        if (link == Link.ETHERNET) {
            data = new byte[14 + ip.length];
            boolean forward = compare(src.getAddress(), dst.getAddress()) < 0;
            System.arraycopy(forward ? MAC_HIGH : MAC_LOW, 0, data, 0, 6);
            System.arraycopy(forward ? MAC_LOW : MAC_HIGH, 0, data, 6, 6);
            int type = src instanceof Inet4Address ? 0x0800 : 0x86DD;
            data[12] = (byte) (type >> 8);
            data[13] = (byte) type;
            System.arraycopy(ip, 0, data, 14, ip.length);
        }
        ByteBuffer record = ByteBuffer.allocate(16);
        record.putInt((int) time.getEpochSecond()).putInt(time.getNano() / 1000).putInt(data.length).putInt(data.length);
        out.write(record.array());
        out.write(data);
    }

    private byte[] ipv4(Inet4Address src, InetAddress dst, int protocol, byte[] upper) {
        int total = 20 + upper.length;
        if (total > 0xFFFF) {
            throw new IllegalArgumentException("IPv4 packet of " + total + " bytes does not fit");
        }
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) (ipv4Id++))
                .putShort((short) 0x4000)   // don't fragment
                .put((byte) 64).put((byte) protocol).putShort((short) 0).put(src.getAddress()).put(dst.getAddress())
                .put(upper);
        byte[] packet = b.array();
        int sum = checksum(new byte[0], java.util.Arrays.copyOf(packet, 20));
        packet[10] = (byte) (sum >> 8);
        packet[11] = (byte) sum;
        return packet;
    }

    private static byte[] ipv6(Inet6Address src, InetAddress dst, int protocol, byte[] upper) {
        ByteBuffer b = ByteBuffer.allocate(40 + upper.length);
        b.putInt(0x60000000).putShort((short) upper.length).put((byte) protocol).put((byte) 64).put(src.getAddress())
                .put(dst.getAddress()).put(upper);
        return b.array();
    }

    private static byte[] pseudoHeader(InetAddress src, InetAddress dst, int protocol, int length) {
        byte[] s = src.getAddress();
        byte[] d = dst.getAddress();
        ByteBuffer b = ByteBuffer.allocate(s.length == 4 ? 12 : 40).order(ByteOrder.BIG_ENDIAN);
        if (s.length == 4) {
            b.put(s).put(d).put((byte) 0).put((byte) protocol).putShort((short) length);
        } else {
            b.put(s).put(d).putInt(length).putInt(protocol);
        }
        return b.array();
    }

    /** The Internet checksum (RFC 1071) over two byte runs, the first of even length. */
    static int checksum(byte[] first, byte[] second) {
        long sum = 0;
        for (byte[] run : new byte[][] {first, second}) {
            for (int i = 0; i < run.length; i += 2) {
                int hi = run[i] & 0xFF;
                int lo = i + 1 < run.length ? run[i + 1] & 0xFF : 0;
                sum += hi << 8 | lo;
            }
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

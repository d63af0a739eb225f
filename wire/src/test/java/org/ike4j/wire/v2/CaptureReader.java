package org.ike4j.wire.v2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-side reader of classic pcap and pcapng files holding Ethernet / IPv4 / UDP frames, which
 * yields the IKE datagrams on UDP port 500 and 4500 (on 4500 after the 4-octet non-ESP marker,
 * RFC 3948 section 2.2; datagrams without the marker are ESP and skipped).
 */
public final class CaptureReader {

    /** One IKE message from a capture: its frame number (1-based) and its octets. */
    public record IkeDatagram(int frame, int srcPort, int dstPort, byte[] ike) {
    }

    private CaptureReader() {
    }

    public static List<IkeDatagram> read(String resource) throws IOException {
        byte[] file;
        try (InputStream in = CaptureReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            file = in.readAllBytes();
        }
        List<byte[]> frames = isPcapng(file) ? pcapngFrames(file) : pcapFrames(file);
        List<IkeDatagram> out = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            IkeDatagram d = ike(i + 1, frames.get(i));
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    private static boolean isPcapng(byte[] f) {
        return f.length >= 4 && f[0] == 0x0a && f[1] == 0x0d && f[2] == 0x0d && f[3] == 0x0a;
    }

    /** Classic pcap (libpcap format): 24-octet global header, 16-octet record headers. */
    private static List<byte[]> pcapFrames(byte[] f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(f);
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (Integer.reverseBytes(magic) == 0xa1b2c3d4 || Integer.reverseBytes(magic) == 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
        } else {
            throw new IOException("not a pcap file");
        }
        if (b.getInt(20) != 1) {
            throw new IOException("link type " + b.getInt(20) + " is not Ethernet");
        }
        List<byte[]> out = new ArrayList<>();
        int pos = 24;
        while (pos + 16 <= f.length) {
            int incl = b.getInt(pos + 8);
            if (incl < 0 || pos + 16 + incl > f.length) {
                throw new IOException("truncated record at " + pos);
            }
            out.add(Arrays.copyOfRange(f, pos + 16, pos + 16 + incl));
            pos += 16 + incl;
        }
        return out;
    }

    /** pcapng: Section Header, Interface Description and Enhanced Packet blocks. */
    private static List<byte[]> pcapngFrames(byte[] f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> linkTypes = new ArrayList<>();
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        while (pos + 12 <= f.length) {
            int type = b.getInt(pos);
            if (type == 0x0a0d0d0a) {
                int bom = b.getInt(pos + 8);
                b.order(bom == 0x1a2b3c4d ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                linkTypes.clear();
            }
            int len = b.getInt(pos + 4);
            if (len < 12 || pos + len > f.length) {
                throw new IOException("bad block length at " + pos);
            }
            if (type == 1) {
                linkTypes.add(b.getShort(pos + 8) & 0xffff);
            } else if (type == 6) {
                int iface = b.getInt(pos + 8);
                int captured = b.getInt(pos + 20);
                if (linkTypes.get(iface) != 1) {
                    throw new IOException("link type " + linkTypes.get(iface) + " is not Ethernet");
                }
                out.add(Arrays.copyOfRange(f, pos + 28, pos + 28 + captured));
            }
            pos += len;
        }
        return out;
    }

    /** The IKE message in an Ethernet / IPv4 / UDP frame, or null. */
    private static IkeDatagram ike(int frame, byte[] e) {
        ByteBuffer b = ByteBuffer.wrap(e);
        int p = 12;
        int etherType = b.getShort(p) & 0xffff;
        p += 2;
        if (etherType == 0x8100) {
            etherType = b.getShort(p + 2) & 0xffff;
            p += 4;
        }
        if (etherType != 0x0800) {
            return null;
        }
        int ihl = (e[p] & 0x0f) * 4;
        int totalLength = b.getShort(p + 2) & 0xffff;
        if (e[p + 9] != 17) {
            return null;
        }
        int udp = p + ihl;
        int src = b.getShort(udp) & 0xffff;
        int dst = b.getShort(udp + 2) & 0xffff;
        int udpLength = b.getShort(udp + 4) & 0xffff;
        int end = Math.min(udp + udpLength, p + totalLength);
        byte[] payload = Arrays.copyOfRange(e, udp + 8, end);
        if (src == 4500 || dst == 4500) {
            if (payload.length < 4 || payload[0] != 0 || payload[1] != 0 || payload[2] != 0 || payload[3] != 0) {
                return null; // ESP in UDP, or a NAT keepalive
            }
            payload = Arrays.copyOfRange(payload, 4, payload.length);
        } else if (src != 500 && dst != 500) {
            return null;
        }
        return new IkeDatagram(frame, src, dst, payload);
    }

    /** Per frame, tshark's top-level ISAKMP lines of a {@code *.verbose.txt} decode. */
    public static Map<Integer, List<String>> tsharkIsakmpLines(String resource) throws IOException {
        return tsharkIsakmpLines(resource, 4);
    }

    /** Per frame, tshark's ISAKMP lines indented by exactly {@code indent} spaces. */
    public static Map<Integer, List<String>> tsharkIsakmpLines(String resource, int indent) throws IOException {
        String text;
        try (InputStream in = CaptureReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<Integer, List<String>> out = new HashMap<>();
        int frame = 0;
        boolean inIsakmp = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("Frame ") && line.contains(" bytes on wire")) {
                frame = Integer.parseInt(line.substring(6, line.indexOf(':')));
                inIsakmp = false;
            } else if (!line.startsWith(" ")) {
                inIsakmp = line.startsWith("Internet Security Association and Key Management Protocol");
            } else if (inIsakmp && line.startsWith(" ".repeat(indent)) && !line.startsWith(" ".repeat(indent + 1))) {
                out.computeIfAbsent(frame, k -> new ArrayList<>()).add(line.strip());
            }
        }
        return out;
    }
}

package org.ike4j.dataplane.tun;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * What a TUN device opened with {@code IFF_VNET_HDR} and {@code TUNSETOFFLOAD} puts before each
 * packet (struct virtio_net_hdr, linux/virtio_net.h, 10 bytes in host byte order), and the work the
 * offloads leave to us: completing a partial checksum ({@code VIRTIO_NET_HDR_F_NEEDS_CSUM}) and
 * cutting a TCP super-packet ({@code VIRTIO_NET_HDR_GSO_TCPV4/6}, up to 64 KB) into segments of
 * {@code gso_size} payload bytes, each a complete IP packet as the kernel's own TSO would make it
 * (RFC 791 total length, identification and header checksum; RFC 8200 payload length; RFC 9293
 * sequence numbers, flags and checksum with the pseudo-header).
 *
 * <p>All offsets are into a byte array; the packet starts right after the header. Nothing here
 * allocates.
 */
public final class Offload {
    /** sizeof(struct virtio_net_hdr): flags, gso_type, hdr_len, gso_size, csum_start, csum_offset. */
    public static final int HEADER = 10;
    public static final int F_NEEDS_CSUM = 1;
    public static final int F_DATA_VALID = 2;
    public static final int GSO_NONE = 0;
    public static final int GSO_TCPV4 = 1;
    public static final int GSO_TCPV6 = 4;
    public static final int GSO_ECN = 0x80;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int CWR = 0x80;

    private Offload() {
    }

    public static int flags(byte[] b, int h) {
        return b[h] & 0xFF;
    }

    public static int gsoType(byte[] b, int h) {
        return b[h + 1] & 0xFF & ~GSO_ECN;
    }

    public static int gsoSize(byte[] b, int h) {
        return (short) LE_SHORT.get(b, h + 4) & 0xFFFF;
    }

    public static int csumStart(byte[] b, int h) {
        return (short) LE_SHORT.get(b, h + 6) & 0xFFFF;
    }

    public static int csumOffset(byte[] b, int h) {
        return (short) LE_SHORT.get(b, h + 8) & 0xFFFF;
    }

    /** A header for a plain packet written to the device: no GSO, checksums as they are. */
    public static void plain(byte[] b, int h) {
        java.util.Arrays.fill(b, h, h + HEADER, (byte) 0);
    }

    /**
     * Completes the checksum the kernel left partial: the field at {@code csumStart + csumOffset}
     * holds the folded pseudo-header sum; the result covers everything from {@code csumStart} to
     * the end (RFC 1071). A UDP checksum that comes out as 0 is sent as 0xFFFF (RFC 768).
     *
     * @return false if the offsets lie outside the packet (it should then be dropped)
     */
    public static boolean completeChecksum(byte[] b, int p, int length, int csumStart, int csumOffset) {
        int field = csumStart + csumOffset;
        if (csumStart >= length || field + 2 > length) {
            return false;
        }
        int c = ~fold(sum(b, p + csumStart, length - csumStart, 0)) & 0xFFFF;
        if (c == 0 && protocol(b, p) == UDP) {
            c = 0xFFFF;
        }
        putShort(b, p + field, c);
        return true;
    }

    /** The IP protocol (IPv4) or first next header (IPv6) of the packet at {@code p}. */
    static int protocol(byte[] b, int p) {
        return (b[p] & 0xF0) == 0x40 ? b[p + 9] & 0xFF : b[p + 6] & 0xFF;
    }

    /**
     * The length of the IP and TCP headers of a TCP super-packet, which every segment repeats; or
     * -1 if the packet is not one we can cut (not TCP right after the IP header, lengths wrong).
     */
    public static int headerLength(byte[] b, int p, int length) {
        int version = (b[p] & 0xF0) >>> 4;
        int l4;
        if (version == 4) {
            l4 = (b[p] & 0x0F) * 4;
            if (l4 < 20 || (b[p + 9] & 0xFF) != TCP) {
                return -1;
            }
        } else if (version == 6) {
            l4 = 40;
            if ((b[p + 6] & 0xFF) != TCP) {
                return -1;
            }
        } else {
            return -1;
        }
        if (l4 + 20 > length) {
            return -1;
        }
        int h = l4 + ((b[p + l4 + 12] & 0xF0) >>> 4) * 4;
        return h < l4 + 20 || h > length ? -1 : h;
    }

    /** How many segments of {@code mss} payload bytes a super-packet makes. */
    public static int segments(int length, int headerLength, int mss) {
        int payload = length - headerLength;
        return payload <= 0 ? 1 : (payload + mss - 1) / mss;
    }

    /**
     * Writes segment {@code index} of the TCP super-packet {@code src[p, p + length)} to
     * {@code dst[d, ...)}: the headers with this segment's lengths, identification, sequence
     * number and flags, its slice of the payload, and both checksums complete.
     *
     * @return the segment's length
     */
    public static int segment(byte[] src, int p, int length, int headerLength, int mss, int index,
                              byte[] dst, int d) {
        int payload = length - headerLength;
        int from = index * mss;
        int n = Math.min(mss, payload - from);
        if (n < 0) {
            n = 0;
        }
        boolean last = from + n >= payload;
        System.arraycopy(src, p, dst, d, headerLength);
        System.arraycopy(src, p + headerLength + from, dst, d + headerLength, n);
        int total = headerLength + n;
        boolean v4 = (src[p] & 0xF0) == 0x40;
        int l4 = v4 ? (src[p] & 0x0F) * 4 : 40;
        if (v4) {
            putShort(dst, d + 2, total);
            int id = ((src[p + 4] & 0xFF) << 8 | (src[p + 5] & 0xFF)) + index;
            putShort(dst, d + 4, id & 0xFFFF);
            putShort(dst, d + 10, 0);
            putShort(dst, d + 10, ~fold(sum(dst, d, l4, 0)) & 0xFFFF);
        } else {
            putShort(dst, d + 4, total - 40);
        }
        int t = d + l4;
        putInt(dst, t + 4, getInt(src, p + l4 + 4) + from);
        int flags = src[p + l4 + 13] & 0xFF;
        if (!last) {
            flags &= ~(FIN | PSH);
        }
        if (index > 0) {
            flags &= ~CWR;
        }
        dst[t + 13] = (byte) flags;
        putShort(dst, t + 16, 0);
        int tcpLength = total - l4;
        long pseudo = v4 ? sum(dst, d + 12, 8, 0) : sum(dst, d + 8, 32, 0);
        pseudo += TCP + tcpLength;
        putShort(dst, t + 16, ~fold(sum(dst, t, tcpLength, pseudo)) & 0xFFFF);
        return total;
    }

    /**
     * The one's complement sum of {@code b[off, off + len)} as 16-bit big-endian words, plus
     * {@code initial}; not folded, but equal to the word sum after {@link #fold}.
     *
     * <p>Why it reads little-endian longs: RFC 1071 section 2(B), the sum is independent of byte
     * order - summed in swapped order, it comes out swapped. So the bulk is summed as eight-byte
     * words in the machine's own order (no byte swap per load, half the loads of a four-byte loop;
     * each long is added as its two 32-bit halves so that the 64-bit accumulator cannot overflow
     * below 2^31 words), folded, and swapped once; the tail of fewer than eight bytes is summed in
     * network order as before. This sum is the largest Java cost per segment after the cipher:
     * every segment cut from a TCP super-packet gets one, and every segment joined on receive.
     */
    public static long sum(byte[] b, int off, int len, long initial) {
        int i = off;
        int end = off + len;
        long a = 0;
        long c = 0;
        for (; i + 16 <= end; i += 16) {
            long v = (long) LE_LONG.get(b, i);
            long w = (long) LE_LONG.get(b, i + 8);
            a += (v & 0xFFFFFFFFL) + (v >>> 32);
            c += (w & 0xFFFFFFFFL) + (w >>> 32);
        }
        if (i + 8 <= end) {
            long v = (long) LE_LONG.get(b, i);
            a += (v & 0xFFFFFFFFL) + (v >>> 32);
            i += 8;
        }
        int swapped = fold(a + c);
        long s = initial + ((swapped & 0xFF) << 8 | swapped >>> 8);
        for (; i + 2 <= end; i += 2) {
            s += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            s += (b[i] & 0xFF) << 8;
        }
        return s;
    }

    /** Folds a sum to 16 bits (end-around carry). */
    public static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    private static void putShort(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static int getInt(byte[] b, int i) {
        return (int) INT.get(b, i);
    }

    private static void putInt(byte[] b, int i, int v) {
        INT.set(b, i, v);
    }
}

package org.ike4j.dataplane.userspace;

import java.lang.foreign.MemorySegment;
import org.ike4j.dataplane.tun.Offload;

/**
 * Receive-side coalescing for a TUN device with offloads (what GRO does for a NIC): consecutive
 * TCP segments of one flow that came out of ESP in one receive batch are joined into one
 * super-packet and written to the device once, with a virtio_net_hdr that says how to cut it
 * ({@code VIRTIO_NET_HDR_GSO_TCPV4/6}, {@code gso_size} the segments' payload). The host's TCP
 * then takes a window in one piece: one write and one pass through its stack instead of dozens.
 *
 * <p>A segment joins the pending packet only if it continues it exactly: same addresses, ports,
 * acknowledgement, window and options, the next sequence number, flags no more than ACK and PSH,
 * no more payload than the first, and its checksums good (RFC 1071; the joined packet's TCP
 * checksum is left partial for the kernel, so each part is checked here). Anything else first
 * writes what is pending, so that the order of packets never changes. Used by one thread.
 */
final class Coalescer {
    private static final int MAX = 65535;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;

    private final byte[] out = new byte[Offload.HEADER + MAX + 64];
    private final MemorySegment outView = MemorySegment.ofArray(out);
    private Tunnel tunnel;
    private boolean v4;
    private int l4;
    private int headerLength;
    private int length;
    private int mss;
    private int count;
    private int nextSeq;
    private boolean closed;
    /** Writes of several segments joined, and the segments in them. */
    long joinedWrites;
    long joinedSegments;

    /**
     * Offers a decrypted packet bound for {@code t}'s device.
     *
     * @return true if it is pending here (written at the next {@link #flush} at the latest); false
     *     if the caller must write it itself, which it may at once: nothing is pending then
     */
    boolean offer(Tunnel t, byte[] b, int p, int n) {
        if (tunnel != null) {
            if (t == tunnel && append(b, p, n)) {
                return true;
            }
            flush();
        }
        return start(t, b, p, n);
    }

    /** Writes what is pending. */
    void flush() {
        Tunnel t = tunnel;
        if (t == null) {
            return;
        }
        tunnel = null;
        if (!t.tun.isOpen()) {
            return;   // closed since: nothing to write to
        }
        int h = 0;
        int p = Offload.HEADER;
        if (count == 1) {
            Offload.plain(out, h);
        } else {
            joinedWrites++;
            joinedSegments += count;
            java.util.Arrays.fill(out, h, h + Offload.HEADER, (byte) 0);
            out[h] = Offload.F_NEEDS_CSUM;
            out[h + 1] = (byte) (v4 ? Offload.GSO_TCPV4 : Offload.GSO_TCPV6);
            putLe16(out, h + 2, headerLength);
            putLe16(out, h + 4, mss);
            putLe16(out, h + 6, l4);
            putLe16(out, h + 8, 16);
            long pseudo;
            if (v4) {
                put16(out, p + 2, length);
                put16(out, p + 10, 0);
                put16(out, p + 10, ~Offload.fold(Offload.sum(out, p, l4, 0)) & 0xFFFF);
                pseudo = Offload.sum(out, p + 12, 8, 0);
            } else {
                put16(out, p + 4, length - 40);
                pseudo = Offload.sum(out, p + 8, 32, 0);
            }
            // partial, as the kernel's own TSO leaves it: the pseudo-header sum, not complemented
            put16(out, p + l4 + 16, Offload.fold(pseudo + 6 + (length - l4)));
        }
        t.deliver(outView, Offload.HEADER + length);
    }

    private boolean start(Tunnel t, byte[] b, int p, int n) {
        int version = (b[p] & 0xF0) >>> 4;
        int ip;
        if (version == 4) {
            // no IP options, not a fragment
            if (b[p] != 0x45 || b[p + 9] != 6 || (get16(b, p + 6) & 0x3FFF) != 0 || get16(b, p + 2) != n) {
                return false;
            }
            ip = 20;
        } else if (version == 6) {
            if (b[p + 6] != 6 || get16(b, p + 4) != n - 40) {
                return false;
            }
            ip = 40;
        } else {
            return false;
        }
        if (n < ip + 20 || n > MAX) {
            return false;
        }
        int hl = ip + ((b[p + ip + 12] & 0xF0) >>> 4) * 4;
        int payload = n - hl;
        int flags = b[p + ip + 13] & 0xFF;
        if (hl < ip + 20 || payload <= 0 || (flags & ~(ACK | PSH)) != 0 || (flags & ACK) == 0 || !checksumsGood(b, p, n, ip)) {
            return false;
        }
        System.arraycopy(b, p, out, Offload.HEADER, n);
        tunnel = t;
        v4 = version == 4;
        l4 = ip;
        headerLength = hl;
        length = n;
        mss = payload;
        count = 1;
        nextSeq = getInt(b, p + ip + 4) + payload;
        closed = (flags & PSH) != 0;
        return true;
    }

    private boolean append(byte[] b, int p, int n) {
        if (closed || n <= headerLength || ((b[p] & 0xF0) == 0x40) != v4) {
            return false;
        }
        int payload = n - headerLength;
        if (payload > mss || length + payload > MAX) {
            return false;
        }
        int q = Offload.HEADER;
        int ip = l4;
        if (v4) {
            if (get16(b, p + 2) != n || !same(b, p, q, 0, 2) || !same(b, p, q, 6, 10) || !same(b, p, q, 12, 20)) {
                return false;
            }
        } else if (get16(b, p + 4) != n - 40 || !same(b, p, q, 0, 4) || !same(b, p, q, 6, 40)) {
            return false;
        }
        int t = p + ip;
        int flags = b[t + 13] & 0xFF;
        if ((flags & ~(ACK | PSH)) != 0 || getInt(b, t + 4) != nextSeq
                || !same(b, t, q + ip, 0, 4) || !same(b, t, q + ip, 8, 13) || !same(b, t, q + ip, 14, 16)
                || !same(b, t, q + ip, 18, headerLength - ip) || !checksumsGood(b, p, n, ip)) {
            return false;
        }
        System.arraycopy(b, p + headerLength, out, q + length, payload);
        length += payload;
        nextSeq += payload;
        count++;
        if ((flags & PSH) != 0) {
            out[q + ip + 13] |= PSH;
            closed = true;
        }
        if (payload < mss) {
            closed = true;
        }
        return true;
    }

    private static boolean checksumsGood(byte[] b, int p, int n, int ip) {
        long pseudo;
        if (ip == 20) {
            if (Offload.fold(Offload.sum(b, p, 20, 0)) != 0xFFFF) {
                return false;
            }
            pseudo = Offload.sum(b, p + 12, 8, 0);
        } else {
            pseudo = Offload.sum(b, p + 8, 32, 0);
        }
        return Offload.fold(Offload.sum(b, p + ip, n - ip, pseudo + 6 + (n - ip))) == 0xFFFF;
    }

    /** Whether {@code a[x + from, x + to)} equals {@code out[y + from, y + to)}. */
    private boolean same(byte[] a, int x, int y, int from, int to) {
        return java.util.Arrays.equals(a, x + from, x + to, out, y + from, y + to);
    }

    private static int get16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static int getInt(byte[] b, int i) {
        return get16(b, i) << 16 | get16(b, i + 2);
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static void putLe16(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }
}

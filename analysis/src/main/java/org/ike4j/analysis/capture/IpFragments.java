package org.ike4j.analysis.capture;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reassembly of fragmented IP datagrams in a capture (IPv4: RFC 791 section 3.2; IPv6: RFC 8200
 * section 4.5), so that an IKE message larger than the path MTU (an IKE_AUTH with certificates, a
 * Main Mode message 5 with a certificate chain) decodes like any other. The datagram is handed on
 * with its last fragment's frame.
 *
 * <p>Bad input is refused per datagram: overlapping fragments drop the whole datagram (as RFC 5722
 * requires for IPv6; done for IPv4 too, since overlaps are an attack, not an accident), as do a
 * datagram over 65,535 bytes, a non-final fragment whose length is not a multiple of 8, two
 * different ends, or more than {@value #MAX_PIECES} pieces. At most {@value #MAX_PENDING}
 * datagrams wait at once; the oldest is forgotten first.
 */
final class IpFragments {

    static final int MAX_PENDING = 256;
    static final int MAX_PIECES = 128;
    static final int MAX_DATAGRAM = 65_535;

    /** One datagram being reassembled: IP version, addresses, identification and (IPv4) protocol. */
    record Key(int version, InetAddress src, InetAddress dst, long id, int protocol) {
    }

    sealed interface Outcome {
    }

    /** Kept; the datagram is not complete yet (or this piece was a copy of one already held). */
    record Held(String note) implements Outcome {
    }

    /** The whole upper-layer payload, and its protocol (IPv6: from the first fragment's header). */
    record Complete(byte[] payload, int protocol, int pieces) implements Outcome {
    }

    /** The datagram was dropped. */
    record Refused(String reason) implements Outcome {
    }

    private static final class Pending {
        final TreeMap<Integer, byte[]> pieces = new TreeMap<>();
        int end = -1;
        int protocol = -1;
    }

    private final Map<Key, Pending> pending = new LinkedHashMap<>();

    /**
     * Adds one fragment.
     *
     * @param offset its offset in the datagram's payload, in bytes
     * @param more the More Fragments flag
     * @param protocol the upper-layer protocol this fragment names (IPv6: only meaningful at offset 0)
     */
    Outcome add(Key key, int offset, boolean more, byte[] d, int from, int to, int protocol) {
        int length = to - from;
        if (length < 0) {
            return new Refused("fragment shorter than its headers");
        }
        if (offset + length > MAX_DATAGRAM) {
            pending.remove(key);
            return new Refused("fragments reach byte " + (offset + length) + ", beyond the 65,535 an IP datagram has");
        }
        if (more && length % 8 != 0) {
            pending.remove(key);
            return new Refused("a fragment with more following has " + length + " bytes, not a multiple of 8");
        }
        Pending p = pending.get(key);
        if (p == null) {
            if (pending.size() >= MAX_PENDING) {
                Iterator<Key> oldest = pending.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            p = new Pending();
            pending.put(key, p);
        }
        byte[] piece = java.util.Arrays.copyOfRange(d, from, to);
        byte[] same = p.pieces.get(offset);
        if (same != null && java.util.Arrays.equals(same, piece) && (more || p.end == offset + length)) {
            return new Held("a copy of a fragment already held");
        }
        if (!more) {
            if (p.end >= 0 && p.end != offset + length) {
                pending.remove(key);
                return new Refused("two last fragments, ending at " + p.end + " and " + (offset + length));
            }
            p.end = offset + length;
        }
        Map.Entry<Integer, byte[]> before = p.pieces.floorEntry(offset);
        Map.Entry<Integer, byte[]> after = p.pieces.ceilingEntry(offset);
        boolean overlap = before != null && before.getKey() + before.getValue().length > offset
                || after != null && after.getKey() < offset + length
                || p.end >= 0 && offset + length > p.end
                || p.end >= 0 && !p.pieces.isEmpty() && p.pieces.lastKey() + p.pieces.lastEntry().getValue().length > p.end;
        if (overlap) {
            pending.remove(key);
            return new Refused("overlapping fragments: datagram dropped (RFC 5722)");
        }
        if (p.pieces.size() >= MAX_PIECES) {
            pending.remove(key);
            return new Refused("more than " + MAX_PIECES + " fragments");
        }
        p.pieces.put(offset, piece);
        if (offset == 0) {
            p.protocol = protocol;
        }
        if (p.end < 0 || p.protocol < 0) {
            return new Held("held for reassembly");
        }
        int covered = 0;
        for (Map.Entry<Integer, byte[]> e : p.pieces.entrySet()) {
            if (e.getKey() != covered) {
                return new Held("held for reassembly");
            }
            covered += e.getValue().length;
        }
        if (covered != p.end) {
            return new Held("held for reassembly");
        }
        byte[] whole = new byte[p.end];
        for (Map.Entry<Integer, byte[]> e : p.pieces.entrySet()) {
            System.arraycopy(e.getValue(), 0, whole, e.getKey(), e.getValue().length);
        }
        pending.remove(key);
        return new Complete(whole, p.protocol, p.pieces.size());
    }

    /** Datagrams still incomplete. */
    int incomplete() {
        return pending.size();
    }
}

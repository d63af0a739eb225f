package org.ike4j.daemon;

import java.nio.ByteBuffer;

/**
 * What arrives on the NAT-T port (RFC 3948 section 2): IKE behind a four-zero-byte non-ESP marker
 * (section 2.2), NAT-keepalives of a single 0xFF byte (section 2.3), and ESP in UDP (section 2.1),
 * whose first four bytes are the non-zero SPI.
 */
public final class NatTraversal {
    /** The non-ESP marker's length. */
    public static final int MARKER_LENGTH = 4;

    public enum Kind { IKE, KEEPALIVE, ESP, INVALID }

    private NatTraversal() {
    }

    /** Sorts a datagram received on the NAT-T port, looking at the bytes from position to limit. */
    public static Kind classify(ByteBuffer datagram) {
        int n = datagram.remaining();
        int p = datagram.position();
        if (n == 1 && (datagram.get(p) & 0xff) == 0xff) {
            return Kind.KEEPALIVE;
        }
        if (n < MARKER_LENGTH) {
            return Kind.INVALID;
        }
        if (datagram.getInt(p) == 0) {
            return n > MARKER_LENGTH ? Kind.IKE : Kind.INVALID;
        }
        // ESP needs at least SPI and sequence number (RFC 4303 section 2)
        return n >= 8 ? Kind.ESP : Kind.INVALID;
    }

    /** The datagram with the non-ESP marker in front. */
    public static byte[] withMarker(byte[] ike) {
        byte[] out = new byte[MARKER_LENGTH + ike.length];
        System.arraycopy(ike, 0, out, MARKER_LENGTH, ike.length);
        return out;
    }
}

package org.ike4j.wire.v2;

/**
 * The second octet of the IKEv2 generic payload header (RFC 7296 section 3.2): the critical bit
 * and the seven reserved bits after it.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Next Payload  |C|  RESERVED   |         Payload Length        |
 * +---------------+-+-------------+-------------------------------+
 * </pre>
 *
 * <p>The RFC says reserved bits are sent as zero and ignored on receipt; the codec keeps them so
 * that a decoded message re-encodes byte for byte. The critical bit only matters for payload
 * types the receiver does not understand (see {@link Ikev2Decoder.Mode}).
 *
 * @param critical the C bit
 * @param reserved the seven RESERVED bits, 0..127
 */
public record PayloadFlags(boolean critical, int reserved) {
    public static final PayloadFlags NONE = new PayloadFlags(false, 0);
    public static final PayloadFlags CRITICAL = new PayloadFlags(true, 0);

    public PayloadFlags {
        if (reserved < 0 || reserved > 0x7f) {
            throw new IllegalArgumentException("reserved bits out of range: " + reserved);
        }
    }

    static PayloadFlags fromOctet(int octet) {
        return new PayloadFlags((octet & 0x80) != 0, octet & 0x7f);
    }

    int toOctet() {
        return (critical ? 0x80 : 0) | reserved;
    }
}

package org.ike4j.wire.v2;

import org.ike4j.wire.Hex;
import org.ike4j.wire.TreeSink;

/**
 * The IKEv2 header (RFC 7296 section 3.1), without the two fields the encoder derives: the
 * Next Payload (the type of the first payload) and the Length (of the whole message).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       IKE SA Initiator's SPI                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       IKE SA Responder's SPI                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Payload | MjVer | MnVer | Exchange Type |     Flags     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Message ID                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            Length                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param initiatorSpi IKE SA Initiator's SPI, as raw 64 bits
 * @param responderSpi IKE SA Responder's SPI (zero in the first IKE_SA_INIT request)
 * @param majorVersion 2 for IKEv2 (0..15)
 * @param minorVersion 0 for RFC 7296 (0..15); kept as received
 * @param exchangeType the exchange
 * @param flags the whole flags octet: {@link #INITIATOR}, {@link #VERSION}, {@link #RESPONSE} and
 *     the reserved bits, kept as received
 * @param messageId the Message ID, unsigned 32 bits
 */
public record Ikev2Header(long initiatorSpi, long responderSpi, int majorVersion, int minorVersion,
        ExchangeType exchangeType, int flags, long messageId) {

    /** Octets in the header. */
    public static final int SIZE = 28;
    /** I (Initiator) flag, bit 3: set by the original initiator of the IKE SA. */
    public static final int INITIATOR = 0x08;
    /** V (Version) flag, bit 4: the sender can speak a higher major version. */
    public static final int VERSION = 0x10;
    /** R (Response) flag, bit 5: this message answers a request with the same Message ID. */
    public static final int RESPONSE = 0x20;

    public Ikev2Header {
        if (majorVersion < 0 || majorVersion > 15 || minorVersion < 0 || minorVersion > 15) {
            throw new IllegalArgumentException("version nibble out of range");
        }
        if (flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("flags out of range: " + flags);
        }
        if (messageId < 0 || messageId > 0xffffffffL) {
            throw new IllegalArgumentException("message ID out of range: " + messageId);
        }
        java.util.Objects.requireNonNull(exchangeType, "exchangeType");
        if (exchangeType.code() < 0 || exchangeType.code() > 0xff) {
            throw new IllegalArgumentException("exchange type out of range: " + exchangeType);
        }
    }

    /** An IKEv2.0 header. */
    public static Ikev2Header of(long initiatorSpi, long responderSpi, ExchangeType exchangeType,
            int flags, long messageId) {
        return new Ikev2Header(initiatorSpi, responderSpi, 2, 0, exchangeType, flags, messageId);
    }

    public boolean isInitiator() {
        return (flags & INITIATOR) != 0;
    }

    public boolean isVersion() {
        return (flags & VERSION) != 0;
    }

    public boolean isResponse() {
        return (flags & RESPONSE) != 0;
    }

    /** The header as a nested structure; next payload and length come from the encoded message. */
    void describe(TreeSink b, PayloadType nextPayload, long length) {
        b.open("IKEv2 Header")
                .fixedHex("initiator SPI", initiatorSpi, 16)
                .fixedHex("responder SPI", responderSpi, 16)
                .code("next payload", nextPayload)
                .field("version", majorVersion == 2 && minorVersion == 0 ? "2.0" : majorVersion + "." + minorVersion)
                .code("exchange type", exchangeType)
                .field("flags", flagsText())
                .fixedHex("message ID", messageId, 8)
                .field("length", length)
                .close();
    }

    /** The flags octet in hex, with the names of the bits that are set; each octet's text made once. */
    private String flagsText() {
        if (flags >= 0 && flags < FLAGS_TEXT.length) {
            String made = FLAGS_TEXT[flags];
            if (made == null) {
                made = makeFlagsText();
                FLAGS_TEXT[flags] = made;
            }
            return made;
        }
        return makeFlagsText();
    }

    /** The text of each flags octet, made when first asked for (strings are safe to publish racily). */
    private static final String[] FLAGS_TEXT = new String[256];

    private String makeFlagsText() {
        StringBuilder f = new StringBuilder(40).append("0x").append(Hex.fixed(flags, 2)).append(" (");
        f.append(isInitiator() ? "Initiator" : "Responder");
        f.append(isVersion() ? ", Version" : "");
        f.append(isResponse() ? ", Response" : ", Request");
        return f.append(')').toString();
    }
}

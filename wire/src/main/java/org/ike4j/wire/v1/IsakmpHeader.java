package org.ike4j.wire.v1;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.Hex;

/**
 * The ISAKMP header, RFC 2408 section 3.1:
 *
 * <pre>
 * !                          Initiator                            !
 * !                            Cookie                             !
 * !                          Responder                            !
 * !                            Cookie                             !
 * !  Next Payload ! MjVer ! MnVer ! Exchange Type !     Flags     !
 * !                          Message ID                           !
 * !                            Length                             !
 * </pre>
 *
 * The next payload and the length are not fields of this record: the message derives them
 * ({@link IsakmpMessage#firstPayload()}, and the encoder computes the length).
 *
 * @param initiatorCookie 8 bytes
 * @param responderCookie 8 bytes (zero in a first message)
 * @param majorVersion 1 for ISAKMP/IKEv1 (the decoder rejects any other with INVALID-MAJOR-VERSION)
 * @param minorVersion 0 per RFC 2408; kept as received
 * @param exchangeType the exchange type
 * @param flags the flag byte, all eight bits as received ({@link #FLAG_ENCRYPTION}, ...)
 * @param messageId the message ID as raw bits
 */
public record IsakmpHeader(Bytes initiatorCookie, Bytes responderCookie, int majorVersion, int minorVersion,
        ExchangeType exchangeType, int flags, int messageId) {
    public static final int LENGTH = 28;
    /** E: the payloads after the header are encrypted. */
    public static final int FLAG_ENCRYPTION = 0x01;
    /** C: commit, for key exchange synchronisation. */
    public static final int FLAG_COMMIT = 0x02;
    /** A: authentication only (informational exchanges). */
    public static final int FLAG_AUTHENTICATION_ONLY = 0x04;

    public IsakmpHeader {
        if (initiatorCookie.length() != 8 || responderCookie.length() != 8) {
            throw new IllegalArgumentException("cookies are 8 bytes");
        }
        if (majorVersion < 0 || majorVersion > 15 || minorVersion < 0 || minorVersion > 15) {
            throw new IllegalArgumentException("versions are 4 bits");
        }
        Checks.u8(flags, "flags");
    }

    /** An ISAKMP 1.0 header. */
    public static IsakmpHeader of(Bytes initiatorCookie, Bytes responderCookie, ExchangeType exchangeType, int flags,
            int messageId) {
        return new IsakmpHeader(initiatorCookie, responderCookie, 1, 0, exchangeType, flags, messageId);
    }

    public boolean encrypted() {
        return (flags & FLAG_ENCRYPTION) != 0;
    }

    public boolean commit() {
        return (flags & FLAG_COMMIT) != 0;
    }

    public boolean authenticationOnly() {
        return (flags & FLAG_AUTHENTICATION_ONLY) != 0;
    }

    /** The flags by name as pluto prints them, with the raw byte. */
    public String flagNames() {
        // every message of a capture prints its flags: each flags octet's text is made once
        if (flags >= 0 && flags < FLAG_NAMES.length) {
            String made = FLAG_NAMES[flags];
            if (made == null) {
                made = makeFlagNames();
                FLAG_NAMES[flags] = made;
            }
            return made;
        }
        return makeFlagNames();
    }

    /** The text of each flags octet, made when first asked for (strings are safe to publish racily). */
    private static final String[] FLAG_NAMES = new String[256];

    private String makeFlagNames() {
        StringBuilder sb = new StringBuilder();
        if (encrypted()) {
            sb.append("ISAKMP_FLAG_ENCRYPTION");
        }
        if (commit()) {
            sb.append(sb.isEmpty() ? "" : "+").append("ISAKMP_FLAG_COMMIT");
        }
        if (authenticationOnly()) {
            sb.append(sb.isEmpty() ? "" : "+").append("ISAKMP_FLAG_AUTHONLY");
        }
        if (sb.isEmpty()) {
            sb.append("none");
        }
        return sb + " (0x" + Hex.fixed(flags, 2) + ")";
    }

    void describe(TreeSink b, PayloadType next, long length) {
        b.hex("initiator cookie", initiatorCookie);
        b.hex("responder cookie", responderCookie);
        b.code("next payload type", next);
        b.field("ISAKMP version", majorVersion == 1 && minorVersion == 0 ? "1.0" : majorVersion + "." + minorVersion);
        b.code("exchange type", exchangeType);
        b.field("flags", flagNames());
        b.fixedHex("message ID", messageId, 8);
        b.field("length", length);
    }
}

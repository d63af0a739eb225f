package org.ike4j.wire.v2;

import java.util.List;
import java.util.Objects;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.ErrorNotify;

/**
 * Decodes IKEv2 messages (RFC 7296 section 3) and the inner payload chain of a decrypted SK
 * payload, and encodes inner chains for encryption.
 *
 * <p>Bad input throws only {@link DecodeException}, naming the offset (from the start of the
 * datagram, or of the plaintext for inner chains), the field and the notify to answer with:
 * <ul>
 *   <li>INVALID_MAJOR_VERSION for a major version above 2 (RFC 7296 section 2.5; the engine
 *       answers with version 2 in the header). A major version below 2 is not an IKEv2 message:
 *       INVALID_SYNTAX (the datagram belongs to the IKEv1 decoder).
 *   <li>UNSUPPORTED_CRITICAL_PAYLOAD, in {@link Mode#STRICT} only, for a payload type the codec
 *       does not model whose critical bit is set. The exception's offset is that of the Next
 *       Payload field naming the type (offset 16 for the first payload, else the first octet of
 *       the previous payload), so the engine finds the type to put in the notify data at
 *       {@code datagram[e.offset()]}; see {@link #unsupportedCriticalType}.
 *   <li>INVALID_SYNTAX for everything malformed: truncation, a length beyond its container,
 *       a count that does not match, SK/SKF not last, octets after the last payload.
 * </ul>
 *
 * <p><b>Length versus datagram.</b> A UDP datagram carries exactly one IKE message, so the
 * header's Length must equal the datagram's length: a Length beyond the datagram (truncated
 * message) and a Length short of it (trailing octets) are both INVALID_SYNTAX at offset 24. The
 * caller strips UDP encapsulation first (the 4-octet non-ESP marker on port 4500, RFC 3948
 * section 2.2; TCP framing, RFC 9329).
 */
public final class Ikev2Decoder {

    /** How unknown payloads with the critical bit set are treated. */
    public enum Mode {
        /** Reject the message with UNSUPPORTED_CRITICAL_PAYLOAD, as a responder must (RFC 7296 section 2.5). */
        STRICT,
        /** Keep the payload as an {@link UnknownPayload}, for analysis tools. */
        LENIENT
    }

    /** Offset of the header's Next Payload field. */
    public static final int NEXT_PAYLOAD_OFFSET = 16;
    /** Offset of the header's Length field. */
    public static final int LENGTH_OFFSET = 24;

    private Ikev2Decoder() {
    }

    /** Decodes a datagram in {@link Mode#STRICT} mode. */
    public static Ikev2Message decode(byte[] datagram) throws DecodeException {
        return decode(datagram, Mode.STRICT);
    }

    public static Ikev2Message decode(byte[] datagram, Mode mode) throws DecodeException {
        Objects.requireNonNull(mode);
        ByteReader r = ByteReader.of(datagram, ErrorNotify.V2_INVALID_SYNTAX);
        long spiI = r.i64("IKE Header.IKE SA Initiator's SPI");
        long spiR = r.i64("IKE Header.IKE SA Responder's SPI");
        PayloadType first = PayloadType.of(r.u8("IKE Header.Next Payload"));
        int versionAt = r.position();
        int version = r.u8("IKE Header.Version");
        int major = version >>> 4;
        if (major > 2) {
            throw new DecodeException(versionAt, "IKE Header.MjVer", ErrorNotify.V2_INVALID_MAJOR_VERSION,
                    "major version " + major + ", this implementation speaks 2");
        }
        if (major < 2) {
            throw r.errorAt(versionAt, "IKE Header.MjVer", "major version " + major + " is not IKEv2");
        }
        ExchangeType exchange = ExchangeType.of(r.u8("IKE Header.Exchange Type"));
        int flags = r.u8("IKE Header.Flags");
        long messageId = r.u32("IKE Header.Message ID");
        long length = r.u32("IKE Header.Length");
        if (length != datagram.length) {
            throw r.errorAt(LENGTH_OFFSET, "IKE Header.Length", "length " + length
                    + (length > datagram.length ? " exceeds" : " is short of") + " the datagram's " + datagram.length);
        }
        List<Payload> payloads = PayloadChain.decode(r, first, NEXT_PAYLOAD_OFFSET, mode, true);
        Ikev2Header h = new Ikev2Header(spiI, spiR, major, version & 0x0f, exchange, flags, messageId);
        return new Ikev2Message(h, payloads);
    }

    /**
     * Decodes the payloads inside a decrypted SK payload (RFC 7296 section 3.14) or a reassembled
     * SKF message (RFC 7383 section 2.6). {@code plaintext} is the inner chain only, without
     * padding and Pad Length; {@code first} is the SK payload's Next Payload. Offsets in
     * exceptions count from the start of {@code plaintext}; for an unsupported critical payload
     * named by {@code first}, the offset is -1.
     */
    public static List<Payload> decodePayloads(byte[] plaintext, PayloadType first, Mode mode) throws DecodeException {
        Objects.requireNonNull(first);
        Objects.requireNonNull(mode);
        ByteReader r = ByteReader.of(plaintext, ErrorNotify.V2_INVALID_SYNTAX);
        return PayloadChain.decode(r, first, -1, mode, false);
    }

    /**
     * Encodes inner payloads for encryption into an SK payload whose firstInner is
     * {@code payloads.get(0).type()} (or NO_NEXT_PAYLOAD when empty).
     */
    public static byte[] encodePayloads(List<Payload> payloads) {
        PayloadChain.validate(payloads, false);
        ByteWriter w = new ByteWriter();
        PayloadChain.encode(payloads, w);
        return w.toByteArray();
    }

    /**
     * Whether {@link #encodePayloads} takes these payloads as they are: no SK or SKF among them and
     * every type a one-octet code other than 0. A chain decoded leniently from a peer's plaintext
     * may not (an SK payload inside SK); one decoded from a plaintext of at most 65535 octets
     * breaks no other rule of the encoder.
     */
    public static boolean encodesAsInner(List<Payload> payloads) {
        try {
            PayloadChain.validate(payloads, false);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The type that goes in the Next Payload of the SK payload carrying these inner payloads. */
    public static PayloadType firstType(List<Payload> payloads) {
        return PayloadChain.firstType(payloads);
    }

    /**
     * The payload type to put in an UNSUPPORTED_CRITICAL_PAYLOAD notify's data, read from the
     * decoded buffer at the exception's offset; -1 when the exception is of another kind or the
     * type came from outside the buffer (an SK payload's Next Payload for an inner chain).
     */
    public static int unsupportedCriticalType(DecodeException e, byte[] decoded) {
        if (!e.answer().equals(ErrorNotify.V2_UNSUPPORTED_CRITICAL_PAYLOAD)
                || e.offset() < 0 || e.offset() >= decoded.length) {
            return -1;
        }
        return decoded[e.offset()] & 0xff;
    }
}

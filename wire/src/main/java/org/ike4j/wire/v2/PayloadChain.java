package org.ike4j.wire.v2;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.ErrorNotify;
import org.ike4j.wire.TreeSink;

/**
 * A chain of payloads linked by their Next Payload fields (RFC 7296 section 3.2): the generic
 * payload header, the per-type body decoders, and the rule that SK and SKF end the chain.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Next Payload  |C|  RESERVED   |         Payload Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class PayloadChain {
    static final int GENERIC_HEADER = 4;

    private PayloadChain() {
    }

    /** Whether the codec has a record for this payload type (else it decodes as UnknownPayload). */
    static boolean isModelled(PayloadType t) {
        int c = t.code();
        return (c >= 33 && c <= 49) || c == 53;
    }

    /**
     * Decodes payloads from {@code r} until a Next Payload of 0 or an SK/SKF payload, which must end
     * the chain. Every octet of {@code r} must belong to a payload.
     *
     * @param first the type named by the field at {@code firstFieldAt}
     * @param outer true in a message (SK/SKF allowed, last); false for decrypted inner payloads
     */
    static List<Payload> decode(ByteReader r, PayloadType first, int firstFieldAt, Ikev2Decoder.Mode mode,
            boolean outer) throws DecodeException {
        List<Payload> out = new ArrayList<>();
        PayloadType type = first;
        int fieldAt = firstFieldAt;
        while (type.code() != 0) {
            int start = r.position();
            if (!r.hasRemaining()) {
                throw r.errorAt(fieldAt < 0 ? start : fieldAt, "Generic Payload Header.Next Payload",
                        "names payload " + type + " but the message ends");
            }
            int next = r.u8("Generic Payload Header.Next Payload");
            PayloadFlags flags = PayloadFlags.fromOctet(r.u8("Generic Payload Header.Critical"));
            int lengthAt = r.position();
            int length = r.u16("Generic Payload Header.Payload Length");
            if (length < GENERIC_HEADER) {
                throw r.errorAt(lengthAt, "Generic Payload Header.Payload Length",
                        type.name() + " payload length " + length + " < 4");
            }
            if (length - GENERIC_HEADER > r.remaining()) {
                throw r.errorAt(lengthAt, "Generic Payload Header.Payload Length",
                        type.name() + " payload length " + length + " exceeds the "
                                + (r.remaining() + GENERIC_HEADER) + " octets left");
            }
            ByteReader body = r.slice(length - GENERIC_HEADER, "Generic Payload Header.Payload Length");
            PayloadType nextType = PayloadType.of(next);
            Payload p = decodeBody(type, flags, body, nextType, start, fieldAt, mode, outer);
            if (body.hasRemaining()) {
                throw body.error(type.name() + " Payload", body.remaining() + " octets after the payload's content");
            }
            out.add(p);
            if (p instanceof EncryptedPayload || p instanceof EncryptedFragmentPayload) {
                if (r.hasRemaining()) {
                    throw r.errorAt(start, type.name() + " Payload",
                            r.remaining() + " octets after the " + type.name() + " payload, which must be last");
                }
                return out;
            }
            type = nextType;
            fieldAt = start;
        }
        if (r.hasRemaining()) {
            throw r.error("Generic Payload Header.Next Payload",
                    r.remaining() + " octets after the last payload");
        }
        return out;
    }

    private static Payload decodeBody(PayloadType type, PayloadFlags flags, ByteReader body, PayloadType next,
            int start, int fieldAt, Ikev2Decoder.Mode mode, boolean outer) throws DecodeException {
        return switch (type.code()) {
            case 33 -> SecurityAssociationPayload.decode(flags, body);
            case 34 -> KeyExchangePayload.decode(flags, body);
            case 35, 36 -> IdentificationPayload.decode(flags, type, body);
            case 37 -> CertificatePayload.decode(flags, body);
            case 38 -> CertificateRequestPayload.decode(flags, body);
            case 39 -> AuthenticationPayload.decode(flags, body);
            case 40 -> NoncePayload.decode(flags, body);
            case 41 -> NotifyPayload.decode(flags, body);
            case 42 -> DeletePayload.decode(flags, body);
            case 43 -> VendorIdPayload.decode(flags, body);
            case 44, 45 -> TrafficSelectorPayload.decode(flags, type, body);
            case 46, 53 -> {
                if (!outer) {
                    throw new DecodeException(fieldAt < 0 ? start : fieldAt, "Generic Payload Header.Next Payload",
                            ErrorNotify.V2_INVALID_SYNTAX, type.name() + " payload inside encrypted payloads");
                }
                yield type.code() == 46
                        ? EncryptedPayload.decode(flags, next, body)
                        : EncryptedFragmentPayload.decode(flags, next, start, body);
            }
            case 47 -> ConfigurationPayload.decode(flags, body);
            case 48 -> EapPayload.decode(flags, body);
            case 49 -> GenericSecurePasswordPayload.decode(flags, body);
            default -> {
                if (flags.critical() && mode == Ikev2Decoder.Mode.STRICT) {
                    // RFC 7296 section 2.5: reject the whole message; the field that names the
                    // type is at fieldAt, so the engine can put the type in the notify data.
                    throw new DecodeException(fieldAt, "Generic Payload Header.Next Payload",
                            ErrorNotify.V2_UNSUPPORTED_CRITICAL_PAYLOAD,
                            "unsupported critical payload " + type);
                }
                yield UnknownPayload.decode(flags, type, body);
            }
        };
    }

    /** The Next Payload value that precedes {@code payloads}: the first one's type, or 0. */
    static PayloadType firstType(List<Payload> payloads) {
        return payloads.isEmpty() ? PayloadType.NO_NEXT_PAYLOAD : payloads.get(0).type();
    }

    /** The Next Payload field written in payload {@code i}'s header. */
    static PayloadType nextType(List<Payload> payloads, int i) {
        // instanceof rather than a type switch: its call site costs a method handle call a payload
        // under C1, which the short-lived commands run with (the decoder asks for every payload)
        Payload p = payloads.get(i);
        if (p instanceof EncryptedPayload sk) {
            return sk.firstInner();
        }
        if (p instanceof EncryptedFragmentPayload skf) {
            return skf.firstInner();
        }
        return i + 1 < payloads.size() ? payloads.get(i + 1).type() : PayloadType.NO_NEXT_PAYLOAD;
    }

    /**
     * Checks the chain rules a decoder enforces: SK/SKF only last (and only when allowed), and
     * no payload type 0.
     */
    static void validate(List<Payload> payloads, boolean outer) {
        for (int i = 0; i < payloads.size(); i++) {
            Payload p = payloads.get(i);
            if (p.type().code() == 0 || p.type().code() > 0xff) {
                throw new IllegalArgumentException("payload type " + p.type() + " cannot be sent");
            }
            boolean encrypted = p instanceof EncryptedPayload || p instanceof EncryptedFragmentPayload;
            if (encrypted && (!outer || i != payloads.size() - 1)) {
                throw new IllegalArgumentException(outer ? "SK/SKF must be the last payload"
                        : "SK/SKF cannot be an inner payload");
            }
        }
    }

    static void encode(List<Payload> payloads, ByteWriter w) {
        for (int i = 0; i < payloads.size(); i++) {
            Payload p = payloads.get(i);
            w.u8(nextType(payloads, i).code()).u8(p.flags().toOctet());
            int lengthAt = w.position();
            w.u16(0);
            p.encodeBody(w);
            int length = w.position() - lengthAt + 2;
            if (length > 0xffff) {
                throw new IllegalArgumentException(p.type().name() + " payload too long: " + length);
            }
            w.patchU16(lengthAt, length);
        }
    }

    /** Each payload as a nested structure: generic header (next payload, critical, length), then its body. */
    static void describe(List<Payload> payloads, TreeSink b) {
        describe(payloads, payloadLengths(payloads), b);
    }

    /**
     * Each payload's length as {@link #encode} writes it (generic header and body): the payload's
     * own count where it has one ({@link Payload#encodedBodyLength()}), else by encoding it into
     * one writer for the chain, since it only counts here.
     *
     * @throws IllegalArgumentException as the encoder does, for a payload over 65535 bytes
     */
    static int[] payloadLengths(List<Payload> payloads) {
        int[] lengths = new int[payloads.size()];
        ByteWriter w = null;
        for (int i = 0; i < lengths.length; i++) {
            Payload p = payloads.get(i);
            int body = p.encodedBodyLength();
            if (body < 0) {
                w = w == null ? new ByteWriter(128) : w.clear();
                p.encodeBody(w);
                body = w.position();
            }
            int length = body + GENERIC_HEADER;
            if (length > 0xffff) {
                throw new IllegalArgumentException(p.type().name() + " payload too long: " + length);
            }
            lengths[i] = length;
        }
        return lengths;
    }

    /** As {@link #describe(List, TreeSink)}, with the payloads' lengths already counted. */
    static void describe(List<Payload> payloads, int[] lengths, TreeSink b) {
        for (int i = 0; i < payloads.size(); i++) {
            Payload p = payloads.get(i);
            b.open(p.title())
                    .code("next payload", nextType(payloads, i))
                    .field("critical", p.flags().critical() ? "yes" : "no");
            if (p.flags().reserved() != 0) {
                b.field("reserved", p.flags().reserved());
            }
            b.field("length", lengths[i]);
            p.describeBody(b);
            b.close();
        }
    }
}

package org.ike4j.wire.v1;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.wire.Tree;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.ErrorNotify;

/**
 * Decodes and encodes ISAKMP (IKEv1) messages, RFC 2408 section 3, and the payload chain inside
 * an encrypted message.
 *
 * <p>Decoding rules (all violations throw {@link DecodeException}, nothing else):
 * <ul>
 * <li>The datagram holds at least the 28-byte header; a major version other than 1 answers
 *     INVALID-MAJOR-VERSION (the minor version is kept, not judged).</li>
 * <li>The header's length must equal the datagram's length. A length below 28 or above the
 *     datagram is malformed (RFC 2408 section 5.1); bytes beyond the header length are rejected
 *     too, so that what is accepted re-encodes exactly and nothing unauthenticated rides along
 *     (UDP delivers whole datagrams, so a sender has no reason to append bytes). Both answer
 *     PAYLOAD-MALFORMED.</li>
 * <li>With the E flag, the bytes after the header are returned as ciphertext
 *     ({@link EncryptedMessage}). Without it, the payload chain must fill the message exactly.</li>
 * <li>Each payload's length must be at least 4 and fit the bytes left; its body is read inside
 *     that bound only, and must be consumed by the payload's own decoder.</li>
 * <li>Proposal (2) and Transform (3) are valid only inside an SA payload; announced in the chain
 *     they answer INVALID-PAYLOAD-TYPE. Other types the codec does not model decode as
 *     {@link UnknownPayload} and pass through; an exchange that wants RFC 2408's strict reading
 *     (INVALID-PAYLOAD-TYPE) calls {@link #rejectUnknownPayloads}.</li>
 * <li>Decoded plaintext ({@link #decodePayloads}) may have padding after the last payload; it
 *     is kept in the {@link PayloadChain}. Offsets in its errors count from the plaintext's start.</li>
 * </ul>
 */
public final class IsakmpCodec {
    private static final String HEADER = "ISAKMP Header";

    private IsakmpCodec() {
    }

    /** Decodes a datagram (after any non-ESP marker) into a plain or encrypted message. */
    public static IsakmpMessage decode(byte[] datagram) throws DecodeException {
        RawHeader raw = peekHeader(datagram);
        IsakmpHeader header = raw.header();
        if (header.majorVersion() != 1) {
            throw new DecodeException(17, HEADER + ".version", ErrorNotify.V1_INVALID_MAJOR_VERSION,
                    "major version " + header.majorVersion() + " is not ISAKMP's 1");
        }
        long length = raw.length();
        if (length < IsakmpHeader.LENGTH) {
            throw new DecodeException(24, HEADER + ".length", ErrorNotify.V1_PAYLOAD_MALFORMED,
                    "length " + length + " is below the 28-byte header");
        }
        if (length > datagram.length) {
            throw new DecodeException(24, HEADER + ".length", ErrorNotify.V1_PAYLOAD_MALFORMED,
                    "length " + length + " exceeds the " + datagram.length + "-byte datagram");
        }
        if (length < datagram.length) {
            throw new DecodeException(24, HEADER + ".length", ErrorNotify.V1_PAYLOAD_MALFORMED,
                    "the datagram has " + (datagram.length - length) + " bytes beyond the length " + length);
        }
        PayloadType next = raw.nextPayload();
        ByteReader r = ByteReader.of(datagram, ErrorNotify.V1_PAYLOAD_MALFORMED);
        r.skip(IsakmpHeader.LENGTH, HEADER);
        if (header.encrypted()) {
            return new EncryptedMessage(header, next, Bytes.wrap(r.rest()));
        }
        List<Payload> payloads = decodeChain(r, next, 16);
        if (r.hasRemaining()) {
            throw r.error("ISAKMP Message", r.remaining() + " bytes follow the last payload (next payload NONE)");
        }
        return new PlainMessage(header, payloads);
    }

    /** Reads the 28 header bytes without checking version or length (see {@link RawHeader}). */
    public static RawHeader peekHeader(byte[] datagram) throws DecodeException {
        ByteReader r = ByteReader.of(datagram, ErrorNotify.V1_PAYLOAD_MALFORMED);
        if (datagram.length < IsakmpHeader.LENGTH) {
            throw r.error(HEADER, "a message of " + datagram.length + " bytes is shorter than the 28-byte header");
        }
        Bytes icookie = Bytes.wrap(r.bytes(8, HEADER + ".initiator cookie"));
        Bytes rcookie = Bytes.wrap(r.bytes(8, HEADER + ".responder cookie"));
        PayloadType next = PayloadType.of(r.u8(HEADER + ".next payload"));
        int version = r.u8(HEADER + ".version");
        ExchangeType exchange = ExchangeType.of(r.u8(HEADER + ".exchange type"));
        int flags = r.u8(HEADER + ".flags");
        int messageId = r.i32(HEADER + ".message ID");
        long length = r.u32(HEADER + ".length");
        return new RawHeader(new IsakmpHeader(icookie, rcookie, version >>> 4, version & 0x0f, exchange, flags, messageId),
                next, length);
    }

    /**
     * Decodes decrypted payloads: the chain starting with {@code first} (the header's next
     * payload), and whatever follows the last payload as padding. Error offsets count from the
     * start of {@code plaintext}; add 28 for the offset in the message.
     */
    public static PayloadChain decodePayloads(PayloadType first, byte[] plaintext) throws DecodeException {
        ByteReader r = ByteReader.of(plaintext, ErrorNotify.V1_PAYLOAD_MALFORMED);
        List<Payload> payloads = decodeChain(r, first, 0);
        return new PayloadChain(payloads, Bytes.wrap(r.rest()));
    }

    /** Encodes a message; the header's next payload and length, and every payload length, are derived. */
    public static byte[] encode(IsakmpMessage message) {
        ByteWriter w = new ByteWriter();
        IsakmpHeader h = message.header();
        h.initiatorCookie().writeTo(w);
        h.responderCookie().writeTo(w);
        w.u8(message.firstPayload().code());
        w.u8((h.majorVersion() << 4) | h.minorVersion());
        w.u8(h.exchangeType().code()).u8(h.flags()).u32(h.messageId() & 0xffffffffL).u32(0);
        switch (message) {
            case PlainMessage p -> encodeChain(p.payloads(), w);
            case EncryptedMessage e -> e.body().writeTo(w);
        }
        w.patchU32(24, w.position());
        return w.toByteArray();
    }

    /** Encodes a payload chain followed by padding: the plaintext to encrypt. */
    public static byte[] encodePayloads(PayloadChain chain) {
        return encodePayloads(chain.payloads(), chain.padding());
    }

    static byte[] encodePayloads(List<Payload> payloads, Bytes padding) {
        ByteWriter w = new ByteWriter();
        encodeChain(payloads, w);
        padding.writeTo(w);
        return w.toByteArray();
    }

    private static void encodeChain(List<Payload> payloads, ByteWriter w) {
        for (int i = 0; i < payloads.size(); i++) {
            encodePayload(payloads.get(i), i + 1 < payloads.size() ? payloads.get(i + 1).type() : PayloadType.NONE, w);
        }
    }

    private static void encodePayload(Payload p, PayloadType next, ByteWriter w) {
        int start = w.position();
        w.u8(next.code()).u8(p.reserved()).u16(0);
        p.encodeBody(w);
        int length = w.position() - start;
        if (length > 0xffff) {
            throw new IllegalArgumentException(p.title() + " of " + length + " bytes exceeds the 16-bit payload length");
        }
        w.patchU16(start + 2, length);
    }

    /**
     * The strict reading of RFC 2408 sections 5.2 and 5.3: a next payload field naming a type
     * this codec does not know answers INVALID-PAYLOAD-TYPE. The decoder itself lets such
     * payloads through as {@link UnknownPayload} (the exchange may know them, e.g. GDOI); an
     * exchange that does not calls this. The offset is that of the next payload field announcing
     * the first unknown payload: 16 for the header's, and for a decrypted chain its offset in
     * the plaintext plus 28.
     */
    public static void rejectUnknownPayloads(IsakmpMessage message) throws DecodeException {
        if (message instanceof PlainMessage p) {
            rejectUnknown(p.payloads());
        }
    }

    /** As {@link #rejectUnknownPayloads(IsakmpMessage)}, for the decrypted payloads of a message. */
    public static void rejectUnknownPayloads(PayloadChain chain) throws DecodeException {
        rejectUnknown(chain.payloads());
    }

    private static void rejectUnknown(List<Payload> payloads) throws DecodeException {
        int at = 16;
        String field = HEADER + ".next payload";
        int offset = IsakmpHeader.LENGTH;
        for (Payload p : payloads) {
            if (p instanceof UnknownPayload u) {
                throw new DecodeException(at, field, ErrorNotify.V1_INVALID_PAYLOAD_TYPE,
                        "payload type " + u.type().code() + " is not known");
            }
            ByteWriter w = new ByteWriter();
            p.encodeBody(w);
            at = offset;
            field = payloadName(p.type()) + ".next payload";
            offset += 4 + w.position();
        }
    }

    /** Types with a record of their own; any other type decodes as {@link UnknownPayload}. */
    static boolean isModeled(int type) {
        return switch (type) {
            case 1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21, 130, 131, 132 -> true;
            default -> false;
        };
    }

    /** "Nonce Payload" and so on, for error field names. */
    /**
     * A payload type's name and the names of its generic header's fields, as errors name them;
     * made once per type code (0..255): string concatenations per payload were a good part of
     * what decoding a capture allocated. Racy but safe: the record's fields are final.
     */
    private record HeaderFields(String payload, String next, String reserved, String length) {
        private static final HeaderFields[] MADE = new HeaderFields[256];

        static HeaderFields of(PayloadType type) {
            int code = type.code();
            HeaderFields f = code >= 0 && code < MADE.length ? MADE[code] : null;
            if (f == null || !f.payload.equals(payloadName(type))) {
                String name = payloadName(type);
                f = new HeaderFields(name, name + ".next payload", name + ".RESERVED", name + ".length");
                if (code >= 0 && code < MADE.length) {
                    MADE[code] = f;
                }
            }
            return f;
        }
    }

    static String payloadName(PayloadType type) {
        return switch (type.code()) {
            case 1 -> SecurityAssociationPayload.NAME;
            case 4 -> "Key Exchange Payload";
            case 5 -> IdentificationPayload.NAME;
            case 6 -> "Certificate Payload";
            case 7 -> "Certificate Request Payload";
            case 8 -> "Hash Payload";
            case 9 -> "Signature Payload";
            case 10 -> "Nonce Payload";
            case 11 -> NotificationPayload.NAME;
            case 12 -> DeletePayload.NAME;
            case 13 -> "Vendor ID Payload";
            case 14 -> AttributePayload.NAME;
            case 20, 130 -> "NAT-D Payload";
            case 21, 131 -> NatOriginalAddressPayload.NAME;
            case 132 -> FragmentPayload.NAME;
            default -> "Payload " + type.name();
        };
    }

    private static List<Payload> decodeChain(ByteReader r, PayloadType first, int firstFieldAt) throws DecodeException {
        List<Payload> out = new ArrayList<>();
        PayloadType type = first;
        String nextField = HEADER + ".next payload";
        int nextAt = firstFieldAt;
        while (type.code() != PayloadType.NONE.code()) {
            if (type.code() == PayloadType.P.code() || type.code() == PayloadType.T.code()) {
                throw new DecodeException(nextAt, nextField, ErrorNotify.V1_INVALID_PAYLOAD_TYPE,
                        type.name() + " payloads occur only inside an SA payload");
            }
            HeaderFields f = HeaderFields.of(type);
            String name = f.payload;
            int start = r.position();
            if (r.remaining() < 4) {
                throw r.error(name, "the generic payload header needs 4 bytes, " + r.remaining() + " left");
            }
            int next = r.u8(f.next);
            int reserved = r.u8(f.reserved);
            int length = r.u16(f.length);
            if (length < 4) {
                throw r.errorAt(start + 2, f.length, "length " + length + " is below the 4-byte generic header");
            }
            if (length - 4 > r.remaining()) {
                throw r.errorAt(start + 2, f.length,
                        "length " + length + " exceeds the " + (r.remaining() + 4) + " bytes left");
            }
            ByteReader body = r.slice(length - 4, name);
            Payload p = decodeBody(type, reserved, body);
            if (body.hasRemaining()) {
                throw body.error(name, body.remaining() + " bytes left over in the payload");
            }
            out.add(p);
            type = PayloadType.of(next);
            nextField = f.next;
            nextAt = start;
        }
        return out;
    }

    private static Payload decodeBody(PayloadType type, int reserved, ByteReader body) throws DecodeException {
        return switch (type.code()) {
            case 1 -> SecurityAssociationPayload.decode(body, reserved);
            case 4 -> new KeyExchangePayload(Bytes.wrap(body.rest()), reserved);
            case 5 -> IdentificationPayload.decode(body, reserved);
            case 6 -> CertificatePayload.decode(body, reserved);
            case 7 -> CertificateRequestPayload.decode(body, reserved);
            case 8 -> new HashPayload(Bytes.wrap(body.rest()), reserved);
            case 9 -> new SignaturePayload(Bytes.wrap(body.rest()), reserved);
            case 10 -> new NoncePayload(Bytes.wrap(body.rest()), reserved);
            case 11 -> NotificationPayload.decode(body, reserved);
            case 12 -> DeletePayload.decode(body, reserved);
            case 13 -> new VendorIdPayload(Bytes.wrap(body.rest()), reserved);
            case 14 -> AttributePayload.decode(body, reserved);
            case 20, 130 -> new NatDiscoveryPayload(type, Bytes.wrap(body.rest()), reserved);
            case 21, 131 -> NatOriginalAddressPayload.decode(type, body, reserved);
            case 132 -> FragmentPayload.decode(body, reserved);
            default -> new UnknownPayload(type, Bytes.wrap(body.rest()), reserved);
        };
    }

    /** The payloads as trees, each with its chain's next payload type and length, as pluto traces them. */
    static List<Tree> trees(List<Payload> payloads) {
        List<Tree> out = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            List<Payload> chain = payloads;
            int at = i;
            // one payload of the chain: described with the chain so that next payload is right
            out.add(Tree.of(b -> describe(chain, at, payloadLengths(List.of(chain.get(at)))[0], b)));
        }
        return out;
    }

    /**
     * The payloads as nested structures, each with its chain's next payload type and length, as
     * pluto traces them.
     */
    static void describe(List<Payload> payloads, TreeSink b) {
        describe(payloads, payloadLengths(payloads), b);
    }

    /** As {@link #describe(List, TreeSink)}, with the payloads' lengths already counted. */
    static void describe(List<Payload> payloads, int[] lengths, TreeSink b) {
        for (int i = 0; i < payloads.size(); i++) {
            describe(payloads, i, lengths[i], b);
        }
    }

    /**
     * Each payload's length as the encoder writes it (generic header and body): the payload's own
     * count where it has one ({@link Payload#encodedBodyLength()}), else by encoding it into one
     * writer for the chain, since it only counts here.
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
            int length = 4 + body;
            if (length > 0xffff) {
                throw new IllegalArgumentException(p.title() + " of " + length + " bytes exceeds the 16-bit payload length");
            }
            lengths[i] = length;
        }
        return lengths;
    }

    private static void describe(List<Payload> payloads, int i, int length, TreeSink b) {
        Payload p = payloads.get(i);
        PayloadType next = i + 1 < payloads.size() ? payloads.get(i + 1).type() : PayloadType.NONE;
        b.open(p.title());
        b.code("next payload type", next);
        b.field("length", length);
        if (p.reserved() != 0) {
            b.field("reserved", p.reserved());
        }
        p.describe(b);
        b.close();
    }
}

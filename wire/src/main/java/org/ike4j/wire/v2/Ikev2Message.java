package org.ike4j.wire.v2;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Tree;
import org.ike4j.wire.TreeSink;

/**
 * An IKEv2 message (RFC 7296 section 3): the header and the payloads in wire order. When the
 * message is protected, the last payload is SK (or SKF for a fragment, RFC 7383) and holds the
 * inner payloads still encrypted.
 *
 * <p>{@link #encode()} derives every Next Payload field and every length; a caller never fills
 * them. For any message the decoder accepts, {@code encode(decode(b))} equals {@code b} and
 * {@code decode(encode(m))} equals {@code m}.
 */
public record Ikev2Message(Ikev2Header header, List<Payload> payloads) {

    public Ikev2Message {
        Objects.requireNonNull(header);
        payloads = List.copyOf(payloads);
        PayloadChain.validate(payloads, true);
    }

    /** The payloads of one class, in order. */
    public <T extends Payload> List<T> payloads(Class<T> type) {
        return payloads.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * The first payload of one class. A plain loop, not a stream: a capture decoder asks this of
     * every IKE_SA_INIT response, under C1, which does not inline a stream's lambdas.
     */
    public <T extends Payload> Optional<T> first(Class<T> type) {
        for (Payload p : payloads) {
            if (type.isInstance(p)) {
                return Optional.of(type.cast(p));
            }
        }
        return Optional.empty();
    }

    /**
     * The first unknown payload with the critical bit set, if any: what a lenient decode keeps and
     * an engine answers with UNSUPPORTED_CRITICAL_PAYLOAD, the type being the notify data
     * (RFC 7296 section 2.5).
     */
    public Optional<PayloadType> unsupportedCriticalPayload() {
        return payloads.stream()
                .filter(p -> p instanceof UnknownPayload u && u.critical())
                .map(Payload::type)
                .findFirst();
    }

    /** The encrypted payload, when the message is protected. */
    public Optional<EncryptedPayload> encrypted() {
        return first(EncryptedPayload.class);
    }

    /** The wire form: header with Next Payload and Length filled in, then the payload chain. */
    public byte[] encode() {
        ByteWriter w = new ByteWriter(Ikev2Header.SIZE + 64 * payloads.size());
        w.i64(header.initiatorSpi()).i64(header.responderSpi())
                .u8(PayloadChain.firstType(payloads).code())
                .u8(header.majorVersion() << 4 | header.minorVersion())
                .u8(header.exchangeType().code())
                .u8(header.flags())
                .u32(header.messageId())
                .u32(0);
        PayloadChain.encode(payloads, w);
        w.patchU32(24, w.position());
        return w.toByteArray();
    }

    /** The message as an indented tree: header, then each payload. */
    public Tree toTree() {
        return Tree.of(this::describe);
    }

    /** The message as {@link #toTree()} shows it, as one structure of {@code b}. */
    public void describe(TreeSink b) {
        b.open("IKEv2 Message");
        describeContents(b);
        b.close();
    }

    /** The header and each payload, as {@link #toTree()} shows them, without the enclosing heading. */
    public void describeContents(TreeSink b) {
        // each payload's length counted once, for its own line and for the message's (as encode() makes it)
        int[] lengths = PayloadChain.payloadLengths(payloads);
        long length = Ikev2Header.SIZE;
        for (int l : lengths) {
            length += l;
        }
        header.describe(b, PayloadChain.firstType(payloads), length);
        PayloadChain.describe(payloads, lengths, b);
    }

    /**
     * Payloads as {@link #toTree()} shows a message's payloads (each with its generic header), for
     * the inner payloads of an SK payload; the chain must be one that
     * {@link Ikev2Decoder#encodePayloads(List)} encodes.
     */
    public static void describePayloads(List<Payload> payloads, TreeSink b) {
        PayloadChain.describe(payloads, b);
    }
}

package org.ike4j.engine.v2.protection;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.PayloadType;

/**
 * Reassembles fragmented messages of one IKE SA (RFC 7383 section 2.6) from fragments already
 * verified and decrypted ({@link Unprotected.Fragment}: each fragment is authenticated on its own
 * before it is kept).
 *
 * <p>Fragments are collected by Message ID (one set per exchange type and direction would be
 * stricter; the Message ID already belongs to one request or response). A fragment whose Total
 * Fragments is larger than the one stored starts the collection anew, since the sender has
 * re-fragmented with a smaller size; one with a smaller total is stale and ignored. Duplicates are
 * ignored. Memory is bounded: at most {@code maxFragments} per message, {@code maxBytes} of content
 * per message, and {@code maxMessages} messages at once (the oldest is dropped for a new one).
 *
 * <p>Not thread-safe: one reassembler per IKE SA, driven by the engine's single thread.
 */
public final class FragmentReassembler {

    /** The outcome of adding one fragment. */
    public sealed interface Result {
    }

    /** Kept; {@code received} of {@code total} fragments are in. */
    public record Pending(long messageId, int received, int total) implements Result {
    }

    /** Not kept, for the reason given (duplicate, stale total, over a limit). */
    public record Ignored(String reason) implements Result {
    }

    /**
     * The last fragment arrived: the whole message, as {@link Unprotected.Message} (whose outer
     * message is fragment 1's) or {@link Unprotected.InvalidSyntax} if the inner payloads do not
     * decode.
     */
    public record Complete(Unprotected message) implements Result {
    }

    private static final class Partial {
        final int total;
        final byte[][] pieces;
        Ikev2Message first;
        PayloadType firstInner = PayloadType.NO_NEXT_PAYLOAD;
        int received;
        int bytes;

        Partial(int total) {
            this.total = total;
            this.pieces = new byte[total][];
        }
    }

    private final int maxFragments;
    private final int maxBytes;
    private final int maxMessages;
    private final Map<Long, Partial> partials = new LinkedHashMap<>();

    /**
     * @param maxFragments most fragments accepted for one message
     * @param maxBytes most content octets kept for one message
     * @param maxMessages most messages reassembled at once
     */
    public FragmentReassembler(int maxFragments, int maxBytes, int maxMessages) {
        if (maxFragments < 1 || maxBytes < 1 || maxMessages < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxFragments = maxFragments;
        this.maxBytes = maxBytes;
        this.maxMessages = maxMessages;
    }

    /** Limits for an IKE SA: 64 fragments, 64 KiB per message (an IKE message's UDP limit), 2 messages. */
    public static FragmentReassembler withDefaults() {
        return new FragmentReassembler(64, 65_535, 2);
    }

    /** Messages being reassembled. */
    public int inProgress() {
        return partials.size();
    }

    /** Drops whatever was collected for a message (e.g. when its exchange is over or timed out). */
    public void forget(long messageId) {
        partials.remove(messageId);
    }

    public Result add(Unprotected.Fragment f) {
        return add(f, Ikev2Decoder.Mode.STRICT);
    }

    public Result add(Unprotected.Fragment f, Ikev2Decoder.Mode mode) {
        Ikev2Header h = f.header();
        long id = h.messageId();
        if (f.total() > maxFragments) {
            return new Ignored("total fragments " + f.total() + " above the limit of " + maxFragments);
        }
        Partial p = partials.get(id);
        if (p != null && f.total() < p.total) {
            return new Ignored("stale fragment: total " + f.total() + " after " + p.total);
        }
        if (p != null && f.total() > p.total) {
            partials.remove(id); // RFC 7383 section 2.6: re-fragmented, start anew
            p = null;
        }
        if (p == null) {
            if (partials.size() >= maxMessages) {
                Iterator<Long> oldest = partials.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            p = new Partial(f.total());
            partials.put(id, p);
        }
        if (p.first != null && p.first.header().exchangeType().code() != h.exchangeType().code()) {
            return new Ignored("fragment of exchange " + h.exchangeType() + " among " + p.first.header().exchangeType());
        }
        int i = f.number() - 1;
        if (p.pieces[i] != null) {
            return new Ignored("duplicate fragment " + f.number());
        }
        if (p.bytes + f.content().length() > maxBytes) {
            partials.remove(id);
            return new Ignored("message over " + maxBytes + " octets; dropped");
        }
        p.pieces[i] = f.content().toByteArray();
        p.bytes += p.pieces[i].length;
        p.received++;
        if (f.number() == 1) {
            p.firstInner = f.firstInner();
        }
        if (p.first == null || f.number() == 1) {
            p.first = f.outer();
        }
        if (p.received < p.total) {
            return new Pending(id, p.received, p.total);
        }
        partials.remove(id);
        ByteArrayOutputStream all = new ByteArrayOutputStream(p.bytes);
        for (byte[] piece : p.pieces) {
            all.writeBytes(piece);
        }
        return new Complete(SkProtector.decodeInner(p.first.header(), all.toByteArray(), p.firstInner, mode, p.first));
    }

    /** The inner payloads of a complete result, when they decoded. */
    public static List<Payload> payloads(Complete c) {
        return c.message() instanceof Unprotected.Message m ? m.inner() : List.of();
    }
}

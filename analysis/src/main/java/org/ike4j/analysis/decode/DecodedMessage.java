package org.ike4j.analysis.decode;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.ike4j.wire.Tree;

/**
 * One captured IKE message as the decoder understood it.
 *
 * <p>Immutable, with a record's accessors (it was one), but held in a form of its own and equal only
 * to itself: a decoded capture of 100,000 messages lives to the end of the run, and each object of
 * it is copied by the collector. So the capture time is
 * kept as two numbers and the IKEv1 detail's IV among the message's bytes ({@link Content.V1}),
 * each made into an {@code Instant} or a text only when asked for: three objects less a message.
 */
public final class DecodedMessage {
    private final long frame;
    private final long epochSecond;
    /** -1 for no time. */
    private final int nano;
    private final String source;
    private final String destination;
    private final boolean natT;
    private final int version;
    private final Direction direction;
    private final String exchange;
    private final long messageId;
    private final String flags;
    private final Status status;
    /** The detail, or with {@link #ivDetail} what follows the IV in it. */
    private final String detail;
    /** The detail starts with the IV the content holds ({@link Content.V1#iv()}). */
    private final boolean ivDetail;
    private final List<String> payloads;
    private final Content content;

    /**
     * @param frame the frame number (from 1, as Wireshark counts)
     * @param time capture time
     * @param source sender {@code address:port}
     * @param destination receiver {@code address:port}
     * @param natT true when carried on UDP 4500 behind the non-ESP marker (RFC 3948 section 2.2)
     * @param version 1 (ISAKMP/IKEv1) or 2
     * @param direction from the SA's initiator or to it
     * @param exchange the exchange type's name ({@code ID_PROT}, {@code IKE_AUTH}, ...)
     * @param messageId the message ID, unsigned
     * @param flags the header flags by name
     * @param status what could be done with the message
     * @param detail why it could not be decrypted, or how it was (IV, suite); empty when plain
     * @param payloads short names of the payloads: the decrypted ones where decryption worked
     * @param content the message's model objects, rendered as a tree on demand
     */
    public DecodedMessage(long frame, Instant time, String source, String destination, boolean natT, int version,
            Direction direction, String exchange, long messageId, String flags, Status status, String detail,
            List<String> payloads, Content content) {
        this(frame, time == null ? 0 : time.getEpochSecond(), time == null ? -1 : time.getNano(), source, destination,
                natT, version, direction, exchange, messageId, flags, status, detail, false, payloads, content);
    }

    /**
     * As the public constructor, the time as its two numbers; with {@code ivDetail} the detail is
     * "IV" and the IV {@code content} holds, then {@code detail} after a semicolon when not empty.
     */
    DecodedMessage(long frame, long epochSecond, int nano, String source, String destination, boolean natT,
            int version, Direction direction, String exchange, long messageId, String flags, Status status,
            String detail, boolean ivDetail, List<String> payloads, Content content) {
        this.frame = frame;
        this.epochSecond = epochSecond;
        this.nano = nano;
        this.source = source;
        this.destination = destination;
        this.natT = natT;
        this.version = version;
        this.direction = Objects.requireNonNull(direction);
        this.exchange = exchange;
        this.messageId = messageId;
        this.flags = flags;
        this.status = Objects.requireNonNull(status);
        this.detail = Objects.requireNonNull(detail);
        this.payloads = List.copyOf(payloads);
        this.content = Objects.requireNonNull(content);
        if (ivDetail && !(content instanceof Content.V1 v1 && v1.holdsIv())) {
            throw new IllegalArgumentException("an IV detail needs an IKEv1 content that holds the IV");
        }
        this.ivDetail = ivDetail;
    }

    /** The frame number (from 1, as Wireshark counts). */
    public long frame() {
        return frame;
    }

    /** Capture time (null when the capture gave none). */
    public Instant time() {
        return nano < 0 ? null : Instant.ofEpochSecond(epochSecond, nano);
    }

    /** The capture time's seconds since the epoch (0 when there is none). */
    long epochSecond() {
        return epochSecond;
    }

    /** The capture time's nanoseconds, -1 when there is none. */
    int nano() {
        return nano;
    }

    /** Sender {@code address:port}. */
    public String source() {
        return source;
    }

    /** Receiver {@code address:port}. */
    public String destination() {
        return destination;
    }

    /** True when carried on UDP 4500 behind the non-ESP marker (RFC 3948 section 2.2). */
    public boolean natT() {
        return natT;
    }

    /** 1 (ISAKMP/IKEv1) or 2. */
    public int version() {
        return version;
    }

    /** From the SA's initiator or to it. */
    public Direction direction() {
        return direction;
    }

    /** The exchange type's name ({@code ID_PROT}, {@code IKE_AUTH}, ...). */
    public String exchange() {
        return exchange;
    }

    /** The message ID, unsigned. */
    public long messageId() {
        return messageId;
    }

    /** The header flags by name. */
    public String flags() {
        return flags;
    }

    /** What could be done with the message. */
    public Status status() {
        return status;
    }

    /** Why it could not be decrypted, or how it was (IV, suite); empty when plain. */
    public String detail() {
        if (!ivDetail) {
            return detail;
        }
        String iv = "IV " + HexFormat.of().formatHex(((Content.V1) content).iv());
        return detail.isEmpty() ? iv : iv + "; " + detail;
    }

    /** Short names of the payloads: the decrypted ones where decryption worked. */
    public List<String> payloads() {
        return payloads;
    }

    /** The message's model objects, rendered as a tree on demand. */
    public Content content() {
        return content;
    }

    /** Who sent it, relative to the IKE SA's initiator (the sender of its first message). */
    public enum Direction {
        INITIATOR_TO_RESPONDER("I->R"), RESPONDER_TO_INITIATOR("R->I");

        private final String arrow;

        Direction(String arrow) {
            this.arrow = arrow;
        }

        public String arrow() {
            return arrow;
        }
    }

    /** What the decoder could do with a message. */
    public enum Status {
        /** Sent in the clear: every payload shown. */
        PLAIN(false),
        /** Decrypted (and, for IKEv2, its ICV verified). */
        DECRYPTED(false),
        /** A verified fragment (RFC 7383) whose message is shown with its last fragment. */
        FRAGMENT(false),
        /** Encrypted and left so: {@code detail} says why. */
        NOT_DECRYPTED(true),
        /** Not a valid message (truncated, bad lengths): {@code detail} says what. */
        MALFORMED(true);

        private final boolean failure;

        Status(boolean failure) {
            this.failure = failure;
        }

        /** Whether a report marks it as a failure. */
        public boolean failure() {
            return failure;
        }
    }

    /** The whole message as a tree: the outer message, then the decrypted payloads when there are any. */
    public Tree tree() {
        return content.tree();
    }

    /** A one-line summary: exchange, message ID and payloads. */
    public String summary() {
        return exchange + " MID " + messageIdText() + " " + String.join(" ", payloads);
    }

    /**
     * The message ID as people read it: IKEv1's is random (RFC 2408 section 3.1), so in hex as
     * pluto and Wireshark print it; IKEv2's counts (RFC 7296 section 2.2), so in decimal.
     */
    public String messageIdText() {
        if (version != 1) {
            return Long.toString(messageId);
        }
        String hex = Long.toHexString(messageId);
        return "0x" + "0".repeat(Math.max(0, 8 - hex.length())) + hex;
    }

    @Override
    public String toString() {
        return "frame " + frame + " " + direction.arrow() + " " + summary() + " (" + status + ")";
    }
}

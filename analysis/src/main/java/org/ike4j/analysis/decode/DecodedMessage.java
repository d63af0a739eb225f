package org.ike4j.analysis.decode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.ike4j.wire.Tree;

/**
 * One captured IKE message as the decoder understood it.
 *
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
public record DecodedMessage(long frame, Instant time, String source, String destination, boolean natT, int version,
        Direction direction, String exchange, long messageId, String flags, Status status, String detail,
        List<String> payloads, Content content) {

    public DecodedMessage {
        Objects.requireNonNull(direction);
        Objects.requireNonNull(status);
        Objects.requireNonNull(detail);
        payloads = List.copyOf(payloads);
        Objects.requireNonNull(content);
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
}

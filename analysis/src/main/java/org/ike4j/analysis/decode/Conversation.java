package org.ike4j.analysis.decode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A whole capture as the decoder understood it: its IKE SAs, each with its messages in capture
 * order, and one line for every frame that is not an IKE message (ESP, NAT keepalives, frames
 * that could not be read).
 *
 * @param capture the file's name
 * @param frames frames read
 * @param sas the IKE SAs in the order their first message appears
 * @param frameNotes ESP packets, keepalives and unreadable frames, in frame order
 * @param keyNotes what the key sources gave
 * @param otherTraffic frames that are neither IKE nor ESP (counted, not listed)
 */
public record Conversation(String capture, long frames, List<IkeSaConversation> sas, List<FrameNote> frameNotes,
        List<String> keyNotes, long otherTraffic) {

    public Conversation {
        Objects.requireNonNull(capture);
        sas = List.copyOf(sas);
        frameNotes = List.copyOf(frameNotes);
        keyNotes = List.copyOf(keyNotes);
    }

    /**
     * One IKE SA (IKEv1: one initiator cookie; IKEv2: one initiator SPI).
     *
     * @param version 1 or 2
     * @param initiatorSpi initiator cookie or SPI, hex
     * @param responderSpi responder cookie or SPI, hex (zeros until the responder answered)
     * @param initiator the initiator's {@code address:port} (the sender of the first message, or
     *     for IKEv2 of the first message with the I flag)
     * @param responder the responder's {@code address:port}
     * @param keys which key was used, or "no key"
     */
    public record IkeSaConversation(int version, String initiatorSpi, String responderSpi, String initiator,
            String responder, String keys, List<DecodedMessage> messages) {
        public IkeSaConversation {
            messages = List.copyOf(messages);
        }
    }

    /**
     * A frame that is not an IKE message.
     *
     * @param esp for an ESP packet, its fields and decryption
     */
    public record FrameNote(long frame, Instant time, Kind kind, String text, java.util.Optional<EspNote> esp) {
        public FrameNote {
            Objects.requireNonNull(esp);
        }

        public FrameNote(long frame, Instant time, Kind kind, String text) {
            this(frame, time, kind, text, java.util.Optional.empty());
        }

        public enum Kind {
            ESP, NAT_KEEPALIVE, UNREADABLE
        }
    }

    /** All messages of all SAs. */
    public List<DecodedMessage> messages() {
        return sas.stream().flatMap(s -> s.messages().stream()).toList();
    }

    /** Messages of every status, counted. */
    public long count(DecodedMessage.Status status) {
        // a plain loop: the summary line counts five statuses over every message of the capture
        long n = 0;
        for (IkeSaConversation sa : sas) {
            for (DecodedMessage m : sa.messages()) {
                if (m.status() == status) {
                    n++;
                }
            }
        }
        return n;
    }
}

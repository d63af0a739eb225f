package org.ike4j.wire;

/**
 * The one error a decoder throws. It names where the input went wrong (byte offset from the
 * start of the message, and the field being read) and the notification a responder should answer
 * with, so that the engine never has to guess from a message string.
 *
 * <p>Decoders throw nothing else on bad input: no {@code IndexOutOfBoundsException}, no
 * {@code IllegalArgumentException}. Fuzz tests hold them to that.
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String field;
    private final ErrorNotify answer;

    public DecodeException(int offset, String field, ErrorNotify answer, String problem) {
        super(problem + " (" + field + " at offset " + offset + "; answer " + answer.name() + ")");
        this.offset = offset;
        this.field = field;
        this.answer = answer;
    }

    /** Byte offset from the start of the decoded buffer. */
    public int offset() {
        return offset;
    }

    /** The field being read, e.g. {@code "Proposal Payload.SPI size"}. */
    public String field() {
        return field;
    }

    /** The notification a responder should send (if the exchange allows an answer at all). */
    public ErrorNotify answer() {
        return answer;
    }

    /** A decode failure with the offset shifted, for errors found in a nested buffer. */
    public DecodeException shifted(int by) {
        return new DecodeException(offset + by, field, answer, problem());
    }

    /** The problem alone, without field and offset. */
    public String problem() {
        String m = getMessage();
        int i = m.lastIndexOf(" (");
        return i < 0 ? m : m.substring(0, i);
    }
}

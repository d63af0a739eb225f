package org.ike4j.engine.v2.protection;

import java.util.List;
import java.util.Objects;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.ErrorNotify;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.PayloadType;

/**
 * What opening a received protected message gives. Opening never throws for anything a peer can
 * send, and no variant carries key material: a failed check says only which check failed.
 *
 * <p>The variants follow the order of the checks: the outer message must decode and end in a
 * well-sized SK or SKF payload ({@link Malformed}), then the ICV must verify ({@link
 * IntegrityFailed}); only then is the plaintext looked at ({@link InvalidSyntax}, or success:
 * {@link Message}, {@link Fragment}). RFC 7296 section 2.21.2: a message that fails its integrity
 * check is dropped silently; an error in a verified message may be answered.
 */
public sealed interface Unprotected {

    /**
     * A verified and decrypted SK message.
     *
     * @param content the inner payload chain as it was decrypted (padding removed), the bytes
     *     {@code inner} was decoded from: what a capture decoder keeps instead of the payloads
     */
    record Message(Ikev2Message outer, List<Payload> inner, Bytes content) implements Unprotected {
        public Message {
            Objects.requireNonNull(outer);
            Objects.requireNonNull(content);
            inner = List.copyOf(inner);
        }

        public Ikev2Header header() {
            return outer.header();
        }
    }

    /**
     * A verified and decrypted SKF fragment (RFC 7383 section 2.5): its piece of the inner
     * payload chain, padding removed. Only fragment 1 names the first inner payload.
     */
    record Fragment(Ikev2Message outer, int number, int total, PayloadType firstInner, Bytes content)
            implements Unprotected {
        public Fragment {
            Objects.requireNonNull(outer);
            Objects.requireNonNull(firstInner);
            Objects.requireNonNull(content);
        }

        public Ikev2Header header() {
            return outer.header();
        }
    }

    /** The ICV (or AEAD tag) did not verify; nothing was decrypted. */
    record IntegrityFailed(Ikev2Header header) implements Unprotected {
    }

    /**
     * The message could not be checked at all: it does not decode, has no SK or SKF payload, or
     * the SK body cannot hold an IV, a block of ciphertext and an ICV.
     */
    record Malformed(String reason) implements Unprotected {
    }

    /**
     * The ICV verified but the plaintext is not valid: a Pad Length beyond the plaintext, or inner
     * payloads that do not decode. {@code answer} is the notify to answer with (INVALID_SYNTAX,
     * or UNSUPPORTED_CRITICAL_PAYLOAD with {@code unsupportedCriticalType} its data, else -1).
     */
    record InvalidSyntax(Ikev2Header header, ErrorNotify answer, int unsupportedCriticalType, String reason)
            implements Unprotected {
    }
}

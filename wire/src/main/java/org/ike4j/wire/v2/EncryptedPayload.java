package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/**
 * Encrypted and Authenticated payload, SK (RFC 7296 section 3.14). It is the last payload of
 * its message, and its Next Payload field names the first payload inside the encrypted data, not
 * a payload that follows. The body is kept raw: Initialization Vector, the encrypted inner
 * payloads with padding and Pad Length, and the Integrity Checksum Data; where one ends and the
 * next begins depends on the negotiated algorithms, so splitting it is the crypto layer's job.
 * After decryption, {@link Ikev2Decoder#decodePayloads} decodes the inner chain.
 *
 * @param firstInner the type of the first inner payload (NO_NEXT_PAYLOAD when there is none,
 *     as in an empty INFORMATIONAL message)
 * @param encrypted IV | ciphertext | ICV, as on the wire
 */
public record EncryptedPayload(PayloadFlags flags, PayloadType firstInner, Bytes encrypted) implements Payload {

    public EncryptedPayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(firstInner);
        Objects.requireNonNull(encrypted);
        if (firstInner.code() < 0 || firstInner.code() > 0xff) {
            throw new IllegalArgumentException("payload type out of range");
        }
    }

    public EncryptedPayload(PayloadType firstInner, Bytes encrypted) {
        this(PayloadFlags.NONE, firstInner, encrypted);
    }

    @Override
    public PayloadType type() {
        return PayloadType.SK;
    }

    static EncryptedPayload decode(PayloadFlags flags, PayloadType firstInner, ByteReader r) {
        return new EncryptedPayload(flags, firstInner, Bytes.wrap(r.rest()));
    }

    @Override
    public int encodedBodyLength() {
        return encrypted.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        encrypted.writeTo(w);
    }

    @Override
    public String title() {
        return "IKEv2 Encrypted and Authenticated Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.code("first inner payload", firstInner).hex("IV, encrypted data and ICV", encrypted);
    }
}

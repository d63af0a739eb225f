package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * Encrypted and Authenticated Fragment payload, SKF (RFC 7383 section 2.5).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Next Payload  |C|  RESERVED   |         Payload Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Fragment Number        |        Total Fragments        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Initialization Vector                       |
 * ~                    Encrypted content                          ~
 * ~                    Integrity Checksum Data                    ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Like SK it is the last payload and its Next Payload field names the first inner payload,
 * but only in fragment number 1; every other fragment carries 0 there (section 2.5). The decoder
 * enforces: Fragment Number at least 1, Total Fragments at least 1, Fragment Number not above
 * Total Fragments, and Next Payload 0 in fragments other than the first (INVALID_SYNTAX).
 */
public record EncryptedFragmentPayload(PayloadFlags flags, int fragmentNumber, int totalFragments,
        PayloadType firstInner, Bytes encrypted) implements Payload {

    public EncryptedFragmentPayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(firstInner);
        Objects.requireNonNull(encrypted);
        if (fragmentNumber < 0 || fragmentNumber > 0xffff || totalFragments < 0 || totalFragments > 0xffff
                || firstInner.code() < 0 || firstInner.code() > 0xff) {
            throw new IllegalArgumentException("fragment field out of range");
        }
    }

    @Override
    public PayloadType type() {
        return PayloadType.SKF;
    }

    static EncryptedFragmentPayload decode(PayloadFlags flags, PayloadType firstInner, int nextPayloadAt, ByteReader r)
            throws DecodeException {
        int numberAt = r.position();
        int number = r.u16("Encrypted Fragment Payload.Fragment Number");
        int total = r.u16("Encrypted Fragment Payload.Total Fragments");
        if (number < 1 || total < 1 || number > total) {
            throw r.errorAt(numberAt, "Encrypted Fragment Payload.Fragment Number",
                    "fragment " + number + " of " + total);
        }
        if (number != 1 && firstInner.code() != 0) {
            throw r.errorAt(nextPayloadAt, "Encrypted Fragment Payload.Next Payload",
                    "fragment " + number + " names inner payload " + firstInner + "; only fragment 1 may");
        }
        return new EncryptedFragmentPayload(flags, number, total, firstInner, Bytes.wrap(r.rest()));
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u16(fragmentNumber).u16(totalFragments);
        encrypted.writeTo(w);
    }

    @Override
    public String title() {
        return "IKEv2 Encrypted and Authenticated Fragment Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.field("fragment number", fragmentNumber).field("total fragments", totalFragments)
                .code("first inner payload", firstInner).hex("IV, encrypted data and ICV", encrypted);
    }
}

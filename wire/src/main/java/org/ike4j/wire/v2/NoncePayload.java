package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * Nonce payload, Ni or Nr (RFC 7296 section 3.9). The RFC requires 16 to 256 octets of nonce
 * data; the decoder enforces that (INVALID_SYNTAX otherwise).
 */
public record NoncePayload(PayloadFlags flags, Bytes nonce) implements Payload {
    /** RFC 7296 section 3.9: at least 128 bits. */
    public static final int MIN_LENGTH = 16;
    /** RFC 7296 section 3.9: at most 2048 bits. */
    public static final int MAX_LENGTH = 256;

    public NoncePayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(nonce);
    }

    public NoncePayload(Bytes nonce) {
        this(PayloadFlags.NONE, nonce);
    }

    @Override
    public PayloadType type() {
        return PayloadType.NONCE;
    }

    static NoncePayload decode(PayloadFlags flags, ByteReader r) throws DecodeException {
        int n = r.remaining();
        if (n < MIN_LENGTH || n > MAX_LENGTH) {
            throw r.error("Nonce Payload.Nonce Data", "nonce of " + n + " octets, must be 16..256");
        }
        return new NoncePayload(flags, Bytes.wrap(r.rest()));
    }

    @Override
    public int encodedBodyLength() {
        return nonce.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        nonce.writeTo(w);
    }

    @Override
    public String title() {
        return "IKEv2 Nonce Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.hex("nonce data", nonce);
    }
}

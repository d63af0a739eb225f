package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/**
 * Generic Secure Password Methods payload, GSPM (RFC 6467 section 3.1): data whose meaning
 * depends on the negotiated password method, kept raw.
 */
public record GenericSecurePasswordPayload(PayloadFlags flags, Bytes data) implements Payload {

    public GenericSecurePasswordPayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(data);
    }

    @Override
    public PayloadType type() {
        return PayloadType.GSPM;
    }

    static GenericSecurePasswordPayload decode(PayloadFlags flags, ByteReader r) {
        return new GenericSecurePasswordPayload(flags, Bytes.wrap(r.rest()));
    }

    @Override
    public void encodeBody(ByteWriter w) {
        data.writeTo(w);
    }

    @Override
    public String title() {
        return "IKEv2 Generic Secure Password Methods Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.hex("GSPM data", data);
    }
}

package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/**
 * A payload of a type this codec does not model (reserved numbers, private use, or registered
 * types such as IDg, GSA, KD and PS whose bodies it leaves alone), kept as its raw body so that
 * it re-encodes unchanged.
 *
 * <p>RFC 7296 section 2.5: an unknown payload with the critical bit clear is skipped; with the
 * critical bit set the whole message is rejected with UNSUPPORTED_CRITICAL_PAYLOAD. The
 * {@link Ikev2Decoder.Mode#STRICT strict} decoder does the latter; the lenient decoder keeps the
 * payload here and {@link #critical()} tells.
 */
public record UnknownPayload(PayloadFlags flags, PayloadType type, Bytes body) implements Payload {

    public UnknownPayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(type);
        Objects.requireNonNull(body);
        if (type.code() == 0 || type.code() > 0xff || PayloadChain.isModelled(type)) {
            throw new IllegalArgumentException("not an unmodelled payload type: " + type);
        }
    }

    public UnknownPayload(PayloadType type, boolean critical, Bytes body) {
        this(critical ? PayloadFlags.CRITICAL : PayloadFlags.NONE, type, body);
    }

    public boolean critical() {
        return flags.critical();
    }

    static UnknownPayload decode(PayloadFlags flags, PayloadType type, ByteReader r) {
        return new UnknownPayload(flags, type, Bytes.wrap(r.rest()));
    }

    @Override
    public void encodeBody(ByteWriter w) {
        body.writeTo(w);
    }

    @Override
    public String title() {
        return "IKEv2 Unknown Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.code("payload type", type).hex("body", body);
    }
}

package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * Identification payload, IDi or IDr (RFC 7296 section 3.5): an ID type and its data. The
 * octets of the body (type, reserved, data) are what the AUTH computation hashes, so they are
 * kept exactly.
 *
 * @param type {@link PayloadType#IDI} or {@link PayloadType#IDR}
 * @param reserved the 24-bit RESERVED field, kept as received
 */
public record IdentificationPayload(PayloadFlags flags, PayloadType type, IdType idType, int reserved, Bytes data)
        implements Payload {

    public IdentificationPayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(idType);
        Objects.requireNonNull(data);
        if (idType.code() < 0 || idType.code() > 0xff) {
            throw new IllegalArgumentException("ID type out of range: " + idType);
        }
        if (!PayloadType.IDI.equals(type) && !PayloadType.IDR.equals(type)) {
            throw new IllegalArgumentException("not IDi/IDr: " + type);
        }
        if (reserved < 0 || reserved > 0xffffff) {
            throw new IllegalArgumentException("reserved out of range");
        }
    }

    public IdentificationPayload(PayloadType type, IdType idType, Bytes data) {
        this(PayloadFlags.NONE, type, idType, 0, data);
    }

    public boolean isInitiator() {
        return PayloadType.IDI.equals(type);
    }

    static IdentificationPayload decode(PayloadFlags flags, PayloadType type, ByteReader r) throws DecodeException {
        IdType t = IdType.of(r.u8("Identification Payload.ID Type"));
        int reserved = r.u24("Identification Payload.RESERVED");
        return new IdentificationPayload(flags, type, t, reserved, Bytes.wrap(r.rest()));
    }

    @Override
    public int encodedBodyLength() {
        return 4 + data.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(idType.code()).u24(reserved);
        data.writeTo(w);
    }

    @Override
    public String title() {
        return isInitiator() ? "IKEv2 Identification - Initiator Payload"
                : "IKEv2 Identification - Responder Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.code("ID type", idType);
        if (reserved != 0) {
            b.field("reserved", reserved);
        }
        b.hex("identification data", data);
    }
}

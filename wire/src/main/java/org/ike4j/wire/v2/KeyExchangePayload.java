package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * Key Exchange payload, KE (RFC 7296 section 3.4): the key exchange method (formerly D-H
 * group) and the sender's public value. The data's length per method is checked by the engine,
 * which answers INVALID_KE_PAYLOAD or INVALID_SYNTAX; the wire format only bounds it.
 *
 * @param reserved the 16-bit RESERVED field, kept as received
 */
public record KeyExchangePayload(PayloadFlags flags, KeyExchangeMethod method, int reserved, Bytes data)
        implements Payload {

    public KeyExchangePayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(method);
        Objects.requireNonNull(data);
        if (method.code() < 0 || method.code() > 0xffff) {
            throw new IllegalArgumentException("method out of range: " + method);
        }
        if (reserved < 0 || reserved > 0xffff) {
            throw new IllegalArgumentException("reserved out of range");
        }
    }

    public KeyExchangePayload(KeyExchangeMethod method, Bytes data) {
        this(PayloadFlags.NONE, method, 0, data);
    }

    @Override
    public PayloadType type() {
        return PayloadType.KE;
    }

    static KeyExchangePayload decode(PayloadFlags flags, ByteReader r) throws DecodeException {
        KeyExchangeMethod m = KeyExchangeMethod.of(r.u16("Key Exchange Payload.Key Exchange Method Num"));
        int reserved = r.u16("Key Exchange Payload.RESERVED");
        return new KeyExchangePayload(flags, m, reserved, Bytes.wrap(r.rest()));
    }

    @Override
    public int encodedBodyLength() {
        return 4 + data.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u16(method.code()).u16(reserved);
        data.writeTo(w);
    }

    @Override
    public String title() {
        return "IKEv2 Key Exchange Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.code("key exchange method", method);
        if (reserved != 0) {
            b.field("reserved", reserved);
        }
        b.hex("key exchange data", data);
    }
}

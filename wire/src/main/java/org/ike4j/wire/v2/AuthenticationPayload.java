package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * Authentication payload, AUTH (RFC 7296 section 3.8): the method and the authentication data.
 *
 * @param reserved the 24-bit RESERVED field, kept as received
 */
public record AuthenticationPayload(PayloadFlags flags, AuthMethod method, int reserved, Bytes data)
        implements Payload {

    public AuthenticationPayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(method);
        Objects.requireNonNull(data);
        if (method.code() < 0 || method.code() > 0xff) {
            throw new IllegalArgumentException("method out of range: " + method);
        }
        if (reserved < 0 || reserved > 0xffffff) {
            throw new IllegalArgumentException("reserved out of range");
        }
    }

    public AuthenticationPayload(AuthMethod method, Bytes data) {
        this(PayloadFlags.NONE, method, 0, data);
    }

    @Override
    public PayloadType type() {
        return PayloadType.AUTH;
    }

    static AuthenticationPayload decode(PayloadFlags flags, ByteReader r) throws DecodeException {
        AuthMethod m = AuthMethod.of(r.u8("Authentication Payload.Auth Method"));
        int reserved = r.u24("Authentication Payload.RESERVED");
        return new AuthenticationPayload(flags, m, reserved, Bytes.wrap(r.rest()));
    }

    @Override
    public int encodedBodyLength() {
        return 4 + data.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(method.code()).u24(reserved);
        data.writeTo(w);
    }

    @Override
    public String title() {
        return "IKEv2 Authentication Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.code("auth method", method);
        if (reserved != 0) {
            b.field("reserved", reserved);
        }
        b.hex("authentication data", data);
    }
}

package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/** Certificate payload, CERT (RFC 7296 section 3.6): an encoding and the certificate data. */
public record CertificatePayload(PayloadFlags flags, CertEncoding encoding, Bytes data) implements Payload {

    public CertificatePayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(encoding);
        Objects.requireNonNull(data);
        if (encoding.code() < 0 || encoding.code() > 0xff) {
            throw new IllegalArgumentException("encoding out of range: " + encoding);
        }
    }

    @Override
    public PayloadType type() {
        return PayloadType.CERT;
    }

    static CertificatePayload decode(PayloadFlags flags, ByteReader r) throws DecodeException {
        CertEncoding e = CertEncoding.of(r.u8("Certificate Payload.Cert Encoding"));
        return new CertificatePayload(flags, e, Bytes.wrap(r.rest()));
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(encoding.code());
        data.writeTo(w);
    }

    @Override
    public String title() {
        return "IKEv2 Certificate Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.code("certificate encoding", encoding).hex("certificate data", data);
    }
}

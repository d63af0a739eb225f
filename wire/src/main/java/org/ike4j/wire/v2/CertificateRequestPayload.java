package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * Certificate Request payload, CERTREQ (RFC 7296 section 3.7): an encoding and the
 * Certification Authority field (for X.509, a concatenation of 20-octet SHA-1 hashes of CA
 * public keys; kept raw here, its structure is the engine's concern).
 */
public record CertificateRequestPayload(PayloadFlags flags, CertEncoding encoding, Bytes authority)
        implements Payload {

    public CertificateRequestPayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(encoding);
        Objects.requireNonNull(authority);
        if (encoding.code() < 0 || encoding.code() > 0xff) {
            throw new IllegalArgumentException("encoding out of range: " + encoding);
        }
    }

    @Override
    public PayloadType type() {
        return PayloadType.CERTREQ;
    }

    static CertificateRequestPayload decode(PayloadFlags flags, ByteReader r) throws DecodeException {
        CertEncoding e = CertEncoding.of(r.u8("Certificate Request Payload.Cert Encoding"));
        return new CertificateRequestPayload(flags, e, Bytes.wrap(r.rest()));
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(encoding.code());
        authority.writeTo(w);
    }

    @Override
    public String title() {
        return "IKEv2 Certificate Request Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.code("certificate encoding", encoding).hex("certification authority", authority);
    }
}

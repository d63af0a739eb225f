package org.ike4j.wire.v1;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * The Certificate Request payload, RFC 2408 section 3.10: a certificate type and an optional
 * certificate authority (e.g. a DER distinguished name).
 *
 * @param certType the requested certificate encoding
 * @param authority the certificate authority, possibly empty
 * @param reserved the generic header's RESERVED byte
 */
public record CertificateRequestPayload(CertEncoding certType, Bytes authority, int reserved) implements Payload {

    public CertificateRequestPayload {
        Checks.bytes(authority, Checks.MAX_BODY - 1, "certificate authority");
        Checks.u8(reserved, "RESERVED");
    }

    public CertificateRequestPayload(CertEncoding certType, Bytes authority) {
        this(certType, authority, 0);
    }

    @Override
    public PayloadType type() {
        return PayloadType.CR;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(certType.code());
        authority.writeTo(w);
    }

    static CertificateRequestPayload decode(ByteReader r, int reserved) throws DecodeException {
        CertEncoding e = CertEncoding.of(r.u8("Certificate Request Payload.Cert. Type"));
        return new CertificateRequestPayload(e, Bytes.wrap(r.rest()), reserved);
    }

    @Override
    public String title() {
        return "ISAKMP Certificate Request Payload";
    }

    @Override
    public void describe(TreeSink b) {
        b.code("cert type", certType);
        b.hex("certificate authority", authority);
    }
}

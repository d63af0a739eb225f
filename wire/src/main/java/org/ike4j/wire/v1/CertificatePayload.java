package org.ike4j.wire.v1;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * The Certificate payload, RFC 2408 section 3.9: an encoding byte and the certificate data.
 *
 * @param encoding the certificate encoding
 * @param data the certificate data
 * @param reserved the generic header's RESERVED byte
 */
public record CertificatePayload(CertEncoding encoding, Bytes data, int reserved) implements Payload {

    public CertificatePayload {
        Checks.bytes(data, Checks.MAX_BODY - 1, "certificate data");
        Checks.u8(reserved, "RESERVED");
    }

    public CertificatePayload(CertEncoding encoding, Bytes data) {
        this(encoding, data, 0);
    }

    @Override
    public PayloadType type() {
        return PayloadType.CERT;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(encoding.code());
        data.writeTo(w);
    }

    static CertificatePayload decode(ByteReader r, int reserved) throws DecodeException {
        CertEncoding e = CertEncoding.of(r.u8("Certificate Payload.Cert Encoding"));
        return new CertificatePayload(e, Bytes.wrap(r.rest()), reserved);
    }

    @Override
    public String title() {
        return "ISAKMP Certificate Payload";
    }

    @Override
    public void describe(TreeSink b) {
        b.code("cert encoding", encoding);
        b.hex("certificate data", data);
    }
}

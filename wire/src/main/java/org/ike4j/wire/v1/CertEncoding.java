package org.ike4j.wire.v1;

import org.ike4j.wire.Registry;

/** Certificate encodings of the CERT and CR payloads, RFC 2408 section 3.9. */
public record CertEncoding(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof CertEncoding other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<CertEncoding> R = new Registry<>("certificate encoding", CertEncoding::new);

    public static final CertEncoding NONE = R.known(0, "NONE");
    public static final CertEncoding PKCS7_X509 = R.known(1, "PKCS #7 wrapped X.509 certificate");
    public static final CertEncoding PGP = R.known(2, "PGP Certificate");
    public static final CertEncoding DNS_SIGNED_KEY = R.known(3, "DNS Signed Key");
    public static final CertEncoding X509_SIGNATURE = R.known(4, "X.509 Certificate - Signature");
    public static final CertEncoding X509_KEY_EXCHANGE = R.known(5, "X.509 Certificate - Key Exchange");
    public static final CertEncoding KERBEROS = R.known(6, "Kerberos Tokens");
    public static final CertEncoding CRL = R.known(7, "Certificate Revocation List (CRL)");
    public static final CertEncoding ARL = R.known(8, "Authority Revocation List (ARL)");
    public static final CertEncoding SPKI = R.known(9, "SPKI Certificate");
    public static final CertEncoding X509_ATTRIBUTE = R.known(10, "X.509 Certificate - Attribute");

    public CertEncoding {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("certificate encoding is one byte: " + code);
        }
    }

    public static CertEncoding of(int code) {
        return R.of(code);
    }
}

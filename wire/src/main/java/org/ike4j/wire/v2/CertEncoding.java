package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 certificate encoding: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.6 (the RFC names them in prose; these are the prose names with underscores); RFC 4806 (OCSP_CONTENT); RFC 7670 (RAW_PUBLIC_KEY).
 */
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

    private static final Registry<CertEncoding> R = new Registry<>("IKEv2 certificate encoding", CertEncoding::new);

    public static final CertEncoding PKCS7_WRAPPED_X509_CERTIFICATE = R.known(1, "PKCS7_WRAPPED_X509_CERTIFICATE");
    public static final CertEncoding PGP_CERTIFICATE = R.known(2, "PGP_CERTIFICATE");
    public static final CertEncoding DNS_SIGNED_KEY = R.known(3, "DNS_SIGNED_KEY");
    public static final CertEncoding X509_CERTIFICATE_SIGNATURE = R.known(4, "X509_CERTIFICATE_SIGNATURE");
    public static final CertEncoding KERBEROS_TOKEN = R.known(6, "KERBEROS_TOKEN");
    public static final CertEncoding CERTIFICATE_REVOCATION_LIST = R.known(7, "CERTIFICATE_REVOCATION_LIST");
    public static final CertEncoding AUTHORITY_REVOCATION_LIST = R.known(8, "AUTHORITY_REVOCATION_LIST");
    public static final CertEncoding SPKI_CERTIFICATE = R.known(9, "SPKI_CERTIFICATE");
    public static final CertEncoding X509_CERTIFICATE_ATTRIBUTE = R.known(10, "X509_CERTIFICATE_ATTRIBUTE");
    public static final CertEncoding RAW_RSA_KEY = R.known(11, "RAW_RSA_KEY");
    public static final CertEncoding HASH_AND_URL_OF_X509_CERTIFICATE = R.known(12, "HASH_AND_URL_OF_X509_CERTIFICATE");
    public static final CertEncoding HASH_AND_URL_OF_X509_BUNDLE = R.known(13, "HASH_AND_URL_OF_X509_BUNDLE");
    public static final CertEncoding OCSP_CONTENT = R.known(14, "OCSP_CONTENT");
    public static final CertEncoding RAW_PUBLIC_KEY = R.known(15, "RAW_PUBLIC_KEY");

    public static CertEncoding of(int code) {
        return R.of(code);
    }

    public static Registry<CertEncoding> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}

package org.ike4j.crypto.kdf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.ike4j.crypto.PrfAlgorithm;

/**
 * The hash negotiated for an IKEv1 Phase 1 SA (RFC 2409 Appendix A, attribute class 2; RFC 4868
 * for SHA-2). IKEv1 uses it bare for the IVs (RFC 2409 Appendix B) and, as HMAC, as the PRF
 * whenever no PRF attribute was negotiated (RFC 2409 section 4). The IANA numbers belong to the
 * wire and engine layers.
 */
public enum Ikev1HashAlgorithm {
    MD5("MD5", PrfAlgorithm.HMAC_MD5),
    SHA1("SHA-1", PrfAlgorithm.HMAC_SHA1),
    SHA2_256("SHA-256", PrfAlgorithm.HMAC_SHA2_256),
    SHA2_384("SHA-384", PrfAlgorithm.HMAC_SHA2_384),
    SHA2_512("SHA-512", PrfAlgorithm.HMAC_SHA2_512);

    private final String jcaName;
    private final PrfAlgorithm hmac;

    Ikev1HashAlgorithm(String jcaName, PrfAlgorithm hmac) {
        this.jcaName = jcaName;
        this.hmac = hmac;
    }

    /** The PRF IKEv1 uses when none is negotiated: the HMAC version of this hash. */
    public PrfAlgorithm hmac() {
        return hmac;
    }

    public int outputSize() {
        return hmac.outputSize();
    }

    /** hash(parts[0] | parts[1] | ...). */
    public byte[] digest(byte[]... parts) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " unavailable", e);
        }
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }
}

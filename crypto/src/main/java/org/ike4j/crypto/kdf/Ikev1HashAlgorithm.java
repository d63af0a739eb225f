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

    private final PrfAlgorithm hmac;
    /**
     * One digest per thread, reused: {@code getInstance} is a provider lookup, and a capture
     * decoder computes a Phase 2 IV for every Quick Mode and Informational exchange.
     */
    private final ThreadLocal<MessageDigest> perThread;

    Ikev1HashAlgorithm(String jcaName, PrfAlgorithm hmac) {
        this.hmac = hmac;
        this.perThread = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jcaName + " unavailable", e);
            }
        });
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
        MessageDigest md = perThread.get();
        md.reset();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }
}

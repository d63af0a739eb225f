package org.ike4j.crypto;

/**
 * The pseudo-random functions ike4j implements. IKEv1 derives its PRF from the negotiated hash
 * (HMAC) unless a PRF attribute is given; IKEv2 negotiates a PRF transform. The mapping from each
 * version's IANA numbers lives with the engine, not here.
 */
public enum PrfAlgorithm {
    HMAC_MD5("PRF_HMAC_MD5", 16, 16),
    HMAC_SHA1("PRF_HMAC_SHA1", 20, 20),
    HMAC_SHA2_256("PRF_HMAC_SHA2_256", 32, 32),
    HMAC_SHA2_384("PRF_HMAC_SHA2_384", 48, 48),
    HMAC_SHA2_512("PRF_HMAC_SHA2_512", 64, 64),
    /** RFC 4434: shorter keys are zero-padded to 16 bytes, longer ones reduced by AES-XCBC-MAC. */
    AES128_XCBC("PRF_AES128_XCBC", 16, 16),
    /** RFC 4615: keys other than 16 bytes are first reduced to AES-CMAC(0^128, key). */
    AES128_CMAC("PRF_AES128_CMAC", 16, 16);

    private final String ianaName;
    private final int outputSize;
    private final int preferredKeySize;

    PrfAlgorithm(String ianaName, int outputSize, int preferredKeySize) {
        this.ianaName = ianaName;
        this.outputSize = outputSize;
        this.preferredKeySize = preferredKeySize;
    }

    /** The IKEv2 registry's name for it (RFC 7296, RFC 4868). */
    public String ianaName() {
        return ianaName;
    }

    public int outputSize() {
        return outputSize;
    }

    /** The key size RFC 7296 section 2.13 calls for (SK_d, SK_pi, SK_pr). */
    public int preferredKeySize() {
        return preferredKeySize;
    }
}

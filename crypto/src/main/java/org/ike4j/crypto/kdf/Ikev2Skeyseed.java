package org.ike4j.crypto.kdf;

import java.util.Arrays;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.Secret;

/**
 * SKEYSEED, the key from which all IKEv2 SA keys are expanded.
 *
 * <pre>
 * SKEYSEED = prf(Ni | Nr, g^ir)                         (RFC 7296 2.14, IKE_SA_INIT)
 * SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr)      (RFC 7296 2.18, rekeying the IKE SA)
 * </pre>
 *
 * The nonces key the PRF in the first form, rather than g^ir, because of the two legacy PRFs with a
 * fixed 128-bit key (AES-XCBC-PRF-128, RFC 4434, and AES-CMAC-PRF-128, RFC 4615): for them RFC 7296
 * 2.14 takes "only the first 64 bits of Ni and the first 64 bits of Nr" for SKEYSEED, while prf+
 * still sees the whole nonces. Ni and Nr are nonce payload data without the payload header; g^ir is
 * the shared secret as the key exchange delivers it (zero-padded to the modulus length, 2.14).
 */
public final class Ikev2Skeyseed {
    private Ikev2Skeyseed() {
    }

    /** SKEYSEED = prf(Ni | Nr, g^ir), with the nonce truncation of 2.14 for fixed-key PRFs. */
    public static Secret initial(Prf prf, byte[] ni, byte[] nr, Secret gir) {
        byte[] key = nonceKey(prf.algorithm(), ni, nr);
        byte[] g = gir.reveal();
        try {
            return Secret.wrap(prf.apply(key, g));
        } finally {
            Octets.wipe(g);
        }
    }

    /**
     * SKEYSEED for the new IKE SA when rekeying: prf(SK_d (old), g^ir (new) | Ni | Nr), where the
     * nonces are those of the CREATE_CHILD_SA exchange (RFC 7296 2.18). No nonce truncation here:
     * SK_d is the PRF's key.
     */
    public static Secret rekey(Prf prf, Secret oldSkD, Secret newGir, byte[] ni, byte[] nr) {
        byte[] g = newGir.reveal();
        try {
            return prf.apply(oldSkD, g, ni, nr);
        } finally {
            Octets.wipe(g);
        }
    }

    /** The PRF key Ni | Nr of 2.14, each nonce cut to half the key for the fixed-key PRFs. */
    static byte[] nonceKey(PrfAlgorithm algorithm, byte[] ni, byte[] nr) {
        if (!hasFixedKey(algorithm)) {
            return Octets.concat(ni, nr);
        }
        int half = algorithm.preferredKeySize() / 2;
        if (ni.length < half || nr.length < half) {
            throw new IllegalArgumentException("nonces of " + ni.length + " and " + nr.length
                    + " bytes are shorter than half the " + algorithm.ianaName() + " key");
        }
        return Octets.concat(Arrays.copyOf(ni, half), Arrays.copyOf(nr, half));
    }

    /** The PRFs RFC 7296 2.14 names as taking a fixed-size key. */
    static boolean hasFixedKey(PrfAlgorithm algorithm) {
        return switch (algorithm) {
            case AES128_XCBC, AES128_CMAC -> true;
            case HMAC_MD5, HMAC_SHA1, HMAC_SHA2_256, HMAC_SHA2_384, HMAC_SHA2_512 -> false;
        };
    }
}

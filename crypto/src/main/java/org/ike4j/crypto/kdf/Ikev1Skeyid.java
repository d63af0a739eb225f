package org.ike4j.crypto.kdf;

import org.ike4j.crypto.Prf;
import org.ike4j.crypto.Secret;

/**
 * SKEYID, the Phase 1 root key, by authentication method (RFC 2409 section 5).
 *
 * <pre>
 * signatures:              SKEYID = prf(Ni_b | Nr_b, g^xy)
 * public key encryption:   SKEYID = prf(hash(Ni_b | Nr_b), CKY-I | CKY-R)
 * pre-shared key:          SKEYID = prf(pre-shared-key, Ni_b | Nr_b)
 * </pre>
 *
 * Ni_b and Nr_b are the nonce payload bodies; CKY-I and CKY-R the 8-byte cookies from the ISAKMP
 * header. The public key encryption form serves both the original and the revised mode (5.2, 5.3).
 * In that mode the nonces travel encrypted and hash(Ni_b | Nr_b) is secret.
 */
public final class Ikev1Skeyid {
    private Ikev1Skeyid() {
    }

    /** SKEYID = prf(pre-shared-key, Ni_b | Nr_b). */
    public static Secret preSharedKey(Prf prf, Secret preSharedKey, byte[] niB, byte[] nrB) {
        return prf.apply(preSharedKey, niB, nrB);
    }

    /** SKEYID = prf(Ni_b | Nr_b, g^xy), for DSS and RSA signature authentication. */
    public static Secret signature(Prf prf, byte[] niB, byte[] nrB, Secret gxy) {
        byte[] g = gxy.reveal();
        try {
            return Secret.wrap(prf.apply(Octets.concat(niB, nrB), g));
        } finally {
            Octets.wipe(g);
        }
    }

    /** SKEYID = prf(hash(Ni_b | Nr_b), CKY-I | CKY-R), with the negotiated hash. */
    public static Secret publicKeyEncryption(Prf prf, Ikev1HashAlgorithm hash, byte[] niB, byte[] nrB,
            byte[] ckyI, byte[] ckyR) {
        Octets.requireLength(ckyI, 8, "CKY-I");
        Octets.requireLength(ckyR, 8, "CKY-R");
        try (Secret key = Secret.wrap(hash.digest(niB, nrB))) {
            return prf.apply(key, ckyI, ckyR);
        }
    }
}

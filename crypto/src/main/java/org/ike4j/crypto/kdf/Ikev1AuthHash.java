package org.ike4j.crypto.kdf;

import org.ike4j.crypto.Prf;
import org.ike4j.crypto.Secret;

/**
 * HASH_I and HASH_R, which authenticate the Phase 1 exchange (RFC 2409 section 5).
 *
 * <pre>
 * HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b )
 * HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b )
 * </pre>
 *
 * SAi_b is the initiator's whole SA payload body (without the generic header); IDii_b and IDir_b
 * the ID payload bodies. With signatures the hash is what gets signed; with pre-shared keys and
 * public key encryption it is sent as is. Both methods take the values in initiator-then-responder
 * order and apply the RFC's swap for HASH_R themselves.
 */
public final class Ikev1AuthHash {
    private Ikev1AuthHash() {
    }

    public static byte[] hashI(Prf prf, Secret skeyid, byte[] gxi, byte[] gxr, byte[] ckyI, byte[] ckyR,
            byte[] saiB, byte[] idiiB) {
        return mac(prf, skeyid, gxi, gxr, ckyI, ckyR, saiB, idiiB);
    }

    public static byte[] hashR(Prf prf, Secret skeyid, byte[] gxi, byte[] gxr, byte[] ckyI, byte[] ckyR,
            byte[] saiB, byte[] idirB) {
        return mac(prf, skeyid, gxr, gxi, ckyR, ckyI, saiB, idirB);
    }

    private static byte[] mac(Prf prf, Secret skeyid, byte[]... data) {
        Octets.requireLength(data[2], 8, "cookie");
        Octets.requireLength(data[3], 8, "cookie");
        try (Secret h = prf.apply(skeyid, data)) {
            return h.reveal();
        }
    }
}

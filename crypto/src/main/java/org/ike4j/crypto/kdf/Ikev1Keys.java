package org.ike4j.crypto.kdf;

import org.ike4j.crypto.Prf;
import org.ike4j.crypto.Secret;

/**
 * The keys of an IKEv1 Phase 1 (ISAKMP) SA (RFC 2409 section 5).
 *
 * <pre>
 * SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
 * SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
 * SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
 * </pre>
 *
 * The trailing 0, 1, 2 are single octets. SKEYID_d keys Quick Mode KEYMAT, SKEYID_a the Phase 2
 * and Informational hashes, SKEYID_e the ISAKMP SA's encryption key ({@link #encryptionKey}).
 * SKEYID is kept because HASH_I and HASH_R are keyed with it.
 */
public record Ikev1Keys(Secret skeyid, Secret skeyidD, Secret skeyidA, Secret skeyidE) {

    /**
     * Derives SKEYID_d, SKEYID_a and SKEYID_e. The returned record holds {@code skeyid} itself (not
     * a copy), so destroying the record destroys it too.
     */
    public static Ikev1Keys derive(Prf prf, Secret skeyid, Secret gxy, byte[] ckyI, byte[] ckyR) {
        Octets.requireLength(ckyI, 8, "CKY-I");
        Octets.requireLength(ckyR, 8, "CKY-R");
        byte[] g = gxy.reveal();
        byte[] d = null;
        byte[] a = null;
        try {
            Secret skeyidD = prf.apply(skeyid, g, ckyI, ckyR, new byte[] {0});
            d = skeyidD.reveal();
            Secret skeyidA = prf.apply(skeyid, d, g, ckyI, ckyR, new byte[] {1});
            a = skeyidA.reveal();
            Secret skeyidE = prf.apply(skeyid, a, g, ckyI, ckyR, new byte[] {2});
            return new Ikev1Keys(skeyid, skeyidD, skeyidA, skeyidE);
        } finally {
            Octets.wipe(g, d, a);
        }
    }

    /** The ISAKMP SA encryption key of {@code keySize} bytes, per {@link #appendixB}. */
    public Secret encryptionKey(Prf prf, int keySize) {
        return appendixB(prf, skeyidE, keySize);
    }

    /**
     * The encryption key from SKEYID_e (RFC 2409 Appendix B). When SKEYID_e is long enough its
     * first {@code keySize} bytes are the key; otherwise it is expanded by feeding the PRF into
     * itself and the first {@code keySize} bytes of the result are taken:
     *
     * <pre>
     * Ka = K1 | K2 | K3 | ...
     *   K1 = prf(SKEYID_e, 0)        (0 is one zero octet)
     *   K2 = prf(SKEYID_e, K1)
     *   K3 = prf(SKEYID_e, K2)
     * </pre>
     *
     * E.g. 3DES (24 bytes) with HMAC-MD5 (16-byte SKEYID_e) takes K1 and half of K2.
     */
    public static Secret appendixB(Prf prf, Secret skeyidE, int keySize) {
        if (keySize < 0) {
            throw new IllegalArgumentException("negative key size");
        }
        if (skeyidE.length() >= keySize) {
            return skeyidE.slice(0, keySize);
        }
        byte[] e = skeyidE.reveal();
        byte[] ka = new byte[keySize];
        byte[] k = new byte[] {0};
        try {
            for (int filled = 0; filled < keySize; ) {
                byte[] next = prf.apply(e, k);
                Octets.wipe(k);
                k = next;
                int take = Math.min(k.length, keySize - filled);
                System.arraycopy(k, 0, ka, filled, take);
                filled += take;
            }
            return Secret.wrap(ka);
        } finally {
            Octets.wipe(e, k);
        }
    }

    /** Overwrites all four keys. */
    public void destroy() {
        skeyid.destroy();
        skeyidD.destroy();
        skeyidA.destroy();
        skeyidE.destroy();
    }
}

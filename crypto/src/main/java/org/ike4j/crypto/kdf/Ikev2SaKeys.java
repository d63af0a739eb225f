package org.ike4j.crypto.kdf;

import java.util.List;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.Secret;

/**
 * The seven keys of an IKEv2 SA (RFC 7296 section 2.14), named by direction: "i" keys protect
 * messages from the original initiator, "r" keys those from the original responder.
 *
 * <pre>
 * {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+ (SKEYSEED, Ni | Nr | SPIi | SPIr)
 * </pre>
 *
 * SK_d, SK_pi and SK_pr have the PRF's preferred key size (2.13); SK_a* the integrity algorithm's
 * key size; SK_e* the encryption key size including any salt. With an AEAD cipher there is no
 * integrity transform and SK_ai and SK_ar are empty (zero-length) secrets (RFC 5282 section 7).
 */
public record Ikev2SaKeys(Secret skD, Secret skAi, Secret skAr, Secret skEi, Secret skEr, Secret skPi, Secret skPr) {

    /**
     * Expands SKEYSEED into the seven keys.
     *
     * @param ni    initiator's nonce data (IKE_SA_INIT, or the CREATE_CHILD_SA that rekeys the SA)
     * @param nr    responder's nonce data
     * @param spiI  the initiator's SPI of the SA being keyed (8 bytes)
     * @param spiR  the responder's SPI (8 bytes)
     * @param sizes SK_e* and SK_a* sizes from the negotiated encryption and integrity transforms
     */
    public static Ikev2SaKeys derive(Prf prf, Secret skeyseed, byte[] ni, byte[] nr, byte[] spiI, byte[] spiR,
            SaKeySizes sizes) {
        Octets.requireLength(spiI, 8, "SPIi");
        Octets.requireLength(spiR, 8, "SPIr");
        int p = prf.algorithm().preferredKeySize();
        int a = sizes.integrityKeySize();
        int e = sizes.encryptionKeySize();
        try (Secret stream = PrfPlus.derive(prf, skeyseed, 3 * p + 2 * a + 2 * e, ni, nr, spiI, spiR)) {
            int at = 0;
            Secret d = stream.slice(at, at += p);
            Secret ai = stream.slice(at, at += a);
            Secret ar = stream.slice(at, at += a);
            Secret ei = stream.slice(at, at += e);
            Secret er = stream.slice(at, at += e);
            Secret pi = stream.slice(at, at += p);
            Secret pr = stream.slice(at, at += p);
            return new Ikev2SaKeys(d, ai, ar, ei, er, pi, pr);
        }
    }

    /**
     * SKEYSEED from the IKE_SA_INIT exchange (2.14) and its expansion in one step; SKEYSEED itself is
     * destroyed once used.
     */
    public static Ikev2SaKeys initial(Prf prf, Secret gir, byte[] ni, byte[] nr, byte[] spiI, byte[] spiR,
            SaKeySizes sizes) {
        try (Secret skeyseed = Ikev2Skeyseed.initial(prf, ni, nr, gir)) {
            return derive(prf, skeyseed, ni, nr, spiI, spiR, sizes);
        }
    }

    /**
     * The keys of the new IKE SA when rekeying (2.18): SKEYSEED from the old SA's SK_d and the new
     * shared secret, expanded with the new nonces and the new SA's SPIs.
     */
    public static Ikev2SaKeys rekey(Prf prf, Secret oldSkD, Secret newGir, byte[] ni, byte[] nr, byte[] spiI,
            byte[] spiR, SaKeySizes sizes) {
        try (Secret skeyseed = Ikev2Skeyseed.rekey(prf, oldSkD, newGir, ni, nr)) {
            return derive(prf, skeyseed, ni, nr, spiI, spiR, sizes);
        }
    }

    /** True unless the SA uses an AEAD cipher (empty SK_ai, SK_ar). */
    public boolean hasIntegrityKeys() {
        return skAi.length() > 0;
    }

    /** The keys in the order prf+ produced them. */
    public List<Secret> inOrder() {
        return List.of(skD, skAi, skAr, skEi, skEr, skPi, skPr);
    }

    /** Overwrites all seven keys. */
    public void destroy() {
        inOrder().forEach(Secret::destroy);
    }
}

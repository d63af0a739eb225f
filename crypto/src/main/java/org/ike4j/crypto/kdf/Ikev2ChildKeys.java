package org.ike4j.crypto.kdf;

import org.ike4j.crypto.Prf;
import org.ike4j.crypto.Secret;

/**
 * Keying material for an IKEv2 Child SA (RFC 7296 section 2.17).
 *
 * <pre>
 * KEYMAT = prf+(SK_d, Ni | Nr)                  (no PFS, or the first Child SA of IKE_AUTH)
 * KEYMAT = prf+(SK_d, g^ir (new) | Ni | Nr)     (CREATE_CHILD_SA with a KE payload)
 * </pre>
 *
 * Ni and Nr are the nonces of the exchange that creates the SA (those of IKE_SA_INIT for the
 * Child SA set up by IKE_AUTH). 2.17: "All keys for SAs carrying data from the initiator to the
 * responder are taken before SAs going from the responder to the initiator", and within one SA the
 * encryption key comes first and the integrity key follows. Initiator and responder here are those
 * of the CREATE_CHILD_SA exchange, not of the IKE SA.
 */
public record Ikev2ChildKeys(IpsecKeys initiatorToResponder, IpsecKeys responderToInitiator) {

    /** KEYMAT without a new Diffie-Hellman exchange. */
    public static Ikev2ChildKeys derive(Prf prf, Secret skD, byte[] ni, byte[] nr, SaKeySizes sizes) {
        return split(keymat(prf, skD, null, ni, nr, 2 * sizes.total()), sizes);
    }

    /** KEYMAT with the shared secret of the CREATE_CHILD_SA's own key exchange (PFS). */
    public static Ikev2ChildKeys derive(Prf prf, Secret skD, Secret newGir, byte[] ni, byte[] nr,
            SaKeySizes sizes) {
        java.util.Objects.requireNonNull(newGir, "newGir");
        return split(keymat(prf, skD, newGir, ni, nr, 2 * sizes.total()), sizes);
    }

    /**
     * The first {@code length} bytes of KEYMAT, for callers that lay out more than one protocol
     * themselves; {@code newGir} is null without PFS.
     */
    public static Secret keymat(Prf prf, Secret skD, Secret newGir, byte[] ni, byte[] nr, int length) {
        byte[] g = Octets.revealOrEmpty(newGir);
        try {
            return PrfPlus.derive(prf, skD, length, g, ni, nr);
        } finally {
            Octets.wipe(g);
        }
    }

    private static Ikev2ChildKeys split(Secret keymat, SaKeySizes sizes) {
        try (keymat) {
            return new Ikev2ChildKeys(IpsecKeys.split(keymat, 0, sizes), IpsecKeys.split(keymat, sizes.total(), sizes));
        }
    }

    /** Overwrites all four keys. */
    public void destroy() {
        initiatorToResponder.destroy();
        responderToInitiator.destroy();
    }
}

package org.ike4j.engine.v1;

import java.util.List;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Connection;
import org.ike4j.config.Encryption;
import org.ike4j.config.IkeProposal;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;

/**
 * The proposals used when a connection names none (the configuration model leaves the defaults to
 * the engine): AES-CBC with SHA-2-256 or SHA-1, MODP 3072/2048 for Phase 1; AES-CBC with
 * HMAC-SHA-256 or HMAC-SHA-1 and no PFS for ESP. Nothing weaker than strongSwan 5's IKEv1 defaults.
 */
final class Ikev1Defaults {
    private Ikev1Defaults() {
    }

    static final List<IkeProposal> IKE = List.of(new IkeProposal(
            List.of(Encryption.of(CipherAlgorithm.AES_CBC_128), Encryption.of(CipherAlgorithm.AES_CBC_256)),
            List.of(IntegrityAlgorithm.HMAC_SHA2_256_128, IntegrityAlgorithm.HMAC_SHA1_96),
            List.of(PrfAlgorithm.HMAC_SHA2_256, PrfAlgorithm.HMAC_SHA1), List.of(DhGroup.MODP_3072, DhGroup.MODP_2048)));

    static final List<ChildProposal> ESP = List.of(new ChildProposal(ChildProposal.Protocol.ESP,
            List.of(Encryption.of(CipherAlgorithm.AES_CBC_128), Encryption.of(CipherAlgorithm.AES_CBC_256)),
            List.of(IntegrityAlgorithm.HMAC_SHA2_256_128, IntegrityAlgorithm.HMAC_SHA1_96), List.of(), List.of()));

    static List<IkeProposal> ike(Connection c) {
        return c.ikeProposals().isEmpty() ? IKE : c.ikeProposals();
    }

    static List<ChildProposal> esp(Connection c) {
        return c.childProposals().isEmpty() ? ESP : c.childProposals();
    }
}

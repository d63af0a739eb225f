package org.ike4j.config;

import java.util.List;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;

/**
 * One IKE SA proposal: in IKEv2 (RFC 7296 section 3.3) each list offers alternatives, in
 * preference order; in IKEv1 (RFC 2409 appendix A) a proposal carries one of each, and the
 * integrity entry is the negotiated hash (HMAC-MD5-96 stands for hash MD5, with PRF HMAC-MD5).
 * Integrity is empty for AEAD proposals.
 */
public record IkeProposal(List<Encryption> encryption, List<IntegrityAlgorithm> integrity,
                          List<PrfAlgorithm> prf, List<DhGroup> dhGroups) {

    public IkeProposal {
        encryption = List.copyOf(encryption);
        integrity = List.copyOf(integrity);
        prf = List.copyOf(prf);
        dhGroups = List.copyOf(dhGroups);
    }

    @Override
    public String toString() {
        return "IKE:" + ChildProposal.join(encryption, integrity, prf, dhGroups);
    }
}

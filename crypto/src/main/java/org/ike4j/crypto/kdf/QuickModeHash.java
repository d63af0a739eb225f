package org.ike4j.crypto.kdf;

import org.ike4j.crypto.Prf;
import org.ike4j.crypto.Secret;

/**
 * The HASH payloads that authenticate IKEv1 Phase 2 messages (RFC 2409 sections 5.5 and 5.7).
 *
 * <pre>
 * HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [ | KE ] [ | IDci | IDcr )
 * HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [ | KE ] [ | IDci | IDcr )
 * HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)
 * Informational HASH(1) = prf(SKEYID_a, M-ID | N/D)
 * </pre>
 *
 * In HASH(1), HASH(2) and the Informational hash the payloads are the message's plaintext after
 * the HASH payload, with their generic headers, exactly as sent (without the CBC padding): the
 * caller passes those bytes as {@code restAfterHash}. M-ID is the 4-byte message ID from the
 * ISAKMP header; Ni_b, Nr_b are the Quick Mode nonce bodies; the 0 of HASH(3) is one octet.
 */
public final class QuickModeHash {
    private QuickModeHash() {
    }

    /** HASH(1), in the initiator's first Quick Mode message. */
    public static byte[] hash1(Prf prf, Secret skeyidA, byte[] messageId, byte[] restAfterHash) {
        return mac(prf, skeyidA, mid(messageId), restAfterHash);
    }

    /** HASH(2), in the responder's Quick Mode message; {@code niB} is the initiator's nonce body. */
    public static byte[] hash2(Prf prf, Secret skeyidA, byte[] messageId, byte[] niB, byte[] restAfterHash) {
        return mac(prf, skeyidA, mid(messageId), niB, restAfterHash);
    }

    /** HASH(3), the initiator's last Quick Mode message, which carries nothing else. */
    public static byte[] hash3(Prf prf, Secret skeyidA, byte[] messageId, byte[] niB, byte[] nrB) {
        return mac(prf, skeyidA, new byte[] {0}, mid(messageId), niB, nrB);
    }

    /** HASH(1) of an Informational exchange over its Notification or Delete payload (5.7). */
    public static byte[] informational(Prf prf, Secret skeyidA, byte[] messageId, byte[] restAfterHash) {
        return mac(prf, skeyidA, mid(messageId), restAfterHash);
    }

    private static byte[] mid(byte[] messageId) {
        return Octets.requireLength(messageId, 4, "M-ID");
    }

    private static byte[] mac(Prf prf, Secret skeyidA, byte[]... data) {
        try (Secret h = prf.apply(skeyidA, data)) {
            return h.reveal();
        }
    }
}

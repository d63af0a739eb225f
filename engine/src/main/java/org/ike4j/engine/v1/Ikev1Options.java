package org.ike4j.engine.v1;

/**
 * Tunables of the IKEv1 engine.
 *
 * @param keyLogging put keys (SKEYID..., KEYMAT) into TRACE events; off by default
 * @param retransmitTimeoutMillis the first retransmission timeout (strongSwan: 4 s)
 * @param retransmitBase the factor each timeout grows by (strongSwan: 1.8)
 * @param retransmitTries retransmissions before giving up (strongSwan: 5)
 * @param halfOpenPerPeer responder SAs not yet established allowed per peer address
 * @param halfOpenTimeoutMillis how long a responder waits for an SA to complete
 * @param plutoPadding pad a plaintext that fills whole blocks with one more block, as pluto does
 * @param nonceSize the nonce length (RFC 2409 5: 8 to 256 bytes; pluto sends 16)
 * @param encryptAggressive3 encrypt Aggressive Mode's third message, as strongSwan does (some
 *     peers send it in the clear; both are accepted)
 */
public record Ikev1Options(boolean keyLogging, long retransmitTimeoutMillis, double retransmitBase, int retransmitTries,
        int halfOpenPerPeer, long halfOpenTimeoutMillis, boolean plutoPadding, int nonceSize, boolean encryptAggressive3) {

    public static final Ikev1Options DEFAULTS = new Ikev1Options(false, 4000, 1.8, 5, 5, 30_000, false, 16, true);

    public Ikev1Options {
        if (retransmitTimeoutMillis <= 0 || retransmitBase < 1 || retransmitTries < 0 || halfOpenPerPeer < 1
                || nonceSize < 8 || nonceSize > 256) {
            throw new IllegalArgumentException("bad IKEv1 options");
        }
    }

    public Ikev1Options withKeyLogging(boolean on) {
        return new Ikev1Options(on, retransmitTimeoutMillis, retransmitBase, retransmitTries, halfOpenPerPeer,
                halfOpenTimeoutMillis, plutoPadding, nonceSize, encryptAggressive3);
    }

    public Ikev1Options withHalfOpenPerPeer(int n) {
        return new Ikev1Options(keyLogging, retransmitTimeoutMillis, retransmitBase, retransmitTries, n,
                halfOpenTimeoutMillis, plutoPadding, nonceSize, encryptAggressive3);
    }

    public Ikev1Options withEncryptAggressive3(boolean on) {
        return new Ikev1Options(keyLogging, retransmitTimeoutMillis, retransmitBase, retransmitTries, halfOpenPerPeer,
                halfOpenTimeoutMillis, plutoPadding, nonceSize, on);
    }

    public Ikev1Options withRetransmits(long timeoutMillis, double base, int tries) {
        return new Ikev1Options(keyLogging, timeoutMillis, base, tries, halfOpenPerPeer, halfOpenTimeoutMillis,
                plutoPadding, nonceSize, encryptAggressive3);
    }
}

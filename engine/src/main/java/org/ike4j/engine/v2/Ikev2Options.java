package org.ike4j.engine.v2;

/**
 * Tunables of the IKEv2 engine.
 *
 * @param keyLogging put keys (SK_*, KEYMAT) into TRACE events; off by default
 * @param retransmitTimeoutMillis the first retransmission timeout (strongSwan: 4 s)
 * @param retransmitBase the factor each timeout grows by (strongSwan: 1.8)
 * @param retransmitTries retransmissions before giving up (strongSwan: 5)
 * @param halfOpenPerPeer responder IKE SAs not yet established allowed per peer address
 * @param halfOpenTimeoutMillis how long a responder waits for IKE_AUTH
 * @param cookieThreshold half-open IKE SAs (all peers) from which IKE_SA_INIT requests must
 *     carry a COOKIE (RFC 7296 2.6); 0 asks for one always
 * @param nonceSize the nonce length (RFC 7296 2.10: at least half the PRF's key size, 16..256)
 * @param fragmentSize largest IKE datagram sent before fragmenting (RFC 7383), once the peer
 *     announced IKEV2_FRAGMENTATION_SUPPORTED
 * @param firstSerial the number of the first SA in status and logs; the daemon starts IKEv2's
 *     above IKEv1's so that one status never shows two SAs under one number
 * @param trace whether TRACE events are wanted, asked per message: the daemon answers from its log
 *     levels (which the operator may change at run time), so that no trace text (payload trees,
 *     hex) is built for a log that drops it; on by default
 */
public record Ikev2Options(boolean keyLogging, long retransmitTimeoutMillis, double retransmitBase,
        int retransmitTries, int halfOpenPerPeer, long halfOpenTimeoutMillis, int cookieThreshold, int nonceSize,
        int fragmentSize, int firstSerial, java.util.function.BooleanSupplier trace) {

    public static final Ikev2Options DEFAULTS = new Ikev2Options(false, 4000, 1.8, 5, 5, 30_000, 10, 32, 1280, 1,
            () -> true);

    public Ikev2Options {
        if (retransmitTimeoutMillis <= 0 || retransmitBase < 1 || retransmitTries < 0 || halfOpenPerPeer < 1
                || cookieThreshold < 0 || trace == null || nonceSize < 16 || nonceSize > 256 || fragmentSize < 300 || firstSerial < 1) {
            throw new IllegalArgumentException("bad IKEv2 options");
        }
    }

    public Ikev2Options withKeyLogging(boolean on) {
        return new Ikev2Options(on, retransmitTimeoutMillis, retransmitBase, retransmitTries, halfOpenPerPeer,
                halfOpenTimeoutMillis, cookieThreshold, nonceSize, fragmentSize, firstSerial, trace);
    }

    public Ikev2Options withRetransmits(long timeoutMillis, double base, int tries) {
        return new Ikev2Options(keyLogging, timeoutMillis, base, tries, halfOpenPerPeer, halfOpenTimeoutMillis,
                cookieThreshold, nonceSize, fragmentSize, firstSerial, trace);
    }

    public Ikev2Options withCookieThreshold(int n) {
        return new Ikev2Options(keyLogging, retransmitTimeoutMillis, retransmitBase, retransmitTries, halfOpenPerPeer,
                halfOpenTimeoutMillis, n, nonceSize, fragmentSize, firstSerial, trace);
    }

    public Ikev2Options withFragmentSize(int n) {
        return new Ikev2Options(keyLogging, retransmitTimeoutMillis, retransmitBase, retransmitTries, halfOpenPerPeer,
                halfOpenTimeoutMillis, cookieThreshold, nonceSize, n, firstSerial, trace);
    }

    /** Trace events only while {@code wanted} says so (the daemon: its {@code ike} category at TRACE). */
    public Ikev2Options withTrace(java.util.function.BooleanSupplier wanted) {
        return new Ikev2Options(keyLogging, retransmitTimeoutMillis, retransmitBase, retransmitTries, halfOpenPerPeer,
                halfOpenTimeoutMillis, cookieThreshold, nonceSize, fragmentSize, firstSerial, wanted);
    }

    public Ikev2Options withFirstSerial(int n) {
        return new Ikev2Options(keyLogging, retransmitTimeoutMillis, retransmitBase, retransmitTries, halfOpenPerPeer,
                halfOpenTimeoutMillis, cookieThreshold, nonceSize, fragmentSize, n, trace);
    }
}

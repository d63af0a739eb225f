package org.ike4j.engine.v2;

import org.ike4j.engine.ChildSa;

/** A Child SA of an IKE SA as the engine tracks it: the installed pair and its timers. */
final class ChildState {
    final int serial;
    final ChildSa sa;
    final Ikev2Algorithms.ChildSuite suite;
    String state = "INSTALLED";
    long installedAt;
    long rekeyAt;
    long expiresAt;
    long lifetimeSeconds;
    boolean rekeying;
    /** Replaced by a rekeyed Child SA, waiting to be deleted. */
    boolean rekeyed;
    /** The lower nonce of the peer's exchange that rekeyed this SA, for the collision rule (2.8.1). */
    byte[] peerRekeyMinNonce;

    ChildState(int serial, ChildSa sa, Ikev2Algorithms.ChildSuite suite) {
        this.serial = serial;
        this.sa = sa;
        this.suite = suite;
    }
}

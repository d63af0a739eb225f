package org.ike4j.engine.v1;

import org.ike4j.config.Connection;
import org.ike4j.crypto.DhGroup;
import org.ike4j.engine.ChildSa;

/** An IPsec SA pair negotiated by Quick Mode and installed, as the engine keeps it. */
final class ChildState {
    final int serial;
    final Connection connection;
    final ChildSa sa;
    final DhGroup pfsGroup;
    final long installedAt;
    final long lifetimeSeconds;
    String state;
    /**
     * We started the Quick Mode that made it. Either end renews a pair at its soft lifetime; this
     * decides which of two colliding renewals goes (see QuickModeTask.resolveCollision).
     */
    boolean initiator;
    /** A rekeying Quick Mode for it is under way. */
    boolean rekeying;
    /**
     * Replaced by a renewal and kept until then (engine time, ms; 0 if not replaced): the peer may
     * still send on it until it has installed the new pair, and our ESP already sent on it may
     * still be on the way (see QuickModeTask.retire).
     */
    long retireAt;
    /** The serial of the pair this one rekeyed (ours or the peer's Quick Mode), 0 if it rekeyed none. */
    int rekeyOf;
    /** Ni of the Quick Mode that made it: decides which of two colliding rekeys survives. */
    byte[] ni;

    ChildState(int serial, Connection connection, ChildSa sa, DhGroup pfsGroup, long installedAt,
            long lifetimeSeconds, String state) {
        this.serial = serial;
        this.connection = connection;
        this.sa = sa;
        this.pfsGroup = pfsGroup;
        this.installedAt = installedAt;
        this.lifetimeSeconds = lifetimeSeconds;
        this.state = state;
    }
}

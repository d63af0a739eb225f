package org.ike4j.config;

import java.net.InetAddress;

/** Where a peer is reached (or, for the local side, which address IKE binds to). */
public sealed interface PeerAddress {

    /** Any address: a responder-only remote side, or a local side left to routing. */
    record Any() implements PeerAddress {
        @Override
        public String toString() {
            return "%any";
        }
    }

    /** A literal address. */
    record Ip(InetAddress address) implements PeerAddress {
        @Override
        public String toString() {
            return address.getHostAddress();
        }
    }

    /** A DNS name resolved when the connection is used, not when it is loaded. */
    record Hostname(String name) implements PeerAddress {
        @Override
        public String toString() {
            return name;
        }
    }

    PeerAddress ANY = new Any();

    static PeerAddress of(InetAddress address) {
        return new Ip(address);
    }
}

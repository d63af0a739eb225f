package org.ike4j.config;

import java.util.List;

/**
 * One side of a connection: its address and IKE port (0 = the default, 500), the identity it
 * uses in IKE, and the traffic selectors (proxy-IDs) it protects. An empty selector list means
 * the endpoint's own address (strongSwan's {@code %dynamic}).
 */
public record Endpoint(PeerAddress address, int port, Identity identity, List<TrafficSelector> selectors) {

    public Endpoint {
        selectors = List.copyOf(selectors);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }
}

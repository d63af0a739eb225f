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

    /**
     * The selectors this side protects as a static configuration knows them: the configured ones,
     * or the endpoint's own address as a host selector when there are none ({@code %dynamic});
     * empty when that address is not known before negotiation (a name, {@code %any}).
     */
    public List<TrafficSelector> selectorsOrHost() {
        if (!selectors.isEmpty()) {
            return selectors;
        }
        if (address instanceof PeerAddress.Ip ip) {
            java.net.InetAddress a = ip.address();
            return List.of(TrafficSelector.subnet(a, a.getAddress().length * 8));
        }
        return List.of();
    }
}

package org.ike4j.daemon;

import java.util.List;
import java.util.stream.Collectors;
import org.ike4j.config.Connection;
import org.ike4j.config.Endpoint;
import org.ike4j.config.TrafficSelector;

/**
 * A connection in one line, as {@code ipsec status} shows it:
 * {@code 0.0.0.0/0===10.80.80.80[10.80.80.80]...10.80.80.13[10.80.80.13]===0.0.0.0/0}: our
 * selectors, our address and identity, then the peer's address, identity and selectors.
 */
public final class ConnectionSummary {
    private ConnectionSummary() {
    }

    public static String of(Connection c) {
        return side(c.local(), true) + "..." + side(c.remote(), false);
    }

    private static String side(Endpoint e, boolean local) {
        String host = e.address() + (e.port() != 0 && e.port() != 500 ? ":" + e.port() : "") + "[" + e.identity() + "]";
        String sel = selectors(e.selectors());
        if (sel.isEmpty()) {
            return host;
        }
        return local ? sel + "===" + host : host + "===" + sel;
    }

    private static String selectors(List<TrafficSelector> selectors) {
        return selectors.stream().map(TrafficSelector::toString).collect(Collectors.joining(","));
    }
}

package org.ike4j.engine;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.PeerAddress;

/**
 * The connections a peer's first message may be for, judged by addresses alone (identities come
 * later, in the exchange): both ends must match, an exact address ranks above {@code %any}, and
 * among equals the configuration's order holds, as strongSwan and Junos pick a gateway.
 */
public final class Candidates {
    private Candidates() {
    }

    /** The connections {@code accept} allows whose ends match, the most specific first. */
    public static List<Connection> forAddresses(Configuration configuration, InetAddress local, InetAddress remote,
            Predicate<Connection> accept) {
        List<Connection> out = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        for (Connection c : configuration.connections().values()) {
            if (!accept.test(c)) {
                continue;
            }
            int l = score(c.local().address(), local);
            int r = score(c.remote().address(), remote);
            if (l < 0 || r < 0) {
                continue;
            }
            int i = 0;
            while (i < scores.size() && scores.get(i) >= l + r) {
                i++;
            }
            out.add(i, c);
            scores.add(i, l + r);
        }
        return out;
    }

    /** 2 for the exact address, 0 for {@code %any}, -1 for no match (a hostname is never resolved here). */
    private static int score(PeerAddress configured, InetAddress a) {
        return switch (configured) {
            case PeerAddress.Any any -> 0;
            case PeerAddress.Ip ip -> ip.address().equals(a) ? 2 : -1;
            case PeerAddress.Hostname h -> -1;
        };
    }
}

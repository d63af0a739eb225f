package org.ike4j.interop;

import java.time.Duration;
import java.util.function.Supplier;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Ping;

/**
 * ICMP echo through a tunnel between Lab's two namespaces (10.1.0.1 on the ike4j side, 10.2.0.1
 * on the peer's), started from each side in turn: each echo crosses the tunnel once each way, so
 * one run from each side sends ESP both ways from both ends.
 */
final class Pings {
    static final String LEFT_INNER = org.ike4j.testkit.TwoPeers.LEFT_INNER;
    static final String RIGHT_INNER = org.ike4j.testkit.TwoPeers.RIGHT_INNER;

    private Pings() {
    }

    /**
     * Five echoes 0.2 s apart from the left namespace to the right one, then from the right to the
     * left; fails unless every request had its reply.
     *
     * @return the two runs, left's first
     */
    static Ping[] bothWays(NetNamespace left, NetNamespace right, Supplier<String> context) {
        Ping there = Ping.run(left, LEFT_INNER, RIGHT_INNER, 5, Duration.ofMillis(200));
        Ping back = Ping.run(right, RIGHT_INNER, LEFT_INNER, 5, Duration.ofMillis(200));
        if (!there.lostNone() || !back.lostNone()) {
            throw new AssertionError("ping through the tunnel\n" + LEFT_INNER + " -> " + RIGHT_INNER + ": "
                    + there.describe() + "\n" + RIGHT_INNER + " -> " + LEFT_INNER + ": " + back.describe() + "\n"
                    + context.get());
        }
        return new Ping[] {there, back};
    }
}

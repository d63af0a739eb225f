package org.ike4j.engine;

import java.net.InetSocketAddress;
import org.ike4j.wire.Bytes;

/**
 * What the daemon hands an engine: a datagram that arrived, a timer that fired, or an operator's
 * command. The engine answers each with a list of {@link Action}s and does no I/O itself.
 */
public sealed interface Input {

    /**
     * A UDP datagram received on an IKE port.
     *
     * @param local the address and port it arrived on
     * @param remote the sender
     * @param data the IKE message, with the non-ESP marker of port 4500 already removed
     * @param natTraversalPort true when it came on the NAT-T port (4500 by default), behind a
     *        non-ESP marker
     */
    record Datagram(InetSocketAddress local, InetSocketAddress remote, Bytes data, boolean natTraversalPort)
            implements Input {
    }

    /** A timer the engine scheduled with {@link Action.Schedule} has fired. */
    record TimerFired(TimerKey key) implements Input {
    }

    /** An operator's command (from the control socket, or the daemon's start-up). */
    record Command(Operator command) implements Input {
    }

    /**
     * The dataplane saw traffic for an on-demand connection (auto=route, Junos establish-tunnels
     * on-traffic) that has no SA: negotiate one, as the kernel's acquire does for a trap policy.
     *
     * @param connection the connection whose tunnel the traffic entered
     */
    record Acquire(String connection) implements Input {
    }

    /**
     * The dataplane counted an IPsec SA past a volume lifetime (bytes or packets, RFC 4301
     * section 4.4.2.1): at the soft limit renew it, at the hard limit delete it.
     *
     * @param inboundSpi the SA pair's inbound SPI (ours)
     * @param hard the hard limit (else the soft one)
     * @param reason for the log, e.g. {@code soft lifetime: 1000000 bytes, 800 packets}
     */
    record Expire(int inboundSpi, boolean hard, String reason) implements Input {
    }

    /**
     * The outcome of an {@link Action.Compute}: its result, or what it threw.
     *
     * @param key the computation's key
     * @param result what it returned (null on failure)
     * @param failure what it threw (null on success)
     */
    record Computed(TimerKey key, Object result, Exception failure) implements Input {

        /** Runs {@code c} here, on the caller's thread: tests and hosts without workers. */
        public static Computed run(Action.Compute c) {
            try {
                return new Computed(c.key(), c.work().call(), null);
            } catch (Exception e) {
                return new Computed(c.key(), null, e);
            }
        }
    }
}

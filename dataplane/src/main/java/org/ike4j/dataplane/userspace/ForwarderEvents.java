package org.ike4j.dataplane.userspace;

import org.ike4j.dataplane.esp.EspEvent;

/** What the forwarder reports to the daemon around it; called from any of its threads, must not block. */
public interface ForwarderEvents {
    /** A line for the log: level is one of error, warn, info, debug. */
    void log(String level, String message);

    /** A packet entered the tunnel of {@code connection} while it has no SA: negotiate one (on-demand). */
    void acquire(String connection);

    /**
     * An SA reached a volume lifetime or ran out of sequence numbers.
     *
     * @param inboundSpi the SA pair's inbound SPI, as the engine knows the pair
     */
    void lifetime(String connection, int inboundSpi, EspEvent event);
}

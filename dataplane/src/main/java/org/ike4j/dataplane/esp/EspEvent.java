package org.ike4j.dataplane.esp;

/**
 * What an ESP SA reports to whoever manages it: a volume lifetime reached (RFC 4301 4.4.2.1), or
 * an outbound sequence number space used up (RFC 4303 3.3.3). Each is reported once per SA
 * direction. Delivered on the thread that processed the packet, so a listener must not block.
 */
public sealed interface EspEvent {
    int spi();

    boolean inbound();

    /** Past the soft byte or packet limit: time to negotiate a new SA. */
    record SoftExpired(int spi, boolean inbound, String reason) implements EspEvent {
    }

    /** Past the hard limit, or out of sequence numbers: the SA refuses further packets. */
    record HardExpired(int spi, boolean inbound, String reason) implements EspEvent {
    }
}

package org.ike4j.config;

import java.time.Duration;

/**
 * Dead peer detection (RFC 3706; IKEv2 liveness checks, RFC 7296 section 2.4): probe after
 * {@code delay} of silence, give up after {@code timeout}. {@code alwaysSend} probes even when
 * traffic flows (Junos always-send); otherwise only when idle (Junos optimized).
 */
public record Dpd(DpdAction action, Duration delay, Duration timeout, boolean alwaysSend) {

    /** strongSwan's defaults: no action, 30 s delay, 150 s timeout. */
    public static final Dpd NONE = new Dpd(DpdAction.NONE, Duration.ofSeconds(30), Duration.ofSeconds(150), false);

    public boolean enabled() {
        return action != DpdAction.NONE;
    }
}

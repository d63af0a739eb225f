package org.ike4j.dataplane.esp;

/**
 * The volume limits of one SA direction (RFC 4301 section 4.4.2.1, "SA Lifetime"): past the soft
 * limit the SA should be renewed, past the hard limit it must not be used. 0 means no limit.
 */
public record Lifetime(long softBytes, long hardBytes, long softPackets, long hardPackets) {
    public static final Lifetime NONE = new Lifetime(0, 0, 0, 0);

    public Lifetime {
        if (softBytes < 0 || hardBytes < 0 || softPackets < 0 || hardPackets < 0) {
            throw new IllegalArgumentException("negative lifetime");
        }
    }

    /**
     * From hard limits, with the soft limits 10% below them (as strongSwan's margin does for time,
     * so that a rekey has room to finish before the hard limit).
     */
    public static Lifetime ofHard(long bytes, long packets) {
        return new Lifetime(bytes - bytes / 10, bytes, packets - packets / 10, packets);
    }

    static boolean reached(long limit, long value) {
        return limit > 0 && value >= limit;
    }
}

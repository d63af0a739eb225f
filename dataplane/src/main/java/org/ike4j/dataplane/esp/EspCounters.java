package org.ike4j.dataplane.esp;

/**
 * The counters of one direction of an ESP SA. Each direction has one writer thread (the one that
 * seals or opens); readers on other threads (status) see recent values through the volatile
 * fields.
 */
public final class EspCounters {
    private volatile long bytes;
    private volatile long packets;
    private volatile long replayDrops;
    private volatile long integrityFailures;
    private volatile long otherDrops;

    /** A packet of {@code length} payload bytes went through. */
    void packet(int length) {
        bytes = bytes + length;
        packets = packets + 1;
    }

    void replay() {
        replayDrops = replayDrops + 1;
    }

    void integrityFailure() {
        integrityFailures = integrityFailures + 1;
    }

    void other() {
        otherDrops = otherDrops + 1;
    }

    /** The values now. */
    public Stats stats() {
        return new Stats(bytes, packets, replayDrops, integrityFailures, otherDrops);
    }

    /**
     * @param bytes inner (IP packet) bytes protected or accepted
     * @param packets packets protected or accepted
     * @param replayDrops packets dropped by the anti-replay window (RFC 4303 3.4.3)
     * @param integrityFailures packets whose ICV did not verify (RFC 4303 3.4.4)
     * @param otherDrops packets dropped for any other reason (length, padding, next header)
     */
    public record Stats(long bytes, long packets, long replayDrops, long integrityFailures, long otherDrops) {
        public static final Stats ZERO = new Stats(0, 0, 0, 0, 0);

        public Stats plus(Stats o) {
            return new Stats(bytes + o.bytes, packets + o.packets, replayDrops + o.replayDrops,
                    integrityFailures + o.integrityFailures, otherDrops + o.otherDrops);
        }
    }
}

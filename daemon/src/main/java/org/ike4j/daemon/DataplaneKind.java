package org.ike4j.daemon;

import java.util.Locale;
import java.util.function.Function;
import org.ike4j.daemon.log.Log;

/**
 * {@code --dataplane}: where negotiated SAs go. {@code none} negotiates only (tests, analysis);
 * {@code userspace} carries the traffic itself, ESP over TUN devices; {@code xfrm} installs the
 * SAs into the kernel.
 */
public enum DataplaneKind {
    NONE, USERSPACE, XFRM;

    /** By its option value: none, userspace, xfrm. */
    public static DataplaneKind parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown dataplane '" + value + "' (none, userspace, xfrm)");
        }
    }

    /** The dataplane of this kind. */
    public Function<Log, Dataplane> factory() {
        return switch (this) {
            case NONE -> TableDataplane::new;
            case USERSPACE -> UserspaceDataplane::new;
            // a kernel without ESP (or without XFRM netlink) refuses the SAs: userspace ESP carries them
            case XFRM -> log -> XfrmDataplane.open(log, () -> new UserspaceDataplane(log));
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

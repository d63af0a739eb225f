package org.ike4j.dataplane.xfrm;

import org.ike4j.dataplane.netlink.Errno;
import org.ike4j.dataplane.netlink.NetlinkException;

/**
 * The kernel refused an SA because it lacks something - the ESP protocol (no esp4/esp6) or an
 * algorithm - rather than because the request was wrong. The message names what is missing and
 * what to do; a dataplane that can fall back to userspace ESP does so on this exception.
 */
public final class KernelSupportException extends NetlinkException {
    private final String missing;

    public KernelSupportException(String request, int errno, String kernelMessage, String missing, String explanation) {
        super(explanation + " [" + request + ": " + Errno.describe(errno)
                + (kernelMessage == null ? "" : ", kernel says: " + kernelMessage) + "]", request, errno, kernelMessage);
        this.missing = missing;
    }

    /** What the kernel lacks, e.g. {@code CONFIG_INET_ESP}. */
    public String missing() {
        return missing;
    }
}

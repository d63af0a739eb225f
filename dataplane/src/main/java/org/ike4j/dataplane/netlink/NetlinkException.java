package org.ike4j.dataplane.netlink;

import java.util.Optional;

/**
 * A netlink request the kernel refused (an {@code NLMSG_ERROR} with a negative error), or a system
 * call on the netlink socket that failed. The message names the request, the errno and, when the
 * kernel sent one with the extended ACK (NETLINK_EXT_ACK), its own explanation.
 */
public class NetlinkException extends RuntimeException {
    private final String request;
    private final int errno;
    private final String kernelMessage;

    public NetlinkException(String request, int errno, String kernelMessage) {
        super(text(request, errno, kernelMessage));
        this.request = request;
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    /** A refusal with a message of the caller's own (which should name the errno). */
    protected NetlinkException(String message, String request, int errno, String kernelMessage) {
        super(message);
        this.request = request;
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    /** A malformed answer or a local failure: no errno. */
    public NetlinkException(String message) {
        super(message);
        this.request = "";
        this.errno = 0;
        this.kernelMessage = null;
    }

    private static String text(String request, int errno, String kernelMessage) {
        return request + ": " + Errno.describe(errno)
                + (kernelMessage == null || kernelMessage.isEmpty() ? "" : " - kernel says: " + kernelMessage);
    }

    /** What was asked, e.g. {@code XFRM_MSG_NEWSA esp spi 0xc786011d to 192.0.2.2}. */
    public String request() {
        return request;
    }

    /** The positive errno, 0 if none. */
    public int errno() {
        return errno;
    }

    /** The extended ACK's message (NLMSGERR_ATTR_MSG), if the kernel sent one. */
    public Optional<String> kernelMessage() {
        return Optional.ofNullable(kernelMessage);
    }
}

package org.ike4j.dataplane.xfrm;

import static org.ike4j.dataplane.xfrm.XfrmConstants.*;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.ike4j.dataplane.netlink.Netlink;
import org.ike4j.dataplane.netlink.NetlinkException;
import org.ike4j.dataplane.netlink.NetlinkSocket;
import org.ike4j.dataplane.netlink.NlMessage;

/**
 * Listens to the kernel's XFRM events - ACQUIRE and EXPIRE - on a socket bound to those multicast
 * groups, on a thread of its own, and hands each to a consumer (which must be thread-safe: the
 * daemon queues it for its event loop). A malformed event is reported to the error consumer and
 * skipped; it changes nothing.
 *
 * <pre>
 * xfrm_user_acquire: 0 id (24)  24 saddr (16)  40 sel (56)  96 policy (xfrm_userpolicy_info, 168)
 *                    264 aalgos  268 ealgos  272 calgos  276 seq            = 280 bytes, XFRMA_TMPL after
 * xfrm_user_expire:  0 state (xfrm_usersa_info, 224)  224 hard (u8)      = 232 bytes
 * </pre>
 */
public final class XfrmEvents implements AutoCloseable {
    static final int XFRM_MSG_ACQUIRE = 0x17;
    static final int XFRM_MSG_EXPIRE = 0x18;
    static final int XFRMNLGRP_ACQUIRE = 1;
    static final int XFRMNLGRP_EXPIRE = 2;
    static final int SIZEOF_USER_ACQUIRE = 280;
    static final int SIZEOF_USER_EXPIRE = 232;
    /** How soon {@link #close} takes effect: the longest a receive waits. */
    static final Duration POLL = Duration.ofMillis(200);

    private final NetlinkSocket socket;
    private final Thread thread;
    private volatile boolean running = true;

    private XfrmEvents(NetlinkSocket socket, Consumer<XfrmEvent> events, Consumer<String> errors) {
        this.socket = socket;
        this.thread = Thread.ofPlatform().daemon().name("xfrm-events").unstarted(() -> loop(events, errors));
        thread.start();
    }

    /** Listens in this process's network namespace. */
    public static XfrmEvents listen(Consumer<XfrmEvent> events, Consumer<String> errors) {
        return new XfrmEvents(NetlinkSocket.subscribe(Netlink.NETLINK_XFRM, POLL, XFRMNLGRP_ACQUIRE, XFRMNLGRP_EXPIRE),
                events, errors);
    }

    /** Listens in the network namespace of this file ({@code /run/netns/NAME}). */
    public static XfrmEvents listenIn(Path namespace, Consumer<XfrmEvent> events, Consumer<String> errors) {
        return new XfrmEvents(NetlinkSocket.subscribeIn(namespace, Netlink.NETLINK_XFRM, POLL, XFRMNLGRP_ACQUIRE,
                XFRMNLGRP_EXPIRE), events, errors);
    }

    private void loop(Consumer<XfrmEvent> events, Consumer<String> errors) {
        while (running) {
            List<NlMessage> messages;
            try {
                messages = socket.receiveEvents();
            } catch (NetlinkException e) {
                if (running) {
                    errors.accept("XFRM events: " + e.getMessage());
                }
                continue;
            }
            for (NlMessage m : messages) {
                try {
                    XfrmEvent e = decode(m);
                    if (e != null) {
                        events.accept(e);
                    }
                } catch (NetlinkException | IllegalArgumentException e) {
                    errors.accept("XFRM event type " + m.type() + " ignored: " + e.getMessage());
                }
            }
        }
    }

    /** The event in a message, or null for a message type this does not handle. */
    static XfrmEvent decode(NlMessage m) {
        return switch (m.type()) {
            case XFRM_MSG_ACQUIRE -> acquire(m);
            case XFRM_MSG_EXPIRE -> {
                ByteBuffer b = m.struct("struct xfrm_user_expire", SIZEOF_USER_EXPIRE);
                yield new XfrmEvent.Expire(XfrmStateInfo.decode(b, m.attributes(SIZEOF_USER_EXPIRE)), b.get(224) != 0);
            }
            default -> null;
        };
    }

    private static XfrmEvent.Acquire acquire(NlMessage m) {
        ByteBuffer b = m.struct("struct xfrm_user_acquire", SIZEOF_USER_ACQUIRE);
        XfrmSelector packet = XfrmSelector.decode(b, 40);
        // the policy part is a whole xfrm_userpolicy_info; its templates come as XFRMA_TMPL after the struct
        XfrmPolicy policy = XfrmPolicy.decode(b.slice(96, SIZEOF_USERPOLICY_INFO).order(b.order()),
                m.attributes(SIZEOF_USER_ACQUIRE));
        boolean v4 = packet.family() == AF_INET;
        InetAddress destination = XfrmSelector.address(b, 0, v4);
        InetAddress source = XfrmSelector.address(b, 24, v4);
        // xfrm_userpolicy_info.index sits at 156 of the policy part
        return new XfrmEvent.Acquire(packet, policy, source, destination, Byte.toUnsignedInt(b.get(20)), b.getInt(276),
                b.getInt(96 + 156));
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(POLL.toMillis() * 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            socket.close();
        }
    }
}

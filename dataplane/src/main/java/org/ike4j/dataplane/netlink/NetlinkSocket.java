package org.ike4j.dataplane.netlink;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A netlink socket ({@code socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol)}) opened through
 * the foreign function API, and the request/acknowledge exchange on it.
 *
 * <p>Every request carries {@code NLM_F_REQUEST | NLM_F_ACK} and a fresh sequence number; the
 * kernel answers with the replies (for a dump, several datagrams ending with {@code NLMSG_DONE})
 * and an {@code NLMSG_ERROR} whose error is 0 for success or a negative errno. The socket asks for
 * extended ACKs (NETLINK_EXT_ACK) so a refusal comes with the kernel's own reason, and for capped
 * ACKs (NETLINK_CAP_ACK) so the kernel does not echo requests - which may carry keys - back.
 * A receive timeout keeps a lost answer from hanging the caller.
 *
 * <p>A socket belongs to the network namespace of the thread that created it, for its whole life.
 * {@link #openIn} uses that: a short-lived platform thread enters the namespace with
 * {@code setns(2)}, creates the socket and ends; the socket then works from any thread, and no
 * other thread of the JVM ever changes namespace.
 *
 * <p>Thread-safe: requests are serialised.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int RECEIVE_BUFFER = 256 * 1024;
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final int protocol;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment kernel;
    private final MemorySegment receive;
    private final MemorySegment sender;
    private final MemorySegment senderLength;
    private int fd;
    private int seq = (int) (System.nanoTime() & 0x7fffffff);

    private NetlinkSocket(int fd, int protocol) {
        this.fd = fd;
        this.protocol = protocol;
        this.kernel = sockaddr(arena, 0);
        this.receive = arena.allocate(RECEIVE_BUFFER, 8);
        this.sender = arena.allocate(12, 4);
        this.senderLength = arena.allocate(JAVA_INT);
    }

    /** A socket in this process's network namespace. */
    public static NetlinkSocket open(int protocol) {
        return open(protocol, 0, TIMEOUT);
    }

    /**
     * A socket that listens to multicast groups (events the kernel sends unasked, such as XFRM's
     * ACQUIRE and EXPIRE) in this process's network namespace; {@link #receiveEvents} returns
     * after {@code timeout} at the latest, so a listening thread can notice it should stop.
     *
     * @param groups numbers of the groups (1 to 32)
     */
    public static NetlinkSocket subscribe(int protocol, Duration timeout, int... groups) {
        return open(protocol, groupMask(groups), timeout);
    }

    private static int groupMask(int... groups) {
        int mask = 0;
        for (int g : groups) {
            if (g < 1 || g > 32) {
                throw new IllegalArgumentException("netlink multicast group " + g + " (1..32 for a bind mask)");
            }
            mask |= 1 << (g - 1);
        }
        return mask;
    }

    private static NetlinkSocket open(int protocol, int groups, Duration timeout) {
        int fd = create(protocol);
        try {
            NetlinkSocket s = new NetlinkSocket(fd, protocol);
            s.configure(groups, timeout);
            return s;
        } catch (RuntimeException e) {
            Native.close(fd);
            throw e;
        }
    }

    /**
     * A socket in another network namespace, given by its file ({@code /run/netns/NAME} as
     * {@code ip netns add} makes it, or {@code /proc/PID/ns/net}).
     */
    public static NetlinkSocket openIn(Path namespace, int protocol) {
        return openIn(namespace, () -> open(protocol));
    }

    /** {@link #subscribe} in another network namespace. */
    public static NetlinkSocket subscribeIn(Path namespace, int protocol, Duration timeout, int... groups) {
        int mask = groupMask(groups);
        return openIn(namespace, () -> open(protocol, mask, timeout));
    }

    private static NetlinkSocket openIn(Path namespace, java.util.function.Supplier<NetlinkSocket> opener) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("netlink-setns").unstarted(() -> {
            try (Arena a = Arena.ofConfined()) {
                Native.Result ns = Native.open(a.allocateFrom(namespace.toString()), Native.O_RDONLY | Native.O_CLOEXEC);
                if (ns.failed()) {
                    throw new NetlinkException("open " + namespace, ns.errno(), null);
                }
                try {
                    Native.Result entered = Native.setns((int) ns.value(), Native.CLONE_NEWNET);
                    if (entered.failed()) {
                        throw new NetlinkException("setns " + namespace, entered.errno(), null);
                    }
                } finally {
                    Native.close((int) ns.value());
                }
                result.set(opener.get());
            } catch (RuntimeException e) {
                result.set(e);
            }
        });
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException("interrupted while opening a netlink socket in " + namespace);
        }
        if (result.get() instanceof RuntimeException e) {
            throw e;
        }
        return (NetlinkSocket) result.get();
    }

    private static int create(int protocol) {
        Native.Result r = Native.socket(Native.AF_NETLINK, Native.SOCK_RAW | Native.SOCK_CLOEXEC, protocol);
        if (r.failed()) {
            throw new NetlinkException("socket(AF_NETLINK, SOCK_RAW, " + protocolName(protocol) + ")", r.errno(), null);
        }
        return (int) r.value();
    }

    private void configure(int groups, Duration timeout) {
        MemorySegment one = arena.allocate(JAVA_INT);
        one.set(JAVA_INT, 0, 1);
        // Both are best effort: an old kernel without them still works, with less helpful errors.
        Native.setsockopt(fd, Native.SOL_NETLINK, Native.NETLINK_EXT_ACK, one);
        Native.setsockopt(fd, Native.SOL_NETLINK, Native.NETLINK_CAP_ACK, one);
        MemorySegment timeval = arena.allocate(16, 8);
        timeval.set(JAVA_LONG, 0, timeout.toSeconds());
        timeval.set(JAVA_LONG, 8, timeout.toNanosPart() / 1000);
        check("setsockopt(SO_RCVTIMEO)", Native.setsockopt(fd, Native.SOL_SOCKET, Native.SO_RCVTIMEO, timeval));
        MemorySegment local = sockaddr(arena, 0);
        local.set(JAVA_INT, 8, groups);
        check("bind(AF_NETLINK" + (groups == 0 ? "" : ", groups 0x" + Integer.toHexString(groups)) + ")",
                Native.bind(fd, local));
    }

    private static MemorySegment sockaddr(Arena arena, int pid) {
        // struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; }
        MemorySegment a = arena.allocate(12, 4);
        a.set(JAVA_SHORT, 0, (short) Native.AF_NETLINK);
        a.set(JAVA_INT, 4, pid);
        return a;
    }

    private static void check(String what, Native.Result r) {
        if (r.failed()) {
            throw new NetlinkException(what, r.errno(), null);
        }
    }

    public int protocol() {
        return protocol;
    }

    public static String protocolName(int protocol) {
        return switch (protocol) {
            case Netlink.NETLINK_ROUTE -> "NETLINK_ROUTE";
            case Netlink.NETLINK_XFRM -> "NETLINK_XFRM";
            default -> "netlink protocol " + protocol;
        };
    }

    /** Sends a request that answers with an ACK only; a refusal throws, naming the request. */
    public void execute(NlMessageBuilder request) {
        exchange(request);
    }

    /**
     * Sends a request and returns the kernel's replies (without the final ACK or DONE): the one
     * answer of a GET, or every entry of a dump ({@code NLM_F_DUMP}).
     */
    public synchronized List<NlMessage> exchange(NlMessageBuilder request) {
        if (fd < 0) {
            throw new NetlinkException(request.description() + ": the netlink socket is closed");
        }
        int mySeq = ++seq;
        byte[] bytes = request.build(mySeq);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(bytes.length, 8);
            MemorySegment.copy(bytes, 0, out, JAVA_BYTE_LAYOUT, 0, bytes.length);
            Native.Result sent;
            try {
                do {
                    sent = Native.sendto(fd, out, bytes.length, kernel);
                } while (sent.failed() && sent.errno() == Errno.EINTR);
            } finally {
                out.fill((byte) 0);
                Arrays.fill(bytes, (byte) 0);
                request.wipe();
            }
            if (sent.failed()) {
                throw new NetlinkException(request.description() + " (sendto)", sent.errno(), null);
            }
        }
        return receiveAnswer(request.description(), mySeq, (request.flags() & Netlink.NLM_F_DUMP) == Netlink.NLM_F_DUMP);
    }

    private static final java.lang.foreign.ValueLayout.OfByte JAVA_BYTE_LAYOUT = java.lang.foreign.ValueLayout.JAVA_BYTE;

    private List<NlMessage> receiveAnswer(String description, int mySeq, boolean dump) {
        List<NlMessage> replies = new ArrayList<>();
        while (true) {
            senderLength.set(JAVA_INT, 0, (int) sender.byteSize());
            Native.Result r = Native.recvfrom(fd, receive, Native.MSG_TRUNC, sender, senderLength);
            if (r.failed()) {
                if (r.errno() == Errno.EINTR) {
                    continue;
                }
                if (r.errno() == Errno.EAGAIN) {
                    throw new NetlinkException(description + ": no answer from the kernel within " + TIMEOUT.toSeconds() + " s");
                }
                throw new NetlinkException(description + " (recvfrom)", r.errno(), null);
            }
            if (r.value() > RECEIVE_BUFFER) {
                throw new NetlinkException(description + ": answer of " + r.value() + " bytes truncated to " + RECEIVE_BUFFER);
            }
            if (sender.get(JAVA_INT, 4) != 0) {
                // only the kernel (port 0) answers requests; another process's datagram is ignored
                continue;
            }
            byte[] datagram = receive.asSlice(0, r.value()).toArray(JAVA_BYTE_LAYOUT);
            for (NlMessage m : NlMessage.parseAll(ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder()))) {
                if (m.seq() != mySeq) {
                    continue;   // a late answer to an earlier request that timed out
                }
                switch (m.type()) {
                    case Netlink.NLMSG_ERROR -> {
                        checkError(description, m);
                        if (!dump) {
                            return replies;
                        }
                    }
                    case Netlink.NLMSG_DONE -> {
                        return replies;
                    }
                    case Netlink.NLMSG_NOOP -> { }
                    default -> replies.add(m);
                }
            }
        }
    }

    /**
     * Waits for the kernel's next datagram on a {@link #subscribe subscribed} socket and returns
     * its messages, or an empty list when the timeout passed first. Only one thread may call it;
     * {@link #close} must wait until that thread has returned.
     */
    public List<NlMessage> receiveEvents() {
        while (true) {
            if (fd < 0) {
                throw new NetlinkException("the netlink socket is closed");
            }
            senderLength.set(JAVA_INT, 0, (int) sender.byteSize());
            Native.Result r = Native.recvfrom(fd, receive, Native.MSG_TRUNC, sender, senderLength);
            if (r.failed()) {
                if (r.errno() == Errno.EINTR) {
                    continue;
                }
                if (r.errno() == Errno.EAGAIN) {
                    return List.of();
                }
                throw new NetlinkException("recvfrom on " + protocolName(protocol), r.errno(), null);
            }
            if (sender.get(JAVA_INT, 4) != 0 || r.value() > RECEIVE_BUFFER) {
                continue;   // not from the kernel, or truncated (ENOBUFS-like loss): nothing to trust
            }
            byte[] datagram = receive.asSlice(0, r.value()).toArray(JAVA_BYTE_LAYOUT);
            return NlMessage.parseAll(ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder()));
        }
    }

    /**
     * An NLMSG_ERROR: {@code struct nlmsgerr { int error; struct nlmsghdr msg; }}, then (capped) or
     * after the echoed request the extended ACK attributes.
     */
    static void checkError(String description, NlMessage m) {
        ByteBuffer err = m.struct("struct nlmsgerr", 4 + Netlink.HEADER_LENGTH);
        int error = err.getInt(0);
        if (error == 0) {
            return;
        }
        String kernelMessage = null;
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) != 0) {
            int echoed = (m.flags() & Netlink.NLM_F_CAPPED) != 0 ? Netlink.HEADER_LENGTH : err.getInt(4);
            int offset = 4 + Netlink.align(Math.max(echoed, Netlink.HEADER_LENGTH));
            if (offset <= m.payload().remaining()) {
                kernelMessage = Attributes.parse(m.payload().slice(offset, m.payload().remaining() - offset))
                        .string(Netlink.NLMSGERR_ATTR_MSG).orElse(null);
            }
        }
        throw new NetlinkException(description, -error, kernelMessage);
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            Native.close(fd);
            fd = -1;
            arena.close();
        }
    }
}

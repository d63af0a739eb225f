package org.ike4j.dataplane.udp;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.ike4j.dataplane.ffm.Syscall;

/**
 * Batched sending and receiving on a UDP socket that some other code owns (the daemon's NAT-T
 * {@link java.nio.channels.DatagramChannel}, shared with IKE), by its descriptor:
 *
 * <ul>
 *   <li>{@link #send}: datagrams of one size laid end to end (the last may be shorter) go in one
 *       {@code sendmsg} with a {@code UDP_SEGMENT} cmsg (UDP GSO, Linux 4.18): the kernel cuts
 *       them, so a TCP window of ESP costs one system call instead of one per packet. Where the
 *       kernel refuses (no GSO on the route, a segment larger than the path MTU) each goes
 *       alone.</li>
 *   <li>{@link Receiver}: {@code recvmmsg} fills up to {@value #RECEIVE_BATCH} datagrams per
 *       call, and with {@code UDP_GRO} (Linux 5.0) one of them may be several of the peer's
 *       datagrams coalesced, each {@code segmentSize} bytes.</li>
 * </ul>
 *
 * Any thread may send (each has its own native buffers); one thread receives. The descriptor
 * stays the owner's: this class never closes it, and stops using it once told to.
 */
public final class BatchSocket {
    /** Datagrams per recvmmsg. */
    public static final int RECEIVE_BATCH = 32;
    /** The largest UDP payload one call carries. */
    public static final int MAX_BATCH_BYTES = 65000;
    /** The kernel's UDP_MAX_SEGMENTS (64 before Linux 6.5). */
    public static final int MAX_SEGMENTS = 64;
    private static final int SOCKADDR = 28;
    private static final int MSGHDR = 56;
    private static final int MMSGHDR = 64;
    private static final int CONTROL = 64;
    private static final int BUFFER = 65536;

    private final int fd;
    private final int domain;
    private final ThreadLocal<Sender> senders = ThreadLocal.withInitial(Sender::new);
    private volatile boolean gso = true;
    private final AtomicLong gsoCalls = new AtomicLong();
    private final AtomicLong gsoDatagrams = new AtomicLong();
    private final AtomicLong singleDatagrams = new AtomicLong();

    private BatchSocket(int fd, int domain) {
        this.fd = fd;
        this.domain = domain;
    }

    /**
     * The UDP socket of this process bound to {@code bound} (see {@link #ownUdpSockets}): empty
     * unless exactly one matches.
     */
    public static Optional<BatchSocket> find(InetSocketAddress bound) {
        List<Integer> found = new ArrayList<>();
        try {
            ownUdpSockets(bound.getPort()).forEach((fd, a) -> {
                if (sameAddress(a.getAddress(), bound.getAddress())) {
                    found.add(fd);
                }
            });
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (found.size() != 1) {
            return Optional.empty();
        }
        int fd = found.get(0);
        return Optional.of(new BatchSocket(fd, Sys.getIntOption(fd, Sys.SOL_SOCKET, Sys.SO_DOMAIN)));
    }

    /**
     * This process's UDP sockets (IPv4 and IPv6) whose local port is {@code port}, by descriptor
     * (in order), with the address each is bound to. Java does not show a channel's descriptor,
     * so they are found among {@code /proc/self/fd}: datagram sockets asked for their own address.
     *
     * @throws java.io.UncheckedIOException if the descriptors cannot be listed
     */
    public static java.util.SortedMap<Integer, InetSocketAddress> ownUdpSockets(int port) {
        java.util.SortedMap<Integer, InetSocketAddress> found = new java.util.TreeMap<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) fds::iterator) {
                int fd;
                try {
                    fd = Integer.parseInt(p.getFileName().toString());
                    if (!Files.readSymbolicLink(p).toString().startsWith("socket:")) {
                        continue;
                    }
                } catch (IOException | NumberFormatException e) {
                    continue;   // a descriptor closed meanwhile (the listing's own, for one)
                }
                if (Sys.getIntOption(fd, Sys.SOL_SOCKET, Sys.SO_TYPE) != Sys.SOCK_DGRAM) {
                    continue;
                }
                InetSocketAddress a = boundAddress(fd);   // null for netlink and unix datagram sockets
                if (a != null && a.getPort() == port) {
                    found.put(fd, a);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }

    private static boolean sameAddress(InetAddress a, InetAddress b) {
        if (b == null || b.isAnyLocalAddress()) {
            return a.isAnyLocalAddress();
        }
        return a.equals(b);
    }

    private static InetSocketAddress boundAddress(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(SOCKADDR, 8);
            return Sys.sockname(fd, sa) ? decode(sa) : null;
        }
    }

    /** The descriptor (the owner's). */
    public int fd() {
        return fd;
    }

    /** Asks for UDP GRO on receive; false if the kernel does not have it. */
    public boolean enableGro() {
        return Sys.setIntOption(fd, Sys.SOL_UDP, Sys.UDP_GRO, 1) == 0;
    }

    /** sendmsg calls that carried several datagrams (UDP GSO). */
    public long gsoCalls() {
        return gsoCalls.get();
    }

    /** Datagrams sent in those calls. */
    public long gsoDatagrams() {
        return gsoDatagrams.get();
    }

    /** Datagrams sent one per call. */
    public long singleDatagrams() {
        return singleDatagrams.get();
    }

    /**
     * Sends {@code buf[off, off + length)} to {@code to} as datagrams of {@code segmentSize} bytes
     * (the last the rest), in one system call where the kernel allows. While the socket's send
     * buffer is full it waits for room, up to about {@code 20} ms in all.
     *
     * @return false if the buffer stayed full and (some of) it was not sent
     */
    public boolean send(InetSocketAddress to, byte[] buf, int off, int length, int segmentSize) throws IOException {
        if (length > MAX_BATCH_BYTES || segmentSize <= 0 || length <= 0) {
            throw new IllegalArgumentException(length + " bytes in segments of " + segmentSize);
        }
        Sender s = senders.get();
        s.address(to);
        MemorySegment.copy(buf, off, s.data, ValueLayout.JAVA_BYTE, 0, length);
        int count = (length + segmentSize - 1) / segmentSize;
        if (count > 1 && count <= MAX_SEGMENTS && gso) {
            int r = s.sendGso(length, segmentSize);
            if (r == 0) {
                gsoCalls.incrementAndGet();
                gsoDatagrams.addAndGet(count);
                return true;
            }
            if (r == -Syscall.EAGAIN) {
                return false;
            }
            if (r == -Syscall.EINVAL || r == -Syscall.EIO || r == -Syscall.EMSGSIZE || r == -Syscall.ENOPROTOOPT || r == -Syscall.EOPNOTSUPP) {
                gso = false;   // this path cannot take GSO (no offload, segments above the MTU): one by one from now on
            }
        }
        for (int o = 0; o < length; o += segmentSize) {
            int r = s.sendOne(o, Math.min(segmentSize, length - o));
            if (r == -Syscall.EAGAIN) {
                return false;
            }
            if (r < 0) {
                throw Sys.error("sendto " + to, -r);
            }
            singleDatagrams.incrementAndGet();
        }
        return true;
    }

    /** One thread's native room for a batch, its msghdr, iovec, address and cmsg. */
    private final class Sender {
        final MemorySegment data;
        final MemorySegment msg;
        final MemorySegment iov;
        final MemorySegment name;
        final MemorySegment control;
        final MemorySegment pollfd;
        InetSocketAddress lastTo;
        int nameLength;

        Sender() {
            Arena arena = Arena.ofAuto();
            data = arena.allocate(BUFFER, 64);
            msg = arena.allocate(MSGHDR, 8);
            iov = arena.allocate(16, 8);
            name = arena.allocate(SOCKADDR, 8);
            control = arena.allocate(24, 8);
            pollfd = arena.allocate(8, 4);
            pollfd.set(ValueLayout.JAVA_INT, 0, fd);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, Syscall.POLLOUT);
            // cmsg: len = CMSG_LEN(2), SOL_UDP, UDP_SEGMENT, u16 gso_size
            control.set(ValueLayout.JAVA_LONG, 0, 16 + 2);
            control.set(ValueLayout.JAVA_INT, 8, Sys.SOL_UDP);
            control.set(ValueLayout.JAVA_INT, 12, Sys.UDP_SEGMENT);
        }

        void address(InetSocketAddress to) throws IOException {
            if (to != lastTo) {
                nameLength = encode(to, domain, name);
                lastTo = to;
            }
        }

        /** 0, or -errno. */
        int sendGso(int length, int segmentSize) {
            iov.set(ValueLayout.ADDRESS, 0, data);
            iov.set(ValueLayout.JAVA_LONG, 8, length);
            msg.fill((byte) 0);
            msg.set(ValueLayout.ADDRESS, 0, name);
            msg.set(ValueLayout.JAVA_INT, 8, nameLength);
            msg.set(ValueLayout.ADDRESS, 16, iov);
            msg.set(ValueLayout.JAVA_LONG, 24, 1);
            msg.set(ValueLayout.ADDRESS, 32, control);
            msg.set(ValueLayout.JAVA_LONG, 40, 24);
            control.set(ValueLayout.JAVA_SHORT, 16, (short) segmentSize);
            return send(true, 0, 0);
        }

        /** 0, or -errno. */
        int sendOne(int offset, int length) {
            return send(false, offset, length);
        }

        /**
         * The prepared GSO message ({@code sendmsg}) or one datagram of {@code data} ({@code sendto}),
         * retried on EINTR, and on EAGAIN after waiting for room (up to 10 times); 0, or -errno. One
         * loop for both, without a lambda on the packet path.
         */
        private int send(boolean gso, int offset, int length) {
            for (int attempt = 0; ; attempt++) {
                MemorySegment state = Syscall.state();
                long r;
                try {
                    r = gso ? (long) Sys.SENDMSG.invokeExact(state, fd, msg, 0)
                            : (long) Sys.SENDTO.invokeExact(state, fd, data.asSlice(offset), (long) length, 0, name,
                                    nameLength);
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
                if (r >= 0) {
                    return 0;
                }
                int e = Syscall.errno(state);
                if (e == Syscall.EINTR || (e == Syscall.EAGAIN && attempt < 10 && waitRoom())) {
                    continue;
                }
                return -e;
            }
        }

        /** Waits up to 2 ms for room in the send buffer. */
        private boolean waitRoom() {
            return Syscall.poll(pollfd, 2) >= 0;
        }
    }

    /** Writes a sockaddr_in / sockaddr_in6 (an IPv4 address mapped on an IPv6 socket); its length. */
    static int encode(InetSocketAddress to, int domain, MemorySegment sa) throws IOException {
        sa.fill((byte) 0);
        byte[] a = to.getAddress().getAddress();
        int port = to.getPort();
        if (domain == Sys.AF_INET) {
            if (a.length != 4) {
                throw new IOException("an IPv6 destination on an IPv4 socket: " + to);
            }
            sa.set(ValueLayout.JAVA_SHORT, 0, (short) Sys.AF_INET);
            sa.set(ValueLayout.JAVA_BYTE, 2, (byte) (port >>> 8));
            sa.set(ValueLayout.JAVA_BYTE, 3, (byte) port);
            MemorySegment.copy(a, 0, sa, ValueLayout.JAVA_BYTE, 4, 4);
            return 16;
        }
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) Sys.AF_INET6);
        sa.set(ValueLayout.JAVA_BYTE, 2, (byte) (port >>> 8));
        sa.set(ValueLayout.JAVA_BYTE, 3, (byte) port);
        if (a.length == 4) {
            sa.set(ValueLayout.JAVA_BYTE, 18, (byte) 0xFF);
            sa.set(ValueLayout.JAVA_BYTE, 19, (byte) 0xFF);
            MemorySegment.copy(a, 0, sa, ValueLayout.JAVA_BYTE, 20, 4);
        } else {
            MemorySegment.copy(a, 0, sa, ValueLayout.JAVA_BYTE, 8, 16);
            if (to.getAddress() instanceof Inet6Address v6 && v6.getScopeId() != 0) {
                sa.set(ValueLayout.JAVA_INT, 24, v6.getScopeId());
            }
        }
        return SOCKADDR;
    }

    /** Reads a sockaddr_in / sockaddr_in6; an IPv4-mapped address comes back as IPv4. */
    static InetSocketAddress decode(MemorySegment sa) {
        int family = sa.get(ValueLayout.JAVA_SHORT, 0);
        int port = (sa.get(ValueLayout.JAVA_BYTE, 2) & 0xFF) << 8 | (sa.get(ValueLayout.JAVA_BYTE, 3) & 0xFF);
        byte[] a;
        if (family == Sys.AF_INET) {
            a = sa.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE);
        } else if (family == Sys.AF_INET6) {
            a = sa.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE);
        } else {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(a), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** A receiver on this socket, for one thread. */
    public Receiver receiver() {
        return new Receiver();
    }

    /**
     * recvmmsg into {@value #RECEIVE_BATCH} buffers of 64 KB; after {@link #receive}, datagram
     * {@code i} is {@link #data}(i) from its position to its limit, possibly several of the peer's
     * of {@link #segmentSize}(i) bytes each (GRO).
     */
    public final class Receiver implements AutoCloseable {
        private final Arena arena = Arena.ofShared();
        private final MemorySegment msgs = arena.allocate((long) MMSGHDR * RECEIVE_BATCH, 8);
        private final MemorySegment iovs = arena.allocate(16L * RECEIVE_BATCH, 8);
        private final MemorySegment names = arena.allocate((long) SOCKADDR * RECEIVE_BATCH, 8);
        private final MemorySegment controls = arena.allocate((long) CONTROL * RECEIVE_BATCH, 8);
        private final MemorySegment buffers = arena.allocate((long) BUFFER * RECEIVE_BATCH, 64);
        private final MemorySegment pollfd = arena.allocate(8, 4);
        private final ByteBuffer[] views = new ByteBuffer[RECEIVE_BATCH];
        private final byte[][] lastName = new byte[RECEIVE_BATCH][SOCKADDR];
        private final InetSocketAddress[] lastSource = new InetSocketAddress[RECEIVE_BATCH];
        private final byte[] nameScratch = new byte[SOCKADDR];
        private long calls;
        private long datagrams;
        private long coalesced;

        private Receiver() {
            for (int i = 0; i < RECEIVE_BATCH; i++) {
                MemorySegment buf = buffers.asSlice((long) BUFFER * i, BUFFER);
                views[i] = buf.asByteBuffer();
                iovs.set(ValueLayout.ADDRESS, 16L * i, buf);
                iovs.set(ValueLayout.JAVA_LONG, 16L * i + 8, BUFFER);
                long m = (long) MMSGHDR * i;
                msgs.set(ValueLayout.ADDRESS, m, names.asSlice((long) SOCKADDR * i, SOCKADDR));
                msgs.set(ValueLayout.ADDRESS, m + 16, iovs.asSlice(16L * i, 16));
                msgs.set(ValueLayout.JAVA_LONG, m + 24, 1);
                msgs.set(ValueLayout.ADDRESS, m + 32, controls.asSlice((long) CONTROL * i, CONTROL));
            }
            pollfd.set(ValueLayout.JAVA_INT, 0, fd);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, Syscall.POLLIN);
        }

        /**
         * Waits up to {@code timeoutMillis} for datagrams and takes as many as are there.
         *
         * @return how many (0 on timeout)
         */
        public int receive(int timeoutMillis) throws IOException {
            int n = take();
            if (n != 0) {
                return n;
            }
            int r = Syscall.poll(pollfd, timeoutMillis);
            if (r < 0 && -r != Syscall.EINTR) {
                throw Sys.error("poll", -r);
            }
            return r > 0 ? take() : 0;
        }

        private int take() throws IOException {
            for (int i = 0; i < RECEIVE_BATCH; i++) {
                long m = (long) MMSGHDR * i;
                msgs.set(ValueLayout.JAVA_INT, m + 8, SOCKADDR);
                msgs.set(ValueLayout.JAVA_LONG, m + 40, CONTROL);
                msgs.set(ValueLayout.JAVA_INT, m + 48, 0);
            }
            MemorySegment state = Syscall.state();
            int r;
            try {
                r = (int) Sys.RECVMMSG.invokeExact(state, fd, msgs, RECEIVE_BATCH, Sys.MSG_DONTWAIT, MemorySegment.NULL);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            if (r < 0) {
                int e = Syscall.errno(state);
                if (e == Syscall.EAGAIN || e == Syscall.EINTR) {
                    return 0;
                }
                throw Sys.error("recvmmsg", e);
            }
            calls++;
            datagrams += r;
            for (int i = 0; i < r; i++) {
                views[i].clear().limit(truncated(i) ? 0 : length(i));
                if (segmentSize(i) > 0) {
                    coalesced++;
                }
            }
            return r;
        }

        private int length(int i) {
            return msgs.get(ValueLayout.JAVA_INT, (long) MMSGHDR * i + 56);
        }

        private boolean truncated(int i) {
            return (msgs.get(ValueLayout.JAVA_INT, (long) MMSGHDR * i + 48) & 0x20) != 0;   // MSG_TRUNC
        }

        /** Datagram {@code i}: position 0, limit its length (0 if it did not fit). Valid until the next receive. */
        public ByteBuffer data(int i) {
            return views[i];
        }

        /** The segment size if the kernel coalesced several datagrams into {@code i} (GRO), else 0. */
        public int segmentSize(int i) {
            long m = (long) MMSGHDR * i;
            long controlLength = msgs.get(ValueLayout.JAVA_LONG, m + 40);
            MemorySegment c = controls.asSlice((long) CONTROL * i, CONTROL);
            long o = 0;
            while (o + 16 <= controlLength) {
                long len = c.get(ValueLayout.JAVA_LONG, o);
                if (len < 16) {
                    break;
                }
                if (c.get(ValueLayout.JAVA_INT, o + 8) == Sys.SOL_UDP && c.get(ValueLayout.JAVA_INT, o + 12) == Sys.UDP_GRO
                        && len >= 20) {
                    return c.get(ValueLayout.JAVA_INT, o + 16);
                }
                o += (len + 7) & ~7L;
            }
            return 0;
        }

        /** Where datagram {@code i} came from; the same object as last time for the same address. */
        public InetSocketAddress source(int i) {
            MemorySegment.copy(names, ValueLayout.JAVA_BYTE, (long) SOCKADDR * i, nameScratch, 0, SOCKADDR);
            if (lastSource[i] != null && java.util.Arrays.equals(nameScratch, lastName[i])) {
                return lastSource[i];
            }
            InetSocketAddress a = decode(names.asSlice((long) SOCKADDR * i, SOCKADDR));
            System.arraycopy(nameScratch, 0, lastName[i], 0, SOCKADDR);
            lastSource[i] = a;
            return a;
        }

        /** recvmmsg calls that returned datagrams. */
        public long calls() {
            return calls;
        }

        /** Datagrams they returned. */
        public long datagrams() {
            return datagrams;
        }

        /** Of those, how many were several coalesced by GRO. */
        public long coalesced() {
            return coalesced;
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "batch socket fd " + fd + (gso ? " (GSO)" : "");
    }
}

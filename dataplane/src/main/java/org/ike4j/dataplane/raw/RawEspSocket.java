package org.ike4j.dataplane.raw;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ike4j.dataplane.ffm.Syscall;

/**
 * A raw socket for IP protocol 50, ESP without UDP (RFC 4303 section 2; RFC 4301 section 5):
 * {@code socket(AF_INET or AF_INET6, SOCK_RAW, IPPROTO_ESP)}, opened through the foreign function
 * API since the JDK has no raw sockets. Bound to our outer address when we have one, so the kernel
 * hands it only ESP addressed to us there. What it receives over IPv4 starts with the IP header
 * (which {@link #receive} skips); over IPv6 the kernel gives the payload only. What it sends is
 * the ESP packet alone: without {@code IP_HDRINCL} the kernel writes the IP header, protocol 50.
 *
 * <p>Opening needs CAP_NET_RAW; without it {@link #open} fails with a message that says so.
 * {@link #receive} is for one thread (it owns the receive buffer); {@link #send} for any number.
 */
public final class RawEspSocket implements AutoCloseable {
    /** The IP protocol number of ESP (IANA "Assigned Internet Protocol Numbers"). */
    public static final int IPPROTO_ESP = 50;
    /** The largest IP datagram: the receive buffer holds any that the kernel reassembled. */
    private static final int MAX_DATAGRAM = 65535;
    /** Receive and send buffer asked for: 4 MiB, as on the NAT-T socket. */
    private static final int SOCKET_BUFFER = 4 << 20;

    private final int fd;
    private final boolean ipv6;
    private final InetAddress local;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment receiveBuffer;
    private final ByteBuffer receiveView;
    private final MemorySegment from;
    private final MemorySegment fromLength;
    private final byte[] fromAddress;
    private volatile boolean closed;
    /** The peers' socket addresses, made once each (no allocation per packet); a few per SA peer. */
    private final java.util.concurrent.ConcurrentHashMap<InetAddress, MemorySegment> destinations =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_DESTINATIONS = 1024;

    private RawEspSocket(int fd, boolean ipv6, InetAddress local) {
        this.fd = fd;
        this.ipv6 = ipv6;
        this.local = local;
        this.receiveBuffer = arena.allocate(MAX_DATAGRAM, 16);
        this.receiveView = receiveBuffer.asByteBuffer().order(ByteOrder.BIG_ENDIAN);
        this.from = arena.allocate(SockAddr.SIZE_IN6, 8);
        this.fromLength = arena.allocate(ValueLayout.JAVA_INT);
        this.fromAddress = new byte[ipv6 ? 16 : 4];
    }

    /**
     * Opens a raw ESP socket of {@code local}'s family, bound to it unless it is the wildcard.
     *
     * @param receiveTimeoutMillis how long {@link #receive} waits before it returns empty-handed
     *     (so that a receive thread notices {@link #close}); 0 waits for ever
     * @throws IOException naming CAP_NET_RAW when the host does not allow raw sockets
     */
    public static RawEspSocket open(InetAddress local, int receiveTimeoutMillis) throws IOException {
        boolean v6 = local instanceof Inet6Address;
        int fd = Socket.socket(v6 ? Socket.AF_INET6 : Socket.AF_INET, Socket.SOCK_RAW | Socket.SOCK_CLOEXEC, IPPROTO_ESP);
        if (fd < 0) {
            int errno = -fd;
            String why = errno == Syscall.EPERM || errno == Syscall.EACCES
                    ? " (a raw socket needs CAP_NET_RAW: run as root or grant the capability)" : "";
            throw Syscall.error("socket(" + (v6 ? "AF_INET6" : "AF_INET") + ", SOCK_RAW, IPPROTO_ESP)" + why, errno);
        }
        try {
            if (!local.isAnyLocalAddress()) {
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment sa = SockAddr.of(a, local);
                    int r = Socket.bind(fd, sa, (int) sa.byteSize());
                    if (r < 0) {
                        throw Syscall.error("bind raw ESP socket to " + local.getHostAddress(), -r);
                    }
                }
            }
            if (receiveTimeoutMillis > 0) {
                Socket.setReceiveTimeout(fd, receiveTimeoutMillis);
            }
            // ESP arrives in bursts of a TCP window: room for them while the receive thread waits for
            // a core. The FORCE options pass net.core.rmem_max (208 KiB by default, some 90 packets)
            // where we may (CAP_NET_ADMIN); else the kernel caps the plain ones at that maximum.
            bufferSize(fd, Socket.SO_RCVBUFFORCE, Socket.SO_RCVBUF, SOCKET_BUFFER);
            bufferSize(fd, Socket.SO_SNDBUFFORCE, Socket.SO_SNDBUF, SOCKET_BUFFER);
        } catch (IOException | RuntimeException e) {
            Socket.close(fd);
            throw e;
        }
        return new RawEspSocket(fd, v6, local);
    }

    private static void bufferSize(int fd, int force, int plain, int size) throws IOException {
        try {
            Socket.setIntOption(fd, Socket.SOL_SOCKET, force, size);
        } catch (IOException notPermitted) {
            Socket.setIntOption(fd, Socket.SOL_SOCKET, plain, size);
        }
    }

    /** The address bound to (possibly the wildcard). */
    public InetAddress local() {
        return local;
    }

    public boolean ipv6() {
        return ipv6;
    }

    /**
     * Waits for the next ESP packet. Over IPv4 the IP header is checked (version, header length,
     * total length, protocol) and skipped; a packet that does not add up is skipped with it.
     *
     * @return the ESP packet from the SPI on (a view of this socket's buffer, valid until the next
     *     call), or null if the timeout passed, the packet was malformed, or the socket is closed
     * @throws IOException on any other receive error
     */
    public ByteBuffer receive() throws IOException {
        fromLength.set(ValueLayout.JAVA_INT, 0, SockAddr.SIZE_IN6);
        long n = Socket.recvfrom(fd, receiveBuffer, MAX_DATAGRAM, from, fromLength);
        if (closed) {
            return null;
        }
        if (n < 0) {
            int errno = (int) -n;
            if (errno == Syscall.EAGAIN || errno == Syscall.EINTR || closed) {
                return null;
            }
            throw Syscall.error("recvfrom on the raw ESP socket", errno);
        }
        int length = (int) n;
        int start = 0;
        if (!ipv6) {
            // RFC 791: the raw IPv4 socket hands us the header too
            if (length < 20) {
                return null;
            }
            int first = receiveBuffer.get(ValueLayout.JAVA_BYTE, 0) & 0xFF;
            int ihl = (first & 0x0F) * 4;
            int total = receiveBuffer.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2) & 0xFFFF;
            int protocol = receiveBuffer.get(ValueLayout.JAVA_BYTE, 9) & 0xFF;
            if (first >> 4 != 4 || ihl < 20 || ihl > length || protocol != IPPROTO_ESP || total < ihl) {
                return null;
            }
            start = ihl;
            length = Math.min(length, total);
        }
        return receiveView.limit(length).position(start);
    }

    /** The source address of what {@link #receive} returned last (allocates: for logs and captures). */
    public InetAddress lastSource() {
        MemorySegment.copy(from, ValueLayout.JAVA_BYTE, ipv6 ? 8 : 4, fromAddress, 0, fromAddress.length);
        try {
            return InetAddress.getByAddress(fromAddress);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends an ESP packet (from the SPI on, position to limit) to {@code remote} as IP protocol
     * 50; the kernel adds the IP header with our bound (or routed) source address. Does not block.
     *
     * @return false if the send buffer was full and nothing went
     */
    public boolean send(InetAddress remote, ByteBuffer esp) throws IOException {
        if (closed) {
            throw new IOException("the raw ESP socket on " + local.getHostAddress() + " is closed");
        }
        int length = esp.remaining();
        MemorySegment packet = MemorySegment.ofBuffer(esp);
        MemorySegment to = destinations.get(remote);
        if (to == null) {
            if (destinations.size() >= MAX_DESTINATIONS) {
                try (Arena a = Arena.ofConfined()) {
                    return sent(Socket.sendto(fd, packet, length, Socket.MSG_DONTWAIT, SockAddr.of(a, remote),
                            remote instanceof Inet6Address ? SockAddr.SIZE_IN6 : SockAddr.SIZE_IN), remote, esp);
                }
            }
            to = destinations.computeIfAbsent(remote, r -> SockAddr.of(arena, r));
        }
        return sent(Socket.sendto(fd, packet, length, Socket.MSG_DONTWAIT, to, (int) to.byteSize()), remote, esp);
    }

    private static boolean sent(long n, InetAddress remote, ByteBuffer esp) throws IOException {
        if (n < 0) {
            int errno = (int) -n;
            if (errno == Syscall.EAGAIN || errno == Syscall.ENOBUFS) {
                return false;
            }
            throw Syscall.error("sendto " + remote.getHostAddress() + " on the raw ESP socket", errno);
        }
        esp.position(esp.limit());
        return true;
    }

    /**
     * Stops the socket: a receive waiting on it returns (shutdown wakes it). The descriptor stays
     * until {@link #release}, so that a receiving thread never reads a number the system has
     * already given to another file.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Socket.shutdown(fd);
    }

    /** Closes the descriptor and frees the receive buffer: after the receiving thread has stopped. */
    public synchronized void release() {
        close();
        if (arena.scope().isAlive()) {
            Socket.close(fd);
            arena.close();
        }
    }
}

package org.ike4j.dataplane.tun;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.ike4j.dataplane.ffm.Syscall;

/**
 * A Linux TUN device (Documentation/networking/tuntap.rst): {@code /dev/net/tun} opened and
 * attached to an interface with the {@code TUNSETIFF} ioctl, {@code IFF_TUN | IFF_NO_PI}, so each
 * read gives one IP packet and each write takes one, with no packet-information header. The
 * device lives in the network namespace of the thread that opens it and disappears, with its
 * addresses and routes, when its last file descriptor closes (it is never made persistent).
 *
 * <p>The descriptor is non-blocking: {@link #read} returns 0 when nothing waits, and
 * {@link #await} polls. One reader thread and any number of writers may use it at once; close it
 * only after the reader has stopped.
 */
public final class TunDevice implements AutoCloseable {
    /** {@code _IOW('T', 202, int)} from linux/if_tun.h. */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    static final short IFF_MULTI_QUEUE = 0x0100;
    static final short IFF_VNET_HDR = 0x4000;
    /** {@code _IOW('T', 208, unsigned int)}: the offloads this reader can take. */
    static final long TUNSETOFFLOAD = 0x400454d0L;
    static final int TUN_F_CSUM = 0x01;
    static final int TUN_F_TSO4 = 0x02;
    static final int TUN_F_TSO6 = 0x04;
    /** IFNAMSIZ, including the terminating zero. */
    public static final int NAME_SIZE = 16;

    private final int fd;
    private final String name;
    private final boolean offload;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment pollfd;
    private volatile boolean closed;

    private TunDevice(int fd, String name, boolean offload) {
        this.fd = fd;
        this.name = name;
        this.offload = offload;
        this.pollfd = arena.allocate(8, 4);
        pollfd.set(ValueLayout.JAVA_INT, 0, fd);
        pollfd.set(ValueLayout.JAVA_SHORT, 4, Syscall.POLLIN);
    }

    /**
     * Opens (creating if needed) the TUN interface {@code name} in the calling thread's network
     * namespace.
     *
     * @param name the interface name, at most 15 bytes; a pattern such as {@code ike4j%d} lets
     *     the kernel number it
     * @param multiQueue {@code IFF_MULTI_QUEUE}: further queues of the same device can be opened
     *     with the same name, one per thread
     */
    public static TunDevice open(String name, boolean multiQueue) throws IOException {
        return open(name, multiQueue, false);
    }

    /**
     * As {@link #open(String, boolean)}; with {@code offload}, also {@code IFF_VNET_HDR} and
     * {@code TUNSETOFFLOAD} (checksum, TSO for IPv4 and IPv6): every read and write then starts
     * with an {@link Offload#HEADER}-byte virtio_net_hdr, and a read may return a TCP
     * super-packet of up to 64 KB with a partial checksum, to be cut with {@link Offload}. The
     * host's TCP then hands the device one packet per window instead of one per MTU.
     */
    public static TunDevice open(String name, boolean multiQueue, boolean offload) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length >= NAME_SIZE) {
            throw new IllegalArgumentException("interface name of 1.." + (NAME_SIZE - 1) + " bytes: " + name);
        }
        int fd = Libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ifreq = a.allocate(40, 8);   // struct ifreq: name[16], then the union
            MemorySegment.copy(n, 0, ifreq, ValueLayout.JAVA_BYTE, 0, n.length);
            short flags = (short) (IFF_TUN | IFF_NO_PI | (multiQueue ? IFF_MULTI_QUEUE : 0) | (offload ? IFF_VNET_HDR : 0));
            ifreq.set(ValueLayout.JAVA_SHORT, NAME_SIZE, flags);
            Libc.ioctl(fd, TUNSETIFF, ifreq, "TUNSETIFF " + name);
            String actual = ifreq.asSlice(0, NAME_SIZE).getString(0, StandardCharsets.US_ASCII);
            if (offload) {
                Libc.ioctlValue(fd, TUNSETOFFLOAD, TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6, "TUNSETOFFLOAD " + actual);
            }
            return new TunDevice(fd, actual, offload);
        } catch (IOException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** Whether reads and writes carry a virtio_net_hdr ({@link #open(String, boolean, boolean)}). */
    public boolean offload() {
        return offload;
    }

    /** The interface name the kernel gave it. */
    public String name() {
        return name;
    }

    /**
     * Waits up to {@code timeoutMillis} for a packet to read.
     *
     * @return true if one is waiting
     */
    public boolean await(int timeoutMillis) throws IOException {
        if (closed) {
            throw new IOException(name + " is closed");
        }
        int r = Syscall.poll(pollfd, timeoutMillis);
        if (r < 0 && -r != Syscall.EINTR) {
            throw Syscall.error("poll " + name, -r);
        }
        return r > 0;
    }

    /**
     * Reads one IP packet into {@code buf[offset, offset + length)}.
     *
     * @return its length, or 0 if none is waiting
     */
    public int read(byte[] buf, int offset, int length) throws IOException {
        long n = Libc.read(fd, buf, offset, length);
        if (n < 0) {
            if (-n == Syscall.EAGAIN || -n == Syscall.EINTR) {
                return 0;
            }
            throw Syscall.error("read " + name, (int) -n);
        }
        return (int) n;
    }

    /**
     * Reads one IP packet into {@code buf}, which may wrap a Java array
     * ({@code MemorySegment.ofArray(array).asSlice(offset)}, made once and reused, so that the
     * packet path allocates nothing) or native memory.
     *
     * @return its length, or 0 if none is waiting
     */
    public int read(MemorySegment buf, int length) throws IOException {
        long n = Libc.read(fd, buf, (int) Math.min(length, buf.byteSize()));
        if (n < 0) {
            if (-n == Syscall.EAGAIN || -n == Syscall.EINTR) {
                return 0;
            }
            throw Syscall.error("read " + name, (int) -n);
        }
        return (int) n;
    }

    /**
     * Writes one IP packet from the start of {@code buf} (as {@link #read(MemorySegment, int)}).
     *
     * @return false if the kernel refused it for lack of room
     */
    public boolean write(MemorySegment buf, int length) throws IOException {
        if (length > buf.byteSize()) {
            throw new IllegalArgumentException(length + " bytes from a segment of " + buf.byteSize());
        }
        long n = Libc.write(fd, buf, length);
        if (n < 0) {
            if (-n == Syscall.EAGAIN || -n == Syscall.EINTR) {
                return false;
            }
            throw Syscall.error("write " + name, (int) -n);
        }
        return true;
    }

    /**
     * Writes one IP packet. A full queue drops it, as a link would (the kernel's tun driver does
     * not block a writer).
     *
     * @return false if the kernel refused it for lack of room
     */
    public boolean write(byte[] buf, int offset, int length) throws IOException {
        long n = Libc.write(fd, buf, offset, length);
        if (n < 0) {
            if (-n == Syscall.EAGAIN || -n == Syscall.EINTR) {
                return false;
            }
            throw Syscall.error("write " + name, (int) -n);
        }
        return true;
    }

    public boolean isOpen() {
        return !closed;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "tun " + name;
    }
}

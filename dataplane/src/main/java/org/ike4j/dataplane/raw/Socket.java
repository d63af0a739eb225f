package org.ike4j.dataplane.raw;

import static org.ike4j.dataplane.ffm.Syscall.downcall;
import static org.ike4j.dataplane.ffm.Syscall.errno;
import static org.ike4j.dataplane.ffm.Syscall.error;
import static org.ike4j.dataplane.ffm.Syscall.state;

import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The socket calls a raw ESP socket needs, through the foreign function API: socket, bind,
 * setsockopt, recvfrom, sendto, shutdown, close (Linux x86-64 and arm64 constants). sendto is
 * linked as critical with heap access, so an ESP packet goes from a Java array to the kernel with
 * no copy; recvfrom blocks, so it is not critical (a critical call holds up the garbage
 * collector) and reads into native memory. errno is captured per call.
 */
final class Socket {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;
    static final int MSG_DONTWAIT = 0x40;
    static final int SHUT_RDWR = 2;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final AddressLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(INT, INT, INT, INT), false);
    private static final MethodHandle BIND = downcall("bind", FunctionDescriptor.of(INT, INT, PTR, INT), false);
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(INT, INT, INT, INT, PTR, INT), false);
    private static final MethodHandle RECVFROM = downcall("recvfrom",
            FunctionDescriptor.of(LONG, INT, PTR, LONG, INT, PTR, PTR), false);
    private static final MethodHandle SENDTO = downcall("sendto",
            FunctionDescriptor.of(LONG, INT, PTR, LONG, INT, PTR, INT), true);
    private static final MethodHandle SHUTDOWN = downcall("shutdown", FunctionDescriptor.of(INT, INT, INT), false);
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(INT, INT), false);

    private Socket() {
    }

    /** socket(2): a descriptor, or -errno. */
    static int socket(int domain, int type, int protocol) {
        MemorySegment state = state();
        try {
            int fd = (int) SOCKET.invokeExact(state, domain, type, protocol);
            return fd < 0 ? -errno(state) : fd;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** bind(2): 0, or -errno. */
    static int bind(int fd, MemorySegment address, int length) {
        MemorySegment state = state();
        try {
            int r = (int) BIND.invokeExact(state, fd, address, length);
            return r < 0 ? -errno(state) : 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void setIntOption(int fd, int level, int option, int value) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            setOption(fd, level, option, a.allocateFrom(INT, value));
        }
    }

    /** SO_RCVTIMEO: struct timeval { long tv_sec; long tv_usec; }. */
    static void setReceiveTimeout(int fd, int millis) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment tv = a.allocate(16, 8);
            tv.set(LONG, 0, millis / 1000);
            tv.set(LONG, 8, (millis % 1000) * 1000L);
            setOption(fd, SOL_SOCKET, SO_RCVTIMEO, tv);
        }
    }

    private static void setOption(int fd, int level, int option, MemorySegment value) throws IOException {
        MemorySegment state = state();
        try {
            int r = (int) SETSOCKOPT.invokeExact(state, fd, level, option, value, (int) value.byteSize());
            if (r < 0) {
                throw error("setsockopt " + option, errno(state));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** recvfrom(2) into native memory: bytes received, or -errno. */
    static long recvfrom(int fd, MemorySegment buf, int len, MemorySegment from, MemorySegment fromLength) {
        MemorySegment state = state();
        try {
            long n = (long) RECVFROM.invokeExact(state, fd, buf, (long) len, 0, from, fromLength);
            return n < 0 ? -errno(state) : n;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** sendto(2) from a heap or native segment: bytes sent, or -errno. */
    static long sendto(int fd, MemorySegment buf, int len, int flags, MemorySegment to, int toLength) {
        MemorySegment state = state();
        try {
            long n = (long) SENDTO.invokeExact(state, fd, buf, (long) len, flags, to, toLength);
            return n < 0 ? -errno(state) : n;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void shutdown(int fd) {
        try {
            int ignored = (int) SHUTDOWN.invokeExact(state(), fd, SHUT_RDWR);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(state(), fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}

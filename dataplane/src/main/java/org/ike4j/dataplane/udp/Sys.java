package org.ike4j.dataplane.udp;

import static org.ike4j.dataplane.ffm.Syscall.downcall;
import static org.ike4j.dataplane.ffm.Syscall.errno;
import static org.ike4j.dataplane.ffm.Syscall.state;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** The socket calls batched UDP needs, with errno captured per call (Linux x86-64 / aarch64 layouts). */
final class Sys {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOL_SOCKET = 1;
    static final int SO_TYPE = 3;
    static final int SO_DOMAIN = 39;
    static final int SOCK_DGRAM = 2;
    static final int SOL_UDP = 17;
    /** linux/udp.h: the segment size for GSO, as a socket option or a cmsg (u16). */
    static final int UDP_SEGMENT = 103;
    /** linux/udp.h: receive coalesced datagrams, their segment size in a cmsg (int). */
    static final int UDP_GRO = 104;
    static final int MSG_DONTWAIT = 0x40;

    private static final ValueLayout I = ValueLayout.JAVA_INT;
    private static final ValueLayout L = ValueLayout.JAVA_LONG;
    private static final ValueLayout A = ValueLayout.ADDRESS;

    static final MethodHandle SENDMSG = downcall("sendmsg", FunctionDescriptor.of(L, I, A, I));
    static final MethodHandle SENDTO = downcall("sendto", FunctionDescriptor.of(L, I, A, L, I, A, I));
    static final MethodHandle RECVMMSG = downcall("recvmmsg", FunctionDescriptor.of(I, I, A, I, I, A));
    static final MethodHandle GETSOCKOPT = downcall("getsockopt", FunctionDescriptor.of(I, I, I, I, A, A));
    static final MethodHandle SETSOCKOPT = downcall("setsockopt", FunctionDescriptor.of(I, I, I, I, A, I));
    static final MethodHandle GETSOCKNAME = downcall("getsockname", FunctionDescriptor.of(I, I, A, A));

    private Sys() {
    }

    static IOException error(String what, int errno) {
        return new IOException(what + " failed (errno " + errno + ")");
    }

    static int getIntOption(int fd, int level, int option) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(4);
            MemorySegment len = a.allocate(4);
            len.set(ValueLayout.JAVA_INT, 0, 4);
            int r = (int) GETSOCKOPT.invokeExact(state(), fd, level, option, v, len);
            return r < 0 ? -1 : v.get(ValueLayout.JAVA_INT, 0);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** setsockopt(2) with an int: 0, or -errno. */
    static int setIntOption(int fd, int level, int option, int value) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(4);
            v.set(ValueLayout.JAVA_INT, 0, value);
            MemorySegment state = state();
            int r = (int) SETSOCKOPT.invokeExact(state, fd, level, option, v, 4);
            return r < 0 ? -errno(state) : 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** getsockname(2) into a 28-byte sockaddr (sockaddr_in or sockaddr_in6); false on error. */
    static boolean sockname(int fd, MemorySegment sockaddr) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment len = a.allocate(4);
            len.set(ValueLayout.JAVA_INT, 0, (int) sockaddr.byteSize());
            int r = (int) GETSOCKNAME.invokeExact(state(), fd, sockaddr, len);
            return r == 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}

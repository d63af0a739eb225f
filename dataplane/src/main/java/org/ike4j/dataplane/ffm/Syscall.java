package org.ike4j.dataplane.ffm;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Links C library functions so that each call captures {@code errno} right after it returns
 * ({@link Linker.Option#captureCallState}): the thread-local errno may be overwritten by anything
 * the JVM does afterwards. A handle from {@link #downcall} takes the capture segment as its first
 * argument; {@link #errno} reads it. The errno numbers are Linux's (asm-generic/errno-base.h,
 * asm-generic/errno.h), the same on x86-64 and arm64.
 */
public final class Syscall {
    public static final int EPERM = 1;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;
    public static final int EMSGSIZE = 90;
    public static final int ENOPROTOOPT = 92;
    public static final int EOPNOTSUPP = 95;
    public static final int ENOBUFS = 105;
    /** poll.h: pollfd events. */
    public static final short POLLIN = 1;
    public static final short POLLOUT = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final MethodHandle STRERROR = LINKER.downcallHandle(symbol("strerror"),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private static final MethodHandle POLL = downcall("poll",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));

    /** Per-thread room for errno, so the packet path allocates nothing. */
    private static final ThreadLocal<MemorySegment> STATE = ThreadLocal.withInitial(
            () -> Arena.ofAuto().allocate(CALL_STATE));

    private Syscall() {
    }

    /** A C library function with errno captured; the handle's first argument is the capture segment. */
    public static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO);
    }

    /**
     * As {@link #downcall(String, FunctionDescriptor)}; {@code critical} links it as a critical call
     * with heap access, so a Java array goes to the kernel with no copy. Only for calls that do not
     * block: a critical call holds up the garbage collector.
     */
    public static MethodHandle downcall(String name, FunctionDescriptor descriptor, boolean critical) {
        return critical ? LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO, Linker.Option.critical(true))
                : downcall(name, descriptor);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name));
    }

    /** This thread's capture segment; read {@link #errno} from it before the next call on the thread. */
    public static MemorySegment state() {
        return STATE.get();
    }

    /** A capture segment of its own, in {@code arena}. */
    public static MemorySegment state(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** The errno the last call through {@code state} left. */
    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** The C library's text for {@code errno}, or {@code errno N} if it cannot be had. */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.equals(MemorySegment.NULL) ? "unknown error" : s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** poll(2) on one pollfd (8 bytes: fd, events, revents): ready count, 0 on timeout, or -errno. */
    public static int poll(MemorySegment pollfd, int timeoutMillis) {
        MemorySegment state = state();
        try {
            int r = (int) POLL.invokeExact(state, pollfd, 1L, timeoutMillis);
            return r < 0 ? -errno(state) : r;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code what: text (errno N)}. */
    public static IOException error(String what, int errno) {
        return new IOException(what + ": " + strerror(errno) + " (errno " + errno + ")");
    }
}

package org.ike4j.dataplane.tun;

import static org.ike4j.dataplane.ffm.Syscall.downcall;
import static org.ike4j.dataplane.ffm.Syscall.errno;
import static org.ike4j.dataplane.ffm.Syscall.error;
import static org.ike4j.dataplane.ffm.Syscall.state;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The few C library calls a TUN device needs, through the foreign function API: open, ioctl,
 * read, write, close (poll, which batched UDP needs too, is {@link org.ike4j.dataplane.ffm.Syscall#poll}).
 * read and write are linked as critical with heap access, so packet bytes go between the kernel
 * and a Java array with no copy through native memory. errno is captured per call (it is
 * thread-local and the JVM may change it between calls).
 */
final class Libc {
    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;

    private static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT), false);
    private static final MethodHandle IOCTL = downcall("ioctl", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), false);
    private static final MethodHandle IOCTL_VALUE = downcall("ioctl", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), false);
    private static final MethodHandle READ = downcall("read", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), true);
    private static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), true);
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT), false);

    private Libc() {
    }

    static int open(String path, int flags) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = state();
            int fd = (int) OPEN.invokeExact(state, a.allocateFrom(path), flags);
            if (fd < 0) {
                throw error("open " + path, errno(state));
            }
            return fd;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void ioctl(int fd, long request, MemorySegment arg, String what) throws IOException {
        ioctl(IOCTL, fd, request, arg, what);
    }

    /** ioctl(2) whose argument is a value, not a pointer (TUNSETOFFLOAD). */
    static void ioctlValue(int fd, long request, long value, String what) throws IOException {
        ioctl(IOCTL_VALUE, fd, request, value, what);
    }

    /** Either ioctl handle; {@code arg} is a MemorySegment for {@code IOCTL}, a Long for {@code IOCTL_VALUE}. */
    private static void ioctl(MethodHandle handle, int fd, long request, Object arg, String what) throws IOException {
        try {
            MemorySegment state = state();
            int r = (int) handle.invoke(state, fd, request, arg);
            if (r < 0) {
                throw error(what, errno(state));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** read(2) into a segment (heap or native): bytes read, or -errno. */
    static long read(int fd, MemorySegment buf, int len) {
        MemorySegment state = state();
        try {
            long n = (long) READ.invokeExact(state, fd, buf, (long) len);
            return n < 0 ? -errno(state) : n;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** write(2) from a segment (heap or native): bytes written, or -errno. */
    static long write(int fd, MemorySegment buf, int len) {
        MemorySegment state = state();
        try {
            long n = (long) WRITE.invokeExact(state, fd, buf, (long) len);
            return n < 0 ? -errno(state) : n;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** read(2) into a heap array: bytes read, or -errno. */
    static long read(int fd, byte[] buf, int off, int len) {
        MemorySegment state = state();
        try {
            long n = (long) READ.invokeExact(state, fd, MemorySegment.ofArray(buf).asSlice(off, len), (long) len);
            return n < 0 ? -errno(state) : n;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** write(2) from a heap array: bytes written, or -errno. */
    static long write(int fd, byte[] buf, int off, int len) {
        MemorySegment state = state();
        try {
            long n = (long) WRITE.invokeExact(state, fd, MemorySegment.ofArray(buf).asSlice(off, len), (long) len);
            return n < 0 ? -errno(state) : n;
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

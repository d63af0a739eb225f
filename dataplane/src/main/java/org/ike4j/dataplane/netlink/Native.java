package org.ike4j.dataplane.netlink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.ike4j.dataplane.ffm.Syscall.downcall;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.ike4j.dataplane.ffm.Syscall;

/**
 * The C library calls the netlink socket needs, through the foreign function API. Every call that
 * can fail captures {@code errno} right after it returns ({@link Linker.Option#captureCallState}),
 * since anything the JVM does afterwards may overwrite it.
 */
final class Native {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;
    static final int MSG_TRUNC = 0x20;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = downcall("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = downcall("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETNS = downcall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private Native() {
    }

    /** The result of a call and the errno it left. */
    record Result(long value, int errno) {
        boolean failed() {
            return value < 0;
        }
    }

    private static Result call(MethodHandle handle, Object... args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscall.state(arena);
            Object[] full = new Object[args.length + 1];
            full[0] = state;
            System.arraycopy(args, 0, full, 1, args.length);
            Object r = handle.invokeWithArguments(full);
            long value = r instanceof Integer i ? i : (Long) r;
            return new Result(value, value < 0 ? Syscall.errno(state) : 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static Result socket(int domain, int type, int protocol) {
        return call(SOCKET, domain, type, protocol);
    }

    static Result bind(int fd, MemorySegment address) {
        return call(BIND, fd, address, (int) address.byteSize());
    }

    static Result setsockopt(int fd, int level, int name, MemorySegment value) {
        return call(SETSOCKOPT, fd, level, name, value, (int) value.byteSize());
    }

    static Result sendto(int fd, MemorySegment buffer, long length, MemorySegment address) {
        return call(SENDTO, fd, buffer, length, 0, address, (int) address.byteSize());
    }

    /** Receives into {@code buffer}; the sender's address goes to {@code from}, its length to {@code fromLength}. */
    static Result recvfrom(int fd, MemorySegment buffer, int flags, MemorySegment from, MemorySegment fromLength) {
        return call(RECVFROM, fd, buffer, buffer.byteSize(), flags, from, fromLength);
    }

    static Result close(int fd) {
        return call(CLOSE, fd);
    }

    static Result open(MemorySegment path, int flags) {
        return call(OPEN, path, flags);
    }

    static Result setns(int fd, int nstype) {
        return call(SETNS, fd, nstype);
    }

}

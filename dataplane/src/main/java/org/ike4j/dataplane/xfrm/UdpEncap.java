package org.ike4j.dataplane.xfrm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.ike4j.dataplane.ffm.Syscall.downcall;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import org.ike4j.dataplane.ffm.Syscall;
import org.ike4j.dataplane.netlink.NetlinkException;
import org.ike4j.dataplane.udp.BatchSocket;

/**
 * The kernel's ESP-in-UDP decapsulation on a UDP socket (RFC 3948; linux/udp.h {@code UDP_ENCAP},
 * option 100 at level {@code SOL_UDP} (17), value {@code UDP_ENCAP_ESPINUDP} (2)): once set, the
 * kernel takes datagrams on that socket whose first four bytes are not the non-ESP marker (zero)
 * as ESP and hands them to XFRM; IKE (with the marker) still reaches the socket's reader.
 *
 * <p>Java does not show a DatagramChannel's file descriptor: the sockets are found as the batched
 * ESP path finds its own ({@link BatchSocket#ownUdpSockets}).
 *
 * <p>Set it only while the kernel holds the SAs: the userspace dataplane reads ESP from the same
 * socket, and with the option set the kernel would take (and, with no SA, drop) that ESP first.
 * The kernel cannot really undo it either (value 0 leaves its ESP receive hook in place).
 */
public final class UdpEncap {
    static final int SOL_UDP = 17;
    static final int UDP_ENCAP = 100;

    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = downcall("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    private UdpEncap() {
    }

    /** Sets UDP_ENCAP_ESPINUDP on each of this process's UDP sockets bound to {@code port}; returns their descriptors. */
    public static List<Integer> enableOnOwnSockets(int port) {
        List<Integer> fds = ownUdpSockets(port);
        for (int fd : fds) {
            set(fd, XfrmConstants.UDP_ENCAP_ESPINUDP);
        }
        return fds;
    }

    /** This process's UDP sockets (IPv4 and IPv6) bound to the local {@code port}, by descriptor, in order. */
    public static List<Integer> ownUdpSockets(int port) {
        return List.copyOf(BatchSocket.ownUdpSockets(port).keySet());
    }

    static void set(int fd, int value) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            MemorySegment state = Syscall.state(a);
            int r = (int) SETSOCKOPT.invokeExact(state, fd, SOL_UDP, UDP_ENCAP, v, 4);
            if (r < 0) {
                throw new NetlinkException("setsockopt(" + fd + ", SOL_UDP, UDP_ENCAP, " + value + ")",
                        Syscall.errno(state), null);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The socket's UDP_ENCAP value. */
    static int get(int fd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            MemorySegment length = a.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, 4);
            MemorySegment state = Syscall.state(a);
            int r = (int) GETSOCKOPT.invokeExact(state, fd, SOL_UDP, UDP_ENCAP, v, length);
            if (r < 0) {
                throw new NetlinkException("getsockopt(" + fd + ", SOL_UDP, UDP_ENCAP)", Syscall.errno(state), null);
            }
            return v.get(JAVA_INT, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}

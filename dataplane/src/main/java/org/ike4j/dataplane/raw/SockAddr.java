package org.ike4j.dataplane.raw;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * {@code struct sockaddr_in} and {@code sockaddr_in6} (Linux, netinet/in.h) for a raw socket:
 * the port is 0, as IP protocol 50 has none.
 *
 * <pre>
 * sockaddr_in:  family (2, host order) | port (2) | address (4)  | zero (8)                    = 16
 * sockaddr_in6: family (2, host order) | port (2) | flowinfo (4) | address (16) | scope id (4) = 28
 * </pre>
 */
final class SockAddr {
    static final int SIZE_IN = 16;
    static final int SIZE_IN6 = 28;

    private SockAddr() {
    }

    static MemorySegment of(Arena arena, InetAddress address) {
        byte[] a = address.getAddress();
        if (address instanceof Inet6Address v6) {
            MemorySegment s = arena.allocate(SIZE_IN6, 8);
            s.set(ValueLayout.JAVA_SHORT, 0, (short) Socket.AF_INET6);
            MemorySegment.copy(a, 0, s, ValueLayout.JAVA_BYTE, 8, 16);
            s.set(ValueLayout.JAVA_INT, 24, v6.getScopeId());
            return s;
        }
        MemorySegment s = arena.allocate(SIZE_IN, 8);
        s.set(ValueLayout.JAVA_SHORT, 0, (short) Socket.AF_INET);
        MemorySegment.copy(a, 0, s, ValueLayout.JAVA_BYTE, 4, 4);
        return s;
    }
}

package org.ike4j.dataplane.userspace;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Sends ESP in UDP (RFC 3948 section 2.1): the ESP packet is the UDP payload, with no marker. The
 * daemon sends it from its NAT-T socket, the one IKE floated to, so that NAT mappings and the
 * peer's idea of our port stay the same. Called from the tunnels' outbound threads at once, so
 * implementations must be thread-safe and should not block.
 */
@FunctionalInterface
public interface EspTransport {
    /**
     * @param esp from its position to its limit: the ESP packet, from the SPI on
     * @return false if the socket's send buffer is full and nothing was sent (try again shortly)
     */
    boolean send(InetSocketAddress local, InetSocketAddress remote, ByteBuffer esp) throws IOException;

    /**
     * Sends ESP packets laid end to end in {@code buf[offset, offset + length)}, each
     * {@code segmentSize} bytes but the last, which may be shorter: the pieces of one TCP
     * super-packet, sealed in place. An implementation with UDP GSO sends them in one system call;
     * this default sends them one by one, waiting briefly while the send buffer is full.
     *
     * @return false if some could not be sent
     */
    default boolean send(InetSocketAddress local, InetSocketAddress remote, byte[] buf, int offset, int length,
                         int segmentSize) throws IOException {
        ByteBuffer view = ByteBuffer.wrap(buf);
        boolean all = true;
        for (int o = offset; o < offset + length; o += segmentSize) {
            int end = Math.min(o + segmentSize, offset + length);
            boolean sent = false;
            for (int attempt = 0; attempt < 50 && !sent; attempt++) {
                view.limit(end).position(o);
                sent = send(local, remote, view);
                if (!sent) {
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                }
            }
            all &= sent;
        }
        return all;
    }
}

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
}

package org.ike4j.daemon;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.ike4j.engine.ChildSa;

/**
 * Where negotiated IPsec SAs go: the kernel (XFRM), a userspace ESP implementation, or nowhere.
 * Called on the event loop only, so an implementation must not block.
 */
public interface Dataplane extends AutoCloseable {

    /** A name for logs and status: none, userspace, xfrm. */
    String name();

    /** Installs an SA pair (both directions). */
    void install(ChildSa sa);

    /** Removes an SA pair. */
    void delete(ChildSa sa, String reason);

    /**
     * An ESP-in-UDP packet (RFC 3948 section 2.1) that came on the NAT-T port.
     *
     * @param packet the ESP packet, from the SPI on, without the UDP header
     */
    void espInUdp(InetSocketAddress local, InetSocketAddress remote, ByteBuffer packet);

    /** The SA pairs installed now. */
    List<ChildSa> installed();

    @Override
    void close();
}

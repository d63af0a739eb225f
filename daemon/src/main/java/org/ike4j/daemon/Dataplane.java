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
     * Removes an SA pair; with {@code hold} the connection stays trapped (dpdaction=hold after a
     * dead peer, {@link org.ike4j.engine.Action.DeleteChildSa#hold}): a dataplane that routes
     * keeps its routes and raises an acquire on traffic. By default just {@link #delete(ChildSa, String)}.
     */
    default void delete(ChildSa sa, String reason, boolean hold) {
        delete(sa, reason);
    }

    /**
     * The operator took a connection down (after the engine handled it): a connection held after
     * a dead peer (dpdaction=hold) is no longer trapped, so a dataplane that routes removes what it
     * kept for it. The engine has no SA to delete then, so it sends no action for this. By
     * default nothing.
     */
    default void down(String connection) {
    }

    /**
     * An ESP-in-UDP packet (RFC 3948 section 2.1) that came on the NAT-T port.
     *
     * @param packet the ESP packet, from the SPI on, without the UDP header
     */
    void espInUdp(InetSocketAddress local, InetSocketAddress remote, ByteBuffer packet);

    /**
     * As {@link #espInUdp} for a packet of a receive batch: the dataplane may hold what comes out
     * of it (to join TCP segments) until {@link #espBatchEnd}. By default just {@link #espInUdp}.
     */
    default void espInUdpBatched(InetSocketAddress local, InetSocketAddress remote, ByteBuffer packet) {
        espInUdp(local, remote, packet);
    }

    /** The end of a receive batch: what {@link #espInUdpBatched} held goes now. */
    default void espBatchEnd() {
    }

    /** The SA pairs installed now. */
    List<ChildSa> installed();

    /**
     * What the daemon offers a dataplane that carries packets itself: sending ESP in UDP from its
     * NAT-T socket, and handing the engine an input (an acquire). Both may be called from any
     * thread.
     */
    interface Host {
        /**
         * Sends an ESP packet (position to limit, from the SPI on) in UDP from the socket bound to
         * {@code local}; false if the send buffer is full and nothing went.
         */
        boolean sendEsp(InetSocketAddress local, InetSocketAddress remote, ByteBuffer esp) throws java.io.IOException;

        /**
         * Sends ESP packets laid end to end in {@code buf[offset, offset + length)}, each
         * {@code segmentSize} bytes but the last: where the socket allows, in one system call (UDP
         * GSO). This default sends them one by one.
         *
         * @return false if some could not be sent
         */
        default boolean sendEsp(InetSocketAddress local, InetSocketAddress remote, byte[] buf, int offset, int length,
                                int segmentSize) throws java.io.IOException {
            boolean all = true;
            for (int o = offset; o < offset + length; o += segmentSize) {
                all &= sendEsp(local, remote, ByteBuffer.wrap(buf, o, Math.min(segmentSize, offset + length - o)));
            }
            return all;
        }

        /** Queues an input for the engine on the event loop. */
        void input(org.ike4j.engine.Input input);

        /** Where ESP the dataplane sends and receives itself goes for {@code --pcap}. */
        default org.ike4j.daemon.capture.PacketSink packets() {
            return org.ike4j.daemon.capture.PacketSink.NONE;
        }
    }

    /** Called once by the daemon before anything is installed. */
    default void start(Host host) {
    }

    /** The engine's snapshot with this dataplane's byte and packet counters filled in. */
    default org.ike4j.engine.Snapshot withTraffic(org.ike4j.engine.Snapshot snapshot) {
        return snapshot;
    }

    /** ESP packets dropped because no SA has their SPI (RFC 4303 3.4.2); 0 for a dataplane that does not see ESP. */
    default long unknownSpiDrops() {
        return 0;
    }

    /** The configuration the daemon runs with now (at start and after each reload): on-demand tunnels. */
    default void configured(org.ike4j.config.Configuration configuration) {
    }

    @Override
    void close();
}

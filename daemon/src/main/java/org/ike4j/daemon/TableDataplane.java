package org.ike4j.daemon;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.daemon.log.Log;
import org.ike4j.engine.ChildSa;

/**
 * {@code --dataplane none}: no packet is protected. SAs are kept in a table (by inbound SPI and
 * protocol) so status and tests can see what would be installed; ESP in UDP is counted and dropped.
 */
public final class TableDataplane implements Dataplane {
    private final Map<String, ChildSa> table = new LinkedHashMap<>();
    private final Log log;
    private long espDropped;

    public TableDataplane(Log log) {
        this.log = log;
    }

    private static String key(ChildSa sa) {
        return sa.protocol() + "/" + Integer.toHexString(sa.inboundSpi());
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public void install(ChildSa sa) {
        table.put(key(sa), sa);
        log.info("knl", "SA " + sa.spis() + " of " + sa.connection() + " kept (no dataplane: traffic is not protected)");
    }

    @Override
    public void delete(ChildSa sa, String reason, boolean hold) {
        delete(sa, hold ? reason + " (held: traffic negotiates again)" : reason);
    }

    @Override
    public void delete(ChildSa sa, String reason) {
        if (table.remove(key(sa)) != null) {
            log.info("knl", "SA " + sa.spis() + " of " + sa.connection() + " removed: " + reason);
        } else {
            log.debug("knl", "SA " + sa.spis() + " to remove was not installed: " + reason);
        }
    }

    @Override
    public void espInUdp(InetSocketAddress local, InetSocketAddress remote, ByteBuffer packet) {
        espDropped++;
        int spi = packet.remaining() >= 4 ? packet.getInt(packet.position()) : 0;
        log.trace("knl", () -> String.format("ESP in UDP from %s (SPI %08x, %d bytes) dropped: no dataplane",
                remote, spi, packet.remaining()));
    }

    /** ESP-in-UDP packets received and dropped. */
    public long espDropped() {
        return espDropped;
    }

    @Override
    public List<ChildSa> installed() {
        return new ArrayList<>(table.values());
    }

    @Override
    public void close() {
        table.clear();
    }
}

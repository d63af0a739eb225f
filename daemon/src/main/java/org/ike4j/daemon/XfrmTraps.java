package org.ike4j.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.StartAction;
import org.ike4j.config.TrafficSelector;
import org.ike4j.daemon.log.Log;
import org.ike4j.dataplane.netlink.NetlinkException;
import org.ike4j.dataplane.xfrm.Xfrm;
import org.ike4j.dataplane.xfrm.XfrmEvent;
import org.ike4j.dataplane.xfrm.XfrmPolicy;
import org.ike4j.dataplane.xfrm.XfrmSelector;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Input;

/**
 * On-demand tunnels in the kernel (RFC 4301 section 4.4.1: the SPD entry exists before its SA):
 * for each {@code auto=route} / {@code start_action=trap} / Junos {@code establish-tunnels
 * on-traffic} connection an {@code out} policy whose ESP template has no SA - a trap. A packet that
 * matches it makes the kernel create a larval SA and send XFRM_MSG_ACQUIRE to the key managers;
 * {@link #onEvent} turns that into {@link Input.Acquire} for the connection (found by the
 * template's reqid, which is ours per trap), and an XFRM_MSG_EXPIRE of an SA the daemon installed
 * into {@link Input.Expire}.
 *
 * <p>Only the {@code out} direction is trapped: {@code in}/{@code fwd} policies without an SA would
 * drop the decrypted packets a userspace fallback hands to the stack through its TUN device. When
 * an SA of the connection is installed in the kernel its own policies take the selectors, so the
 * trap is taken out first and put back when the last SA goes (the connection still routed).
 *
 * <p>Thread use: {@link #sync}, {@link #release}, {@link #restore}, {@link #removeAll} on the event
 * loop; {@link #onEvent} on the XFRM events thread (it reads only concurrent maps and queues inputs).
 */
final class XfrmTraps {
    /** Trap reqids come from a range of their own, far from the engine's SA reqids. */
    static final int FIRST_REQID = 0x7ff00000;

    private final Log log;
    private final Xfrm xfrm;
    /** Routed connections and their trap policies (out only), by name. */
    private final Map<String, List<XfrmPolicy>> routed = new LinkedHashMap<>();
    /** Connections whose traps are out because an SA of theirs is in the kernel. */
    private final Map<String, List<XfrmPolicy>> released = new LinkedHashMap<>();
    private final Map<Integer, String> connectionByReqid = new ConcurrentHashMap<>();
    /** Every SPI (both directions) of an SA in the kernel, to the pair's inbound SPI. */
    private final Map<Integer, Integer> inboundBySpi = new ConcurrentHashMap<>();
    /**
     * The acquires of each connection: the kernel holds a larval SA for each (no SPI) until an SA
     * replaces it or {@code net.core.xfrm_acq_expires} passes; ones not replaced are deleted with the trap.
     */
    private final Map<String, List<XfrmEvent.Acquire>> larval = new ConcurrentHashMap<>();
    private int nextReqid = FIRST_REQID;

    XfrmTraps(Log log, Xfrm xfrm) {
        this.log = log;
        this.xfrm = xfrm;
    }

    /** Traps for the routed connections of this configuration; those no longer routed lose theirs. */
    void sync(Configuration configuration) {
        Map<String, List<XfrmPolicy>> wanted = new LinkedHashMap<>();
        for (Connection c : configuration.connections().values()) {
            if (c.startAction() != StartAction.ROUTE || !(c.remote().address() instanceof PeerAddress.Ip peer)) {
                continue;
            }
            if (routed.containsKey(c.name()) || released.containsKey(c.name())) {
                wanted.put(c.name(), null);   // kept as it is (a reload with changed selectors needs a down first)
                continue;
            }
            List<TrafficSelector> local = c.local().selectorsOrHost();
            List<TrafficSelector> remote = c.remote().selectorsOrHost();
            if (local.isEmpty() || remote.isEmpty()) {
                log.warn("knl", c.name() + ": auto=route without selectors or addresses to trap; not routed");
                continue;
            }
            InetAddress source = c.local().address() instanceof PeerAddress.Ip ip ? ip.address() : any(peer.address());
            int reqid = nextReqid++;
            List<XfrmPolicy> traps = new ArrayList<>();
            for (TrafficSelector l : local) {
                for (TrafficSelector r : remote) {
                    if (l.from().getAddress().length == r.from().getAddress().length
                            && l.from().getAddress().length == peer.address().getAddress().length) {
                        traps.add(XfrmPolicy.tunnel(XfrmSelector.of(l, r), XfrmPolicy.Direction.OUT, source,
                                peer.address(), reqid));
                    }
                }
            }
            List<XfrmPolicy> added = add(c.name(), traps);
            if (!added.isEmpty()) {
                routed.put(c.name(), added);
                connectionByReqid.put(reqid, c.name());
                log.info("knl", c.name() + ": trap policies in the kernel (reqid " + reqid + "): " + added);
            }
            wanted.put(c.name(), null);
        }
        for (String name : new ArrayList<>(routed.keySet())) {
            if (!wanted.containsKey(name)) {
                remove(name, routed.remove(name));
            }
        }
        released.keySet().removeIf(name -> !wanted.containsKey(name));
    }

    private List<XfrmPolicy> add(String connection, List<XfrmPolicy> policies) {
        List<XfrmPolicy> added = new ArrayList<>();
        for (XfrmPolicy p : policies) {
            try {
                xfrm.addPolicy(p);
                added.add(p);
            } catch (NetlinkException e) {
                log.error("knl", connection + ": trap policy " + p + " refused: " + e.getMessage());
            }
        }
        return added;
    }

    private void remove(String connection, List<XfrmPolicy> policies) {
        for (XfrmPolicy p : policies) {
            try {
                xfrm.deletePolicy(p.selector(), p.direction());
            } catch (NetlinkException e) {
                log.warn("knl", connection + ": removing trap policy " + p + ": " + e.getMessage());
            }
        }
        connectionByReqid.values().remove(connection);
        deleteLarval(connection);
    }

    private void deleteLarval(String connection) {
        List<XfrmEvent.Acquire> acquires = larval.remove(connection);
        if (acquires == null) {
            return;
        }
        for (XfrmEvent.Acquire a : acquires) {
            try {
                int spi = xfrm.deleteLarval(a);
                log.debug("knl", String.format("%s: larval SA of the acquire seq %d removed (as spi %08x)", connection,
                        Integer.toUnsignedLong(a.seq()), spi));
            } catch (NetlinkException | IllegalStateException e) {
                log.warn("knl", connection + ": removing the larval SA of acquire seq " + Integer.toUnsignedLong(a.seq())
                        + ": " + e.getMessage());
            }
        }
    }

    /** Before an SA of the connection goes into the kernel: its policies replace the trap. */
    void release(ChildSa sa) {
        List<XfrmPolicy> traps = routed.remove(sa.connection());
        if (traps != null) {
            for (XfrmPolicy p : traps) {
                try {
                    xfrm.deletePolicy(p.selector(), p.direction());
                } catch (NetlinkException e) {
                    log.warn("knl", sa.connection() + ": removing trap policy " + p + ": " + e.getMessage());
                }
            }
            released.put(sa.connection(), traps);
        }
    }

    /** The SA pair is in the kernel now: its expires are ours. */
    void installed(ChildSa sa) {
        larval.remove(sa.connection());   // the kernel replaced them with the SA
        inboundBySpi.put(sa.inboundSpi(), sa.inboundSpi());
        inboundBySpi.put(sa.outboundSpi(), sa.inboundSpi());
    }

    /** The SA pair left the kernel; with no other SA of the connection left, its trap comes back. */
    void removed(ChildSa sa, boolean connectionHasOtherSas) {
        inboundBySpi.remove(sa.inboundSpi());
        inboundBySpi.remove(sa.outboundSpi());
        if (!connectionHasOtherSas) {
            restore(sa.connection());
        }
    }

    private void restore(String connection) {
        List<XfrmPolicy> traps = released.remove(connection);
        if (traps != null) {
            routed.put(connection, add(connection, traps));
        }
    }

    /** Every trap out of the kernel (the dataplane closes, or hands over to the userspace one). */
    void removeAll() {
        for (Map.Entry<String, List<XfrmPolicy>> e : routed.entrySet()) {
            remove(e.getKey(), e.getValue());
        }
        routed.clear();
        for (String connection : new ArrayList<>(larval.keySet())) {
            deleteLarval(connection);
        }
        released.clear();
        connectionByReqid.clear();
        inboundBySpi.clear();
    }

    /** Connections with traps in the kernel now, for tests. */
    List<String> trapped() {
        return List.copyOf(routed.keySet());
    }

    /**
     * What the engine should hear of a kernel event, or null: an acquire for one of our traps, an
     * expire of one of our SAs.
     */
    Input onEvent(XfrmEvent event) {
        return switch (event) {
            case XfrmEvent.Acquire a -> {
                String connection = connectionByReqid.get(a.reqid());
                if (connection == null) {
                    log.debug("knl", "kernel acquire for reqid " + a.reqid() + " (policy index " + a.policyIndex()
                            + ", " + a.packet() + ") is not one of our traps");
                    yield null;
                }
                log.info("knl", "kernel acquire: " + a.packet() + " matched the trap of " + connection + " (policy index "
                        + a.policyIndex() + ", reqid " + a.reqid() + ")");
                larval.computeIfAbsent(connection, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(a);
                yield new Input.Acquire(connection);
            }
            case XfrmEvent.Expire e -> {
                Integer inbound = inboundBySpi.get(e.state().spi());
                String reason = String.format("kernel %s expire of SA %s.%08x: %d bytes, %d packets",
                        e.hard() ? "hard" : "soft", e.state().protocol() == 50 ? "esp" : "ah", e.state().spi(),
                        e.state().bytes(), e.state().packets());
                if (inbound == null) {
                    log.debug("knl", reason + " - not an SA of ours");
                    yield null;
                }
                log.info("knl", reason);
                yield new Input.Expire(inbound, e.hard(), reason);
            }
        };
    }

    private static InetAddress any(InetAddress like) {
        try {
            return InetAddress.getByAddress(new byte[like.getAddress().length]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

package org.ike4j.dataplane.userspace;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.Crypto;
import org.ike4j.dataplane.esp.EspCounters;
import org.ike4j.dataplane.esp.EspInbound;
import org.ike4j.dataplane.esp.EspSa;
import org.ike4j.dataplane.tun.LinkConfig;
import org.ike4j.dataplane.tun.Offload;
import org.ike4j.dataplane.tun.TunDevice;
import org.ike4j.engine.ChildSa;

/**
 * The userspace ESP dataplane: tunnels of TUN devices and the SAs that protect them.
 *
 * <ul>
 *   <li>Outbound, per tunnel: its own thread reads the device, seals and sends (see {@link Tunnel}).</li>
 *   <li>Inbound: {@link #receive} on the caller's thread (the daemon's event loop, which reads the
 *       NAT-T socket): the SA by SPI, open, the inner packet checked against the SA's selectors
 *       (RFC 4301 section 5.2), written to the tunnel's device.</li>
 *   <li>Offloads (on unless turned off): the devices take TCP super-packets (TSO), which the
 *       tunnel cuts and sends as ESP in batches; {@link #receiveBatched} joins the TCP segments
 *       of one receive batch into one write again ({@link Coalescer}).</li>
 *   <li>Rekeying: an installed SA joins its tunnel at once, newest first for outbound; an old one
 *       serves inbound packets until it is deleted, so a rekey loses nothing.</li>
 *   <li>A tunnel (device, routes for the peer's selectors) is made with its first SA and removed
 *       with its last, unless it was routed on demand ({@link #route}) or its connection is held
 *       after a dead peer ({@link #delete(ChildSa, boolean)}).</li>
 * </ul>
 *
 * {@link #install}, {@link #delete}, {@link #route} and {@link #close} may be called from any
 * thread; {@link #receive} from one thread at a time.
 */
public final class UserspaceForwarder implements AutoCloseable {
    /** The TUN MTU: 1500 less the most ESP in UDP over IPv4 adds with the largest ICV, rounded down. */
    public static final int DEFAULT_MTU = 1400;

    /**
     * An inbound SA and where its packets go.
     *
     * @param hardAt System.nanoTime of its hard lifetime, or {@link Long#MAX_VALUE} for none
     */
    private record Inbound(EspSa sa, Tunnel tunnel, PacketSelector[] local, PacketSelector[] remote, long hardAt) {
    }

    /** An inbound SA replaced by a renewal, still opening packets until {@code until} (System.nanoTime). */
    private record Retiring(Inbound in, long until) {
    }

    /**
     * How long the inbound half of an SA replaced by a renewal still opens packets: the peer moves
     * its outbound traffic to the new pair only when it has installed it (an IKEv1 Quick Mode
     * responder, when the third message reaches it; RFC 2409 5.5), and what it sealed with the
     * old pair before that is still on its way when the renewing side deletes the old one. Never
     * past the SA's hard lifetime. Its outbound half goes at once.
     */
    public static final java.time.Duration RETIRE = java.time.Duration.ofSeconds(5);

    private final Crypto crypto;
    private final SecureRandom random;
    private final LinkConfig links;
    private final EspTransport transport;
    private final ForwarderEvents events;
    private final int mtu;
    private final boolean offload;
    private final Map<String, Tunnel> tunnels = new LinkedHashMap<>();
    private final Map<String, String> deviceNames = new LinkedHashMap<>();
    private final Map<Integer, Inbound> inbound = new ConcurrentHashMap<>();
    /** Inbound SAs deleted while their tunnel had a newer SA, for {@link #RETIRE}; never cached. */
    private final Map<Integer, Retiring> retiring = new ConcurrentHashMap<>();
    private long retireNanos = RETIRE.toNanos();
    /** Where an ESP packet is copied to open it: room before it for a virtio_net_hdr. */
    private static final int RECEIVE_AT = 16;
    private final byte[] receiveBuffer = new byte[Tunnel.HEAD + Tunnel.MAX_PACKET + Tunnel.TAIL];
    /** Views of {@link #receiveBuffer} from each header size on (8 + IV: at most 8 + 16), made once. */
    private final java.lang.foreign.MemorySegment[] receiveViews = new java.lang.foreign.MemorySegment[Tunnel.HEAD];
    private volatile long unknownSpi;
    private final Coalescer coalescer = new Coalescer();
    /** Bumped whenever {@link #inbound} changes, after the change. */
    private volatile int generation;
    /** The receiving thread's last lookup, good while {@link #generation} is the same. */
    private int cachedGeneration = -1;
    private int cachedSpi;
    private Inbound cachedIn;

    public UserspaceForwarder(Crypto crypto, SecureRandom random, LinkConfig links, EspTransport transport,
                              ForwarderEvents events, int mtu) {
        this(crypto, random, links, transport, events, mtu, true);
    }

    /**
     * @param offload TUN devices with checksum and TSO offloads ({@link TunDevice#open(String,
     *     boolean, boolean)}): the host's TCP hands over 64 KB at a time, cut here; off, one packet
     *     per read
     */
    public UserspaceForwarder(Crypto crypto, SecureRandom random, LinkConfig links, EspTransport transport,
                              ForwarderEvents events, int mtu, boolean offload) {
        this.offload = offload;
        this.crypto = crypto;
        this.random = random;
        this.links = links;
        this.transport = transport;
        this.events = events;
        this.mtu = mtu;
    }

    /** Installs both directions of an SA, making its tunnel if it is the connection's first. */
    public synchronized void install(ChildSa sa) throws IOException {
        EspSa esp = EspSa.of(sa, crypto, random, e -> events.lifetime(sa.connection(), sa.inboundSpi(), e));
        Tunnel t = tunnel(sa.connection(), sa.localSelectors(), sa.remoteSelectors(), sa.remote().getAddress());
        t.trapped = false;   // negotiated again: the next delete decides afresh
        PacketSelector[] local = PacketSelector.of(sa.localSelectors());
        PacketSelector[] remote = PacketSelector.of(sa.remoteSelectors());
        t.trap(local, remote);
        long hardAt = sa.hardLifetimeSeconds() > 0 ? System.nanoTime() + sa.hardLifetimeSeconds() * 1_000_000_000L
                : Long.MAX_VALUE;
        inbound.put(sa.inboundSpi(), new Inbound(esp, t, local, remote, hardAt));
        generation++;
        t.add(new Tunnel.Outbound(esp, local, remote, sa.local(), sa.remote()));
        events.log("info", String.format("SA esp.%08x (in) / esp.%08x (out) of %s installed on %s, %s",
                sa.inboundSpi(), sa.outboundSpi(), sa.connection(), t.tun.name(), esp.outbound().suite()));
    }

    /** Removes an SA; the tunnel goes with its last SA unless it is routed on demand. */
    public synchronized void delete(ChildSa sa) {
        delete(sa, false);
    }

    /**
     * Removes an SA. With {@code hold} (dpdaction=hold: the peer was dead) the tunnel stays when
     * its last SA goes: its traffic is held and raises an acquire, as for auto=route. Without it
     * (operator down, reload, the peer's Delete) the last SA takes a tunnel not routed on demand,
     * a held one included.
     */
    public synchronized void delete(ChildSa sa, boolean hold) {
        long now = System.nanoTime();
        retiring.values().removeIf(r -> now - r.until() > 0);
        Tunnel t = tunnels.get(sa.connection());
        if (t != null) {
            t.remove(sa.outboundSpi());
        }
        Inbound old = inbound.get(sa.inboundSpi());
        // replaced by a renewal (the tunnel still has an SA, the peer is not dead): the inbound half
        // stays a while for what the peer sealed before it moved; put before it leaves inbound and
        // before the generation changes, so the receiving thread finds one or the other
        long until = old == null ? now : Math.min(now + retireNanos, old.hardAt());
        boolean retire = t != null && t.hasSa() && !hold && until - now > 0;
        if (retire) {
            retiring.put(sa.inboundSpi(), new Retiring(old, until));
        }
        Inbound in = inbound.remove(sa.inboundSpi());
        generation++;
        if (t != null) {
            t.trapped = hold;
            if (!t.hasSa() && !t.onDemand && !t.trapped && inbound.values().stream().noneMatch(i -> i.tunnel() == t)) {
                tunnels.remove(sa.connection());
                closeTunnel(t);
            }
        }
        if (in != null) {
            events.log("info", String.format("SA esp.%08x (in) / esp.%08x (out) of %s removed%s", sa.inboundSpi(),
                    sa.outboundSpi(), sa.connection(), retire ? String.format(
                            "; inbound still opens for %d ms what the peer sealed before the renewal",
                            java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(until - now)) : ""));
        }
    }

    /** Tests: a shorter {@link #RETIRE}. */
    synchronized void retireAfter(java.time.Duration d) {
        retireNanos = d.toNanos();
    }

    /**
     * Makes the tunnel of an on-demand connection (auto=route, establish-tunnels on-traffic) before
     * it has any SA: traffic into it is held and raises an acquire.
     */
    public synchronized void route(String connection, List<TrafficSelector> local, List<TrafficSelector> remote,
                                   InetAddress peer) throws IOException {
        tunnel(connection, local, remote, peer).onDemand = true;
    }

    /** Removes an on-demand or held tunnel with no SA left. */
    public synchronized void unroute(String connection) {
        Tunnel t = tunnels.get(connection);
        if (t != null) {
            t.onDemand = false;
            t.trapped = false;
            if (!t.hasSa()) {
                tunnels.remove(connection);
                closeTunnel(t);
            }
        }
    }

    private Tunnel tunnel(String connection, List<TrafficSelector> local, List<TrafficSelector> remote,
                          InetAddress peer) throws IOException {
        Tunnel existing = tunnels.get(connection);
        if (existing != null) {
            return existing;
        }
        String wanted = deviceNames.getOrDefault(connection, deviceName(connection));
        TunDevice tun;
        if (offload) {
            try {
                tun = TunDevice.open(wanted, false, true);
            } catch (IOException e) {
                events.log("warn", "TUN offloads refused for " + wanted + " (" + e.getMessage() + "): one packet per read");
                tun = TunDevice.open(wanted, false, false);
            }
        } else {
            tun = TunDevice.open(wanted, false, false);
        }
        Tunnel t = new Tunnel(connection, tun, transport, events);
        t.trap(PacketSelector.of(local), PacketSelector.of(remote));
        try {
            links.up(tun.name(), mtu);
            String src = localAddressIn(local).map(InetAddress::getHostAddress).orElse(null);
            for (TrafficSelector ts : remote) {
                int prefix = ts.prefixLength();
                if (prefix < 0) {
                    events.log("warn", "selector " + ts + " of " + connection + " is not a prefix: no route for it");
                    continue;
                }
                if (covers(ts, peer) && links.pinHost(peer.getHostAddress())) {
                    t.pinned.add(peer.getHostAddress());
                }
                boolean sameFamily = src != null && (ts.from() instanceof Inet6Address) == src.contains(":");
                for (String cidr : routesFor(ts, prefix)) {
                    try {
                        links.addRoute(tun.name(), cidr, sameFamily ? src : null);
                        t.routes.add(cidr);
                    } catch (IOException e) {
                        events.log("warn", "no route " + cidr + " into " + tun.name() + " for " + connection + ": "
                                + e.getMessage());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            closeTunnel(t);
            throw e;
        }
        t.start();
        tunnels.put(connection, t);
        events.log("info", "tunnel " + tun.name() + " of " + connection + " up, routes " + t.routes);
        return t;
    }

    /**
     * The routes for a selector: its prefix, except that "everything" (0.0.0.0/0, ::/0) becomes
     * two halves (0.0.0.0/1 and 128.0.0.0/1), which win over the host's default route by length
     * without replacing it, so that the default route is still there when the tunnel goes.
     */
    static List<String> routesFor(TrafficSelector ts, int prefix) {
        if (prefix == 0) {
            return ts.from() instanceof Inet6Address ? List.of("::/1", "8000::/1") : List.of("0.0.0.0/1", "128.0.0.0/1");
        }
        return List.of(ts.from().getHostAddress() + "/" + prefix);
    }

    /** Names a connection's device (Junos {@code bind-interface st0.80}) instead of the default. */
    public synchronized void deviceName(String connection, String device) {
        deviceNames.put(connection, device);
    }

    private void closeTunnel(Tunnel t) {
        retiring.values().removeIf(r -> r.in().tunnel() == t);
        t.close();   // the device's routes go with it
        if (t.tun.offload()) {
            events.log("info", "tunnel " + t.tun.name() + " offloads: " + t.gsoReads.get() + " TCP super-packets cut into "
                    + t.gsoSegments.get() + " segments; " + t.batches.get() + " batches of " + t.batchedPackets.get()
                    + " ESP packets; " + t.offloadDrops.get() + " dropped");
        }
        for (String host : t.pinned) {
            try {
                links.unpinHost(host);
            } catch (IOException e) {
                events.log("warn", "removing the host route to " + host + ": " + e.getMessage());
            }
        }
        events.log("info", "tunnel " + t.tun.name() + " of " + t.connection + " removed");
    }

    private static boolean covers(TrafficSelector ts, InetAddress a) {
        byte[] x = a.getAddress();
        byte[] lo = ts.from().getAddress();
        byte[] hi = ts.to().getAddress();
        return x.length == lo.length && java.util.Arrays.compareUnsigned(x, lo) >= 0
                && java.util.Arrays.compareUnsigned(x, hi) <= 0;
    }

    /** An address of this host inside our selectors, as the source of what we route into the tunnel. */
    static Optional<InetAddress> localAddressIn(List<TrafficSelector> local) {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a.isLinkLocalAddress()) {
                        continue;
                    }
                    for (TrafficSelector ts : local) {
                        if (covers(ts, a) && ts.prefixLength() != 0) {
                            // without the interface's scope (fd00:1::1%lo), which ip route does not take
                            return Optional.of(InetAddress.getByAddress(a.getAddress()));
                        }
                    }
                }
            }
        } catch (SocketException | java.net.UnknownHostException e) {
            // no interfaces to look at: no preferred source
        }
        return Optional.empty();
    }

    /** A device name from the connection's: Junos' st0.80 stays as it is, others get a prefix. */
    static String deviceName(String connection) {
        String clean = connection.replaceAll("[^A-Za-z0-9_.-]", "");
        if (clean.matches("st0\\.\\d+")) {
            return clean;
        }
        String name = "ipsec-" + clean;
        return name.length() < TunDevice.NAME_SIZE && !clean.isEmpty() ? name : "ike4j%d";
    }

    /**
     * An ESP packet that came in UDP on the NAT-T port. Dropped (and counted) if no SA has its SPI,
     * if it does not open, or if what is inside does not match the SA's selectors.
     *
     * @param esp from its position to its limit: from the SPI on
     */
    public void receive(ByteBuffer esp) {
        receive(esp, false);
    }

    /**
     * As {@link #receive(ByteBuffer)} for a packet of a receive batch: a TCP segment that may be
     * joined with the next ones of its flow ({@link Coalescer}) waits until {@link #flush}, which
     * the caller must call at the end of the batch.
     */
    public void receiveBatched(ByteBuffer esp) {
        receive(esp, true);
    }

    /** Writes the TCP segments {@link #receiveBatched} held to be joined. Same thread as receive. */
    public void flush() {
        coalescer.flush();
    }

    /** Writes to the devices that joined several TCP segments, and the segments in them. */
    public long[] coalesced() {
        return new long[] {coalescer.joinedWrites, coalescer.joinedSegments};
    }

    private void receive(ByteBuffer esp, boolean batched) {
        int length = esp.remaining();
        if (length < 8 || length > Tunnel.MAX_PACKET) {
            unknownSpi++;
            return;
        }
        int spi = esp.getInt(esp.position());
        Inbound in;
        int g = generation;
        if (g == cachedGeneration && spi == cachedSpi) {
            in = cachedIn;   // the SA of the last packet: no lookup (and no boxed key) per packet
        } else {
            in = inbound.get(spi);
            if (in == null && !retiring.isEmpty()) {
                in = retired(spi);   // not cached: it expires
            } else {
                cachedGeneration = g;
                cachedSpi = spi;
                cachedIn = in;
            }
        }
        if (in == null) {
            unknownSpi++;
            return;
        }
        byte[] buf = receiveBuffer;
        esp.get(esp.position(), buf, RECEIVE_AT, length);
        EspInbound sa = in.sa().inbound();
        int r = sa.open(buf, RECEIVE_AT, length);
        if (r < 0) {
            return;   // counted by the SA
        }
        int start = RECEIVE_AT + sa.headerSize();
        int n = EspInbound.payloadLength(r);
        // RFC 4301 5.2 step 4: what comes out must be traffic the SA was negotiated for
        if (!PacketSelector.any(in.remote(), buf, start, n, true) || !PacketSelector.any(in.local(), buf, start, n, false)) {
            in.tunnel().selectorDrops.incrementAndGet();
            return;
        }
        if (batched && in.tunnel().tun.offload() && coalescer.offer(in.tunnel(), buf, start, n)) {
            return;
        }
        if (in.tunnel().tun.offload()) {
            // the device wants a virtio_net_hdr first: none of its offloads, the checksums are whole
            start -= Offload.HEADER;
            n += Offload.HEADER;
            Offload.plain(buf, start);
        }
        java.lang.foreign.MemorySegment view = receiveViews[start];
        if (view == null) {
            view = java.lang.foreign.MemorySegment.ofArray(buf).asSlice(start);
            receiveViews[start] = view;
        }
        in.tunnel().deliver(view, n);
    }

    /** A replaced inbound SA still within {@link #RETIRE}, or null (and an expired one forgotten). */
    private Inbound retired(int spi) {
        Retiring r = retiring.get(spi);
        if (r == null) {
            return null;
        }
        if (System.nanoTime() - r.until() > 0) {
            retiring.remove(spi, r);
            return null;
        }
        return r.in();
    }

    /** Whether an SA with this inbound SPI is installed. Thread-safe. */
    public boolean hasInbound(int spi) {
        return inbound.containsKey(spi);
    }

    /** Traffic of an SA by its inbound SPI, while installed. */
    public Optional<Traffic> traffic(int inboundSpi) {
        Inbound in = inbound.get(inboundSpi);
        if (in == null) {
            return Optional.empty();
        }
        return Optional.of(new Traffic(in.sa().inbound().stats(), in.sa().outbound().stats()));
    }

    /**
     * @param in what the inbound SA accepted and dropped
     * @param out what the outbound SA protected
     */
    public record Traffic(EspCounters.Stats in, EspCounters.Stats out) {
    }

    /** The TUN devices now, by connection. */
    public synchronized Map<String, String> devices() {
        Map<String, String> m = new LinkedHashMap<>();
        tunnels.forEach((c, t) -> m.put(c, t.tun.name()));
        return m;
    }

    /** ESP packets with an SPI no installed SA has. */
    public long unknownSpi() {
        return unknownSpi;
    }

    /** Drops outside the SAs: selector mismatches, held-queue overflows, send and device failures. */
    public synchronized Map<String, Long> tunnelDrops() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Tunnel t : tunnels.values()) {
            m.put(t.tun.name() + " selector", t.selectorDrops.get());
            m.put(t.tun.name() + " held-overflow", t.heldOverflow.get());
            m.put(t.tun.name() + " send", t.sendFailures.get());
            m.put(t.tun.name() + " device", t.tunWriteDrops.get());
        }
        return m;
    }

    /**
     * The offload path per device: TCP super-packets read and the segments cut from them, batches
     * handed to the transport and the ESP packets in them, and offload reads dropped.
     */
    public synchronized Map<String, Long> offloadCounters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Tunnel t : tunnels.values()) {
            m.put(t.tun.name() + " gso-reads", t.gsoReads.get());
            m.put(t.tun.name() + " gso-segments", t.gsoSegments.get());
            m.put(t.tun.name() + " batches", t.batches.get());
            m.put(t.tun.name() + " batched-packets", t.batchedPackets.get());
            m.put(t.tun.name() + " offload-drops", t.offloadDrops.get());
        }
        return m;
    }

    @Override
    public synchronized void close() {
        inbound.clear();
        retiring.clear();
        generation++;
        for (Tunnel t : new ArrayList<>(tunnels.values())) {
            closeTunnel(t);
        }
        tunnels.clear();
    }
}

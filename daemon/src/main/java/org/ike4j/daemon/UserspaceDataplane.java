package org.ike4j.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.StartAction;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.Crypto;
import org.ike4j.daemon.log.Log;
import org.ike4j.dataplane.esp.EspEvent;
import org.ike4j.dataplane.tun.IpRoute2;
import org.ike4j.dataplane.userspace.ForwarderEvents;
import org.ike4j.dataplane.userspace.UserspaceForwarder;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Input;
import org.ike4j.engine.Snapshot;

/**
 * {@code --dataplane userspace}: the daemon's SAs carry traffic through
 * {@link UserspaceForwarder} — a TUN device per tunnel, ESP sealed and opened in this process,
 * sent and received in UDP on the daemon's NAT-T socket (RFC 3948, as strongSwan's
 * kernel-libipsec does) or, for SAs that negotiated no UDP encapsulation, as IP protocol 50 on a
 * raw socket ({@link RawEspTransport}). auto=route connections get their device and routes at once, and traffic
 * into them raises an {@link Input.Acquire}; so do dpdaction=hold ones once the peer was found dead
 * (their SAs deleted with hold), until negotiated again or taken down. Byte and packet counters go into status.
 */
public final class UserspaceDataplane implements Dataplane {
    private final Log log;
    private final Map<String, ChildSa> table = new LinkedHashMap<>();
    private final Set<String> routed = new java.util.HashSet<>();
    /** Connections whose SAs went with dpdaction=hold: their tunnels wait for traffic. */
    private final Set<String> held = new java.util.HashSet<>();
    private UserspaceForwarder forwarder;
    private Host host;
    /** Plain ESP (IP protocol 50) for SAs without UDP encapsulation. */
    private RawEspTransport raw;
    /** The forwarder's receive path is for one thread at a time: the NAT-T and raw threads take turns. */
    private final Object receiveLock = new Object();
    /** When the raw receive thread last waited for an SA to be installed (System.nanoTime). */
    private long rawWaitedAt;

    public UserspaceDataplane(Log log) {
        this.log = log;
    }

    private static String key(ChildSa sa) {
        return Integer.toHexString(sa.inboundSpi());
    }

    @Override
    public String name() {
        return "userspace";
    }

    @Override
    public void start(Host host) {
        this.host = host;
        ForwarderEvents events = new ForwarderEvents() {
            @Override
            public void log(String level, String message) {
                switch (level) {
                    case "error" -> log.error("knl", message);
                    case "warn" -> log.warn("knl", message);
                    case "info" -> log.info("knl", message);
                    default -> log.debug("knl", message);
                }
            }

            @Override
            public void acquire(String connection) {
                log.info("knl", "acquire: traffic for " + connection + " with no SA");
                host.input(new Input.Acquire(connection));
            }

            @Override
            public void lifetime(String connection, int inboundSpi, EspEvent event) {
                boolean hard = event instanceof EspEvent.HardExpired;
                String reason = switch (event) {
                    case EspEvent.SoftExpired s -> s.reason();
                    case EspEvent.HardExpired h -> h.reason();
                };
                log.info("knl", String.format("%s: SA esp.%08x (%s) %s", connection, event.spi(),
                        event.inbound() ? "in" : "out", reason));
                host.input(new Input.Expire(inboundSpi, hard, reason));
            }
        };
        raw = new RawEspTransport(log, host.packets(), this::espRaw);
        org.ike4j.dataplane.userspace.EspTransport transport = new org.ike4j.dataplane.userspace.EspTransport() {
            @Override
            public boolean send(InetSocketAddress local, InetSocketAddress remote, ByteBuffer esp) throws IOException {
                return UserspaceDataplane.this.send(local, remote, esp);
            }

            @Override
            public boolean send(InetSocketAddress local, InetSocketAddress remote, byte[] buf, int offset, int length,
                                int segmentSize) throws IOException {
                if (remote.getPort() == 0) {
                    // a raw socket has no segmentation offload: the batch goes one ESP packet a call
                    for (int at = offset; at < offset + length; at += segmentSize) {
                        ByteBuffer one = ByteBuffer.wrap(buf, at, Math.min(segmentSize, offset + length - at));
                        if (!UserspaceDataplane.this.send(local, remote, one)) {
                            return false;
                        }
                    }
                    return true;
                }
                return host.sendEsp(local, remote, buf, offset, length, segmentSize);
            }
        };
        Crypto crypto = "default".equals(System.getProperty(PACKET_CRYPTO)) ? Crypto.defaults() : Crypto.forPackets();
        forwarder = new UserspaceForwarder(crypto, new SecureRandom(), new IpRoute2(), transport, events,
                UserspaceForwarder.DEFAULT_MTU, !"false".equals(System.getProperty(OFFLOAD)));
    }

    /**
     * The system property that, set to {@code default}, keys ESP with {@link Crypto#defaults()}
     * instead of the packet path's own backend order ({@link Crypto#forPackets()}): for A/B runs.
     */
    static final String PACKET_CRYPTO = "ike4j.dataplane.crypto";

    /** The system property that turns the TUN offloads (TSO cut in userspace, ESP sent in batches) off when {@code false}. */
    static final String OFFLOAD = "ike4j.dataplane.offload";

    /**
     * ESP in UDP from the daemon's NAT-T socket; an SA without UDP encapsulation (its ports 0, see
     * {@link RawEspTransport#plain}) as IP protocol 50 from the raw socket.
     */
    private boolean send(InetSocketAddress local, InetSocketAddress remote, ByteBuffer esp) throws IOException {
        if (remote.getPort() == 0) {
            return raw.send(local == null ? null : local.getAddress(), remote.getAddress(), esp);
        }
        return host.sendEsp(local, remote, esp);
    }

    private UserspaceForwarder forwarder() {
        if (forwarder == null) {
            throw new IllegalStateException("the userspace dataplane was not started");
        }
        return forwarder;
    }

    /**
     * Installs the pair. Without UDP encapsulation (no NAT found, no forceencaps: the peer expects
     * ESP as IP protocol 50, as strongSwan does) it needs the raw ESP socket on our address; if
     * that cannot be opened (no CAP_NET_RAW) the SA is not installed and the error says why.
     */
    @Override
    public void install(ChildSa sa) {
        ChildSa carried = sa;
        if (RawEspTransport.isPlain(sa)) {
            try {
                raw.open(sa.local().getAddress());
            } catch (IOException e) {
                throw new IllegalStateException("SA " + sa.spis() + " of " + sa.connection() + " negotiated no UDP "
                        + "encapsulation, so its ESP goes as IP protocol 50, which needs a raw socket: " + e.getMessage()
                        + "; not installed (forceencaps=yes would put ESP in UDP)", e);
            }
            carried = RawEspTransport.plain(sa);
        }
        try {
            forwarder().install(carried);
        } catch (IOException e) {
            throw new IllegalStateException("TUN device or route for " + sa.connection() + ": " + e.getMessage(), e);
        }
        table.put(key(sa), sa);
        held.remove(sa.connection());
    }

    @Override
    public void delete(ChildSa sa, String reason) {
        delete(sa, reason, false);
    }

    /**
     * With {@code hold} (dpdaction=hold, the peer dead) the connection keeps its device and routes:
     * traffic is held and raises an acquire, as for auto=route, until an SA is installed again.
     */
    @Override
    public void delete(ChildSa sa, String reason, boolean hold) {
        if (table.remove(key(sa)) != null) {
            forwarder().delete(sa, hold);
            if (hold) {
                held.add(sa.connection());
            } else {
                held.remove(sa.connection());
            }
            log.debug("knl", "SA " + sa.spis() + " of " + sa.connection() + " deleted: " + reason
                    + (hold ? " (held: traffic negotiates again)" : ""));
        }
    }

    /**
     * {@code down} on a connection held after a dead peer: its device and routes go (the engine
     * had no SA left to delete, so nothing else would remove them). An auto=route connection keeps
     * its tunnel, as strongSwan's {@code down} leaves the trap of a routed connection.
     */
    @Override
    public void down(String connection) {
        if (forwarder != null && held.remove(connection) && !routed.contains(connection)) {
            forwarder.unroute(connection);
            log.info("knl", connection + ": taken down, no longer held: its tunnel is removed");
        }
    }

    /**
     * Whether the NAT-T sockets should be read by a thread of their own (the daemon's
     * {@code UdpTransport}), so that opening ESP does not hold up the event loop: yes once started,
     * unless the system property {@value #OWN_RECEIVE_THREAD} is {@code false} (for A/B benchmarks).
     */
    boolean receivesOnOwnThread() {
        return forwarder != null && host != null
                && !"false".equals(System.getProperty(OWN_RECEIVE_THREAD));
    }

    /** The system property that keeps ESP on the event loop when {@code false}. */
    static final String OWN_RECEIVE_THREAD = "ike4j.dataplane.espReceiveThread";

    /**
     * An input for the engine from the ESP receive thread (an IKE message on the NAT-T port). The
     * loop handles it a little later; until then an SA it installs is not there yet, while the
     * peer may already send ESP on it (Quick Mode's third message, then traffic at once).
     */
    void input(Input input) {
        ikeHandedAt = System.nanoTime();
        host.input(input);
    }

    /** When the receive thread last handed an IKE message to the loop; 0 once waited for. */
    private long ikeHandedAt;

    /** The longest an ESP packet with an SPI not (yet) installed waits after an IKE message. */
    private static final long INSTALL_WAIT_NANOS = 20_000_000L;

    /**
     * Called from one thread at a time: the event loop, or the NAT-T sockets' receive thread.
     * On that thread, ESP for an SPI no SA has, right after an IKE message went to the loop,
     * waits (once per IKE message, up to {@value #INSTALL_WAIT_NANOS} ns) for the loop to install
     * it, so that the first packets of a new or rekeyed SA are not dropped: on the event loop the
     * order of the socket did that by itself.
     */
    @Override
    public void espInUdp(InetSocketAddress local, InetSocketAddress remote, ByteBuffer packet) {
        waitForInstall(packet);
        synchronized (receiveLock) {
            forwarder().receive(packet);
        }
    }

    /** A packet of the receive thread's batch: TCP segments may be joined until {@link #espBatchEnd}. */
    @Override
    public void espInUdpBatched(InetSocketAddress local, InetSocketAddress remote, ByteBuffer packet) {
        waitForInstall(packet);
        synchronized (receiveLock) {
            forwarder().receiveBatched(packet);
        }
    }

    @Override
    public void espBatchEnd() {
        synchronized (receiveLock) {
            forwarder().flush();
        }
    }

    private void waitForInstall(ByteBuffer packet) {
        UserspaceForwarder f = forwarder();
        if (ikeHandedAt != 0 && packet.remaining() >= 4 && !f.hasInbound(packet.getInt(packet.position()))) {
            long since = ikeHandedAt;
            ikeHandedAt = 0;
            int spi = packet.getInt(packet.position());
            while (System.nanoTime() - since < INSTALL_WAIT_NANOS && !f.hasInbound(spi)) {
                java.util.concurrent.locks.LockSupport.parkNanos(50_000);
            }
        }
    }

    /**
     * ESP that came as IP protocol 50, on the raw socket's thread. IKE for these SAs goes on the
     * event loop, so the first packets of a new SA may come before the loop installed it: an
     * unknown SPI waits for that (up to {@value #INSTALL_WAIT_NANOS} ns), at most once a second,
     * so that a stream of unknown SPIs cannot slow the thread down; then it is counted and dropped.
     */
    void espRaw(ByteBuffer packet) {
        UserspaceForwarder f = forwarder();
        if (packet.remaining() >= 4 && !f.hasInbound(packet.getInt(packet.position()))) {
            long now = System.nanoTime();
            if (now - rawWaitedAt > 1_000_000_000L) {
                rawWaitedAt = now;
                int spi = packet.getInt(packet.position());
                while (System.nanoTime() - now < INSTALL_WAIT_NANOS && !f.hasInbound(spi)) {
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                }
            }
        }
        synchronized (receiveLock) {
            f.receive(packet);
        }
    }

    @Override
    public List<ChildSa> installed() {
        return new ArrayList<>(table.values());
    }

    @Override
    public Snapshot withTraffic(Snapshot s) {
        if (forwarder == null) {
            return s;
        }
        List<Snapshot.ChildSaInfo> children = new ArrayList<>();
        for (Snapshot.ChildSaInfo c : s.childSas()) {
            children.add(forwarder.traffic(c.inboundSpi()).map(t -> c.withTraffic(t.in().bytes(), t.out().bytes(),
                    t.in().packets(), t.out().packets(), t.in().replayDrops(), t.in().integrityFailures(),
                    t.in().otherDrops())).orElse(c));
        }
        return new Snapshot(s.atMillis(), s.connections(), s.ikeSas(), children);
    }

    @Override
    public long unknownSpiDrops() {
        return forwarder == null ? 0 : forwarder.unknownSpi();
    }

    /** auto=route connections get their tunnel now; ones no longer routed lose it. */
    @Override
    public void configured(Configuration configuration) {
        if (forwarder == null) {
            return;
        }
        Set<String> now = new java.util.HashSet<>();
        for (Connection c : configuration.connections().values()) {
            if (c.binding() instanceof org.ike4j.config.Binding.Interface(String device)
                    && device.matches("[A-Za-z0-9_.-]{1,15}")) {
                forwarder.deviceName(c.name(), device);   // Junos bind-interface st0.80: the device is st0.80
            }
        }
        for (Connection c : configuration.connections().values()) {
            if (c.startAction() != StartAction.ROUTE || !(c.remote().address() instanceof PeerAddress.Ip peer)) {
                continue;
            }
            List<TrafficSelector> local = c.local().selectorsOrHost();
            List<TrafficSelector> remote = c.remote().selectorsOrHost();
            if (local.isEmpty() || remote.isEmpty()) {
                log.warn("knl", c.name() + ": auto=route without selectors or addresses to route; not routed");
                continue;
            }
            try {
                forwarder.route(c.name(), local, remote, peer.address());
                now.add(c.name());
            } catch (IOException | RuntimeException e) {
                log.error("knl", "routing " + c.name() + ": " + e.getMessage());
            }
        }
        for (String gone : routed) {
            if (!now.contains(gone)) {
                forwarder.unroute(gone);
            }
        }
        // a held connection that a reload removed is no longer trapped
        for (java.util.Iterator<String> i = held.iterator(); i.hasNext(); ) {
            String name = i.next();
            if (!configuration.connections().containsKey(name)) {
                i.remove();
                if (!now.contains(name)) {
                    forwarder.unroute(name);
                }
            }
        }
        routed.clear();
        routed.addAll(now);
    }

    /** The TUN devices, by connection, for status and tests. */
    public Map<String, String> devices() {
        return forwarder == null ? Map.of() : forwarder.devices();
    }

    @Override
    public void close() {
        if (forwarder != null) {
            forwarder.close();   // first: its tunnels' threads stop sending on the raw socket
        }
        if (raw != null) {
            raw.close();
        }
        table.clear();
    }
}

package org.ike4j.daemon;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Encryption;
import org.ike4j.config.IpsecMode;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.Secret;
import org.ike4j.daemon.log.Log;
import org.ike4j.dataplane.netlink.NetlinkException;
import org.ike4j.dataplane.xfrm.KernelSupportException;
import org.ike4j.dataplane.xfrm.Xfrm;
import org.ike4j.dataplane.xfrm.XfrmAlgorithms;
import org.ike4j.dataplane.xfrm.XfrmEvent;
import org.ike4j.dataplane.xfrm.XfrmEvents;
import org.ike4j.dataplane.xfrm.XfrmPolicy;
import org.ike4j.dataplane.xfrm.XfrmSelector;
import org.ike4j.dataplane.xfrm.XfrmState;
import org.ike4j.dataplane.xfrm.XfrmStateInfo;
import org.ike4j.engine.ChildSa;

/**
 * {@code --dataplane xfrm}: SAs and policies go into the Linux kernel's SAD and SPD through
 * netlink XFRM, as pluto and charon's kernel-netlink put them there.
 *
 * <p>For an SA pair: the inbound and the outbound SA (XFRM_MSG_NEWSA), then for each pair of
 * traffic selectors an {@code out} policy (ours to theirs) and {@code in} and {@code fwd} policies
 * (theirs to ours), whose template ties them to the SAs by reqid and, in tunnel mode, the outer
 * addresses. Anything installed is removed on {@link #delete} and on {@link #close}; a failure
 * half-way removes what that install had added.
 *
 * <p>A kernel without ESP (or without one of the SA's algorithms) refuses the SA; the error names
 * the missing support ({@link KernelSupportException}). With a fallback configured, the dataplane
 * then switches to it for good - the SA and every later one go to the fallback (the userspace
 * dataplane), and the log says so once. Without one, the install fails with that error.
 *
 * <p>ESP in UDP: with XFRM the kernel would take ESP-in-UDP off the NAT-T socket itself once the
 * socket has {@code UDP_ENCAP_ESPINUDP} set; packets the daemon still sees here are counted and
 * dropped (or given to the fallback once active).
 *
 * <p>On-demand tunnels ({@code auto=route}): {@link XfrmTraps} puts an {@code out} policy with no SA
 * in the kernel for each, and the kernel's ACQUIRE (read by {@link XfrmEvents}) starts the
 * negotiation; its EXPIRE of an installed SA goes to the engine as a soft or hard lifetime. When
 * the dataplane falls back, the traps go (the userspace dataplane routes those connections into its
 * TUN devices instead, and a trap left in the kernel would still catch their packets).
 */
public final class XfrmDataplane implements Dataplane {
    private static final int IPPROTO_ESP = 50;
    private static final int IPPROTO_AH = 51;

    private final Log log;
    private final Xfrm xfrm;
    private final Supplier<Dataplane> fallback;
    /** What the daemon gave this dataplane, kept for a fallback that is made later. */
    private Host host;
    private org.ike4j.config.Configuration configuration;
    private final Map<String, Installed> installed = new LinkedHashMap<>();
    private Dataplane fellBackTo;
    private long espDropped;
    private final XfrmTraps traps;
    /** Opens the listener for the kernel's XFRM events, or null (no on-demand tunnels). */
    private final java.util.function.BiFunction<java.util.function.Consumer<XfrmEvent>,
            java.util.function.Consumer<String>, XfrmEvents> listen;
    private XfrmEvents events;
    /** NAT-T ports whose sockets have UDP_ENCAP set (only once a kernel SA with encapsulation is in). */
    private final java.util.Set<Integer> encapPorts = new java.util.HashSet<>();

    private record Installed(ChildSa sa, List<XfrmState> states, List<XfrmPolicy> policies) {
    }

    private XfrmDataplane(Log log, Xfrm xfrm, Supplier<Dataplane> fallback,
                          java.util.function.BiFunction<java.util.function.Consumer<XfrmEvent>,
                                  java.util.function.Consumer<String>, XfrmEvents> listen) {
        this.log = log;
        this.xfrm = xfrm;
        this.fallback = fallback;
        this.traps = new XfrmTraps(log, xfrm);
        this.listen = listen;
    }

    /**
     * The XFRM dataplane in this process's network namespace.
     *
     * @param fallback the dataplane to use when the kernel cannot carry the SAs (no ESP, no
     *                 algorithm, or no XFRM at all), or null to fail instead
     * @return the XFRM dataplane, or the fallback if the kernel has no XFRM netlink
     */
    public static Dataplane open(Log log, Supplier<Dataplane> fallback) {
        Xfrm xfrm;
        try {
            xfrm = Xfrm.open();
        } catch (NetlinkException e) {
            if (fallback == null) {
                throw new IllegalStateException("--dataplane xfrm: cannot open NETLINK_XFRM (" + e.getMessage()
                        + "); the kernel needs CONFIG_XFRM_USER, or use --dataplane userspace", e);
            }
            Dataplane d = fallback.get();
            log.error("knl", "--dataplane xfrm: cannot open NETLINK_XFRM (" + e.getMessage() + "); using the "
                    + d.name() + " dataplane instead");
            return d;
        }
        return new XfrmDataplane(log, xfrm, fallback, XfrmEvents::listen);
    }

    /** The XFRM dataplane on an XFRM socket the caller opened (e.g. in a test's namespace); no kernel events. */
    public static XfrmDataplane open(Log log, Supplier<Dataplane> fallback, Xfrm xfrm) {
        return new XfrmDataplane(log, xfrm, fallback, null);
    }

    /** As {@link #open(Log, Supplier, Xfrm)}, with the kernel's events read in that namespace ({@code /run/netns/NAME}). */
    public static XfrmDataplane open(Log log, Supplier<Dataplane> fallback, Xfrm xfrm, java.nio.file.Path namespace) {
        return new XfrmDataplane(log, xfrm, fallback, (e, errors) -> XfrmEvents.listenIn(namespace, e, errors));
    }

    private static String key(ChildSa sa) {
        return sa.protocol() + "/" + Integer.toHexString(sa.inboundSpi());
    }

    @Override
    public String name() {
        return fellBackTo == null ? "xfrm" : fellBackTo.name();
    }

    /** The dataplane this one handed over to after the kernel refused an SA, if it did. */
    public Optional<Dataplane> fallenBackTo() {
        return Optional.ofNullable(fellBackTo);
    }

    @Override
    public void install(ChildSa sa) {
        if (fellBackTo != null) {
            fellBackTo.install(sa);
            return;
        }
        if (sa.mode() == IpsecMode.PASSTHROUGH) {
            throw new IllegalArgumentException("a passthrough connection has no SA to install: " + sa.connection());
        }
        List<XfrmState> states = List.of(state(sa, true), state(sa, false));
        List<XfrmPolicy> policies = policies(sa);
        List<XfrmState> addedStates = new ArrayList<>();
        List<XfrmPolicy> addedPolicies = new ArrayList<>();
        traps.release(sa);   // the SA's own out policy takes the trap's selector
        try {
            for (XfrmState s : states) {
                xfrm.addState(s);
                addedStates.add(s);
            }
            for (XfrmPolicy p : policies) {
                xfrm.addPolicy(p);
                addedPolicies.add(p);
            }
        } catch (NetlinkException e) {
            rollBack(addedStates, addedPolicies);
            if (e instanceof KernelSupportException k && fallback != null) {
                // the traps would keep catching the packets the fallback routes into its TUN devices
                traps.removeAll();
                fellBackTo = fallback.get();
                log.error("knl", k.getMessage() + "; falling back to the " + fellBackTo.name() + " dataplane");
                // the fallback is made after the daemon started this one: it gets what this one got
                if (host != null) {
                    fellBackTo.start(host);
                }
                if (configuration != null) {
                    fellBackTo.configured(configuration);
                }
                moveToFallback(sa);
                return;
            }
            traps.removed(sa, hasSas(sa.connection()));
            throw e;
        }
        installed.put(key(sa), new Installed(sa, states, policies));
        traps.installed(sa);
        if (sa.udpEncapsulation()) {
            espInUdpToTheKernel(sa.local().getPort());
        }
        log.info("knl", "SA " + sa.spis() + " of " + sa.connection() + " installed in the kernel (reqid " + sa.reqid()
                + ", " + policies.size() + " policies)");
    }

    /**
     * UDP_ENCAP_ESPINUDP on the daemon's sockets of this NAT-T port, so that the kernel takes the
     * ESP-in-UDP of the SA just installed (RFC 3948) off the socket; set when the first kernel SA
     * with encapsulation is in, never before: while the userspace dataplane is the one carrying,
     * it reads that ESP from the same socket. This host cannot show the success path (its kernel
     * refuses every ESP SA, so this is never reached here); UdpEncapTest shows the option is set
     * on a Java socket.
     */
    private void espInUdpToTheKernel(int port) {
        if (!encapPorts.add(port)) {
            return;
        }
        try {
            List<Integer> fds = org.ike4j.dataplane.xfrm.UdpEncap.enableOnOwnSockets(port);
            log.info("knl", "UDP_ENCAP_ESPINUDP set on the sockets of port " + port + " (fds " + fds
                    + "): the kernel decapsulates ESP in UDP");
        } catch (RuntimeException e) {
            log.error("knl", "UDP_ENCAP on port " + port + ": " + e.getMessage()
                    + "; ESP in UDP will reach the daemon and be dropped");
        }
    }

    /** Hands every SA pair to the fallback, the one that was refused last. */
    private void moveToFallback(ChildSa refused) {
        if (!encapPorts.isEmpty()) {
            // the kernel keeps its ESP hook on those sockets (UDP_ENCAP cannot be undone)
            log.error("knl", "the sockets of ports " + encapPorts + " have UDP_ENCAP set: the kernel takes ESP in UDP "
                    + "from them before the " + fellBackTo.name() + " dataplane can; restart the daemon");
        }
        for (Installed i : new ArrayList<>(installed.values())) {
            remove(i, "moving to the " + fellBackTo.name() + " dataplane");
            fellBackTo.install(i.sa());
        }
        installed.clear();
        fellBackTo.install(refused);
    }

    private void rollBack(List<XfrmState> states, List<XfrmPolicy> policies) {
        for (XfrmPolicy p : policies) {
            quietly(() -> xfrm.deletePolicy(p.selector(), p.direction()), "policy " + p);
        }
        for (XfrmState s : states) {
            quietly(() -> xfrm.deleteState(s.destination(), s.spi(), s.protocol()), "SA " + s.id());
        }
    }

    private void quietly(Runnable r, String what) {
        try {
            r.run();
        } catch (NetlinkException e) {
            log.warn("knl", "removing " + what + ": " + e.getMessage());
        }
    }

    private boolean hasSas(String connection) {
        return installed.values().stream().anyMatch(i -> i.sa().connection().equals(connection));
    }

    @Override
    public void start(Host host) {
        this.host = host;
        if (fellBackTo != null) {
            fellBackTo.start(host);
        } else if (listen != null && events == null) {
            try {
                events = listen.apply(event -> {
                    org.ike4j.engine.Input input = traps.onEvent(event);
                    if (input != null) {
                        host.input(input);
                    }
                }, error -> log.warn("knl", error));
            } catch (NetlinkException e) {
                log.error("knl", "cannot listen to the kernel's XFRM events (" + e.getMessage()
                        + "): no on-demand tunnels, no kernel lifetimes");
            }
        }
    }

    @Override
    public void configured(org.ike4j.config.Configuration configuration) {
        this.configuration = configuration;
        if (fellBackTo != null) {
            fellBackTo.configured(configuration);
        } else {
            traps.sync(configuration);
        }
    }

    /** Connections whose trap policies are in the kernel now (auto=route, no SA), for tests. */
    public List<String> trapped() {
        return traps.trapped();
    }

    @Override
    public org.ike4j.engine.Snapshot withTraffic(org.ike4j.engine.Snapshot snapshot) {
        return fellBackTo != null ? fellBackTo.withTraffic(snapshot) : snapshot;
    }

    @Override
    public void delete(ChildSa sa, String reason) {
        if (fellBackTo != null) {
            fellBackTo.delete(sa, reason);
            return;
        }
        Installed i = installed.remove(key(sa));
        if (i == null) {
            log.debug("knl", "SA " + sa.spis() + " to remove was not installed: " + reason);
            return;
        }
        remove(i, reason);
        traps.removed(sa, hasSas(sa.connection()));
    }

    /** After a fallback the userspace dataplane keeps a dpdaction=hold connection trapped. */
    @Override
    public void delete(ChildSa sa, String reason, boolean hold) {
        if (fellBackTo != null) {
            fellBackTo.delete(sa, reason, hold);
            return;
        }
        delete(sa, reason);
    }

    @Override
    public void down(String connection) {
        if (fellBackTo != null) {
            fellBackTo.down(connection);
        }
    }

    @Override
    public long unknownSpiDrops() {
        return fellBackTo != null ? fellBackTo.unknownSpiDrops() : 0;
    }

    private void remove(Installed i, String reason) {
        rollBack(i.states(), i.policies());
        log.info("knl", "SA " + i.sa().spis() + " of " + i.sa().connection() + " removed from the kernel: " + reason);
    }

    /** Bytes and packets of each direction as the kernel counts them (empty if it has no such SA). */
    public Optional<XfrmStateInfo> counters(ChildSa sa, boolean inbound) {
        InetAddress destination = inbound ? sa.local().getAddress() : sa.remote().getAddress();
        return xfrm.getState(destination, inbound ? sa.inboundSpi() : sa.outboundSpi(), protocol(sa));
    }

    @Override
    public void espInUdp(InetSocketAddress local, InetSocketAddress remote, ByteBuffer packet) {
        if (fellBackTo != null) {
            fellBackTo.espInUdp(local, remote, packet);
            return;
        }
        espDropped++;
        log.trace("knl", () -> "ESP in UDP from " + remote + " (" + packet.remaining()
                + " bytes) dropped: the kernel should have taken it (UDP_ENCAP on the NAT-T socket)");
    }

    /** ESP-in-UDP packets that reached the daemon and were dropped. */
    public long espDropped() {
        return espDropped;
    }

    @Override
    public List<ChildSa> installed() {
        if (fellBackTo != null) {
            return fellBackTo.installed();
        }
        return installed.values().stream().map(Installed::sa).toList();
    }

    @Override
    public void close() {
        try {
            for (Installed i : new ArrayList<>(installed.values())) {
                remove(i, "dataplane closing");
            }
            installed.clear();
            traps.removeAll();
            if (events != null) {
                events.close();
            }
            if (fellBackTo != null) {
                fellBackTo.close();
            }
        } finally {
            xfrm.close();
        }
    }

    // ---- from a ChildSa to the kernel's structures

    private static int protocol(ChildSa sa) {
        return sa.protocol() == ChildProposal.Protocol.ESP ? IPPROTO_ESP : IPPROTO_AH;
    }

    /** One direction of the pair: inbound is the peer's packets to us under our SPI. */
    static XfrmState state(ChildSa sa, boolean inbound) {
        InetSocketAddress from = inbound ? sa.remote() : sa.local();
        InetSocketAddress to = inbound ? sa.local() : sa.remote();
        Secret encryptionKey = inbound ? sa.inboundEncryptionKey() : sa.outboundEncryptionKey();
        Secret integrityKey = inbound ? sa.inboundIntegrityKey() : sa.outboundIntegrityKey();
        Optional<XfrmState.Algorithm> cipher = Optional.empty();
        Optional<XfrmState.Algorithm> aead = Optional.empty();
        if (sa.encryption().isPresent()) {
            Encryption e = sa.encryption().get();
            XfrmAlgorithms.Named n = XfrmAlgorithms.encryption(e);
            if (e.isAead()) {
                aead = Optional.of(new XfrmState.Algorithm(n.name(), encryptionKey, n.icvBits()));
            } else {
                cipher = Optional.of(new XfrmState.Algorithm(n.name(), encryptionKey, 0));
            }
        }
        Optional<XfrmState.Algorithm> integrity = sa.integrity().map(a -> {
            XfrmAlgorithms.Named n = XfrmAlgorithms.integrity(a);
            return new XfrmState.Algorithm(n.name(), integrityKey, n.icvBits());
        });
        // The kernel soft-expires at 90 % of a byte or packet limit; the engine rekeys by time.
        XfrmState.Lifetime lifetime = new XfrmState.Lifetime(sa.lifetimeBytes() - sa.lifetimeBytes() / 10,
                sa.lifetimeBytes(), sa.lifetimePackets() - sa.lifetimePackets() / 10, sa.lifetimePackets(),
                sa.softLifetimeSeconds(), sa.hardLifetimeSeconds());
        Optional<XfrmState.Encapsulation> encap = sa.udpEncapsulation()
                ? Optional.of(new XfrmState.Encapsulation(from.getPort(), to.getPort())) : Optional.empty();
        return new XfrmState(from.getAddress(), to.getAddress(), inbound ? sa.inboundSpi() : sa.outboundSpi(),
                protocol(sa), sa.mode() == IpsecMode.TUNNEL, sa.reqid(), Optional.empty(), lifetime, sa.replayWindow(),
                sa.esn(), cipher, integrity, aead, encap);
    }

    /** out, in and fwd for each pair of traffic selectors of one family. */
    static List<XfrmPolicy> policies(ChildSa sa) {
        boolean tunnel = sa.mode() == IpsecMode.TUNNEL;
        InetAddress local = tunnel ? sa.local().getAddress() : any(sa.local().getAddress());
        InetAddress remote = tunnel ? sa.remote().getAddress() : any(sa.remote().getAddress());
        List<XfrmPolicy> out = new ArrayList<>();
        for (TrafficSelector l : sa.localSelectors()) {
            for (TrafficSelector r : sa.remoteSelectors()) {
                if (l.from().getAddress().length != r.from().getAddress().length) {
                    continue;
                }
                XfrmSelector outbound = XfrmSelector.of(l, r);
                XfrmSelector inbound = XfrmSelector.of(r, l);
                out.add(template(outbound, XfrmPolicy.Direction.OUT, local, remote, sa, tunnel));
                out.add(template(inbound, XfrmPolicy.Direction.IN, remote, local, sa, tunnel));
                out.add(template(inbound, XfrmPolicy.Direction.FWD, remote, local, sa, tunnel));
            }
        }
        return out;
    }

    private static XfrmPolicy template(XfrmSelector selector, XfrmPolicy.Direction direction, InetAddress source,
                                       InetAddress destination, ChildSa sa, boolean tunnel) {
        return new XfrmPolicy(selector, direction, selector.priority(),
                List.of(new XfrmPolicy.Template(source, destination, protocol(sa), sa.reqid(), tunnel)));
    }

    private static InetAddress any(InetAddress like) {
        try {
            return InetAddress.getByAddress(new byte[like instanceof Inet4Address ? 4 : 16]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

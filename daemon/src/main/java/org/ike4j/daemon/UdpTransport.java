package org.ike4j.daemon;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.ike4j.daemon.log.Log;
import org.ike4j.dataplane.udp.BatchSocket;
import org.ike4j.engine.Action;
import org.ike4j.engine.Input;
import org.ike4j.wire.Bytes;

/**
 * The daemon's UDP sockets: the IKE port and the NAT-T port on each listen address, non-blocking,
 * registered with the event loop's selector. On the NAT-T port (RFC 3948 section 2) the non-ESP
 * marker is removed from what arrives and added to what the engine sends with it, NAT-keepalives
 * are dropped, and ESP in UDP goes to the dataplane. Used on the event loop only, except that with
 * the userspace dataplane the NAT-T sockets move to a receive thread of their own
 * ({@link EspReceiver}) the first time one of them has something: ESP is then opened there, off
 * the event loop, and the IKE messages that thread finds go to the loop as inputs.
 */
final class UdpTransport implements AutoCloseable {
    private static final int MAX_DATAGRAM = 65535;
    /** Datagrams read from one socket per wake-up, so that one busy socket cannot starve the rest. */
    private static final int RECEIVE_BURST = 64;
    /** Socket buffers asked for on the NAT-T port, where the userspace dataplane's ESP goes. */
    private static final int ESP_SOCKET_BUFFER = 4 << 20;

    /** One bound UDP socket. */
    record UdpSocket(DatagramChannel channel, InetSocketAddress bound, boolean natt) {
    }

    private final List<UdpSocket> sockets;
    private final Log log;
    private final org.ike4j.daemon.capture.PacketSink packets;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    /** The NAT-T sockets' own receive thread, once the userspace dataplane has asked for it. */
    private EspReceiver espReceiver;
    private boolean espReceiverFailed;

    private UdpTransport(List<UdpSocket> sockets, Log log, org.ike4j.daemon.capture.PacketSink packets) {
        this.sockets = List.copyOf(sockets);
        this.log = log;
        this.packets = packets;
    }

    /** Binds the IKE and NAT-T ports on each address (the wildcard if none); nothing stays open on failure. */
    static UdpTransport open(Selector selector, List<InetAddress> listen, int ikePort, int nattPort, Log log)
            throws IOException {
        return open(selector, listen, ikePort, nattPort, log, org.ike4j.daemon.capture.PacketSink.NONE);
    }

    /** As above, copying every datagram sent and received to {@code packets} ({@code --pcap}). */
    static UdpTransport open(Selector selector, List<InetAddress> listen, int ikePort, int nattPort, Log log,
            org.ike4j.daemon.capture.PacketSink packets) throws IOException {
        List<UdpSocket> sockets = new ArrayList<>();
        try {
            List<InetAddress> addrs = listen.isEmpty() ? java.util.Collections.singletonList(null) : listen;
            for (InetAddress a : addrs) {
                sockets.add(bind(selector, a, ikePort, false));
                sockets.add(bind(selector, a, nattPort, true));
            }
        } catch (IOException | RuntimeException e) {
            for (UdpSocket s : sockets) {
                closeQuietly(s.channel());
            }
            throw e;
        }
        UdpTransport t = new UdpTransport(sockets, log, packets);
        for (String l : t.listening()) {
            log.info("net", "listening on " + l);
        }
        return t;
    }

    static UdpSocket bind(Selector selector, InetAddress address, int port, boolean natt) throws IOException {
        DatagramChannel ch = address instanceof Inet6Address ? DatagramChannel.open(StandardProtocolFamily.INET6)
                : address == null ? DatagramChannel.open() : DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            ch.bind(new InetSocketAddress(address, port));
            ch.configureBlocking(false);
            if (natt) {
                // ESP in UDP arrives in bursts of a TCP window: room for them while the loop is busy
                // (the kernel caps this at net.core.rmem_max / wmem_max)
                ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, ESP_SOCKET_BUFFER);
                ch.setOption(java.net.StandardSocketOptions.SO_SNDBUF, ESP_SOCKET_BUFFER);
            }
            UdpSocket s = new UdpSocket(ch, (InetSocketAddress) ch.getLocalAddress(), natt);
            ch.register(selector, SelectionKey.OP_READ, s);
            return s;
        } catch (IOException e) {
            ch.close();
            throw new java.net.BindException("UDP " + (address == null ? "*" : address.getHostAddress()) + ":" + port
                    + ": " + e.getMessage());
        }
    }

    /** The addresses the IKE-port sockets are bound to (the real port when 0 was asked for). */
    List<InetSocketAddress> ikeAddresses() {
        return sockets.stream().filter(s -> !s.natt()).map(UdpSocket::bound).toList();
    }

    /** The addresses the NAT-T-port sockets are bound to. */
    List<InetSocketAddress> nattAddresses() {
        return sockets.stream().filter(UdpSocket::natt).map(UdpSocket::bound).toList();
    }

    /** Each socket as status shows it: {@code 127.0.0.1:500 (IKE)}. */
    List<String> listening() {
        return sockets.stream().map(s -> Daemon.str(s.bound()) + (s.natt() ? " (NAT-T)" : " (IKE)")).toList();
    }

    /** Whether a selected key is one of these sockets. */
    static boolean owns(SelectionKey key) {
        return key.attachment() instanceof UdpSocket;
    }

    /** Reads what waits on the key's socket: IKE messages to {@code engine}, ESP in UDP to {@code dataplane}. */
    void ready(SelectionKey key, Dataplane dataplane, Consumer<Input> engine) {
        UdpSocket s = (UdpSocket) key.attachment();
        if (s.natt() && espReceiver == null && !espReceiverFailed && dataplane instanceof UserspaceDataplane u && u.receivesOnOwnThread()) {
            try {
                moveNattToOwnThread(key.selector(), dataplane, u::input);
                return;   // what waits is read there
            } catch (IOException e) {
                log.warn("net", "no ESP receive thread (" + e.getMessage() + "): ESP is opened on the event loop");
                espReceiverFailed = true;
            }
        }
        receive(s, dataplane, engine, receiveBuffer);
    }

    /**
     * Hands every NAT-T socket to a thread of its own: the event loop stops selecting them, and
     * the thread reads them, gives ESP to the dataplane and IKE to {@code engine} (which must be
     * safe to call from that thread).
     */
    private void moveNattToOwnThread(Selector loop, Dataplane dataplane, Consumer<Input> engine) throws IOException {
        List<UdpSocket> natt = sockets.stream().filter(UdpSocket::natt).toList();
        // one socket (the usual --listen ADDRESS): the thread blocks in recvfrom, one system call
        // a packet; several: a selector of the thread's own, an epoll_wait and a final empty
        // recvfrom per burst on top
        Selector own = natt.size() == 1 ? null : Selector.open();
        try {
            if (own != null) {
                for (UdpSocket s : natt) {
                    s.channel().register(own, SelectionKey.OP_READ, s);
                }
            }
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
        for (UdpSocket s : natt) {
            SelectionKey k = s.channel().keyFor(loop);
            if (k != null) {
                k.cancel();
            }
        }
        espReceiver = new EspReceiver(own, natt, dataplane, engine);
        espReceiver.thread.start();
        log.info("net", "ESP in UDP is received on thread " + espReceiver.thread.getName()
                + (own == null ? " (blocking)" : " (selector)"));
    }

    /** The NAT-T sockets' receive thread: its own buffer, and its own selector unless it has one socket. */
    private final class EspReceiver {
        final Selector selector;
        final Thread thread;
        volatile boolean running = true;
        /** Reading the descriptor itself: must stop before the channel closes (its number could be reused). */
        volatile boolean batchedReceiver;

        EspReceiver(Selector selector, List<UdpSocket> natt, Dataplane dataplane, Consumer<Input> engine) {
            this.selector = selector;
            ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
            this.thread = Thread.ofPlatform().daemon().name("ike4j-esp-rx").unstarted(() -> {
                try {
                    if (selector == null) {
                        UdpSocket s = natt.get(0);
                        BatchSocket b = batchSocket(s);
                        if (b != null) {
                            batched(s, b, dataplane, engine);
                            return;
                        }
                        blocking(s.channel());
                        while (running && s.channel().isOpen()) {
                            receive(s, dataplane, engine, buffer);
                        }
                        return;
                    }
                    while (running) {
                        selector.select(1000);
                        for (SelectionKey k : selector.selectedKeys()) {
                            if (k.isValid()) {
                                receive((UdpSocket) k.attachment(), dataplane, engine, buffer);
                            }
                        }
                        selector.selectedKeys().clear();
                    }
                } catch (IOException | RuntimeException e) {
                    if (running) {
                        log.error("net", "ESP receive thread stopped: " + e);
                    }
                }
            });
        }

        /**
         * recvmmsg through the descriptor (with UDP GRO where the kernel coalesces): many datagrams
         * per system call. The channel stays non-blocking; this thread polls it, and stops before
         * the channel is closed ({@link UdpTransport#close}).
         */
        private void batched(UdpSocket s, BatchSocket b, Dataplane dataplane, Consumer<Input> engine) throws IOException {
            batchedReceiver = true;
            while (running && s.channel().isRegistered()) {
                // the event loop lets go of the channel at its next select
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            boolean gro = b.enableGro();
            log.debug("net", "ESP receive thread: recvmmsg" + (gro ? " with UDP GRO" : "") + " on " + str(s.bound()));
            try (BatchSocket.Receiver r = b.receiver()) {
                while (running && s.channel().isOpen()) {
                    int n = r.receive(200);
                    for (int i = 0; i < n && running; i++) {
                        ByteBuffer d = r.data(i);
                        int end = d.limit();
                        if (end == 0) {
                            continue;
                        }
                        InetSocketAddress from = r.source(i);
                        int seg = r.segmentSize(i);
                        if (seg <= 0) {
                            seg = end;
                        }
                        for (int o = 0; o < end; o += seg) {
                            d.limit(Math.min(o + seg, end)).position(o);
                            dispatch(s, from, d, dataplane, engine, true);
                        }
                    }
                    if (n > 0) {
                        dataplane.espBatchEnd();
                    }
                }
            }
        }

        /** Blocking mode once the event loop's selector has let go of the channel (at its next select). */
        private void blocking(DatagramChannel ch) throws IOException {
            while (running && ch.isOpen()) {
                try {
                    ch.configureBlocking(true);
                    return;
                } catch (java.nio.channels.IllegalBlockingModeException e) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            }
        }

        /** Stops the thread; a blocked receive ends when the caller closes the sockets. */
        void stop() {
            running = false;
            if (selector != null) {
                selector.wakeup();
            }
        }

        void join() {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (selector != null) {
                closeQuietly(selector);
            }
        }
    }

    private void receive(UdpSocket s, Dataplane dataplane, Consumer<Input> engine, ByteBuffer receiveBuffer) {
        for (int i = 0; i < RECEIVE_BURST; i++) {
            ByteBuffer buf = receiveBuffer.clear();
            SocketAddress from;
            try {
                from = s.channel().receive(buf);
            } catch (IOException e) {
                if (s.channel().isOpen()) {
                    log.warn("net", "receive on " + str(s.bound()) + " failed: " + e.getMessage());
                }
                return;
            }
            if (from == null) {
                return;
            }
            buf.flip();
            dispatch(s, (InetSocketAddress) from, buf, dataplane, engine);
        }
        // more may be waiting: the selector reports the socket again
    }

    /** One datagram (position to limit) from {@code remote}: IKE to {@code engine}, ESP in UDP to {@code dataplane}. */
    private void dispatch(UdpSocket s, InetSocketAddress remote, ByteBuffer buf, Dataplane dataplane, Consumer<Input> engine) {
        dispatch(s, remote, buf, dataplane, engine, false);
    }

    /** With {@code batched}, ESP goes to {@link Dataplane#espInUdpBatched}: the caller ends the batch. */
    private void dispatch(UdpSocket s, InetSocketAddress remote, ByteBuffer buf, Dataplane dataplane, Consumer<Input> engine,
                          boolean batched) {
        if (s.natt()) {
            switch (NatTraversal.classify(buf)) {
                case KEEPALIVE -> {
                    log.trace("net", () -> "NAT-keepalive from " + str(remote));
                    return;
                }
                case INVALID -> {
                    log.debug("net", "dropped a " + buf.remaining() + "-byte datagram from " + str(remote)
                            + " on the NAT-T port: neither IKE nor ESP");
                    return;
                }
                case ESP -> {
                    if (packets != org.ike4j.daemon.capture.PacketSink.NONE) {
                        byte[] esp = new byte[buf.remaining()];
                        buf.duplicate().get(esp);
                        packets.espInUdp(java.time.Instant.now(), remote, s.bound(), esp);
                    }
                    if (batched) {
                        dataplane.espInUdpBatched(s.bound(), remote, buf);
                    } else {
                        dataplane.espInUdp(s.bound(), remote, buf);
                    }
                    return;
                }
                case IKE -> buf.position(buf.position() + NatTraversal.MARKER_LENGTH);
            }
        }
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        packets.ike(java.time.Instant.now(), remote, s.bound(), data, s.natt());
        log.trace("net", () -> "received " + data.length + " bytes from " + str(remote) + " to " + str(s.bound()));
        engine.accept(new Input.Datagram(s.bound(), remote, Bytes.wrap(data), s.natt()));
    }

    /**
     * Sends what the engine asked for, adding the non-ESP marker if it says so. Never blocks, except
     * on a NAT-T socket that the ESP receive thread reads in blocking mode, where a full send buffer
     * (4 MB) makes it wait for room.
     */
    void send(Action.Send s) {
        UdpSocket sock = socketFor(s.local(), s.nonEspMarker(), s.remote());
        if (sock == null) {
            log.warn("net", "no socket to send from " + str(s.local()) + " to " + str(s.remote()) + "; dropped");
            return;
        }
        byte[] data = s.data().toByteArray();
        byte[] wire = s.nonEspMarker() ? NatTraversal.withMarker(data) : data;
        try {
            int n = sock.channel().send(ByteBuffer.wrap(wire), s.remote());
            if (n == 0) {
                log.warn("net", "send buffer full: " + wire.length + " bytes to " + s.remote() + " dropped");
            } else {
                log.trace("net", () -> "sent " + wire.length + " bytes from " + str(sock.bound()) + " to " + str(s.remote()));
                InetSocketAddress from = sock.bound().getAddress().isAnyLocalAddress() && s.local() != null
                        && !s.local().getAddress().isAnyLocalAddress()
                        ? new InetSocketAddress(s.local().getAddress(), sock.bound().getPort()) : sock.bound();
                packets.ike(java.time.Instant.now(), from, s.remote(), data, s.nonEspMarker());
            }
        } catch (IOException e) {
            log.warn("net", "sending to " + str(s.remote()) + " failed: " + e.getMessage());
        }
    }

    /**
     * Sends an ESP packet in UDP (RFC 3948 section 2.1, no marker) from the NAT-T socket of
     * {@code local}, and records it with {@code --pcap} (a copy, only then). Thread-safe (the dataplane's threads call it while the loop receives); a
     * full send buffer drops the packet, as a link would, or, once the ESP receive thread reads
     * the socket in blocking mode, makes the sender wait for room.
     */
    boolean sendEsp(InetSocketAddress local, InetSocketAddress remote, ByteBuffer esp) throws IOException {
        UdpSocket sock = nattSocketFor(local, remote);
        if (sock == null) {
            throw new IOException("no NAT-T socket to send ESP from " + str(local));
        }
        byte[] copy = null;
        if (packets != org.ike4j.daemon.capture.PacketSink.NONE) {
            copy = new byte[esp.remaining()];   // before the send moves the buffer's position
            esp.duplicate().get(copy);
        }
        boolean sent = sock.channel().send(esp, remote) > 0;
        if (sent && copy != null) {
            InetSocketAddress from = sock.bound().getAddress().isAnyLocalAddress() && local != null
                    && !local.getAddress().isAnyLocalAddress()
                    ? new InetSocketAddress(local.getAddress(), sock.bound().getPort()) : sock.bound();
            packets.espInUdp(java.time.Instant.now(), from, remote, copy);
        }
        return sent;
    }

    /**
     * Sends ESP packets laid end to end ({@link Dataplane.Host#sendEsp(InetSocketAddress,
     * InetSocketAddress, byte[], int, int, int)}): in one sendmsg with UDP GSO through the NAT-T
     * socket's descriptor ({@link BatchSocket}); one by one with {@code --pcap} (each is recorded)
     * or where the descriptor cannot be found.
     */
    boolean sendEsp(InetSocketAddress local, InetSocketAddress remote, byte[] buf, int offset, int length,
                    int segmentSize) throws IOException {
        UdpSocket sock = nattSocketFor(local, remote);
        if (sock == null) {
            throw new IOException("no NAT-T socket to send ESP from " + str(local));
        }
        BatchSocket b = packets == org.ike4j.daemon.capture.PacketSink.NONE ? batchSocket(sock) : null;
        if (b != null) {
            return b.send(remote, buf, offset, length, segmentSize);
        }
        boolean all = true;
        for (int o = offset; o < offset + length; o += segmentSize) {
            ByteBuffer one = ByteBuffer.wrap(buf, o, Math.min(segmentSize, offset + length - o));
            boolean sent = false;
            for (int attempt = 0; attempt < 50 && !sent; attempt++) {
                sent = sendEsp(local, remote, one);
                if (!sent) {
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                }
            }
            all &= sent;
        }
        return all;
    }

    /** The system property that keeps ESP off batched system calls when {@code false} (for A/B benchmarks). */
    static final String BATCH = "ike4j.dataplane.batchUdp";

    /** A NAT-T socket's descriptor for batched calls, looked up once; null where there is none. */
    private BatchSocket batchSocket(UdpSocket s) {
        if ("false".equals(System.getProperty(BATCH))) {
            return null;
        }
        return batchSockets.computeIfAbsent(s, k -> {
            Optional<BatchSocket> b = BatchSocket.find(k.bound());
            log.info("net", b.map(x -> "ESP on " + str(k.bound()) + " goes in batches (UDP GSO, recvmmsg), descriptor " + x.fd())
                    .orElse("no descriptor found for " + str(k.bound()) + ": ESP one datagram per system call"));
            return b;
        }).orElse(null);
    }

    private final java.util.Map<UdpSocket, Optional<BatchSocket>> batchSockets = new java.util.concurrent.ConcurrentHashMap<>();

    /** The NAT-T socket bound to {@code local}'s address, else a wildcard one of the remote's family. */
    private UdpSocket nattSocketFor(InetSocketAddress local, InetSocketAddress remote) {
        UdpSocket fallback = null;
        boolean v6 = remote.getAddress() instanceof Inet6Address;
        for (UdpSocket s : sockets) {
            if (!s.natt()) {
                continue;
            }
            InetAddress a = s.bound().getAddress();
            if (local != null && a.equals(local.getAddress())) {
                return s;
            }
            if (fallback == null && (a.isAnyLocalAddress() || (a instanceof Inet6Address) == v6)) {
                fallback = s;
            }
        }
        return fallback;
    }

    /**
     * The socket to send from: the one bound to exactly {@code local}; else one on its port bound to
     * its address or the wildcard; else one of the right kind (NAT-T when the marker is wanted) and
     * address family.
     */
    private UdpSocket socketFor(InetSocketAddress local, boolean natt, InetSocketAddress remote) {
        if (local != null) {
            for (UdpSocket s : sockets) {
                if (s.bound().equals(local)) {
                    return s;
                }
            }
            for (UdpSocket s : sockets) {
                if (s.bound().getPort() == local.getPort()
                        && (s.bound().getAddress().isAnyLocalAddress() || s.bound().getAddress().equals(local.getAddress()))) {
                    return s;
                }
            }
        }
        boolean v6 = remote.getAddress() instanceof Inet6Address;
        UdpSocket fallback = null;
        for (UdpSocket s : sockets) {
            if (s.natt() != natt) {
                continue;
            }
            InetAddress a = s.bound().getAddress();
            if (a.isAnyLocalAddress() || (a instanceof Inet6Address) == v6) {
                if (local != null && a.equals(local.getAddress())) {
                    return s;
                }
                if (fallback == null) {
                    fallback = s;
                }
            }
        }
        return fallback;
    }

    @Override
    public void close() {
        if (espReceiver != null) {
            espReceiver.stop();
            if (espReceiver.batchedReceiver) {
                espReceiver.join();
            }
        }
        for (UdpSocket s : sockets) {
            closeQuietly(s.channel());
        }
        if (espReceiver != null) {
            espReceiver.join();
        }
    }

    private static String str(InetSocketAddress a) {
        return Daemon.str(a);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}

package org.ike4j.dataplane.userspace;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.ike4j.dataplane.esp.EspInbound;
import org.ike4j.dataplane.esp.EspOutbound;
import org.ike4j.dataplane.esp.EspSa;
import org.ike4j.dataplane.tun.Offload;
import org.ike4j.dataplane.tun.TunDevice;
import org.ike4j.dataplane.udp.BatchSocket;

/**
 * One route-based tunnel: a TUN device (the SRX's st0.N, or one per ipsec.conf connection), the
 * routes into it, and one outbound thread that reads what the host routes into the device, finds
 * the SA whose selectors match, seals it and sends it as ESP in UDP.
 *
 * <p>The outbound SAs are an immutable array swapped whole (newest first), so a rekey never
 * stops the thread: the new SA is used from the packet after its install, and the old one stays
 * in the array only until it is deleted. Packets that arrive while the tunnel has no SA are held
 * in a bounded queue and sent once one is installed (on-demand tunnels).
 *
 * <p>With a device opened for offloads ({@link TunDevice#offload()}), one read may be a TCP
 * super-packet of up to 64 KB: it is cut into MTU-sized segments ({@link Offload}), each sealed in
 * place, end to end, into one batch that {@link EspTransport#send(InetSocketAddress,
 * InetSocketAddress, byte[], int, int, int)} sends in one system call where it can (UDP GSO).
 */
final class Tunnel implements AutoCloseable {
    /** Room for the ESP header before the packet read from the device. */
    static final int HEAD = 64;
    static final int MAX_PACKET = 65535;
    static final int TAIL = 128;
    /** Packets read from the device per wake-up before looking at anything else. */
    private static final int BURST = 256;
    static final int HELD = 64;

    /** An outbound SA with its selectors: ours are the packet's source, the peer's its destination. */
    record Outbound(EspSa sa, PacketSelector[] local, PacketSelector[] remote, InetSocketAddress from,
                    InetSocketAddress to) {
    }

    final String connection;
    final TunDevice tun;
    final List<String> routes = new ArrayList<>();
    final List<String> pinned = new ArrayList<>();
    /** Kept after the last SA goes (auto=route): the device waits for traffic to start a negotiation. */
    volatile boolean onDemand;
    /**
     * Kept after its last SA went with the connection held (dpdaction=hold, the peer dead): like
     * an on-demand tunnel until an SA comes again, or a delete without hold takes it.
     */
    volatile boolean trapped;

    private final EspTransport transport;
    private final ForwarderEvents events;
    private final ArrayBlockingQueue<byte[]> held = new ArrayBlockingQueue<>(HELD);
    private final Thread thread;
    private volatile Outbound[] outbound = new Outbound[0];
    private volatile boolean running = true;
    private volatile long lastAcquire;
    /**
     * The traffic this tunnel is for while it has no SA: the connection's selectors, then those of
     * its last SA. Only such packets are held and raise an acquire - not, say, the IPv6 router
     * solicitations and MLD reports the kernel sends on any new device.
     */
    private volatile PacketSelector[] trapLocal = new PacketSelector[0];
    private volatile PacketSelector[] trapRemote = new PacketSelector[0];

    final AtomicLong selectorDrops = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();
    final AtomicLong heldOverflow = new AtomicLong();
    final AtomicLong tunWriteDrops = new AtomicLong();
    /** TCP super-packets read from the device (offloads on), and the segments cut from them. */
    final AtomicLong gsoReads = new AtomicLong();
    final AtomicLong gsoSegments = new AtomicLong();
    /** Batches handed to the transport, and the ESP packets in them. */
    final AtomicLong batches = new AtomicLong();
    final AtomicLong batchedPackets = new AtomicLong();
    /** Offload reads that could not be used: bad checksum offsets, a super-packet that is not plain TCP. */
    final AtomicLong offloadDrops = new AtomicLong();

    /** Room before the first ESP packet of a batch, for its header. */
    private static final int BATCH_HEAD = 64;
    private byte[] batch;
    private byte[] single;
    private ByteBuffer singleView;

    Tunnel(String connection, TunDevice tun, EspTransport transport, ForwarderEvents events) {
        this.connection = connection;
        this.tun = tun;
        this.transport = transport;
        this.events = events;
        this.thread = Thread.ofPlatform().daemon().name("ike4j-esp-" + tun.name()).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    Outbound[] outbound() {
        return outbound;
    }

    /** The selectors a packet must match to be held and start a negotiation while there is no SA. */
    void trap(PacketSelector[] local, PacketSelector[] remote) {
        trapLocal = local;
        trapRemote = remote;
    }

    synchronized void add(Outbound o) {
        Outbound[] now = outbound;
        Outbound[] next = new Outbound[now.length + 1];
        next[0] = o;
        System.arraycopy(now, 0, next, 1, now.length);
        outbound = next;
    }

    synchronized boolean remove(int outboundSpi) {
        Outbound[] now = outbound;
        List<Outbound> keep = new ArrayList<>();
        for (Outbound o : now) {
            if (o.sa().outbound().spi() != outboundSpi) {
                keep.add(o);
            }
        }
        outbound = keep.toArray(Outbound[]::new);
        return keep.size() != now.length;
    }

    boolean hasSa() {
        return outbound.length > 0;
    }

    /** Writes a decrypted packet (at the start of {@code packet}) into the device, toward the host. */
    void deliver(java.lang.foreign.MemorySegment packet, int length) {
        try {
            if (!tun.write(packet, length)) {
                tunWriteDrops.incrementAndGet();
            }
        } catch (IOException e) {
            tunWriteDrops.incrementAndGet();
            events.log("warn", "writing to " + tun.name() + ": " + e.getMessage());
        }
    }

    private void run() {
        int vnet = tun.offload() ? Offload.HEADER : 0;
        byte[] buf = new byte[HEAD + MAX_PACKET + TAIL];
        ByteBuffer view = ByteBuffer.wrap(buf);
        // made once: the packet path hands the kernel this view of the array, allocating nothing;
        // with offloads the virtio_net_hdr lands right before HEAD
        java.lang.foreign.MemorySegment readInto = java.lang.foreign.MemorySegment.ofArray(buf)
                .asSlice(HEAD - vnet, MAX_PACKET + vnet);
        if (vnet > 0) {
            batch = new byte[BATCH_HEAD + BatchSocket.MAX_BATCH_BYTES + MAX_PACKET + TAIL];
            single = new byte[HEAD + MAX_PACKET + TAIL];
            singleView = ByteBuffer.wrap(single);
        }
        try {
            while (running) {
                if (!held.isEmpty() && hasSa()) {
                    flushHeld(buf, view);
                }
                if (!tun.await(100)) {
                    continue;
                }
                for (int i = 0; i < BURST && running; i++) {
                    int n = tun.read(readInto, MAX_PACKET + vnet);
                    if (n == 0) {
                        break;
                    }
                    if (vnet == 0) {
                        forward(buf, view, n);
                    } else if (n > vnet) {
                        offloaded(buf, view, n - vnet);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                events.log("error", "tunnel " + tun.name() + " of " + connection + " stopped: " + e);
            }
        }
    }

    /** A read with its virtio_net_hdr before HEAD: a TCP super-packet to cut, or one packet whose checksum may be partial. */
    private void offloaded(byte[] buf, ByteBuffer view, int n) {
        int h = HEAD - Offload.HEADER;
        int type = Offload.gsoType(buf, h);
        if (type == Offload.GSO_TCPV4 || type == Offload.GSO_TCPV6) {
            forwardSuper(buf, n, Offload.gsoSize(buf, h));
            return;
        }
        if (type != Offload.GSO_NONE) {
            offloadDrops.incrementAndGet();
            return;
        }
        if ((Offload.flags(buf, h) & Offload.F_NEEDS_CSUM) != 0
                && !Offload.completeChecksum(buf, HEAD, n, Offload.csumStart(buf, h), Offload.csumOffset(buf, h))) {
            offloadDrops.incrementAndGet();
            return;
        }
        forward(buf, view, n);
    }

    /**
     * Cuts the super-packet at {@code buf[HEAD, HEAD + n)} into segments of {@code mss} payload
     * bytes and seals each in place into the batch, end to end: equal-size ESP packets, the last
     * possibly shorter, sent together.
     */
    private void forwardSuper(byte[] buf, int n, int mss) {
        int hl = Offload.headerLength(buf, HEAD, n);
        if (hl < 0 || mss <= 0) {
            offloadDrops.incrementAndGet();
            return;
        }
        gsoReads.incrementAndGet();
        int count = Offload.segments(n, hl, mss);
        gsoSegments.addAndGet(count);
        int version = (buf[HEAD] & 0xF0) >>> 4;
        int nextHeader = version == 4 ? EspInbound.IPV4 : EspInbound.IPV6;
        Outbound o = select(buf, HEAD, n);
        if (o == null) {
            // no SA (held or no match): each segment the ordinary way
            for (int i = 0; i < count; i++) {
                int len = Offload.segment(buf, HEAD, n, hl, mss, i, single, HEAD);
                forward(single, singleView, len);
            }
            return;
        }
        EspOutbound esp = o.sa().outbound();
        int used = 0;
        int stride = 0;
        int packets = 0;
        for (int i = 0; i < count; i++) {
            if (packets > 0 && (used + stride > BatchSocket.MAX_BATCH_BYTES || packets == BatchSocket.MAX_SEGMENTS)) {
                sendBatch(o, used, stride, packets);
                used = 0;
                packets = 0;
            }
            int payload = BATCH_HEAD + used + esp.headerSize();
            int len = Offload.segment(buf, HEAD, n, hl, mss, i, batch, payload);
            int sealed = esp.seal(batch, payload, len, nextHeader);
            if (sealed < 0) {
                // expired under us: what is sealed goes, the rest finds another SA one by one
                if (packets > 0) {
                    sendBatch(o, used, stride, packets);
                }
                for (int j = i; j < count; j++) {
                    int l = Offload.segment(buf, HEAD, n, hl, mss, j, single, HEAD);
                    forward(single, singleView, l);
                }
                return;
            }
            if (packets == 0) {
                stride = sealed;
            } else if (sealed > stride) {
                // cannot share the batch's segment size: the batch goes, this one alone
                sendBatch(o, used, stride, packets);
                System.arraycopy(batch, BATCH_HEAD + used, batch, BATCH_HEAD, sealed);
                used = 0;
                packets = 0;
                stride = sealed;
            }
            used += sealed;
            packets++;
            if (sealed < stride) {
                sendBatch(o, used, stride, packets);   // a shorter one ends a batch
                used = 0;
                packets = 0;
            }
        }
        if (packets > 0) {
            sendBatch(o, used, stride, packets);
        }
    }

    private void sendBatch(Outbound o, int length, int stride, int packets) {
        batches.incrementAndGet();
        batchedPackets.addAndGet(packets);
        try {
            if (!transport.send(o.from(), o.to(), batch, BATCH_HEAD, length, stride)) {
                sendFailures.incrementAndGet();
            }
        } catch (IOException e) {
            sendFailures.incrementAndGet();
        }
    }

    /** The first outbound SA whose selectors match the packet, or null. */
    private Outbound select(byte[] buf, int off, int n) {
        for (Outbound o : outbound) {
            if (PacketSelector.any(o.remote(), buf, off, n, false) && PacketSelector.any(o.local(), buf, off, n, true)) {
                return o;
            }
        }
        return null;
    }

    private void flushHeld(byte[] buf, ByteBuffer view) {
        byte[] p;
        while ((p = held.poll()) != null) {
            System.arraycopy(p, 0, buf, HEAD, p.length);
            forward(buf, view, p.length);
        }
    }

    /** Seals the packet at {@code buf[HEAD, HEAD + n)} with the first SA whose selectors match, and sends it. */
    private void forward(byte[] buf, ByteBuffer view, int n) {
        int version = (buf[HEAD] & 0xF0) >>> 4;
        if (version != 4 && version != 6) {
            return;
        }
        Outbound[] sas = outbound;
        if (sas.length == 0) {
            hold(buf, n);
            return;
        }
        for (Outbound o : sas) {
            if (PacketSelector.any(o.remote(), buf, HEAD, n, false) && PacketSelector.any(o.local(), buf, HEAD, n, true)) {
                EspOutbound esp = o.sa().outbound();
                int len = esp.seal(buf, HEAD, n, version == 4 ? EspInbound.IPV4 : EspInbound.IPV6);
                if (len < 0) {
                    continue;   // expired: an older or newer SA may still serve
                }
                int start = HEAD - esp.headerSize();
                view.limit(start + len).position(start);
                send(o, view);
                return;
            }
        }
        selectorDrops.incrementAndGet();
    }

    /**
     * Sends; while the socket's buffer is full, waits a little and tries again (for up to about a
     * millisecond), so that a burst slows the reader down instead of being dropped here.
     */
    private void send(Outbound o, ByteBuffer view) {
        try {
            for (int attempt = 0; attempt < 50; attempt++) {
                if (transport.send(o.from(), o.to(), view)) {
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
            sendFailures.incrementAndGet();
        } catch (IOException e) {
            sendFailures.incrementAndGet();
        }
    }

    private void hold(byte[] buf, int n) {
        if (!PacketSelector.any(trapRemote, buf, HEAD, n, false) || !PacketSelector.any(trapLocal, buf, HEAD, n, true)) {
            selectorDrops.incrementAndGet();
            return;
        }
        if (!held.offer(java.util.Arrays.copyOfRange(buf, HEAD, HEAD + n))) {
            heldOverflow.incrementAndGet();
        }
        long now = System.nanoTime();
        if (now - lastAcquire > 2_000_000_000L || lastAcquire == 0) {
            lastAcquire = now;
            events.acquire(connection);
        }
    }

    /** Held packets waiting for an SA. */
    int held() {
        return held.size();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tun.close();
    }
}

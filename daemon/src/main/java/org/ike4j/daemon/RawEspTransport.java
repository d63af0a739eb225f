package org.ike4j.daemon;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.ike4j.config.ChildProposal;
import org.ike4j.daemon.capture.PacketSink;
import org.ike4j.daemon.log.Log;
import org.ike4j.dataplane.raw.RawEspSocket;
import org.ike4j.engine.ChildSa;

/**
 * ESP without UDP, IP protocol 50 (RFC 4303), for the userspace dataplane's SAs that negotiated
 * no UDP encapsulation (no NAT found, no forceencaps), as strongSwan's kernel-libipsec does with
 * {@code raw_esp}: a raw socket per outer address of ours, opened with the first such SA, and a
 * receive thread for each that hands what arrives to the dataplane (which finds the SA by SPI and
 * counts and drops unknown ones, RFC 4303 section 3.4.2). Sending is thread-safe; with
 * {@code --pcap} both directions are recorded as protocol 50.
 *
 * <p>A raw socket needs CAP_NET_RAW: without it {@link #open} fails with that reason, and the SA
 * that needed it is not installed.
 */
final class RawEspTransport implements AutoCloseable {
    /** How often a receive thread looks whether it was stopped while nothing arrives. */
    private static final int RECEIVE_TIMEOUT_MILLIS = 500;

    private final Log log;
    private final PacketSink packets;
    private final Consumer<ByteBuffer> receiver;
    private final Map<InetAddress, RawEspSocket> sockets = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param receiver gets each ESP packet (from the SPI on, position to limit; valid during the
     *     call) on the socket's receive thread
     */
    RawEspTransport(Log log, PacketSink packets, Consumer<ByteBuffer> receiver) {
        this.log = log;
        this.packets = packets;
        this.receiver = receiver;
    }

    /**
     * Makes sure a raw ESP socket is open on {@code local} (bound to it unless it is the
     * wildcard), with its receive thread.
     *
     * @throws IOException if the socket cannot be opened, saying why (CAP_NET_RAW)
     */
    synchronized void open(InetAddress local) throws IOException {
        if (closed) {
            throw new IOException("the raw ESP transport is closed");
        }
        if (sockets.containsKey(local)) {
            return;
        }
        RawEspSocket s = RawEspSocket.open(local, RECEIVE_TIMEOUT_MILLIS);
        sockets.put(local, s);
        Thread t = Thread.ofPlatform().daemon().name("ike4j-esp-raw-" + local.getHostAddress()).unstarted(() -> receive(s));
        threads.add(t);
        t.start();
        log.info("net", "plain ESP (IP protocol 50) on " + local.getHostAddress() + ": raw socket open, received on "
                + t.getName());
    }

    /** Whether a socket is open on {@code local}. */
    boolean isOpen(InetAddress local) {
        return sockets.containsKey(local);
    }

    private void receive(RawEspSocket s) {
        InetAddress local = s.local();
        while (!closed) {
            ByteBuffer esp;
            try {
                esp = s.receive();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    log.warn("net", "raw ESP receive on " + local.getHostAddress() + ": " + e.getMessage());
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
                }
                continue;
            }
            if (esp == null) {
                continue;
            }
            if (packets != PacketSink.NONE) {
                byte[] copy = new byte[esp.remaining()];
                esp.duplicate().get(copy);
                packets.esp(Instant.now(), s.lastSource(), local, copy);
            }
            try {
                receiver.accept(esp);
            } catch (RuntimeException e) {
                log.error("net", "raw ESP from " + s.lastSource().getHostAddress() + ": " + e);
            }
        }
    }

    /**
     * Sends an ESP packet (from the SPI on, position to limit) as protocol 50 from the socket on
     * {@code local}, else from one of the remote's family.
     *
     * @return false if the send buffer was full and nothing went
     */
    boolean send(InetAddress local, InetAddress remote, ByteBuffer esp) throws IOException {
        RawEspSocket s = local == null ? null : sockets.get(local);
        if (s == null) {
            s = anyOf(remote instanceof Inet6Address);
            if (s == null) {
                throw new IOException("no raw ESP socket to send from " + (local == null ? "*" : local.getHostAddress()));
            }
        }
        byte[] copy = null;
        if (packets != PacketSink.NONE) {
            copy = new byte[esp.remaining()];   // before the send moves the buffer's position
            esp.duplicate().get(copy);
        }
        boolean sent = s.send(remote, esp);
        if (sent && copy != null) {
            packets.esp(Instant.now(), local == null || local.isAnyLocalAddress() ? s.local() : local, remote, copy);
        }
        return sent;
    }

    private RawEspSocket anyOf(boolean v6) {
        for (RawEspSocket s : sockets.values()) {
            if (s.ipv6() == v6) {
                return s;
            }
        }
        return null;
    }

    /**
     * The SA as the forwarder gets it: both outer ports 0, which tells the dataplane's send path
     * that this SA's ESP goes as protocol 50 (the engine's ports are IKE's, 500).
     */
    static ChildSa plain(ChildSa sa) {
        return new ChildSa(sa.connection(), sa.reqid(), sa.protocol(), sa.mode(), false,
                new InetSocketAddress(sa.local().getAddress(), 0), new InetSocketAddress(sa.remote().getAddress(), 0),
                sa.inboundSpi(), sa.outboundSpi(), sa.encryption(), sa.integrity(), sa.esn(), sa.inboundEncryptionKey(),
                sa.inboundIntegrityKey(), sa.outboundEncryptionKey(), sa.outboundIntegrityKey(), sa.localSelectors(),
                sa.remoteSelectors(), sa.softLifetimeSeconds(), sa.hardLifetimeSeconds(), sa.lifetimeBytes(),
                sa.lifetimePackets(), sa.replayWindow());
    }

    /** Whether an SA's ESP goes as protocol 50: ESP (not AH) with no UDP encapsulation. */
    static boolean isPlain(ChildSa sa) {
        return !sa.udpEncapsulation() && sa.protocol() == ChildProposal.Protocol.ESP;
    }

    @Override
    public void close() {
        List<Thread> stopping;
        synchronized (this) {
            closed = true;
            stopping = List.copyOf(threads);
            threads.clear();
        }
        sockets.values().forEach(RawEspSocket::close);
        for (Thread t : stopping) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sockets.values().forEach(RawEspSocket::release);
        sockets.clear();
    }
}

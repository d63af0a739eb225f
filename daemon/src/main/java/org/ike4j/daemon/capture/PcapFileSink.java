package org.ike4j.daemon.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import org.ike4j.analysis.capture.PcapWriter;

/**
 * {@code --pcap FILE}: a classic pcap file (LINKTYPE_RAW: each frame starts with the IP header)
 * written with analysis' {@link PcapWriter}, which fills in the IPv4 or IPv6 and UDP headers with
 * their lengths and checksums. Each packet is flushed at once, so the file can be read while the
 * daemon runs. Thread-safe.
 *
 * <p>What is written is what went over the socket: a message sent or received behind the non-ESP
 * marker keeps it, on whatever port (Wireshark decodes UDP 4500 as NAT-T; other ports need
 * {@code -d udp.port==N,isakmp}). With a wildcard bind the local address of a received datagram
 * is not known to Java; it is written as the wildcard address of the peer's family.
 */
public final class PcapFileSink implements PacketSink, AutoCloseable {
    private static final int NAT_T_PORT = 4500;

    private final OutputStream stream;
    private final PcapWriter writer;
    private final Consumer<String> problems;
    private boolean failed;
    private boolean closed;

    private PcapFileSink(OutputStream stream, PcapWriter writer, Consumer<String> problems) {
        this.stream = stream;
        this.writer = writer;
        this.problems = problems;
    }

    /**
     * Creates (or replaces) the file and writes the pcap header.
     *
     * @param problems told once, when a packet cannot be written (the sink then stops writing)
     */
    public static PcapFileSink create(Path file, Consumer<String> problems) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
        try {
            PcapWriter w = PcapWriter.to(out, PcapWriter.Link.RAW);
            out.flush();
            return new PcapFileSink(out, w, problems);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    @Override
    public synchronized void ike(Instant time, InetSocketAddress source, InetSocketAddress destination, byte[] message,
            boolean nonEspMarker) {
        if (unusable()) {
            return;
        }
        InetSocketAddress src = concrete(source, destination);
        InetSocketAddress dst = concrete(destination, source);
        try {
            boolean writerAddsMarker = src.getPort() == NAT_T_PORT || dst.getPort() == NAT_T_PORT;
            if (nonEspMarker == writerAddsMarker) {
                writer.ike(time, src, dst, message);
            } else {
                // the UDP payload exactly as it went: with the marker on another port, or without on 4500
                byte[] payload = message;
                if (nonEspMarker) {
                    payload = new byte[message.length + 4];
                    System.arraycopy(message, 0, payload, 4, message.length);
                }
                writer.espInUdp(time, src, dst, payload);
            }
            stream.flush();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public synchronized void espInUdp(Instant time, InetSocketAddress source, InetSocketAddress destination, byte[] esp) {
        if (unusable()) {
            return;
        }
        try {
            writer.espInUdp(time, concrete(source, destination), concrete(destination, source), esp);
            stream.flush();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public synchronized void esp(Instant time, InetAddress source, InetAddress destination, byte[] esp) {
        if (unusable()) {
            return;
        }
        try {
            writer.esp(time, source, destination, esp);
            stream.flush();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private boolean unusable() {
        return failed || closed;
    }

    private void fail(Exception e) {
        failed = true;
        problems.accept("pcap: cannot write a packet, capture stopped: "
                + (e.getMessage() != null ? e.getMessage() : e.toString()));
    }

    /**
     * An IPv4-mapped IPv6 address (from a dual-stack socket) becomes its IPv4 address, and a
     * wildcard address the wildcard of the other end's family, so that both IP headers agree.
     */
    static InetSocketAddress concrete(InetSocketAddress a, InetSocketAddress other) {
        InetAddress mine = unmapped(a.getAddress());
        if (mine.isAnyLocalAddress()) {
            byte[] any = unmapped(other.getAddress()) instanceof Inet4Address ? new byte[4] : new byte[16];
            mine = address(any);
        }
        return mine.equals(a.getAddress()) ? a : new InetSocketAddress(mine, a.getPort());
    }

    private static InetAddress unmapped(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return a;
                }
            }
            if (b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                return address(java.util.Arrays.copyOfRange(b, 12, 16));
            }
        }
        return a;
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }
}

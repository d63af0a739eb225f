package org.ike4j.daemon.capture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * Where the daemon copies the datagrams it sends and receives ({@code --pcap FILE}). The UDP
 * transport reports every IKE message and every ESP-in-UDP packet it sees; a dataplane reports
 * the ESP packets it sends and receives itself. Implementations are thread-safe: the event loop
 * and a dataplane's threads may call at the same time. A sink never throws: a capture that cannot
 * be written must not stop the daemon.
 */
public interface PacketSink {

    /** A sink that keeps nothing. */
    PacketSink NONE = new PacketSink() {
        @Override
        public void ike(Instant time, InetSocketAddress source, InetSocketAddress destination, byte[] message,
                boolean nonEspMarker) {
        }

        @Override
        public void espInUdp(Instant time, InetSocketAddress source, InetSocketAddress destination, byte[] esp) {
        }

        @Override
        public void esp(Instant time, InetAddress source, InetAddress destination, byte[] esp) {
        }
    };

    /**
     * An IKE message as it went over UDP.
     *
     * @param message the IKE message, without the non-ESP marker
     * @param nonEspMarker whether it travelled behind the four-byte non-ESP marker (RFC 3948 section 2.2),
     *     as on the NAT-T port
     */
    void ike(Instant time, InetSocketAddress source, InetSocketAddress destination, byte[] message,
            boolean nonEspMarker);

    /** An ESP packet (from the SPI on) in UDP, RFC 3948 section 2.1. */
    void espInUdp(Instant time, InetSocketAddress source, InetSocketAddress destination, byte[] esp);

    /** An ESP packet (from the SPI on) as IP protocol 50, RFC 4303. */
    void esp(Instant time, InetAddress source, InetAddress destination, byte[] esp);
}

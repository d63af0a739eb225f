package org.ike4j.analysis.capture;

import java.net.InetAddress;
import java.time.Instant;

import org.ike4j.wire.Bytes;

/**
 * What one captured frame turned out to be. Every record carries its 1-based frame number, as
 * Wireshark counts frames, so that a report can point at the packet.
 */
public sealed interface CaptureRecord {

    /** The frame number, from 1, in file order. */
    long frame();

    /**
     * An IKE message carried in UDP: port 500, or port 4500 behind the four zero bytes of the
     * non-ESP marker (RFC 3948 section 2.2), which {@code bytes} no longer contains.
     *
     * @param natT true when it came through port 4500 with the non-ESP marker
     */
    record IkeDatagram(long frame, Instant time, InetAddress src, InetAddress dst, int srcPort, int dstPort,
            boolean natT, Bytes bytes) implements CaptureRecord {
    }

    /**
     * An ESP packet (RFC 4303 section 2), either IP protocol 50 or inside UDP on port 4500 (RFC 3948
     * section 2.1). {@code bytes} starts at the SPI.
     *
     * @param udpEncap true for ESP in UDP
     * @param spi the SPI as an unsigned 32-bit value
     * @param seq the sequence number as an unsigned 32-bit value
     */
    record EspPacket(long frame, Instant time, InetAddress src, InetAddress dst, boolean udpEncap, long spi,
            long seq, Bytes bytes) implements CaptureRecord {
    }

    /** A NAT-keepalive: one 0xFF byte on UDP 4500 (RFC 3948 section 2.3). */
    record NatKeepalive(long frame, Instant time, InetAddress src, InetAddress dst) implements CaptureRecord {
    }

    /** Traffic that is neither IKE nor ESP (DNS, ARP, ...): not an error, just not ours. */
    record OtherTraffic(long frame, String what) implements CaptureRecord {
    }

    /**
     * A frame that could not be read as IKE or ESP, or a problem with the file itself (then the
     * frame number is the one the reader had reached).
     */
    record Undecodable(long frame, String reason) implements CaptureRecord {
    }
}

package org.ike4j.analysis.decode;

import java.util.Objects;
import java.util.Optional;

/**
 * One captured ESP packet (RFC 4303) as the decoder understood it: the header fields every
 * packet shows, then the decrypted inner packet or why there is none.
 *
 * @param spi the SPI, unsigned
 * @param seq the (low 32 bits of the) sequence number, unsigned
 * @param udpEncap true for ESP in UDP 4500 (RFC 3948)
 * @param bytes the ESP packet's length from the SPI on
 * @param status what could be done with it
 * @param suite the transforms it was opened with ({@code AES_CBC_128/HMAC_SHA1_96}, ", ESN" when the
 *     ICV needed the high-order sequence bits); empty when not opened
 * @param inner the decrypted inner packet
 * @param padLength the padding length from the ESP trailer, -1 when not decrypted
 * @param nextHeader the next header from the ESP trailer, -1 when not decrypted
 * @param duplicateOf the frame that carried the same SPI and sequence number before, 0 when none
 * @param detail why it was not decrypted; empty when it was
 */
public record EspNote(long spi, long seq, boolean udpEncap, int bytes, Status status, String suite,
        Optional<InnerPacket> inner, int padLength, int nextHeader, long duplicateOf, String detail) {

    public EspNote {
        Objects.requireNonNull(status);
        Objects.requireNonNull(suite);
        Objects.requireNonNull(inner);
        Objects.requireNonNull(detail);
    }

    /** What the decoder could do with an ESP packet. */
    public enum Status {
        /** ICV verified (or no integrity), decrypted, padding valid. */
        DECRYPTED(false),
        /** No esp_sa row for this SPI and these addresses. */
        NO_KEY(true),
        /** The ICV did not verify with the row's keys (RFC 4303 section 3.4.4). */
        INTEGRITY_FAILED(true),
        /** Shorter than header, IV, trailer and ICV, or not whole cipher blocks. */
        MALFORMED(true),
        /** A key was there but the packet did not open for another reason ({@code detail}). */
        NOT_DECRYPTED(true);

        private final boolean failure;

        Status(boolean failure) {
            this.failure = failure;
        }

        /** Whether a report marks it as a failure. */
        public boolean failure() {
            return failure;
        }
    }

    /** The one-line form the text report prints. */
    public String text() {
        StringBuilder out = new StringBuilder(160);
        out.append(String.format("ESP SPI 0x%08x seq %d, %d bytes%s", spi, seq, bytes, udpEncap ? " (in UDP 4500)" : ""));
        if (duplicateOf > 0) {
            out.append(" [duplicate sequence number: as frame ").append(duplicateOf).append(']');
        }
        if (status == Status.DECRYPTED) {
            out.append(": decrypted (").append(suite).append(", ICV ok): ")
                    .append(inner.map(InnerPacket::summary).orElse("")).append("; pad ").append(padLength)
                    .append(", next header ").append(nextHeader).append(nextHeaderName(nextHeader));
        } else {
            out.append(": ").append(detail);
        }
        return out.toString();
    }

    private static String nextHeaderName(int nextHeader) {
        return switch (nextHeader) {
            case 4 -> " (IPv4)";
            case 41 -> " (IPv6)";
            case 6 -> " (TCP, transport mode)";
            case 17 -> " (UDP, transport mode)";
            case 1 -> " (ICMP, transport mode)";
            default -> "";
        };
    }
}

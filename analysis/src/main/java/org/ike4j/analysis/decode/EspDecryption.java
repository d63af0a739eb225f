package org.ike4j.analysis.decode;

import org.ike4j.analysis.capture.CaptureRecord;

/**
 * The hook for ESP (RFC 4303) decryption: given the {@code esp_sa} keys of the key sources, it
 * opens an ESP packet. {@link EspOpener} does it with the dataplane's ESP; {@link #NOT_YET} only
 * lists each packet with its SPI and sequence number.
 */
@FunctionalInterface
public interface EspDecryption {

    /** What to print for one ESP packet: its decryption, or why there is none. */
    String describe(CaptureRecord.EspPacket packet, KeySources keys);

    /** The stand-in until the dataplane's ESP joins: SPI, sequence number, and "not yet". */
    EspDecryption NOT_YET = (packet, keys) -> {
        boolean keyed = keys.esp().stream().anyMatch(sa -> sa.spi() == packet.spi());
        return String.format("ESP SPI 0x%08x seq %d, %d bytes%s; ESP decryption: not yet%s", packet.spi(),
                packet.seq(), packet.bytes().length(), packet.udpEncap() ? " (in UDP 4500)" : "",
                keyed ? " (an esp_sa key for this SPI is loaded)" : "");
    };
}

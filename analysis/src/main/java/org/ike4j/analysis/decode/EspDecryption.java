package org.ike4j.analysis.decode;

import java.util.Optional;

import org.ike4j.analysis.capture.CaptureRecord;

/**
 * The hook for ESP (RFC 4303) decryption: given the {@code esp_sa} keys of the key sources, it
 * opens an ESP packet. {@link EspOpener} does it with the dataplane's ESP; {@link #NOT_YET} only
 * lists each packet with its SPI and sequence number.
 */
@FunctionalInterface
public interface EspDecryption {

    /** One ESP packet: its decryption, or why there is none. */
    EspNote open(CaptureRecord.EspPacket packet, KeySources keys);

    /** What to print for one ESP packet. */
    default String describe(CaptureRecord.EspPacket packet, KeySources keys) {
        return open(packet, keys).text();
    }

    /** Lists SPI and sequence number and decrypts nothing. */
    EspDecryption NOT_YET = (packet, keys) -> {
        boolean keyed = keys.esp().stream().anyMatch(sa -> sa.spi() == packet.spi());
        return new EspNote(packet.spi(), packet.seq(), packet.udpEncap(), packet.bytes().length(),
                EspNote.Status.NOT_DECRYPTED, "", Optional.empty(), -1, -1, 0, "ESP decryption: not yet"
                + (keyed ? " (an esp_sa key for this SPI is loaded)" : ""));
    };
}

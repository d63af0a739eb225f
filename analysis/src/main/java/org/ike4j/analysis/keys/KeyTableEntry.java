package org.ike4j.analysis.keys;

import java.util.Objects;

import org.ike4j.crypto.Secret;
import org.ike4j.wire.Bytes;

/**
 * One row of one of Wireshark's key tables. Keys are {@link Secret}s: they print as their length
 * only, and reach a file only through {@link WiresharkKeyTables#write}.
 */
public sealed interface KeyTableEntry {

    /** The table's file name in a Wireshark profile, which is also its {@code -o uat:} name. */
    String table();

    /**
     * {@code ikev1_decryption_table}: the initiator cookie and the Phase 1 encryption key (the
     * cipher's key from SKEYID_e, RFC 2409 appendix B), which with the cookie is all Wireshark needs
     * to decrypt an ISAKMP SA's messages.
     */
    record Ikev1(Bytes initiatorCookie, Secret encryptionKey) implements KeyTableEntry {
        public Ikev1 {
            Objects.requireNonNull(encryptionKey);
            if (initiatorCookie.length() != 8) {
                throw new IllegalArgumentException("an initiator cookie has 8 bytes, got " + initiatorCookie.length());
            }
        }

        @Override
        public String table() {
            return "ikev1_decryption_table";
        }
    }

    /**
     * {@code ikev2_decryption_table}: SPIs, SK_ei/SK_er with Wireshark's encryption name, SK_ai/SK_ar
     * with its integrity name (RFC 7296 section 2.14). For AEAD the integrity keys are empty and
     * the name is {@link WiresharkNames#IKEV2_NO_INTEGRITY}.
     */
    record Ikev2(Bytes spiI, Bytes spiR, Secret skEi, Secret skEr, String encryption, Secret skAi, Secret skAr,
            String integrity) implements KeyTableEntry {
        public Ikev2 {
            if (spiI.length() != 8 || spiR.length() != 8) {
                throw new IllegalArgumentException("IKE SPIs have 8 bytes");
            }
            Objects.requireNonNull(skEi);
            Objects.requireNonNull(skEr);
            Objects.requireNonNull(skAi);
            Objects.requireNonNull(skAr);
            Objects.requireNonNull(encryption);
            Objects.requireNonNull(integrity);
        }

        @Override
        public String table() {
            return "ikev2_decryption_table";
        }
    }

    /**
     * {@code esp_sa}: one direction of an ESP SA (RFC 4303): protocol {@code IPv4} or {@code IPv6},
     * source and destination address (or {@code *}), the SPI, and Wireshark's algorithm names with
     * their keys (for AES-GCM the key includes the 4-byte salt, RFC 4106 section 8.1).
     */
    record EspSa(String protocol, String source, String destination, long spi, String encryption,
            Secret encryptionKey, String authentication, Secret authenticationKey) implements KeyTableEntry {
        public EspSa {
            if (!protocol.equals("IPv4") && !protocol.equals("IPv6")) {
                throw new IllegalArgumentException("protocol is IPv4 or IPv6, got " + protocol);
            }
            if (spi < 0 || spi > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("an SPI has 32 bits: " + spi);
            }
            Objects.requireNonNull(source);
            Objects.requireNonNull(destination);
            Objects.requireNonNull(encryption);
            Objects.requireNonNull(encryptionKey);
            Objects.requireNonNull(authentication);
            Objects.requireNonNull(authenticationKey);
        }

        @Override
        public String table() {
            return "esp_sa";
        }
    }
}

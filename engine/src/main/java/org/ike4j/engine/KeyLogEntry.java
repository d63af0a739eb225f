package org.ike4j.engine;

import java.util.Objects;
import java.util.Optional;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.wire.Bytes;

/**
 * Key material an engine hands to the daemon for Wireshark's key tables, in an
 * {@link Action.LogKeys}, and only when the operator turned key logging on. The keys are
 * {@link Secret}s: the records print their lengths only, never the bytes. Each entry carries its
 * own copies, which the daemon destroys once written; the engine's keys are not shared.
 *
 * <p>ESP keys need no entry of their own: an {@link Action.InstallChildSa} carries both
 * directions' keys for the dataplane already.
 */
public sealed interface KeyLogEntry {

    /**
     * An IKEv1 ISAKMP SA (RFC 2409 section 5 and appendix B): what Wireshark's
     * {@code ikev1_decryption_table} needs — the initiator cookie and the cipher key taken from
     * SKEYID_e — with the responder cookie and the cipher for the log line.
     */
    record Ikev1IsakmpSa(Bytes initiatorCookie, Bytes responderCookie, CipherAlgorithm cipher, Secret encryptionKey)
            implements KeyLogEntry {
        public Ikev1IsakmpSa {
            if (initiatorCookie.length() != 8 || responderCookie.length() != 8) {
                throw new IllegalArgumentException("ISAKMP cookies have 8 bytes");
            }
            Objects.requireNonNull(cipher);
            Objects.requireNonNull(encryptionKey);
        }
    }

    /**
     * An IKEv2 SA (RFC 7296 section 2.14): the SPIs, SK_ei/SK_er with the encryption algorithm and
     * SK_ai/SK_ar with the integrity algorithm (empty with an AEAD, and then the integrity keys
     * are empty too). What Wireshark's {@code ikev2_decryption_table} needs.
     */
    record Ikev2Sa(Bytes spiI, Bytes spiR, Encryption encryption, Secret skEi, Secret skEr,
            Optional<IntegrityAlgorithm> integrity, Secret skAi, Secret skAr) implements KeyLogEntry {
        public Ikev2Sa {
            if (spiI.length() != 8 || spiR.length() != 8) {
                throw new IllegalArgumentException("IKE SPIs have 8 bytes");
            }
            Objects.requireNonNull(encryption);
            Objects.requireNonNull(skEi);
            Objects.requireNonNull(skEr);
            Objects.requireNonNull(integrity);
            Objects.requireNonNull(skAi);
            Objects.requireNonNull(skAr);
        }
    }

    /** Wipes the entry's copies of the keys. */
    default void destroy() {
        switch (this) {
            case Ikev1IsakmpSa e -> e.encryptionKey().destroy();
            case Ikev2Sa e -> {
                e.skEi().destroy();
                e.skEr().destroy();
                e.skAi().destroy();
                e.skAr().destroy();
            }
        }
    }
}

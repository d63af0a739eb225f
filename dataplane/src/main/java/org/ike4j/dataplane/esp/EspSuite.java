package org.ike4j.dataplane.esp;

import java.util.Optional;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.IntegrityAlgorithm;

/**
 * The transform of an ESP SA and the sizes it puts on the wire (RFC 4303 section 2): the IV
 * carried in each packet, the alignment the payload is padded to, and the ICV.
 *
 * @param encryption a cipher (AES-CBC, 3DES-CBC, AES-CTR, NULL) or an AEAD (AES-GCM RFC 4106,
 *     ChaCha20-Poly1305 RFC 7634)
 * @param integrity the integrity algorithm beside a cipher; empty with an AEAD (or, for tests
 *     only, a cipher without integrity)
 */
public record EspSuite(Encryption encryption, Optional<IntegrityAlgorithm> integrity) {

    public EspSuite {
        if (encryption.isAead() && integrity.isPresent()) {
            throw new IllegalArgumentException("an AEAD (" + encryption + ") takes no separate integrity algorithm");
        }
        if (encryption instanceof Encryption.Cipher c && c.algorithm() == org.ike4j.crypto.CipherAlgorithm.NULL
                && integrity.isEmpty()) {
            throw new IllegalArgumentException("NULL encryption without integrity protects nothing (RFC 4303 3.2)");
        }
    }

    public static EspSuite of(Encryption encryption, IntegrityAlgorithm integrity) {
        return new EspSuite(encryption, Optional.of(integrity));
    }

    public static EspSuite of(Encryption aead) {
        return new EspSuite(aead, Optional.empty());
    }

    public int ivSize() {
        return switch (encryption) {
            case Encryption.Cipher c -> c.algorithm().ivSize();
            case Encryption.Aead a -> a.algorithm().ivSize();
        };
    }

    /**
     * The payload, padding, pad length and next header end on a multiple of this: the cipher's
     * block, and at least 4 bytes (RFC 4303 section 2.4).
     */
    public int alignment() {
        int block = switch (encryption) {
            case Encryption.Cipher c -> c.algorithm().blockSize();
            case Encryption.Aead a -> 1;
        };
        return Math.max(block, 4);
    }

    public int icvSize() {
        return switch (encryption) {
            case Encryption.Cipher c -> integrity.map(IntegrityAlgorithm::icvSize).orElse(0);
            case Encryption.Aead a -> a.algorithm().icvSize();
        };
    }

    /** SPI and sequence number, then the IV. */
    public int headerSize() {
        return 8 + ivSize();
    }

    /** The most bytes sealing adds after the payload: padding, pad length, next header and ICV. */
    public int maxTrailer() {
        return alignment() - 1 + 2 + icvSize();
    }

    @Override
    public String toString() {
        return integrity.map(i -> encryption + "/" + i).orElse(encryption.toString());
    }

    /**
     * This suite's integrity algorithm keyed for packets (one direction of one SA), or null with
     * an AEAD, which carries its own ICV. The revealed key copy is wiped once keyed.
     */
    org.ike4j.crypto.PacketIntegrity packetIntegrity(org.ike4j.crypto.Crypto crypto, org.ike4j.crypto.Secret key) {
        if (integrity.isEmpty()) {
            return null;
        }
        byte[] ik = key.reveal();
        try {
            return crypto.integrity(integrity.get()).forPackets(ik);
        } finally {
            java.util.Arrays.fill(ik, (byte) 0);
        }
    }
}

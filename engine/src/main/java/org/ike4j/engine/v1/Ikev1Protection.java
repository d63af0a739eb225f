package org.ike4j.engine.v1;

import java.util.HashMap;
import java.util.Map;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.kdf.Ikev1HashAlgorithm;
import org.ike4j.crypto.kdf.Ikev1IvChain;

/**
 * Encryption of the payloads after the ISAKMP header, RFC 2409 section 5.3 and Appendix B, with
 * the IV chain of each exchange:
 *
 * <ul>
 * <li>Phase 1 (message ID 0): IV = hash(g^xi | g^xr), then the last ciphertext block of each
 *     message in turn.</li>
 * <li>Quick Mode and Informational (each message ID): the first IV is hash(last Phase 1 CBC
 *     block | M-ID), then the last ciphertext block of each message of that exchange.</li>
 * </ul>
 *
 * Decryption does not move a chain: the caller commits the next IV ({@link Decrypted#next}) only
 * once the message proved authentic, so that a forged or corrupted message changes nothing.
 *
 * <p>Padding (RFC 2409 Appendix B leaves its content open; RFC 2408 section 3.1 wants the
 * payloads padded to the block size): zeros up to the block size. With {@code plutoPadding}, a
 * plaintext that already fills whole blocks still gets one full block of zeros, as pluto does.
 */
public final class Ikev1Protection {
    private final Cipher cipher;
    private final Secret key;
    private final Ikev1HashAlgorithm hash;
    private final boolean plutoPadding;
    private Ikev1IvChain phase1;
    private boolean phase1Done;
    private final Map<Integer, Ikev1IvChain> phase2 = new HashMap<>();

    /** The result of decrypting: the plaintext and the chain to commit once it is authentic. */
    public record Decrypted(byte[] plaintext, Ikev1IvChain next, byte[] iv) {
    }

    public Ikev1Protection(Cipher cipher, Secret key, Ikev1HashAlgorithm hash, Ikev1IvChain phase1Iv,
            boolean plutoPadding) {
        this.cipher = cipher;
        this.key = key;
        this.hash = hash;
        this.phase1 = phase1Iv;
        this.plutoPadding = plutoPadding;
    }

    public int blockSize() {
        return cipher.algorithm().blockSize();
    }

    /** Marks the end of Phase 1: the current Phase 1 IV is now the last Phase 1 CBC block. */
    public void phase1Complete() {
        phase1Done = true;
    }

    /** The IV the next message of this exchange uses. */
    public Ikev1IvChain chain(int messageId) {
        if (messageId == 0) {
            return phase1;
        }
        return phase2.computeIfAbsent(messageId, m -> phase1.phase2(hash, Octets4.of(m)));
    }

    /**
     * Whether this Phase 2 or Informational exchange already has its IV chain; false before its
     * first message, whose IV is then computed from the last Phase 1 block (for the trace).
     */
    public boolean started(int messageId) {
        return messageId == 0 || phase2.containsKey(messageId);
    }

    /** The Phase 1 chain's current IV: after Phase 1, its last CBC block, the seed of every Phase 2 IV. */
    public byte[] lastPhase1Iv() {
        return phase1.iv();
    }

    /** Forgets the IV of a finished Phase 2 or Informational exchange. */
    public void forget(int messageId) {
        if (messageId != 0) {
            phase2.remove(messageId);
        }
    }

    public boolean phase1Done() {
        return phase1Done;
    }

    /** Pads and encrypts a payload chain's plaintext, moving the exchange's IV on. */
    public byte[] encrypt(int messageId, byte[] plaintext) {
        Ikev1IvChain c = chain(messageId);
        byte[] ct = encrypt(c.iv(), plaintext);
        commit(messageId, c.next(ct));
        return ct;
    }

    /** Encrypts with an explicit IV (known-answer tests). */
    public byte[] encrypt(byte[] iv, byte[] plaintext) {
        byte[] padded = pad(plaintext);
        byte[] k = key.reveal();
        try {
            return cipher.encrypt(k, iv, padded);
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
    }

    /** Decrypts without moving the IV; throws IllegalArgumentException if not whole blocks. */
    public Decrypted decrypt(int messageId, byte[] ciphertext) {
        int b = blockSize();
        if (ciphertext.length == 0 || ciphertext.length % b != 0) {
            throw new IllegalArgumentException(
                    "encrypted body of " + ciphertext.length + " bytes is not a whole number of " + b + "-byte blocks");
        }
        Ikev1IvChain c = chain(messageId);
        byte[] k = key.reveal();
        try {
            return new Decrypted(cipher.decrypt(k, c.iv(), ciphertext), c.next(ciphertext), c.iv());
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
    }

    /** Moves the exchange's IV on after an authentic message. */
    public void commit(int messageId, Ikev1IvChain next) {
        if (messageId == 0) {
            phase1 = next;
        } else {
            phase2.put(messageId, next);
        }
    }

    byte[] pad(byte[] plaintext) {
        int b = blockSize();
        int pad = (b - plaintext.length % b) % b;
        if (pad == 0 && plutoPadding) {
            pad = b;
        }
        return java.util.Arrays.copyOf(plaintext, plaintext.length + pad);
    }

    /** Wipes the encryption key. */
    public void destroy() {
        key.destroy();
    }

    /** A message ID as its four bytes, big-endian. */
    static final class Octets4 {
        private Octets4() {
        }

        static byte[] of(int v) {
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
    }
}

package org.ike4j.crypto.kdf;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The CBC IV of an IKEv1 exchange: where it starts and how it moves on (RFC 2409 Appendix B,
 * sections 5.5 and 5.7). IKEv1 carries no IV in its messages; both peers track it. Immutable:
 * each step returns a new chain.
 *
 * <pre>
 * Phase 1:                 IV = hash(g^xi | g^xr)
 * Quick Mode, Informational: IV = hash(last Phase 1 CBC output block | M-ID)
 * each later message:      IV = last CBC (ciphertext) block of the previous message of the exchange
 * </pre>
 *
 * The hash is the negotiated Phase 1 hash, not the PRF; its output is truncated to the cipher's
 * block size. g^xi and g^xr are the Diffie-Hellman public values (KE payload bodies), M-ID the
 * 4-byte message ID of the Phase 2 or Informational exchange.
 */
public final class Ikev1IvChain {
    private final byte[] iv;

    private Ikev1IvChain(byte[] iv) {
        this.iv = iv;
    }

    /** A chain whose current IV is {@code iv} (its length is the cipher's block size). */
    public static Ikev1IvChain of(byte[] iv) {
        if (iv.length == 0) {
            throw new IllegalArgumentException("empty IV");
        }
        return new Ikev1IvChain(iv.clone());
    }

    /** The Phase 1 IV: hash(g^xi | g^xr) truncated to {@code blockSize}. */
    public static Ikev1IvChain phase1(Ikev1HashAlgorithm hash, byte[] gxi, byte[] gxr, int blockSize) {
        return truncated(hash.digest(gxi, gxr), blockSize);
    }

    /**
     * The first IV of a Quick Mode or Informational exchange: hash(last Phase 1 CBC output block |
     * M-ID) truncated to {@code blockSize}.
     */
    public static Ikev1IvChain phase2(Ikev1HashAlgorithm hash, byte[] lastPhase1Block, byte[] messageId,
            int blockSize) {
        Octets.requireLength(messageId, 4, "M-ID");
        return truncated(hash.digest(lastPhase1Block, messageId), blockSize);
    }

    /**
     * {@link #phase2} from this chain, taken to be the Phase 1 chain after its last message: its
     * current IV is the last Phase 1 CBC block.
     */
    public Ikev1IvChain phase2(Ikev1HashAlgorithm hash, byte[] messageId) {
        return phase2(hash, iv, messageId, iv.length);
    }

    /**
     * The chain after a message was encrypted or decrypted under {@link #iv()}: the next IV is the
     * last ciphertext block of {@code ciphertext} (the message's encrypted payloads, a whole number
     * of blocks).
     */
    public Ikev1IvChain next(byte[] ciphertext) {
        int b = iv.length;
        if (ciphertext.length < b || ciphertext.length % b != 0) {
            throw new IllegalArgumentException(
                    "ciphertext of " + ciphertext.length + " bytes is not a whole number of " + b + "-byte blocks");
        }
        return new Ikev1IvChain(Arrays.copyOfRange(ciphertext, ciphertext.length - b, ciphertext.length));
    }

    /** The IV for the next message. */
    public byte[] iv() {
        return iv.clone();
    }

    public int blockSize() {
        return iv.length;
    }

    private static Ikev1IvChain truncated(byte[] digest, int blockSize) {
        if (blockSize <= 0 || blockSize > digest.length) {
            throw new IllegalArgumentException(
                    "block size " + blockSize + " does not fit a " + digest.length + "-byte hash");
        }
        return new Ikev1IvChain(Arrays.copyOf(digest, blockSize));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ikev1IvChain c && Arrays.equals(iv, c.iv);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(iv);
    }

    /** IVs are not secret (they are derived from public values and ciphertext), so they print. */
    @Override
    public String toString() {
        return "Ikev1IvChain[" + HexFormat.of().formatHex(iv) + "]";
    }
}

package org.ike4j.crypto;

/**
 * A {@link Cipher} keyed once for one direction of an SA, working in place on packets: what the
 * ESP dataplane calls for every packet, so it neither copies the key nor allocates output arrays.
 * Not thread-safe: one SA direction, one thread at a time.
 */
public interface PacketCipher {
    /** Encrypts {@code buf[offset, offset + length)} in place (whole blocks) with the IV at {@code ivOffset}. */
    void encrypt(byte[] iv, int ivOffset, byte[] buf, int offset, int length);

    /** Decrypts {@code buf[offset, offset + length)} in place (whole blocks) with the IV at {@code ivOffset}. */
    void decrypt(byte[] iv, int ivOffset, byte[] buf, int offset, int length);
}

package org.ike4j.crypto;

/**
 * An {@link Aead} keyed once (cipher key and salt) for one direction of an SA, sealing and opening
 * packets in place. The nonce is the salt followed by the explicit IV (RFC 4106 section 4, RFC 7634
 * section 2); the IV's uniqueness is the caller's. Not thread-safe: one SA direction, one thread at
 * a time.
 */
public interface PacketAead {
    /**
     * Encrypts {@code buf[offset, offset + length)} in place and writes the ICV right after it.
     *
     * @return {@code length} plus the ICV size
     */
    int seal(byte[] iv, int ivOffset, byte[] aad, int aadOffset, int aadLength, byte[] buf, int offset, int length);

    /**
     * Verifies the ICV at the end of {@code buf[offset, offset + length)} and decrypts the rest in
     * place; nothing is decrypted into {@code buf} unless the ICV verifies.
     *
     * @return the plaintext length ({@code length} minus the ICV size)
     * @throws AuthenticationException if the ICV does not verify or the input is shorter than an ICV
     */
    int open(byte[] iv, int ivOffset, byte[] aad, int aadOffset, int aadLength, byte[] buf, int offset, int length)
            throws AuthenticationException;
}

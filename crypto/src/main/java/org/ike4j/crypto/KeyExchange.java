package org.ike4j.crypto;

/**
 * One side of a Diffie-Hellman exchange: a fresh private value, its public value as it goes in a
 * KE payload, and the shared secret from the peer's public value. Not thread-safe; used once.
 */
public interface KeyExchange extends AutoCloseable {
    DhGroup group();

    /** The public value in the KE payload's encoding (RFC 2409/7296 for MODP, RFC 5903 for ECP, RFC 8031). */
    byte[] publicValue();

    /**
     * g^ir from the peer's public value, after validating it (range for MODP, on-curve and not the
     * identity for ECP, not all-zero for X25519/X448).
     */
    Secret sharedSecret(byte[] peerPublicValue) throws InvalidPublicValueException;

    /** Wipes the private value. */
    @Override
    void close();
}

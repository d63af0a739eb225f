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

    /**
     * The cheap checks of a peer's public value for {@code group}, made before a responder keeps
     * state or answers and before anything is computed: length for the group, MODP range, ECP point
     * on the curve (RFC 6989 section 2; see {@link org.ike4j.crypto.ke.KeyExchanges#checkPublicValue}
     * for what is left to the computation and why).
     *
     * @throws InvalidPublicValueException naming the group and what is wrong
     */
    static void checkPeerPublicValue(DhGroup group, byte[] peerPublicValue) throws InvalidPublicValueException {
        org.ike4j.crypto.ke.KeyExchanges.checkPublicValue(group, peerPublicValue);
    }

    /** Wipes the private value. */
    @Override
    void close();
}

package org.ike4j.crypto;

import java.security.SecureRandom;

/**
 * Where an engine gets the ephemeral key pair of a key exchange (RFC 7296 1.2, 1.3: the KE
 * payload's private value and public value). The engine asks for one per KE payload it sends and
 * closes it once the shared secret is computed; a source never hands out the same key pair twice.
 *
 * <p>An engine is given a source as it is given its random source: {@link #inline} draws the key
 * pair there and then (tests, and what the engine did before sources existed - with a seeded
 * random the same draws in the same order); the daemon gives a pool that generated it ahead of
 * need on worker threads, so that the modular exponentiation or scalar multiplication of key
 * generation leaves the event loop (see the daemon's {@code KeyPairPool}).
 */
@FunctionalInterface
public interface KeyExchangeSource {

    /**
     * A fresh key pair of {@code group}, used by no one else before or after.
     *
     * @throws UnsupportedAlgorithmException no backend has the group
     * @throws IllegalStateException the source cannot deliver (a pool shut down); the message says why
     */
    KeyExchange next(DhGroup group);

    /** Generates each key pair when asked, on the caller's thread, from {@code crypto} and {@code random}. */
    static KeyExchangeSource inline(Crypto crypto, SecureRandom random) {
        return group -> crypto.keyExchange(group, random);
    }
}

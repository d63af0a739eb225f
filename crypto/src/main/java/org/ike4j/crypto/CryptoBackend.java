package org.ike4j.crypto;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * A source of crypto primitives: the JDK's JCA providers, BouncyCastle, or Amazon Corretto Crypto
 * Provider. Each answers only for what it supports; {@link Crypto} chooses among them per
 * algorithm, and the one known-answer suite runs against each.
 */
public interface CryptoBackend {
    String name();

    /** False where the backend cannot run here (e.g. a native provider without its library). */
    default boolean available() {
        return true;
    }

    Optional<Prf> prf(PrfAlgorithm algorithm);

    Optional<Integrity> integrity(IntegrityAlgorithm algorithm);

    Optional<Cipher> cipher(CipherAlgorithm algorithm);

    Optional<Aead> aead(AeadAlgorithm algorithm);

    /** A new key exchange with a fresh private value drawn from {@code random}. */
    Optional<KeyExchange> keyExchange(DhGroup group, SecureRandom random);
}

package org.ike4j.crypto;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A backend that builds its primitives once, at construction, into one table per family; asking
 * for one is then a lookup. Subclasses fill the tables in their constructors and leave out what
 * they do not offer.
 */
public abstract class TableBackend implements CryptoBackend {
    protected final Map<PrfAlgorithm, Prf> prfs = new EnumMap<>(PrfAlgorithm.class);
    protected final Map<IntegrityAlgorithm, Integrity> integrities = new EnumMap<>(IntegrityAlgorithm.class);
    protected final Map<CipherAlgorithm, Cipher> ciphers = new EnumMap<>(CipherAlgorithm.class);
    protected final Map<AeadAlgorithm, Aead> aeads = new EnumMap<>(AeadAlgorithm.class);

    @Override
    public final Optional<Prf> prf(PrfAlgorithm algorithm) {
        return Optional.ofNullable(prfs.get(algorithm));
    }

    @Override
    public final Optional<Integrity> integrity(IntegrityAlgorithm algorithm) {
        return Optional.ofNullable(integrities.get(algorithm));
    }

    @Override
    public final Optional<Cipher> cipher(CipherAlgorithm algorithm) {
        return Optional.ofNullable(ciphers.get(algorithm));
    }

    @Override
    public final Optional<Aead> aead(AeadAlgorithm algorithm) {
        return Optional.ofNullable(aeads.get(algorithm));
    }
}

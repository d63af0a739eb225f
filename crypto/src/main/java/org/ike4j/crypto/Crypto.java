package org.ike4j.crypto;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.ike4j.crypto.jca.JcaBackend;

/**
 * The primitives ike4j uses, each taken from the first backend in preference order that has it.
 * The order per algorithm family follows measurements recorded in docs/performance.md.
 */
public final class Crypto {
    private final List<CryptoBackend> backends;

    public Crypto(List<CryptoBackend> backends) {
        this.backends = backends.stream().filter(CryptoBackend::available).toList();
        if (this.backends.isEmpty()) {
            throw new IllegalArgumentException("no crypto backend available");
        }
    }

    private static final class Defaults {
        static final Crypto INSTANCE = new Crypto(List.of(new JcaBackend()));
    }

    /** The process-wide default selection of backends. */
    public static Crypto defaults() {
        return Defaults.INSTANCE;
    }

    public List<CryptoBackend> backends() {
        return backends;
    }

    private <T> T first(Function<CryptoBackend, Optional<T>> f, Object what) {
        for (CryptoBackend b : backends) {
            Optional<T> t = f.apply(b);
            if (t.isPresent()) {
                return t.get();
            }
        }
        throw new UnsupportedAlgorithmException(what + " is not supported by any backend");
    }

    public Prf prf(PrfAlgorithm a) {
        return first(b -> b.prf(a), a);
    }

    public Integrity integrity(IntegrityAlgorithm a) {
        return first(b -> b.integrity(a), a);
    }

    public Cipher cipher(CipherAlgorithm a) {
        return first(b -> b.cipher(a), a);
    }

    public Aead aead(AeadAlgorithm a) {
        return first(b -> b.aead(a), a);
    }

    public KeyExchange keyExchange(DhGroup g, SecureRandom random) {
        return first(b -> b.keyExchange(g, random), g);
    }
}

package org.ike4j.crypto;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.ike4j.crypto.accp.AccpBackend;
import org.ike4j.crypto.bc.BcBackend;
import org.ike4j.crypto.jca.JcaBackend;

/**
 * The primitives ike4j uses, each taken from the first backend, in the preference order of its
 * family, that has it. Primitives are resolved once, at construction, so asking for one on a hot
 * path is a map lookup; a backend that cannot run here ({@link CryptoBackend#available()} false,
 * e.g. ACCP without its native library) is left out and the next one serves.
 */
public final class Crypto {
    /** The algorithm families, each with its own backend preference order. */
    public enum Family { PRF, INTEGRITY, CIPHER, AEAD, KEY_EXCHANGE }

    private final List<CryptoBackend> backends;
    private final Map<Family, List<CryptoBackend>> order = new EnumMap<>(Family.class);
    private final Map<PrfAlgorithm, Prf> prfs = new EnumMap<>(PrfAlgorithm.class);
    private final Map<IntegrityAlgorithm, Integrity> integrities = new EnumMap<>(IntegrityAlgorithm.class);
    private final Map<CipherAlgorithm, Cipher> ciphers = new EnumMap<>(CipherAlgorithm.class);
    private final Map<AeadAlgorithm, Aead> aeads = new EnumMap<>(AeadAlgorithm.class);

    /** The available ones of {@code backends}, preferred in the given order for every family. */
    public Crypto(List<CryptoBackend> backends) {
        this(backends, Map.of());
    }

    /**
     * @param backends the backends to use; unavailable ones are dropped
     * @param preferences per family, backend names in order of preference; backends a family does not
     *     name follow in the order of {@code backends}
     */
    public Crypto(List<CryptoBackend> backends, Map<Family, List<String>> preferences) {
        this.backends = backends.stream().filter(CryptoBackend::available).toList();
        if (this.backends.isEmpty()) {
            throw new IllegalArgumentException("no crypto backend available");
        }
        for (Family f : Family.values()) {
            List<CryptoBackend> ordered = new ArrayList<>();
            for (String name : preferences.getOrDefault(f, List.of())) {
                this.backends.stream().filter(b -> b.name().equals(name)).findFirst().ifPresent(ordered::add);
            }
            this.backends.stream().filter(b -> !ordered.contains(b)).forEach(ordered::add);
            order.put(f, List.copyOf(ordered));
        }
        for (PrfAlgorithm a : PrfAlgorithm.values()) {
            resolve(Family.PRF, b -> b.prf(a)).ifPresent(p -> prfs.put(a, p));
        }
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            resolve(Family.INTEGRITY, b -> b.integrity(a)).ifPresent(i -> integrities.put(a, i));
        }
        for (CipherAlgorithm a : CipherAlgorithm.values()) {
            resolve(Family.CIPHER, b -> b.cipher(a)).ifPresent(c -> ciphers.put(a, c));
        }
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            resolve(Family.AEAD, b -> b.aead(a)).ifPresent(c -> aeads.put(a, c));
        }
    }

    /**
     * The default preference per family, from measurements on this code (recorded in the commit
     * that set it and in docs/performance.md once JMH runs exist): ACCP (AWS-LC) for HMAC and
     * AES-GCM where it loads, the JDK for ciphers, BouncyCastle for CCM and 8-byte-ICV GCM, which the
     * JDK lacks.
     */
    static final Map<Family, List<String>> DEFAULT_PREFERENCES = Map.of(
            Family.PRF, List.of("accp", "jca", "bc"),
            Family.INTEGRITY, List.of("accp", "jca", "bc"),
            Family.CIPHER, List.of("jca", "accp", "bc"),
            Family.AEAD, List.of("accp", "jca", "bc"),
            Family.KEY_EXCHANGE, List.of("jca", "accp", "bc"));

    private static final class Defaults {
        static final Crypto INSTANCE =
                new Crypto(List.of(new JcaBackend(), new BcBackend(), new AccpBackend()), DEFAULT_PREFERENCES);
    }

    /** The process-wide default selection of backends. */
    public static Crypto defaults() {
        return Defaults.INSTANCE;
    }

    /** The available backends, in the order given. */
    public List<CryptoBackend> backends() {
        return backends;
    }

    /** The backends in the order tried for one family. */
    public List<CryptoBackend> order(Family family) {
        return order.get(family);
    }

    private <T> Optional<T> resolve(Family family, Function<CryptoBackend, Optional<T>> f) {
        for (CryptoBackend b : order.get(family)) {
            Optional<T> t = f.apply(b);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    private static <T> T found(T t, Object what) {
        if (t == null) {
            throw new UnsupportedAlgorithmException(what + " is not supported by any backend");
        }
        return t;
    }

    public Prf prf(PrfAlgorithm a) {
        return found(prfs.get(a), a);
    }

    public Integrity integrity(IntegrityAlgorithm a) {
        return found(integrities.get(a), a);
    }

    public Cipher cipher(CipherAlgorithm a) {
        return found(ciphers.get(a), a);
    }

    public Aead aead(AeadAlgorithm a) {
        return found(aeads.get(a), a);
    }

    public KeyExchange keyExchange(DhGroup g, SecureRandom random) {
        return found(resolve(Family.KEY_EXCHANGE, b -> b.keyExchange(g, random)).orElse(null), g);
    }
}

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
 * family, that has it (see {@link #defaults()} for the measured default order). Primitives are
 * resolved once, at construction, so asking for one on a hot path is a map lookup; a backend that
 * cannot run here ({@link CryptoBackend#available()} false, e.g. ACCP without its native library)
 * is left out and the next one serves.
 */
public final class Crypto {
    /** The algorithm families, each with its own backend preference order. */
    public enum Family {
        PRF, INTEGRITY, CIPHER, AEAD,
        /** Finite-field Diffie-Hellman (MODP groups). */
        KEY_EXCHANGE_MODP,
        /** Elliptic-curve Diffie-Hellman over the NIST prime curves (ECP groups). */
        KEY_EXCHANGE_ECP,
        /** Curve25519 and Curve448 (RFC 7748). */
        KEY_EXCHANGE_MONTGOMERY;

        /** The key exchange family of a group. */
        public static Family of(DhGroup g) {
            return switch (g.kind()) {
                case MODP -> KEY_EXCHANGE_MODP;
                case ECP -> KEY_EXCHANGE_ECP;
                case MONTGOMERY -> KEY_EXCHANGE_MONTGOMERY;
            };
        }
    }

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
     * The default preference per family. Measured on this code with a throwaway single-thread loop
     * (JDK 25, AMD EPYC with AES-NI/SHA-NI/VPCLMULQDQ, 2 vCPUs under heavy load, so +-50%): the
     * JDK's intrinsified SunJCE was fastest or within noise of ACCP everywhere (1408-byte packets:
     * AES-GCM-128 seal ~1.0-1.4 us both; HMAC-SHA-256-128 ~1.4-2.5 us both; AES-CBC-128 encrypt
     * ~2.3 us JCA vs ~3.1 us ACCP; 64-byte HMAC-SHA1 PRF 0.25 us JCA vs 0.34 us ACCP), and needs no
     * native library; ACCP comes second; BouncyCastle's pure-Java lightweight API was 3-20x slower
     * on bulk data and comes last, serving what the others lack (AES-GCM with an 8-byte ICV).
     *
     * <p>Key exchange, one side (key generation + shared secret), thread CPU time under the same load:
     * ECP-256 0.063 ms ACCP, 0.24 ms BouncyCastle, 0.65 ms SunEC (which checks the peer point's order
     * with a full scalar multiplication); ECP-384 0.23 / 0.86 / 3.6 ms; Curve25519 0.115 ms
     * BouncyCastle vs 0.29 ms JDK (ACCP 2.5 has no XDH); Curve448 0.46 vs 1.17 ms; MODP runs the same
     * BigInteger code in JCA and BouncyCastle (ACCP 2.5 has no DH): 0.15 ms for modp1024, 0.73 ms
     * for modp2048. JMH figures: docs/performance.md.
     */
    static final Map<Family, List<String>> DEFAULT_PREFERENCES = Map.of(
            Family.PRF, List.of("jca", "accp", "bc"),
            Family.INTEGRITY, List.of("jca", "accp", "bc"),
            Family.CIPHER, List.of("jca", "accp", "bc"),
            Family.AEAD, List.of("jca", "accp", "bc"),
            Family.KEY_EXCHANGE_MODP, List.of("jca", "bc", "accp"),
            Family.KEY_EXCHANGE_ECP, List.of("accp", "bc", "jca"),
            Family.KEY_EXCHANGE_MONTGOMERY, List.of("bc", "jca", "accp"));

    /**
     * The ESP packet path's preference: {@link #DEFAULT_PREFERENCES} but ACCP first for AEADs.
     * Per 1400-byte packet, AES-GCM-16-128 through {@link PacketAead} (PacketPathBench, thread CPU
     * time, load ~7): seal 553 ns ACCP vs 652 ns SunJCE, open 517 vs 566 ns; and ACCP works in place
     * and allocates 88 bytes per packet (the parameter spec) where SunJCE's per-packet init
     * allocates ~1.1 KB (GHASH and counter state), which a tunnel at 3 Gbit/s turns into 300 MB/s of
     * garbage per direction. In the tunnel: docs/performance.md, "Traffic through a tunnel". The
     * other families keep their order: where ACCP is not loaded, SunJCE serves as before.
     */
    static final Map<Family, List<String>> PACKET_PREFERENCES;

    static {
        Map<Family, List<String>> m = new EnumMap<>(DEFAULT_PREFERENCES);
        m.put(Family.AEAD, List.of("accp", "jca", "bc"));
        PACKET_PREFERENCES = Map.copyOf(m);
    }

    private static final class Defaults {
        static final List<CryptoBackend> BACKENDS = List.of(new JcaBackend(), new BcBackend(), new AccpBackend());
        static final Crypto INSTANCE = new Crypto(BACKENDS, DEFAULT_PREFERENCES);
    }

    private static final class PacketDefaults {
        static final Crypto INSTANCE = new Crypto(Defaults.BACKENDS, PACKET_PREFERENCES);
    }

    /**
     * The process-wide default: JDK, BouncyCastle and ACCP backends in the measured order of each
     * family (noted at {@code DEFAULT_PREFERENCES}).
     */
    public static Crypto defaults() {
        return Defaults.INSTANCE;
    }

    /**
     * The default for the ESP packet path ({@code forPackets} of each SA direction): the same
     * backends as {@link #defaults()}, in the order measured per packet ({@code PACKET_PREFERENCES}).
     */
    public static Crypto forPackets() {
        return PacketDefaults.INSTANCE;
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
        return found(resolve(Family.of(g), b -> b.keyExchange(g, random)).orElse(null), g);
    }
}

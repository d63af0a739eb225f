package org.ike4j.crypto.selftest;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AuthenticationException;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.Integrity;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.ke.KeyExchanges;

/**
 * The known-answer tests the daemon runs at start, as strongSwan's test-vectors plugin does: every
 * algorithm of every available backend against a published answer (for Diffie-Hellman: both
 * sides' public values and the shared secret from known private values), plus a pairwise
 * consistency check of every key exchange group (two fresh key pairs must agree, and the
 * peer-value validation must refuse an all-zero value). A backend that fails an algorithm must not be used
 * for it.
 */
public final class SelfTest {
    private static final HexFormat HEX = HexFormat.of();

    /** How one check ended. */
    public enum Outcome { PASS, FAIL, UNSUPPORTED }

    /**
     * One check.
     *
     * @param family prf, integrity, cipher, aead or key-exchange
     * @param algorithm the algorithm's name
     * @param backend the backend's name
     * @param source where the known answer comes from
     * @param outcome the result
     * @param detail why it failed, empty otherwise
     */
    public record Result(String family, String algorithm, String backend, String source, Outcome outcome,
            String detail) {
    }

    private final List<CryptoBackend> backends;
    private final SecureRandom random;

    public SelfTest(List<CryptoBackend> backends, SecureRandom random) {
        this.backends = List.copyOf(backends);
        this.random = random;
    }

    /** Runs every check against every backend, in a stable order. */
    public List<Result> run() {
        List<Result> out = new ArrayList<>();
        for (CryptoBackend b : backends) {
            if (!b.available()) {
                continue;
            }
            for (var k : KnownAnswers.PRF) {
                out.add(check("prf", k.algorithm().name(), b, k.source(), () -> b.prf(k.algorithm()).map(p -> prf(p, k))));
            }
            for (var k : KnownAnswers.INTEGRITY) {
                out.add(check("integrity", k.algorithm().name(), b, k.source(),
                        () -> b.integrity(k.algorithm()).map(i -> integrity(i, k))));
            }
            for (var k : KnownAnswers.CIPHER) {
                out.add(check("cipher", k.algorithm().name(), b, k.source(), () -> b.cipher(k.algorithm()).map(c -> cipher(c, k))));
            }
            for (var k : KnownAnswers.AEAD) {
                out.add(check("aead", k.algorithm().name(), b, k.source(), () -> b.aead(k.algorithm()).map(a -> aead(a, k))));
            }
            for (var k : KnownAnswers.KEY_EXCHANGE) {
                out.add(check("key-exchange", k.group().name(), b, k.source(), () -> keyExchange(b, k)));
            }
            for (DhGroup g : DhGroup.values()) {
                out.add(check("key-exchange-pairwise", g.name(), b, "fresh key pairs agree", () -> pairwise(b, g)));
            }
        }
        return out;
    }

    /**
     * Algorithms that no backend passed: "family algorithm" for each. The daemon needs every
     * algorithm from at least one backend, so these count as failures.
     */
    public static List<String> uncovered(List<Result> results) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        java.util.Set<String> ok = new java.util.HashSet<>();
        for (Result r : results) {
            String key = r.family() + " " + r.algorithm();
            all.add(key);
            if (r.outcome() == Outcome.PASS) {
                ok.add(key);
            }
        }
        all.removeAll(ok);
        return List.copyOf(all);
    }

    /** True when no check failed. */
    public static boolean passed(List<Result> results) {
        return results.stream().noneMatch(r -> r.outcome() == Outcome.FAIL);
    }

    private static Result check(String family, String algorithm, CryptoBackend b, String source,
            Supplier<Optional<String>> test) {
        try {
            Optional<String> failure = test.get();
            if (failure.isEmpty()) {
                return new Result(family, algorithm, b.name(), source, Outcome.UNSUPPORTED, "");
            }
            String why = failure.get();
            return new Result(family, algorithm, b.name(), source, why.isEmpty() ? Outcome.PASS : Outcome.FAIL, why);
        } catch (RuntimeException e) {
            return new Result(family, algorithm, b.name(), source, Outcome.FAIL, e.toString());
        }
    }

    // Each check returns "" when it passed, a reason when it failed; Optional.empty() means the
    // backend does not offer the algorithm. check() turns "" into PASS.

    private static String prf(Prf p, KnownAnswers.PrfKat k) {
        return same("output", HEX.formatHex(p.apply(HEX.parseHex(k.key()), HEX.parseHex(k.data()))), k.out());
    }

    private static String integrity(Integrity i, KnownAnswers.IntegrityKat k) {
        byte[] key = HEX.parseHex(k.key());
        byte[] data = HEX.parseHex(k.data());
        String r = same("ICV", HEX.formatHex(i.icv(key, data)), k.icv());
        if (r.isEmpty()) {
            byte[] bad = HEX.parseHex(k.icv());
            bad[0] ^= 1;
            if (i.verify(key, bad, data)) {
                return "accepted a corrupted ICV";
            }
        }
        return r;
    }

    private static String cipher(Cipher c, KnownAnswers.CipherKat k) {
        byte[] key = HEX.parseHex(k.key());
        byte[] iv = HEX.parseHex(k.iv());
        String r = same("ciphertext", HEX.formatHex(c.encrypt(key, iv, HEX.parseHex(k.plain()))), k.cipher());
        return r.isEmpty() ? same("plaintext", HEX.formatHex(c.decrypt(key, iv, HEX.parseHex(k.cipher()))), k.plain()) : r;
    }

    private static String aead(Aead a, KnownAnswers.AeadKat k) {
        byte[] key = HEX.parseHex(k.key());
        byte[] iv = HEX.parseHex(k.iv());
        byte[] aad = HEX.parseHex(k.aad());
        String r = same("sealed", HEX.formatHex(a.seal(key, iv, aad, HEX.parseHex(k.plain()))), k.sealed());
        if (!r.isEmpty()) {
            return r;
        }
        try {
            r = same("opened", HEX.formatHex(a.open(key, iv, aad, HEX.parseHex(k.sealed()))), k.plain());
        } catch (AuthenticationException e) {
            return "rejected its own known answer";
        }
        byte[] bad = HEX.parseHex(k.sealed());
        bad[bad.length - 1] ^= 1;
        try {
            a.open(key, iv, aad, bad);
            return "accepted a corrupted tag";
        } catch (AuthenticationException expected) {
            return r;
        }
    }

    /** Both sides from their known private values: public values and g^ir as published. */
    private static Optional<String> keyExchange(CryptoBackend b, KnownAnswers.KeyExchangeKat k) {
        Optional<KeyExchange> first = KeyExchanges.knownAnswer(b.name(), k.group(), HEX.parseHex(k.privateI()));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        try (KeyExchange i = first.get();
             KeyExchange r = KeyExchanges.knownAnswer(b.name(), k.group(), HEX.parseHex(k.privateR())).orElseThrow()) {
            String why = same("public value i", HEX.formatHex(i.publicValue()), k.publicI());
            if (why.isEmpty()) {
                why = same("public value r", HEX.formatHex(r.publicValue()), k.publicR());
            }
            if (why.isEmpty()) {
                try (Secret s = i.sharedSecret(HEX.parseHex(k.publicR()))) {
                    why = s.sameAs(HEX.parseHex(k.shared())) ? "" : "shared secret differs from the known answer";
                }
            }
            return Optional.of(why);
        } catch (org.ike4j.crypto.InvalidPublicValueException e) {
            return Optional.of("refused the known peer value: " + e.getMessage());
        }
    }

    private Optional<String> pairwise(CryptoBackend b, DhGroup g) {
        Optional<KeyExchange> first = b.keyExchange(g, random);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        try (KeyExchange i = first.get(); KeyExchange r = b.keyExchange(g, random).orElseThrow()) {
            if (i.publicValue().length != g.publicSize()) {
                return Optional.of("public value is " + i.publicValue().length + " bytes, expected " + g.publicSize());
            }
            try (Secret si = i.sharedSecret(r.publicValue()); Secret sr = r.sharedSecret(i.publicValue())) {
                if (!si.equals(sr)) {
                    return Optional.of("the two sides disagree");
                }
                if (si.length() != g.sharedSize()) {
                    return Optional.of("shared secret is " + si.length() + " bytes, expected " + g.sharedSize());
                }
            }
            byte[] zero = new byte[g.publicSize()];
            try {
                i.sharedSecret(zero).destroy();
                return Optional.of("accepted an all-zero peer value");
            } catch (org.ike4j.crypto.InvalidPublicValueException expected) {
                return Optional.of("");
            }
        } catch (org.ike4j.crypto.InvalidPublicValueException e) {
            return Optional.of("refused a valid peer value: " + e.getMessage());
        }
    }

    private static String same(String what, String got, String expected) {
        return got.equals(expected) ? "" : what + " " + abbreviate(got) + " != expected " + abbreviate(expected);
    }

    private static String abbreviate(String hex) {
        return hex.length() <= 32 ? hex : hex.substring(0, 32) + "...";
    }
}

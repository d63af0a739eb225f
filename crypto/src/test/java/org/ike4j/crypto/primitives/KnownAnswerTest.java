package org.ike4j.crypto.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.AuthenticationException;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.Integrity;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.primitives.Vector.AeadVector;
import org.ike4j.crypto.primitives.Vector.CipherVector;
import org.ike4j.crypto.primitives.Vector.IntegrityVector;
import org.ike4j.crypto.primitives.Vector.PrfVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one known-answer suite: every vector of every implemented algorithm from the four vector
 * files, against every backend. A backend without the algorithm (or not loadable here) is skipped
 * for that vector, and shows as skipped.
 */
class KnownAnswerTest {

    static Stream<Arguments> cases() {
        return Backends.ALL.stream()
                .flatMap(b -> Vectors.all().vectors.stream().map(v -> Arguments.of(b.name(), v, b)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void knownAnswer(String backendName, Vector vector, CryptoBackend backend) throws AuthenticationException {
        assumeTrue(backend.available(), backendName + " cannot load here");
        switch (vector) {
            case PrfVector v -> {
                Prf prf = present(backend.prf(v.algorithm()), backend, v);
                byte[] out = prf.apply(v.key(), v.data());
                assertEquals(v.algorithm().outputSize(), out.length);
                if (v.prefixOnly()) {
                    assertArrayEquals(v.out(), Arrays.copyOf(out, v.out().length));
                } else {
                    assertArrayEquals(v.out(), out);
                }
                // The same message in two pieces, as IKE passes Ni | Nr and the like.
                int half = v.data().length / 2;
                assertArrayEquals(out, prf.apply(v.key(), Arrays.copyOf(v.data(), half),
                        Arrays.copyOfRange(v.data(), half, v.data().length)));
            }
            case IntegrityVector v -> {
                Integrity integrity = present(backend.integrity(v.algorithm()), backend, v);
                byte[] expected = Arrays.copyOf(v.mac(), v.algorithm().icvSize());
                assertTrue(v.mac().length >= v.algorithm().icvSize(), "vector ICV shorter than the algorithm's");
                assertArrayEquals(expected, integrity.icv(v.key(), v.data()));
                assertTrue(integrity.verify(v.key(), expected, v.data()));
            }
            case CipherVector v -> {
                Cipher cipher = present(backend.cipher(v.algorithm()), backend, v);
                assertArrayEquals(v.cipher(), cipher.encrypt(v.key(), v.iv(), v.plain()));
                assertArrayEquals(v.plain(), cipher.decrypt(v.key(), v.iv(), v.cipher()));
            }
            case AeadVector v -> {
                Aead aead = present(backend.aead(v.algorithm()), backend, v);
                assertArrayEquals(v.plain(), aead.open(v.key(), v.iv(), v.aad(), v.cipher()));
                assertArrayEquals(v.cipher(), aead.seal(v.key(), v.iv(), v.aad(), v.plain()));
            }
        }
    }

    private static <T> T present(Optional<T> primitive, CryptoBackend backend, Vector v) {
        assumeTrue(primitive.isPresent(), backend.name() + " has no " + v.algorithm());
        return primitive.get();
    }

    /** Nothing in the files was dropped without a reason: used + skipped = entries walked. */
    @Test
    void everyEntryIsUsedOrSkippedWithAReason() {
        Vectors all = Vectors.all();
        Map<String, Long> used = all.vectors.stream().collect(Collectors.groupingBy(Vector::file, TreeMap::new,
                Collectors.counting()));
        Map<String, Long> skipped = all.skipped.keySet().stream()
                .collect(Collectors.groupingBy(
                        k -> k.substring(0, k.indexOf(':')), TreeMap::new, Collectors.counting()));
        for (Map.Entry<String, Integer> e : all.seen.entrySet()) {
            long u = used.getOrDefault(e.getKey(), 0L);
            long s = skipped.getOrDefault(e.getKey(), 0L);
            System.out.printf("%s: %d entries, %d vectors used, %d skipped%n", e.getKey(), e.getValue(), u, s);
            assertEquals(e.getValue().longValue(), u + s, e.getKey());
        }
        all.skipped.forEach((k, reason) -> System.out.println("  skipped " + k + ": " + reason));
        assertEquals(4, all.seen.size());
    }

    /** Every algorithm ike4j implements has at least one known answer (ESP NULL has none to have). */
    @Test
    void everyAlgorithmHasAVector() {
        Set<Object> covered = Vectors.all().vectors.stream().map(Vector::algorithm).collect(Collectors.toSet());
        Set<Object> expected = new java.util.HashSet<>();
        expected.addAll(EnumSet.allOf(PrfAlgorithm.class));
        expected.addAll(EnumSet.allOf(IntegrityAlgorithm.class));
        expected.addAll(EnumSet.complementOf(EnumSet.of(CipherAlgorithm.NULL)));
        expected.addAll(EnumSet.allOf(AeadAlgorithm.class));
        expected.removeAll(covered);
        assertEquals(Set.of(), expected);
    }

    /** Skips per backend may not hide an algorithm: some available backend runs every vector. */
    @Test
    void everyVectorRunsOnSomeBackend() {
        for (Vector v : Vectors.all().vectors) {
            boolean served = Backends.ALL.stream().filter(CryptoBackend::available).anyMatch(b -> switch (v) {
                case PrfVector p -> b.prf(p.algorithm()).isPresent();
                case IntegrityVector i -> b.integrity(i.algorithm()).isPresent();
                case CipherVector c -> b.cipher(c.algorithm()).isPresent();
                case AeadVector a -> b.aead(a.algorithm()).isPresent();
            });
            assertTrue(served, v + " runs on no backend");
        }
    }
}

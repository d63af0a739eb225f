package org.ike4j.crypto.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.Integrity;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;
import org.junit.jupiter.api.Test;

/**
 * Beyond the fixed vectors: on random keys, lengths and message splits, every backend that has an
 * algorithm agrees with every other (independent implementations: SunJCE, BouncyCastle, AWS-LC and
 * ike4j's own XCBC/CMAC/CCM). Also exercises the per-thread caches: key changes, key repeats,
 * and many threads at once.
 */
class CrossBackendTest {
    private static final Random RANDOM = new Random(3686);

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static <T> List<T> all(Function<CryptoBackend, Optional<T>> f) {
        return Backends.ALL.stream().filter(CryptoBackend::available).map(f).flatMap(Optional::stream).toList();
    }

    @Test
    void prfsAgree() {
        for (PrfAlgorithm a : PrfAlgorithm.values()) {
            List<Prf> prfs = all(b -> b.prf(a));
            assertTrue(prfs.size() >= 2, a + " has a second implementation to compare with");
            for (int round = 0; round < 40; round++) {
                // Key lengths around 16 matter for the AES PRFs' key rules; 0 for HMAC's.
                byte[] key = random(round % 3 == 0 ? a.preferredKeySize() : RANDOM.nextInt(70));
                byte[] x = random(RANDOM.nextInt(80));
                byte[] y = random(RANDOM.nextInt(80));
                byte[] expected = prfs.get(0).apply(key, x, y);
                for (Prf p : prfs) {
                    assertArrayEquals(expected, p.apply(key, x, y), a + " " + p);
                    assertArrayEquals(expected, p.apply(key, concat(x, y)), a + " unsplit");
                }
            }
        }
    }

    @Test
    void integritiesAgree() {
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            List<Integrity> list = all(b -> b.integrity(a));
            assertTrue(list.size() >= 2, a.toString());
            for (int round = 0; round < 20; round++) {
                byte[] key = random(a.keySize());
                byte[] data = random(RANDOM.nextInt(300));
                byte[] expected = list.get(0).icv(key, data);
                for (Integrity i : list) {
                    assertArrayEquals(expected, i.icv(key, data), a.toString());
                }
            }
        }
    }

    /** Keys that come back, in turn and out of turn: the per-thread Macs kept for the last keys. */
    @Test
    void integritiesAgreeWithKeysInTurn() {
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            List<Integrity> list = all(b -> b.integrity(a));
            byte[][] keys = new byte[7][];
            for (int k = 0; k < keys.length; k++) {
                keys[k] = random(a.keySize());
            }
            int[] order = {0, 1, 0, 1, 2, 3, 4, 0, 5, 1, 6, 6, 2, 0, 3, 3, 5, 4, 1};
            for (int k : order) {
                byte[] data = random(RANDOM.nextInt(300));
                byte[] expected = list.get(list.size() - 1).icv(keys[k], data);
                for (Integrity i : list) {
                    assertArrayEquals(expected, i.icv(keys[k], data), a + " " + i + " key " + k);
                }
            }
        }
    }

    @Test
    void ciphersAgree() {
        for (CipherAlgorithm a : CipherAlgorithm.values()) {
            List<Cipher> list = all(b -> b.cipher(a));
            assertTrue(list.size() >= 2, a.toString());
            byte[] key = random(a.keySize());
            for (int round = 0; round < 20; round++) {
                if (round % 5 == 0) {
                    key = random(a.keySize());
                }
                byte[] iv = random(a.ivSize());
                byte[] plain = random(a.blockSize() * RANDOM.nextInt(40));
                byte[] expected = list.get(0).encrypt(key, iv, plain);
                for (Cipher c : list) {
                    assertArrayEquals(expected, c.encrypt(key, iv, plain), a.toString());
                    assertArrayEquals(plain, c.decrypt(key, iv, expected), a.toString());
                }
            }
        }
    }

    /** Keys that come back, in turn and out of turn: the per-thread ciphers kept for the last keys. */
    @Test
    void ciphersAgreeWithKeysInTurn() {
        for (CipherAlgorithm a : CipherAlgorithm.values()) {
            List<Cipher> list = all(b -> b.cipher(a));
            byte[][] keys = new byte[7][];
            for (int k = 0; k < keys.length; k++) {
                keys[k] = random(a.keySize());
            }
            int[] order = {0, 1, 0, 1, 2, 3, 4, 0, 5, 1, 6, 6, 2, 0, 3, 3, 5, 4, 1};
            for (int k : order) {
                byte[] iv = random(a.ivSize());
                byte[] plain = random(a.blockSize() * RANDOM.nextInt(12));
                byte[] expected = list.get(list.size() - 1).encrypt(keys[k], iv, plain);
                for (Cipher c : list) {
                    assertArrayEquals(plain, c.decrypt(keys[k], iv, expected), a + " " + c + " key " + k);
                    assertArrayEquals(expected, c.encrypt(keys[k], iv, plain), a + " " + c + " key " + k);
                }
            }
        }
    }

    @Test
    void aeadsAgree() throws Exception {
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            List<Aead> list = all(b -> b.aead(a));
            assertTrue(!list.isEmpty(), a.toString());
            byte[] key = random(a.keySize());
            for (int round = 0; round < 20; round++) {
                if (round % 5 == 0) {
                    key = random(a.keySize());
                }
                byte[] iv = random(a.ivSize());
                byte[] aad = random(RANDOM.nextInt(3) * 4 + 8);
                byte[] plain = random(RANDOM.nextInt(300));
                byte[] expected = list.get(0).seal(key, iv, aad, plain);
                for (Aead c : list) {
                    assertArrayEquals(expected, c.seal(key, iv, aad, plain), a.toString());
                    assertArrayEquals(plain, c.open(key, iv, aad, expected), a.toString());
                }
            }
        }
    }

    /** Sealing twice with one key and IV is the caller's bug, but must not fail depending on history. */
    @Test
    void aeadIsAPureFunction() throws Exception {
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            for (Aead aead : all(b -> b.aead(a))) {
                byte[] key = random(a.keySize());
                byte[] iv = random(a.ivSize());
                byte[] first = aead.seal(key, iv, new byte[0], new byte[20]);
                assertArrayEquals(first, aead.seal(key, iv, new byte[0], new byte[20]), a + " " + aead);
            }
        }
    }

    @Test
    void manyThreadsAtOnce() throws Exception {
        Aead gcm = all(b -> b.aead(AeadAlgorithm.AES_GCM_16_128)).getFirst();
        Prf prf = all(b -> b.prf(PrfAlgorithm.HMAC_SHA2_256)).getFirst();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                byte[] key = random(20);
                byte[] prfKey = random(32);
                results.add(pool.submit(() -> {
                    byte[] expected = prf.apply(prfKey, new byte[] {1});
                    for (int i = 0; i < 2000; i++) {
                        byte[] iv = new byte[8];
                        iv[0] = (byte) i;
                        iv[1] = (byte) (i >> 8);
                        byte[] plain = new byte[i % 100];
                        byte[] sealed = gcm.seal(key, iv, iv, plain);
                        if (!java.util.Arrays.equals(plain, gcm.open(key, iv, iv, sealed))
                                || !java.util.Arrays.equals(expected, prf.apply(prfKey, new byte[] {1}))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package org.ike4j.crypto.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.AuthenticationException;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.Integrity;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tampered input fails authentication; wrong sizes fail loudly, on every backend. */
class NegativeTest {
    private static final Random RANDOM = new Random(4106);

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static Stream<Arguments> aeads() {
        return Backends.ALL.stream()
                .flatMap(b -> Arrays.stream(AeadAlgorithm.values()).map(a -> Arguments.of(b.name(), a, b)));
    }

    static Stream<Arguments> integrities() {
        return Backends.ALL.stream()
                .flatMap(b -> Arrays.stream(IntegrityAlgorithm.values()).map(a -> Arguments.of(b.name(), a, b)));
    }

    static Stream<Arguments> ciphers() {
        return Backends.ALL.stream()
                .flatMap(b -> Arrays.stream(CipherAlgorithm.values()).map(a -> Arguments.of(b.name(), a, b)));
    }

    private static <T> T present(CryptoBackend b, Optional<T> p, Object algorithm) {
        assumeTrue(b.available(), b.name() + " cannot load here");
        assumeTrue(p.isPresent(), b.name() + " has no " + algorithm);
        return p.get();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("aeads")
    void flippedBitsFailToOpen(String name, AeadAlgorithm a, CryptoBackend b) throws AuthenticationException {
        Aead aead = present(b, b.aead(a), a);
        byte[] key = random(a.keySize());
        byte[] iv = random(a.ivSize());
        byte[] aad = random(8);
        byte[] plain = random(37);
        byte[] sealed = aead.seal(key, iv, aad, plain);
        assertArrayEquals(plain, aead.open(key, iv, aad, sealed));
        // Every bit position class: last ICV bit, first ICV bit, a ciphertext bit.
        for (int bit : new int[] {sealed.length * 8 - 1, plain.length * 8, 3}) {
            byte[] tampered = sealed.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(AuthenticationException.class, () -> aead.open(key, iv, aad, tampered), "bit " + bit);
        }
        byte[] otherAad = aad.clone();
        otherAad[0] ^= 1;
        assertThrows(AuthenticationException.class, () -> aead.open(key, iv, otherAad, sealed));
        byte[] otherIv = iv.clone();
        otherIv[7] ^= (byte) 0x80;
        assertThrows(AuthenticationException.class, () -> aead.open(key, otherIv, aad, sealed));
        byte[] otherSalt = key.clone();
        otherSalt[key.length - 1] ^= 1;
        assertThrows(AuthenticationException.class, () -> aead.open(otherSalt, iv, aad, sealed));
        assertThrows(AuthenticationException.class,
                () -> aead.open(key, iv, aad, Arrays.copyOf(sealed, a.icvSize() - 1)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("aeads")
    void aeadSizesAreChecked(String name, AeadAlgorithm a, CryptoBackend b) {
        Aead aead = present(b, b.aead(a), a);
        byte[] iv = new byte[a.ivSize()];
        byte[] nothing = new byte[0];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> aead.seal(new byte[a.cipherKeySize()], iv, nothing, nothing));
        assertTrue(e.getMessage().contains(a.name()), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> aead.open(new byte[a.keySize() + 1], iv, nothing, new byte[32]));
        assertThrows(IllegalArgumentException.class,
                () -> aead.seal(new byte[a.keySize()], new byte[12], nothing, nothing));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("integrities")
    void flippedIcvFailsToVerify(String name, IntegrityAlgorithm a, CryptoBackend b) {
        Integrity integrity = present(b, b.integrity(a), a);
        byte[] key = random(a.keySize());
        byte[] data = random(100);
        byte[] icv = integrity.icv(key, data);
        assertTrue(integrity.verify(key, icv, data));
        for (int bit : new int[] {0, icv.length * 8 - 1}) {
            byte[] tampered = icv.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(integrity.verify(key, tampered, data));
        }
        byte[] tamperedData = data.clone();
        tamperedData[50] ^= 4;
        assertFalse(integrity.verify(key, icv, tamperedData));
        assertFalse(integrity.verify(key, Arrays.copyOf(icv, icv.length - 1), data));
        assertThrows(IllegalArgumentException.class, () -> integrity.icv(new byte[a.keySize() - 1], data));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ciphers")
    void cipherSizesAreChecked(String name, CipherAlgorithm a, CryptoBackend b) {
        Cipher cipher = present(b, b.cipher(a), a);
        byte[] key = new byte[a.keySize()];
        byte[] iv = new byte[a.ivSize()];
        byte[] block = new byte[a.blockSize() * 4];
        assertArrayEquals(block, cipher.decrypt(key, iv, cipher.encrypt(key, iv, block)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cipher.encrypt(new byte[a.keySize() + 1], iv, block));
        assertTrue(e.getMessage().contains("key"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(key, new byte[a.ivSize() + 1], block));
        assertTrue(e.getMessage().contains("IV"), e.getMessage());
        if (a.blockSize() > 1) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> cipher.encrypt(key, iv, new byte[a.blockSize() + 1]));
            assertTrue(e.getMessage().contains("block"), e.getMessage());
        }
    }
}

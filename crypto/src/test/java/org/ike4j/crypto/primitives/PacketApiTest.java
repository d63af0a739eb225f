package org.ike4j.crypto.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.ike4j.crypto.PacketAead;
import org.ike4j.crypto.PacketCipher;
import org.ike4j.crypto.PacketIntegrity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-place packet API ({@code forPackets}) of every backend gives exactly what the allocating
 * API gives, at an offset inside a larger buffer, and leaves the bytes around it alone.
 */
class PacketApiTest {
    private static final Random RANDOM = new Random(4303);

    static Stream<Arguments> backends() {
        return Backends.ALL.stream().map(Arguments::of);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void ciphersInPlaceMatchTheAllocatingApi(CryptoBackend backend) {
        assumeTrue(backend.available(), backend.name() + " not available here");
        for (CipherAlgorithm a : CipherAlgorithm.values()) {
            Optional<Cipher> c = backend.cipher(a);
            if (c.isEmpty()) {
                continue;
            }
            byte[] key = random(a.keySize());
            byte[] iv = random(a.ivSize());
            byte[] text = random(a.blockSize() * 7 * (a.blockSize() == 1 ? 5 : 1));
            byte[] expected = c.get().encrypt(key, iv, text);
            PacketCipher p = c.get().forPackets(key);
            byte[] buf = random(text.length + 40);
            byte[] before = buf.clone();
            byte[] ivBuf = new byte[a.ivSize() + 3];
            System.arraycopy(iv, 0, ivBuf, 3, iv.length);
            System.arraycopy(text, 0, buf, 17, text.length);
            p.encrypt(ivBuf, 3, buf, 17, text.length);
            assertArrayEquals(expected, Arrays.copyOfRange(buf, 17, 17 + text.length), backend.name() + " " + a);
            assertArrayEquals(Arrays.copyOf(before, 17), Arrays.copyOf(buf, 17), "bytes before untouched");
            p.decrypt(ivBuf, 3, buf, 17, text.length);
            assertArrayEquals(text, Arrays.copyOfRange(buf, 17, 17 + text.length), backend.name() + " " + a);
            assertArrayEquals(Arrays.copyOfRange(before, 17 + text.length, buf.length),
                    Arrays.copyOfRange(buf, 17 + text.length, buf.length), "bytes after untouched");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void integrityOverTwoPiecesMatchesTheAllocatingApi(CryptoBackend backend) {
        assumeTrue(backend.available(), backend.name() + " not available here");
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            Optional<Integrity> i = backend.integrity(a);
            if (i.isEmpty()) {
                continue;
            }
            byte[] key = random(a.keySize());
            byte[] data = random(1400);
            byte[] tail = random(4);
            byte[] expected = i.get().icv(key, Arrays.copyOfRange(data, 9, 1309), tail);
            PacketIntegrity p = i.get().forPackets(key);
            assertEquals(a.icvSize(), p.icvSize());
            byte[] out = new byte[a.icvSize() + 5];
            for (int round = 0; round < 2; round++) {   // a keyed Mac is reusable
                p.icv(data, 9, 1300, tail, 0, 4, out, 5);
                assertArrayEquals(expected, Arrays.copyOfRange(out, 5, out.length), backend.name() + " " + a);
            }
            p.icv(data, 9, 1300, tail, 0, 0, out, 5);
            assertArrayEquals(i.get().icv(key, Arrays.copyOfRange(data, 9, 1309)), Arrays.copyOfRange(out, 5, out.length));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aeadsInPlaceMatchTheAllocatingApiAndRefuseATamperedIcv(CryptoBackend backend) throws Exception {
        assumeTrue(backend.available(), backend.name() + " not available here");
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            Optional<Aead> x = backend.aead(a);
            if (x.isEmpty()) {
                continue;
            }
            byte[] key = random(a.keySize());
            byte[] aad = random(12);
            byte[] text = random(1001);
            PacketAead p = x.get().forPackets(key);
            for (int round = 0; round < 2; round++) {
                byte[] iv = random(a.ivSize());
                byte[] expected = x.get().seal(key, iv, aad, text);
                byte[] buf = new byte[text.length + 64];
                System.arraycopy(text, 0, buf, 20, text.length);
                int n = p.seal(iv, 0, aad, 0, aad.length, buf, 20, text.length);
                assertEquals(expected.length, n);
                assertArrayEquals(expected, Arrays.copyOfRange(buf, 20, 20 + n), backend.name() + " " + a);
                byte[] copy = buf.clone();
                assertEquals(text.length, p.open(iv, 0, aad, 0, aad.length, buf, 20, n));
                assertArrayEquals(text, Arrays.copyOfRange(buf, 20, 20 + text.length));
                copy[20 + n - 1] ^= 1;
                assertThrows(AuthenticationException.class, () -> p.open(iv, 0, aad, 0, aad.length, copy, 20, n));
                // no plaintext released from a packet that does not verify (also in place, ACCP)
                assertFalse(Arrays.equals(text, Arrays.copyOfRange(copy, 20, 20 + text.length)),
                        backend.name() + " " + a + " decrypted a tampered packet into the buffer");
            }
        }
    }
}

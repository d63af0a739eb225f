package org.ike4j.crypto.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.TableBackend;
import org.ike4j.crypto.UnsupportedAlgorithmException;
import org.ike4j.crypto.bc.BcBackend;
import org.ike4j.crypto.jca.JcaBackend;
import org.junit.jupiter.api.Test;

/** How {@link Crypto} picks a backend per algorithm, with and without ACCP. */
class CryptoSelectionTest {

    @Test
    void defaultsHaveEverySymmetricAlgorithm() {
        everyAlgorithm(Crypto.defaults());
    }

    @Test
    void packetPathPrefersAccpForAeadsOnlyAndHasEverything() {
        Crypto p = Crypto.forPackets();
        everyAlgorithm(p);
        List<String> aead = p.order(Crypto.Family.AEAD).stream().map(CryptoBackend::name).toList();
        boolean accp = p.backends().stream().anyMatch(b -> b.name().equals("accp"));
        assertEquals(accp ? "accp" : "jca", aead.get(0), "AEAD order " + aead);
        for (Crypto.Family f : Crypto.Family.values()) {
            if (f != Crypto.Family.AEAD) {
                assertEquals(Crypto.defaults().order(f), p.order(f), f + " as in the defaults");
            }
        }
        // the same backend objects as the defaults: ACCP's self-tests run once per process
        assertEquals(Crypto.defaults().backends(), p.backends());
    }

    @Test
    void everyAlgorithmWithoutAccp() {
        Crypto c = new Crypto(List.of(new JcaBackend(), new BcBackend(), new Unavailable()));
        assertEquals(List.of("jca", "bc"), c.backends().stream().map(CryptoBackend::name).toList());
        everyAlgorithm(c);
    }

    @Test
    void preferencesPickPerFamily() {
        JcaBackend jca = new JcaBackend();
        BcBackend bc = new BcBackend();
        Crypto c = new Crypto(List.of(jca, bc), Map.of(Crypto.Family.AEAD, List.of("bc")));
        assertSame(bc.aead(AeadAlgorithm.AES_GCM_16_128).orElseThrow(), c.aead(AeadAlgorithm.AES_GCM_16_128));
        assertSame(jca.prf(PrfAlgorithm.HMAC_SHA1).orElseThrow(), c.prf(PrfAlgorithm.HMAC_SHA1));
        // JCA lacks 8-byte GCM tags, so BouncyCastle serves them even where JCA comes first.
        Crypto jcaFirst = new Crypto(List.of(jca, bc));
        assertSame(bc.aead(AeadAlgorithm.AES_GCM_8_256).orElseThrow(), jcaFirst.aead(AeadAlgorithm.AES_GCM_8_256));
        assertEquals(List.of(bc, jca), c.order(Crypto.Family.AEAD));
    }

    @Test
    void missingAlgorithmIsReported() {
        Crypto c = new Crypto(List.of(new Empty()));
        UnsupportedAlgorithmException e =
                assertThrows(UnsupportedAlgorithmException.class, () -> c.prf(PrfAlgorithm.HMAC_SHA1));
        assertEquals("HMAC_SHA1 is not supported by any backend", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Crypto(List.of(new Unavailable())));
    }

    private static void everyAlgorithm(Crypto c) {
        for (PrfAlgorithm a : PrfAlgorithm.values()) {
            assertEquals(a.outputSize(), c.prf(a).apply(new byte[a.preferredKeySize()], new byte[3]).length);
        }
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            assertEquals(a.icvSize(), c.integrity(a).icv(new byte[a.keySize()], new byte[3]).length);
        }
        for (CipherAlgorithm a : CipherAlgorithm.values()) {
            byte[] p = new byte[a.blockSize() * 2];
            assertArrayEquals(p, c.cipher(a).decrypt(new byte[a.keySize()], new byte[a.ivSize()],
                    c.cipher(a).encrypt(new byte[a.keySize()], new byte[a.ivSize()], p)));
        }
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            assertEquals(5 + a.icvSize(),
                    c.aead(a).seal(new byte[a.keySize()], new byte[a.ivSize()], new byte[0], new byte[5]).length);
        }
    }

    /** A backend that has nothing: its tables stay empty. */
    private static class Empty extends TableBackend {
        @Override
        public String name() {
            return "empty";
        }

        @Override
        public Optional<KeyExchange> keyExchange(DhGroup group, SecureRandom random) {
            return Optional.empty();
        }
    }

    /** A backend that cannot run here, as ACCP without its native library. */
    private static final class Unavailable extends Empty {
        @Override
        public String name() {
            return "unavailable";
        }

        @Override
        public boolean available() {
            return false;
        }
    }
}

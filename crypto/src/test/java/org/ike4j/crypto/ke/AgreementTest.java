package org.ike4j.crypto.ke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.Stream;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.accp.AccpBackend;
import org.ike4j.crypto.bc.BcBackend;
import org.ike4j.crypto.jca.JcaBackend;
import org.ike4j.crypto.ke.KeyExchanges.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Fresh key exchanges: agreement across backends, private value sizes, the injected random, close(). */
class AgreementTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    static Stream<Arguments> groupAndBackendPairs() {
        return Stream.of(DhGroup.values()).flatMap(g -> KnownAnswerTest.backends().stream()
            .filter(a -> a.supports(g))
            .flatMap(a -> KnownAnswerTest.backends().stream().filter(b -> b.supports(g)).map(b -> Arguments.of(g, a, b))));
    }

    /** A's public value with B's, and B's with A's, give one g^ir of the group's size. */
    @ParameterizedTest(name = "{0} {1} x {2}")
    @MethodSource("groupAndBackendPairs")
    void backendsAgree(DhGroup group, Backend a, Backend b) throws Exception {
        try (KeyExchange i = a.create(group, RANDOM).orElseThrow(); KeyExchange r = b.create(group, RANDOM).orElseThrow()) {
            assertEquals(group.publicSize(), i.publicValue().length);
            assertEquals(group.publicSize(), r.publicValue().length);
            assertFalse(Arrays.equals(i.publicValue(), r.publicValue()));
            try (Secret si = i.sharedSecret(r.publicValue()); Secret sr = r.sharedSecret(i.publicValue())) {
                assertEquals(group.sharedSize(), si.length());
                assertTrue(si.sameAs(sr.reveal()));
            }
        }
    }

    /** Every group has at least the jca and bc implementations, and ACCP has exactly the ECP groups. */
    @Test
    void coverage() {
        for (DhGroup g : DhGroup.values()) {
            assertTrue(KeyExchanges.jca(g, RANDOM).isPresent(), g + " jca");
            assertTrue(KeyExchanges.bc(g, RANDOM).isPresent(), g + " bc");
            assertEquals(Backend.ACCP.available() && g.kind() == DhGroup.Kind.ECP,
                KeyExchanges.accp(g, RANDOM).isPresent(), g + " accp");
        }
    }

    /** ACCP is passed to getInstance, never installed: using it leaves the JCA provider list alone. */
    @Test
    void accpIsNotInstalledGlobally() throws Exception {
        java.security.Provider[] before = java.security.Security.getProviders();
        KeyExchanges.accp(DhGroup.ECP_256, RANDOM).ifPresent(ke -> {
            try (ke) {
                ke.sharedSecret(ke.publicValue()).destroy();
            } catch (org.ike4j.crypto.InvalidPublicValueException e) {
                throw new AssertionError(e);
            }
        });
        assertArrayEquals(before, java.security.Security.getProviders());
        assertEquals(null, java.security.Security.getProvider("AmazonCorrettoCryptoProvider"));
    }

    /** The backends reach this package through their keyExchange(). */
    @Test
    void backendClassesDelegateHere() throws Exception {
        try (KeyExchange a = new JcaBackend().keyExchange(DhGroup.CURVE25519, RANDOM).orElseThrow();
             KeyExchange b = new BcBackend().keyExchange(DhGroup.CURVE25519, RANDOM).orElseThrow()) {
            assertTrue(a.sharedSecret(b.publicValue()).sameAs(b.sharedSecret(a.publicValue()).reveal()));
        }
        assertEquals(Backend.ACCP.available(), new AccpBackend().keyExchange(DhGroup.ECP_256, RANDOM).isPresent());
    }

    /**
     * NIST SP 800-56A section 5.6.1.1.1: x in [1, min(2^N, q) - 1], N = 2 x strength. The largest of
     * 64 draws reaching N - 8 bits shows the full range is used (chance of failure 2^-512).
     */
    @ParameterizedTest
    @EnumSource(value = DhGroup.class, names = "MODP_.*", mode = EnumSource.Mode.MATCH_ALL)
    void privateExponentSize(DhGroup group) {
        int n = 2 * group.strengthBits();
        BigInteger q = ModpConstants.of(group).q();
        int longest = 0;
        for (int k = 0; k < 64; k++) {
            ModpKeyExchange ke = (ModpKeyExchange) Backend.JCA.create(group, RANDOM).orElseThrow();
            BigInteger x = ke.privateExponentForTest();
            assertTrue(x.signum() > 0);
            assertTrue(x.bitLength() <= n, group + ": " + x.bitLength() + " bits > " + n);
            if (q != null) {
                assertTrue(x.compareTo(q) < 0, "x >= q");
            }
            longest = Math.max(longest, x.bitLength());
            ke.close();
        }
        assertTrue(longest >= n - 8, group + ": longest exponent only " + longest + " bits");
        // 2048-bit MODP: 224 bits (strength 112), not the JDK's default of 1024.
        if (group == DhGroup.MODP_2048) {
            assertEquals(224, n);
        }
    }

    static Stream<Arguments> seededBackends() {
        // ACCP draws EC keys from AWS-LC's own DRBG, not the SecureRandom it is given.
        return Stream.of(DhGroup.values()).flatMap(g -> Stream.of(Backend.JCA, Backend.BC)
            .filter(b -> b.supports(g)).map(b -> Arguments.of(g, b)));
    }

    /** Private values come from the injected SecureRandom: equal seeds, equal keys; other seed, other key. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("seededBackends")
    void privateValueComesFromTheInjectedRandom(DhGroup group, Backend backend) {
        byte[] a = publicValue(backend, group, 1);
        assertArrayEquals(a, publicValue(backend, group, 1));
        assertFalse(Arrays.equals(a, publicValue(backend, group, 2)));
    }

    private static byte[] publicValue(Backend backend, DhGroup group, long seed) {
        try (KeyExchange ke = backend.create(group, new SeededRandom(seed)).orElseThrow()) {
            return ke.publicValue();
        }
    }

    static Stream<Arguments> oneGroupPerKind() {
        return Stream.of(DhGroup.MODP_1024, DhGroup.ECP_256, DhGroup.CURVE25519, DhGroup.CURVE448)
            .flatMap(g -> KnownAnswerTest.backends().stream().filter(b -> b.supports(g)).map(b -> Arguments.of(g, b)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("oneGroupPerKind")
    void closedKeyExchangeRefusesToAgree(DhGroup group, Backend backend) {
        KeyExchange peer = backend.create(group, RANDOM).orElseThrow();
        KeyExchange ke = backend.create(group, RANDOM).orElseThrow();
        ke.close();
        ke.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> ke.sharedSecret(peer.publicValue()));
        assertEquals(group.publicSize(), ke.publicValue().length);
        assertFalse(ke.toString().matches(".*[0-9a-fA-F]{16}.*"), "toString shows no key bytes");
    }

    /** The public value handed out is a copy: changing it does not change the key exchange. */
    @Test
    void publicValueIsACopy() {
        KeyExchange ke = Backend.BC.create(DhGroup.CURVE25519, RANDOM).orElseThrow();
        byte[] v = ke.publicValue();
        v[0] ^= 1;
        assertFalse(Arrays.equals(v, ke.publicValue()));
    }
}

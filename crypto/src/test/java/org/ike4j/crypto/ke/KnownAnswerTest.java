package org.ike4j.crypto.ke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.ke.KeyExchanges.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Published key-exchange answers, run against every available backend that implements the group:
 * RFC 5903 section 8, RFC 7748 sections 5.2 and 6.1, the RFC 8031 example, and strongSwan's
 * test_vectors plugin (MODP, RFC 5114 MODP and ECP, Curve25519).
 */
class KnownAnswerTest {

    static List<Backend> backends() {
        return Stream.of(Backend.values()).filter(Backend::available).toList();
    }

    static Stream<Arguments> exchanges() {
        List<Vectors.Exchange> all = new ArrayList<>();
        all.addAll(Vectors.rfc5903());
        all.addAll(Vectors.rfc7748Dh());
        all.addAll(Vectors.strongswan());
        return all.stream().flatMap(v -> backends().stream().filter(b -> b.supports(v.group()))
            .map(b -> Arguments.of(b, v)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("exchanges")
    void bothSidesReproduceTheVector(Backend backend, Vectors.Exchange v) throws Exception {
        try (KeyExchange i = backend.withPrivateValue(v.group(), v.privateI()).orElseThrow();
             KeyExchange r = backend.withPrivateValue(v.group(), v.privateR()).orElseThrow()) {
            assertEquals(v.group(), i.group());
            assertArrayEquals(v.publicI(), i.publicValue(), "g^i");
            assertArrayEquals(v.publicR(), r.publicValue(), "g^r");
            try (Secret si = i.sharedSecret(v.publicR()); Secret sr = r.sharedSecret(v.publicI())) {
                assertTrue(si.sameAs(v.shared()), "initiator's g^ir");
                assertTrue(sr.sameAs(v.shared()), "responder's g^ir");
                assertEquals(v.group().sharedSize(), si.length());
            }
        }
    }

    /** Every group strongSwan has vectors for, except 25/26, is covered; no vector slipped away. */
    @Test
    void strongswanVectorsCoverEveryImplementedGroupTheyHave() {
        Set<DhGroup> covered = EnumSet.noneOf(DhGroup.class);
        Vectors.strongswan().forEach(v -> covered.add(v.group()));
        Set<DhGroup> expected = EnumSet.allOf(DhGroup.class);
        expected.remove(DhGroup.CURVE448); // strongSwan's tables have no Curve448 entry
        assertEquals(expected, covered);
        assertEquals(8 + 3 + 3 + 2, Vectors.strongswan().size());
    }

    static Stream<Arguments> x25519Backends() {
        return backends().stream().filter(b -> b.supports(DhGroup.CURVE25519)).map(Arguments::of);
    }

    /** RFC 7748 section 5.2: X25519(scalar, u); the second u has its top bit set, which must be masked. */
    @ParameterizedTest
    @MethodSource("x25519Backends")
    void rfc7748ScalarMultiplication(Backend backend) throws Exception {
        for (JsonNode v : Vectors.read("rfc7748_x25519_vectors.json").get("scalarMult")) {
            try (KeyExchange ke = backend.withPrivateValue(DhGroup.CURVE25519, Vectors.hex(v.get("scalar"))).orElseThrow();
                 Secret out = ke.sharedSecret(Vectors.hex(v.get("uCoordinate")))) {
                assertTrue(out.sameAs(Vectors.hex(v.get("output"))), v.get("scalar").asText());
            }
        }
    }

    /** RFC 7748 section 5.2 iterated: k = u = 9, then k, u = X25519(k, u), k; after 1 and 1000. */
    @ParameterizedTest
    @MethodSource("x25519Backends")
    void rfc7748Iterated(Backend backend) throws Exception {
        JsonNode v = Vectors.read("rfc7748_x25519_vectors.json").get("iterated");
        byte[] k = Vectors.hex(v.get("start_k_and_u"));
        byte[] u = k.clone();
        for (int n = 1; n <= 1000; n++) {
            byte[] next;
            try (KeyExchange ke = backend.withPrivateValue(DhGroup.CURVE25519, k).orElseThrow();
                 Secret s = ke.sharedSecret(u)) {
                next = s.reveal();
            }
            u = k;
            k = next;
            if (n == 1) {
                assertArrayEquals(Vectors.hex(v.get("after_1")), k, "after 1 iteration");
            }
        }
        assertArrayEquals(Vectors.hex(v.get("after_1000")), k, "after 1000 iterations");
    }

    /** Our MODP constants are the published ones (the vector file names its RFC sections). */
    @Test
    void modpConstantsMatchThePublishedGroups() {
        JsonNode groups = Vectors.read("modp_groups_rfc2409_rfc3526_rfc5114.json").get("groups");
        Set<DhGroup> seen = EnumSet.noneOf(DhGroup.class);
        for (JsonNode g : groups) {
            DhGroup group = DhGroup.byNumber(g.get("ikeGroup").asInt());
            ModpConstants.Params params = ModpConstants.of(group);
            assertEquals(new BigInteger(g.get("prime").asText(), 16), params.p(), group + " p");
            assertEquals(new BigInteger(g.get("generator").asText(), 16), params.g(), group + " g");
            assertEquals(g.get("bits").asInt(), params.p().bitLength(), group + " bits");
            assertEquals(group.publicSize() * 8, params.p().bitLength(), group + " public size");
            JsonNode q = g.get("subgroupOrder");
            if (q == null) {
                assertEquals(null, params.q(), group + " q");
            } else {
                assertEquals(new BigInteger(q.asText(), 16), params.q(), group + " q");
                // g generates the order-q subgroup (RFC 5114 section 2).
                assertEquals(BigInteger.ONE, params.g().modPow(params.q(), params.p()), group + " g^q");
            }
            seen.add(group);
        }
        Set<DhGroup> modp = EnumSet.noneOf(DhGroup.class);
        for (DhGroup d : DhGroup.values()) {
            if (d.kind() == DhGroup.Kind.MODP) {
                modp.add(d);
            }
        }
        assertEquals(modp, seen);
    }

    /** The 768-bit Oakley prime from its RFC 2409 section 6.1 formula, independently of the file. */
    @Test
    void firstOakleyGroupFromItsFormula() {
        // p = 2^768 - 2^704 - 1 + 2^64 * ( [2^638 pi] + 149686 ); pi to 200+ digits suffices.
        java.math.BigDecimal pi = new java.math.BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651"
            + "328230664709384460955058223172535940812848111745028410270193852110555964462294895493038196");
        BigInteger floor = pi.multiply(new java.math.BigDecimal(BigInteger.ONE.shiftLeft(638))).toBigInteger();
        BigInteger p = BigInteger.ONE.shiftLeft(768).subtract(BigInteger.ONE.shiftLeft(704)).subtract(BigInteger.ONE)
            .add(BigInteger.ONE.shiftLeft(64).multiply(floor.add(BigInteger.valueOf(149686))));
        assertEquals(p, ModpConstants.of(DhGroup.MODP_768).p(), HexFormat.of().formatHex(p.toByteArray()));
    }
}

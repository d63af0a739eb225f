package org.ike4j.crypto.ke;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cheap checks made before a responder answers ({@link KeyExchange#checkPeerPublicValue}, RFC
 * 6989 section 2): what each group family refuses up front, with a message naming the group and the
 * fault, what it leaves to the computation (the RFC 5114 subgroup test, the all-zero X25519/X448
 * result), and that the published vectors' public values pass.
 */
class PublicValueCheckTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    record Bad(String what, byte[] value, String expected) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Arguments> refusedUpFront() {
        List<Arguments> out = new ArrayList<>();
        for (DhGroup g : DhGroup.values()) {
            byte[] v = KeyExchanges.Backend.BC.create(g, RANDOM).orElseThrow().publicValue();
            List<Bad> bad = new ArrayList<>();
            bad.add(new Bad("empty", new byte[0], "0 bytes, expected " + g.publicSize()));
            bad.add(new Bad("one byte short", Arrays.copyOfRange(v, 1, v.length), "bytes, expected"));
            bad.add(new Bad("one byte long", Vectors.concat(new byte[1], v), "bytes, expected"));
            int len = g.publicSize();
            switch (g.kind()) {
                case MODP -> {
                    BigInteger p = ModpConstants.of(g).p();
                    bad.add(new Bad("0", new byte[len], "public value 0 is not in (1, p-1)"));
                    bad.add(new Bad("1", Octets.leftPad(BigInteger.ONE, len), "public value 1 is not in (1, p-1)"));
                    bad.add(new Bad("p-1", Octets.leftPad(p.subtract(BigInteger.ONE), len), "p-1 is not in (1, p-1)"));
                    bad.add(new Bad("p", Octets.leftPad(p, len), "public value p is not in (1, p-1)"));
                    byte[] ones = new byte[len];
                    Arrays.fill(ones, (byte) 0xff);
                    bad.add(new Bad("all ones", ones, "above p"));
                }
                case ECP -> {
                    EcpCurve curve = EcpCurve.of(g);
                    int f = curve.fieldSize();
                    bad.add(new Bad("(0, 0)", new byte[2 * f], "point at infinity"));
                    byte[] off = v.clone();
                    off[2 * f - 1] ^= 1;
                    bad.add(new Bad("off the curve", off, "not on the curve"));
                    BigInteger y = new BigInteger(1, Arrays.copyOfRange(v, f, 2 * f));
                    bad.add(new Bad("x = p", curve.encode(curve.p(), y), "not below the field prime"));
                    bad.add(new Bad("SEC 1 uncompressed", Vectors.concat(new byte[] {4}, v), "bytes, expected"));
                }
                case MONTGOMERY -> {
                    // only the length: every other string is a u-coordinate (RFC 7748 section 5)
                }
            }
            bad.forEach(b -> out.add(Arguments.of(g, b)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusedUpFront")
    void refusedBeforeAnyComputation(DhGroup group, Bad bad) {
        InvalidPublicValueException e = assertThrows(InvalidPublicValueException.class,
                () -> KeyExchange.checkPeerPublicValue(group, bad.value()));
        assertTrue(e.getMessage().startsWith(group + ": ") && e.getMessage().contains(bad.expected()),
                e.getMessage());
        // and the computation refuses it as well, with every backend that has the group
        for (KeyExchanges.Backend b : KnownAnswerTest.backends()) {
            if (b.supports(group)) {
                try (KeyExchange ke = b.create(group, RANDOM).orElseThrow()) {
                    assertThrows(InvalidPublicValueException.class, () -> ke.sharedSecret(bad.value()), b.name());
                }
            }
        }
    }

    static Stream<Vectors.Exchange> vectors() {
        List<Vectors.Exchange> all = new ArrayList<>();
        all.addAll(Vectors.rfc5903());
        all.addAll(Vectors.rfc7748Dh());
        all.addAll(Vectors.strongswan());
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void publishedPublicValuesPass(Vectors.Exchange v) {
        assertDoesNotThrow(() -> KeyExchange.checkPeerPublicValue(v.group(), v.publicI()));
        assertDoesNotThrow(() -> KeyExchange.checkPeerPublicValue(v.group(), v.publicR()));
    }

    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void freshPublicValuesPass(DhGroup group) {
        for (KeyExchanges.Backend b : KnownAnswerTest.backends()) {
            if (b.supports(group)) {
                try (KeyExchange ke = b.create(group, RANDOM).orElseThrow()) {
                    assertDoesNotThrow(() -> KeyExchange.checkPeerPublicValue(group, ke.publicValue()), b.name());
                }
            }
        }
    }

    /** Small-order u-coordinates pass the length check and are refused by the computation (RFC 8031 2). */
    @Test
    void allZeroX25519IsLeftToTheComputation() throws Exception {
        for (DhGroup g : List.of(DhGroup.CURVE25519, DhGroup.CURVE448)) {
            byte[] zero = new byte[g.publicSize()];
            byte[] one = Octets.littleEndian(BigInteger.ONE, g.publicSize());
            for (byte[] u : List.of(zero, one)) {
                KeyExchange.checkPeerPublicValue(g, u);
                for (KeyExchanges.Backend b : KnownAnswerTest.backends()) {
                    if (b.supports(g)) {
                        try (KeyExchange ke = b.create(g, RANDOM).orElseThrow()) {
                            InvalidPublicValueException e = assertThrows(InvalidPublicValueException.class,
                                    () -> ke.sharedSecret(u));
                            assertTrue(e.getMessage().contains("all zero"), e.getMessage());
                        }
                    }
                }
            }
        }
    }

    /** -g has order 2q: in range, so it passes up front; the subgroup test with the computation refuses it. */
    @Test
    void rfc5114SubgroupTestIsMadeWithTheComputation() throws Exception {
        for (DhGroup g : List.of(DhGroup.MODP_1024_160, DhGroup.MODP_2048_224, DhGroup.MODP_2048_256)) {
            ModpConstants.Params params = ModpConstants.of(g);
            byte[] minusG = Octets.leftPad(params.p().subtract(params.g()), g.publicSize());
            KeyExchange.checkPeerPublicValue(g, minusG);
            try (KeyExchange ke = ModpKeyExchange.generate(g, RANDOM)) {
                InvalidPublicValueException e = assertThrows(InvalidPublicValueException.class,
                        () -> ke.sharedSecret(minusG));
                assertTrue(e.getMessage().contains("subgroup"), e.getMessage());
            }
        }
    }
}

package org.ike4j.crypto.ke;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.ke.KeyExchanges.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad peer public values, each refused with InvalidPublicValueException by every backend: RFC 6989
 * section 2 (MODP range and subgroup, ECP on-curve) and RFC 7748 section 6 / RFC 8031 section 2
 * (all-zero Curve25519/448 results).
 */
class ValidationTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    record Bad(String what, byte[] value) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DhGroup g : DhGroup.values()) {
            List<Bad> bad = switch (g.kind()) {
                case MODP -> modp(g);
                case ECP -> ecp(g);
                case MONTGOMERY -> montgomery(g);
            };
            for (Backend b : KnownAnswerTest.backends()) {
                if (b.supports(g)) {
                    bad.forEach(v -> out.add(Arguments.of(g, b, v)));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void refused(DhGroup group, Backend backend, Bad bad) {
        try (KeyExchange ke = backend.create(group, RANDOM).orElseThrow()) {
            assertThrows(InvalidPublicValueException.class, () -> ke.sharedSecret(bad.value()));
        }
    }

    /** A valid public value of the group, to be cut and padded. */
    private static byte[] valid(DhGroup g) {
        return Backend.BC.create(g, RANDOM).orElseThrow().publicValue();
    }

    private static List<Bad> lengths(DhGroup g) {
        byte[] v = valid(g);
        List<Bad> out = new ArrayList<>();
        out.add(new Bad("empty", new byte[0]));
        out.add(new Bad("one byte short", Arrays.copyOfRange(v, 1, v.length)));
        out.add(new Bad("one byte long (leading zero)", Vectors.concat(new byte[1], v)));
        out.add(new Bad("one byte long (trailing zero)", Vectors.concat(v, new byte[1])));
        return out;
    }

    private static List<Bad> modp(DhGroup g) {
        ModpConstants.Params params = ModpConstants.of(g);
        BigInteger p = params.p();
        int len = g.publicSize();
        List<Bad> out = lengths(g);
        out.add(new Bad("zero", new byte[len]));
        out.add(new Bad("one", Octets.leftPad(BigInteger.ONE, len)));
        out.add(new Bad("p-1", Octets.leftPad(p.subtract(BigInteger.ONE), len)));
        out.add(new Bad("p", Octets.leftPad(p, len)));
        out.add(new Bad("p+2", Octets.leftPad(p.add(BigInteger.TWO), len)));
        byte[] ones = new byte[len];
        Arrays.fill(ones, (byte) 0xff);
        out.add(new Bad("all ones", ones));
        if (params.q() != null) {
            // -g = (p-1) g has order 2q: in range, outside the order-q subgroup (RFC 6989 section 2.2).
            out.add(new Bad("-g (order 2q)", Octets.leftPad(p.subtract(params.g()), len)));
        }
        return out;
    }

    private static List<Bad> ecp(DhGroup g) {
        EcpCurve curve = EcpCurve.of(g);
        int f = curve.fieldSize();
        BigInteger p = curve.p();
        byte[] v = valid(g);
        List<Bad> out = lengths(g);
        out.add(new Bad("(0, 0) for infinity", new byte[2 * f]));
        byte[] offCurve = v.clone();
        offCurve[2 * f - 1] ^= 1; // y changed, x kept
        out.add(new Bad("off the curve", offCurve));
        out.add(new Bad("x = p", curve.encode(p, new BigInteger(1, Arrays.copyOfRange(v, f, 2 * f)))));
        out.add(new Bad("y = p", curve.encode(new BigInteger(1, Arrays.copyOfRange(v, 0, f)), p)));
        // y replaced by p - y would be -P, a valid point; p + y is the same residue but out of range.
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(v, f, 2 * f));
        if (y.add(p).bitLength() <= 8 * f) {
            out.add(new Bad("y + p", curve.encode(new BigInteger(1, Arrays.copyOfRange(v, 0, f)), y.add(p))));
        }
        // 0x04 | x | y (the SEC 1 uncompressed form) is not the RFC 5903 encoding.
        out.add(new Bad("SEC 1 uncompressed", Vectors.concat(new byte[] {4}, v)));
        return out;
    }

    /**
     * u-coordinates whose multiples are all zero. Curve25519's points of order 1, 2, 4 and 8 and
     * their non-canonical forms are the list in D. J. Bernstein's https://cr.yp.to/ecdh.html
     * ("Which public keys are invalid?"); for Curve448 u = 0 and u = 1 (RFC 7748 section 6.2: an
     * all-zero result must be refused).
     */
    private static List<Bad> montgomery(DhGroup g) {
        List<Bad> out = lengths(g);
        int len = g.publicSize();
        List<BigInteger> small = new ArrayList<>();
        small.add(BigInteger.ZERO);
        small.add(BigInteger.ONE);
        if (g == DhGroup.CURVE25519) {
            BigInteger p = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
            BigInteger order8a = new BigInteger(
                "325606250916557431795983626356110631294008115727848805560023387167927233504");
            BigInteger order8b = new BigInteger(
                "39382357235489614581723060781553021112529911719440698176882885853963445705823");
            // The list's entries of 2^255 and above lose their top bit to the RFC 7748 mask and
            // become ordinary points, so only those below 2^255 apply.
            small.addAll(List.of(order8a, order8b, p.subtract(BigInteger.ONE), p, p.add(BigInteger.ONE)));
        } else {
            BigInteger p = BigInteger.ONE.shiftLeft(448).subtract(BigInteger.ONE.shiftLeft(224)).subtract(BigInteger.ONE);
            small.addAll(List.of(p, p.add(BigInteger.ONE)));
        }
        for (BigInteger u : small) {
            out.add(new Bad("u = " + u.toString(16), Octets.littleEndian(u, len)));
        }
        if (g == DhGroup.CURVE25519) {
            // The top bit is masked (RFC 7748 section 5), so this is u = 0 again.
            byte[] topBitZero = new byte[len];
            topBitZero[len - 1] = (byte) 0x80;
            out.add(new Bad("u = 0 with top bit set", topBitZero));
        }
        return out;
    }
}

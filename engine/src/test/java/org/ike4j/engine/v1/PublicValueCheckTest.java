package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.ike4j.engine.Event;
import org.ike4j.engine.Modp2048Values;
import org.ike4j.engine.Operator;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.IsakmpMessage;
import org.ike4j.wire.v1.KeyExchangePayload;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.PlainMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IKEv1 engine computes g^xy on its loop when the KE arrives, and {@code sharedSecret} refuses a
 * bad value (RFC 6989 section 2's checks, which apply to IKEv1's groups alike) before anything is
 * sent back: the responder answers INVALID-KEY-INFORMATION (RFC 2408 3.14.1) in a plain
 * Informational and drops the half-open ISAKMP SA, in Main Mode and in Aggressive Mode.
 * <pre>
 * // ID_PROT { KE(bad), Ni } -->   <-- INFORMATIONAL { N(INVALID-KEY-INFORMATION) }
 * </pre>
 * The bad value replaces the initiator's KE data on the way (KE travels unencrypted in Phase 1).
 */
class PublicValueCheckTest {

    record Bad(String ike, String what, UnaryOperator<byte[]> lie, String says) {
        @Override
        public String toString() {
            return ike + " " + what;
        }
    }

    static Stream<Arguments> cases() {
        List<Bad> bad = List.of(
                new Bad("modp2048", "0", v -> Modp2048Values.encode(BigInteger.ZERO), "MODP_2048: public value 0 is not in (1, p-1)"),
                new Bad("modp2048", "1", v -> Modp2048Values.encode(BigInteger.ONE), "MODP_2048: public value 1 is not in (1, p-1)"),
                new Bad("modp2048", "p-1", v -> Modp2048Values.encode(Modp2048Values.P.subtract(BigInteger.ONE)), "MODP_2048: public value p-1"),
                new Bad("modp2048", "p", v -> Modp2048Values.encode(Modp2048Values.P), "MODP_2048: public value p is not"),
                new Bad("ecp256", "off the curve", v -> {
                    byte[] off = v.clone();
                    off[off.length - 1] ^= 1;
                    return off;
                }, "ECP_256: point is not on the curve"),
                new Bad("ecp256", "(0, 0)", v -> new byte[v.length], "ECP_256: public value is (0, 0)"),
                new Bad("x25519", "all zero", v -> new byte[32], "CURVE25519: shared secret is all zero"));
        List<Arguments> out = new ArrayList<>();
        for (boolean aggressive : List.of(false, true)) {
            bad.forEach(b -> out.add(Arguments.of(aggressive ? "Aggressive" : "Main", b)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} Mode {1}")
    @MethodSource("cases")
    void theResponderAnswersInvalidKeyInformationAndKeepsNoSa(String mode, Bad bad) throws Exception {
        Harness h = new Harness();
        List<String> lines = new ArrayList<>(List.of("ike=aes128-sha256-" + bad.ike()));
        if (mode.equals("Aggressive")) {
            lines.add("aggressive=yes");
        }
        var p = Configs.pair(h, lines, lines);
        h.filter = s -> {
            if (!s.local().getAddress().equals(p[0].address)) {
                return List.of(s.data());
            }
            try {
                IsakmpMessage m = IsakmpCodec.decode(s.data().toByteArray());
                if (m instanceof PlainMessage pm && pm.payloads().stream().anyMatch(KeyExchangePayload.class::isInstance)) {
                    List<Payload> changed = new ArrayList<>();
                    for (Payload pl : pm.payloads()) {
                        changed.add(pl instanceof KeyExchangePayload ke
                                ? new KeyExchangePayload(Bytes.wrap(bad.lie().apply(ke.keyExchangeData().toByteArray())), 0)
                                : pl);
                    }
                    return List.of(Bytes.wrap(IsakmpCodec.encode(new PlainMessage(pm.header(), changed))));
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return List.of(s.data());
        };
        p[0].command(new Operator.Up("c"));
        h.run();
        String sun = FailureTest.failures(p[1]);
        assertTrue(sun.contains("KE") && sun.contains(bad.says()), sun);
        assertEquals(1, sun.lines().count(), "one line: " + sun);
        assertEquals(List.of("INVALID-KEY-INFORMATION"), FailureTest.plainNotifies(p[1]));
        assertEquals(0, p[1].engine.snapshot().ikeSas().size(), "the responder kept the ISAKMP SA");
        assertTrue(p[1].installed.isEmpty());
        assertTrue(FailureTest.failures(p[0]).contains("INVALID-KEY-INFORMATION"), FailureTest.failures(p[0]));
        assertEquals(0, p[0].engine.snapshot().ikeSas().size(), FailureTest.failures(p[0]));
    }
}

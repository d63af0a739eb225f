package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.KeyExchangeSource;
import org.ike4j.crypto.Secret;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Modp2048Values;
import org.ike4j.engine.Operator;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.KeyExchangePayload;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.NotifyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer's KE public value is checked before anything is kept or answered (RFC 7296 1.2 and 3.4,
 * RFC 6989 section 2), although g^ir is computed off the loop: the responder answers a bad value
 * with an unprotected INVALID_SYNTAX and keeps no SA; the initiator fails its SA on a bad value in
 * the IKE_SA_INIT response; CREATE_CHILD_SA answers INVALID_SYNTAX inside the protected exchange.
 * What only the computation finds (an all-zero X25519 result, RFC 8031) ends the half-open SA.
 * <pre>
 * // IKE_SA_INIT { SA, KE(bad), Ni } -->
 * //         <-- { N(INVALID_SYNTAX) }        responder SPI 0, no SA, no computation
 * </pre>
 * The bad values are sent by an engine whose key pair source hands out a pair that lies about its
 * public value, so the messages are otherwise as the engine builds them.
 */
class PublicValueCheckTest {

    /** A key pair that computes as {@code real} but shows {@code claimed} as its public value. */
    record Lying(KeyExchange real, byte[] claimed) implements KeyExchange {
        @Override
        public DhGroup group() {
            return real.group();
        }

        @Override
        public byte[] publicValue() {
            return claimed.clone();
        }

        @Override
        public Secret sharedSecret(byte[] peerPublicValue) throws InvalidPublicValueException {
            return real.sharedSecret(peerPublicValue);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    /** Key pairs from the peer's random; the n-th (from 0) shows what {@code lie} makes of its real value. */
    static final class Source implements KeyExchangeSource {
        final KeyExchangeSource inline;
        final Map<Integer, Function<byte[], byte[]>> lies;
        int handed;

        Source(SecureRandom random, Map<Integer, Function<byte[], byte[]>> lies) {
            this.inline = KeyExchangeSource.inline(Crypto.defaults(), random);
            this.lies = lies;
        }

        @Override
        public KeyExchange next(DhGroup group) {
            KeyExchange k = inline.next(group);
            Function<byte[], byte[]> lie = lies.get(handed++);
            return lie == null ? k : new Lying(k, lie.apply(k.publicValue()));
        }
    }

    /** moon's key pairs lie as {@code moonLies} says, sun's as {@code sunLies}. */
    static Source[] sources(Harness h, Map<Integer, Function<byte[], byte[]>> moonLies,
            Map<Integer, Function<byte[], byte[]>> sunLies) {
        Source[] made = new Source[2];
        h.keyExchanges = random -> {
            int i = made[0] == null ? 0 : 1;
            made[i] = new Source(random, i == 0 ? moonLies : sunLies);
            return made[i];
        };
        return made;
    }

    /** The group's keyword, what the peer sends instead of its public value, and what the diagnostic says. */
    record Bad(String keyword, DhGroup group, String what, Function<byte[], byte[]> lie, String says) {
        @Override
        public String toString() {
            return group + " " + what;
        }
    }

    static Stream<Arguments> bad() {
        List<Bad> b = new ArrayList<>();
        String m = "modp2048";
        DhGroup g = DhGroup.MODP_2048;
        b.add(new Bad(m, g, "0", v -> Modp2048Values.encode(BigInteger.ZERO), "public value 0 is not in (1, p-1)"));
        b.add(new Bad(m, g, "1", v -> Modp2048Values.encode(BigInteger.ONE), "public value 1 is not in (1, p-1)"));
        b.add(new Bad(m, g, "p-1", v -> Modp2048Values.encode(Modp2048Values.P.subtract(BigInteger.ONE)), "public value p-1 is not in (1, p-1)"));
        b.add(new Bad(m, g, "p", v -> Modp2048Values.encode(Modp2048Values.P), "public value p is not in (1, p-1)"));
        b.add(new Bad(m, g, "one byte short", v -> Arrays.copyOf(v, 255), "255 bytes, expected 256"));
        for (var e : Map.of("ecp256", DhGroup.ECP_256, "ecp384", DhGroup.ECP_384, "ecp521", DhGroup.ECP_521).entrySet()) {
            DhGroup c = e.getValue();
            b.add(new Bad(e.getKey(), c, "off the curve", v -> {
                byte[] off = v.clone();
                off[off.length - 1] ^= 1;
                return off;
            }, "point is not on the curve"));
            b.add(new Bad(e.getKey(), c, "(0, 0)", v -> new byte[v.length], "the point at infinity"));
            b.add(new Bad(e.getKey(), c, "one byte long", v -> Arrays.copyOf(v, v.length + 1),
                    (c.publicSize() + 1) + " bytes, expected " + c.publicSize()));
        }
        b.add(new Bad("x25519", DhGroup.CURVE25519, "one byte short", v -> Arrays.copyOf(v, 31), "31 bytes, expected 32"));
        b.add(new Bad("x448", DhGroup.CURVE448, "empty", v -> new byte[0], "0 bytes, expected 56"));
        return b.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void theResponderAnswersInvalidSyntaxAndKeepsNoState(Bad bad) throws Exception {
        Harness h = new Harness();
        h.holdComputations = true;
        Source[] s = sources(h, Map.of(0, bad.lie()), Map.of());
        String ike = "ike=aes128-sha256-" + bad.keyword();
        var p = h.pair(KeyComputationTest.lines(EstablishTest.NETS_MOON, ike), KeyComputationTest.lines(EstablishTest.NETS_SUN, ike));
        p[0].command(new Operator.Up("c"));
        h.run();
        // IKE_SA_INIT { SA, KE(bad), Ni } -->  <-- { N(INVALID_SYNTAX) }
        assertEquals(1, p[1].sent.size(), p[1].log());
        Ikev2Message answer = Ikev2Decoder.decode(p[1].sent.get(0).data().toByteArray());
        assertEquals(0, answer.header().responderSpi(), "an answer that keeps no state has no responder SPI");
        assertEquals(1, answer.payloads().size());
        assertEquals(NotifyType.INVALID_SYNTAX.code(), answer.payloads(NotifyPayload.class).get(0).notifyType().code());
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty(), "the responder kept an SA: " + p[1].log());
        assertTrue(p[1].computations.isEmpty(), "nothing is computed for a refused value");
        assertEquals(0, s[1].handed, "no key pair is drawn for a refused value");
        assertTrue(p[1].timers.isEmpty(), "no half-open timer: " + p[1].timers);
        List<Event> failed = p[1].events(Event.Kind.NEGOTIATION_FAILED);
        assertEquals(1, failed.size(), p[1].log());
        String msg = failed.get(0).message();
        assertTrue(msg.contains(Harness.MOON + "'s KE public value is invalid (" + bad.group() + ": ")
                && msg.contains(bad.says()) && msg.endsWith("answering INVALID_SYNTAX"), msg);
        assertEquals(1, msg.lines().count(), "a one-line diagnostic");
        // the initiator hears why and gives up
        assertTrue(p[0].logged("peer refused IKE_SA_INIT with INVALID_SYNTAX"), p[0].log());
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty(), p[0].log());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void theInitiatorFailsItsSaOnABadValueInTheResponse(Bad bad) throws Exception {
        Harness h = new Harness();
        h.holdComputations = true;
        sources(h, Map.of(), Map.of(0, bad.lie()));
        String ike = "ike=aes128-sha256-" + bad.keyword();
        var p = h.pair(KeyComputationTest.lines(EstablishTest.NETS_MOON, ike), KeyComputationTest.lines(EstablishTest.NETS_SUN, ike));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertTrue(p[0].computations.isEmpty(), "the initiator computed with a refused value: " + p[0].log());
        assertEquals(1, p[0].sent.size(), "no IKE_AUTH: " + p[0].log());
        List<Event> failed = p[0].events(Event.Kind.NEGOTIATION_FAILED);
        assertEquals(1, failed.size(), p[0].log());
        String msg = failed.get(0).message();
        assertTrue(msg.contains("peer's KE public value is invalid: " + bad.group() + ": ") && msg.contains(bad.says()), msg);
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty(), p[0].log());
    }

    /** The same source without lies establishes, so the refusals above come from the values alone. */
    @Test
    void theSameValuesUnchangedAreAccepted() throws Exception {
        for (String keyword : List.of("modp2048", "ecp256", "ecp384", "ecp521", "x25519", "x448")) {
            Harness h = new Harness();
            sources(h, Map.of(), Map.of());
            String ike = "ike=aes128-sha256-" + keyword;
            var p = h.pair(KeyComputationTest.lines(EstablishTest.NETS_MOON, ike), KeyComputationTest.lines(EstablishTest.NETS_SUN, ike));
            p[0].command(new Operator.Up("c"));
            h.run();
            assertEquals(1, p[0].events(Event.Kind.IKE_SA_ESTABLISHED).size(), keyword + ": " + p[0].log() + p[1].log());
            assertEquals(1, p[1].events(Event.Kind.IKE_SA_ESTABLISHED).size(), keyword + ": " + p[1].log());
        }
    }

    /**
     * An all-zero u passes the length check: only the computation can tell (RFC 8031 section 2), so
     * the responder answers, computes, and then drops the half-open SA with a warning.
     */
    @Test
    void allZeroX25519IsRefusedAfterTheComputation() throws Exception {
        Harness h = new Harness();
        h.holdComputations = true;
        sources(h, Map.of(0, v -> new byte[32]), Map.of());
        String ike = "ike=aes128-sha256-x25519";
        var p = h.pair(KeyComputationTest.lines(EstablishTest.NETS_MOON, ike), KeyComputationTest.lines(EstablishTest.NETS_SUN, ike));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[1].sent.size());
        Ikev2Message answer = Ikev2Decoder.decode(p[1].sent.get(0).data().toByteArray());
        assertTrue(answer.first(KeyExchangePayload.class).isPresent(), "answered with its own KE");
        assertEquals(1, p[1].engine.snapshot().ikeSas().size());
        assertEquals(1, p[1].computations.size());
        p[1].finishComputations(Input.Computed::run);
        List<Event> failed = p[1].events(Event.Kind.NEGOTIATION_FAILED);
        assertEquals(1, failed.size(), p[1].log());
        assertTrue(failed.get(0).message().contains("CURVE25519: shared secret is all zero")
                && failed.get(0).message().contains("half-open IKE SA dropped"), failed.get(0).message());
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty(), p[1].log());
    }

    /**
     * A Child SA rekey with PFS whose KEi is out of range: sun answers INVALID_SYNTAX inside the
     * protected exchange, draws no key pair, installs nothing, and keeps the IKE SA and the old pair.
     * <pre>
     * // CREATE_CHILD_SA SK { N(REKEY_SA), SA, Ni, KEi(1), TSi, TSr } -->
     * //                <-- SK { N(INVALID_SYNTAX) }
     * </pre>
     */
    @Test
    void createChildSaWithABadKeIsAnsweredInvalidSyntaxInsideTheSa() throws Exception {
        Harness h = new Harness();
        Source[] s = sources(h, Map.of(1, v -> Modp2048Values.encode(BigInteger.ONE)), Map.of());
        var p = h.pair(CreateChildSaTest.lines(CreateChildSaTest.SHORT, "esp=aes128-sha256-modp2048"),
                CreateChildSaTest.sunLines(List.of(), "esp=aes128-sha256-modp2048"));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[1].installed.size(), p[1].log());
        int sentBefore = p[1].sent.size();
        h.advance(41_000);
        assertEquals(2, s[0].handed, "moon made its rekey with the lying pair");
        assertEquals(1, s[1].handed, "sun drew a key pair for a refused value");
        assertTrue(p[1].logged("peer's KE in CREATE_CHILD_SA is invalid (MODP_2048: public value 1 is not in (1, p-1))"
                + ": answering INVALID_SYNTAX"), p[1].log());
        assertTrue(p[0].logged("INVALID_SYNTAX"), p[0].log());
        assertTrue(p[1].sent.size() > sentBefore, "sun answered");
        assertEquals(1, p[1].installed.size(), "sun installed a Child SA: " + p[1].log());
        assertEquals(1, p[1].engine.snapshot().ikeSas().size());
        assertEquals(1, p[1].engine.snapshot().childSas().size());
        assertTrue(p[0].events(Event.Kind.CHILD_SA_REKEYED).isEmpty());
    }

    /**
     * The responder's KEr in a Child SA rekey is out of range: moon refuses it with a line that says
     * so and deletes the Child SA sun installed with its answer; the old pair stays on both ends.
     * <pre>
     * // CREATE_CHILD_SA SK { N(REKEY_SA), SA, Ni, KEi, TSi, TSr } -->
     * //                <-- SK { SA, Nr, KEr(p-1), TSi, TSr }
     * // INFORMATIONAL SK { D(ESP, our new SPI) } -->  <-- SK { D(ESP, sun's new SPI) }
     * </pre>
     */
    @Test
    void aBadKeInTheCreateChildSaResponseFailsTheRekeyAndDeletesThePeersSa() throws Exception {
        Harness h = new Harness();
        sources(h, Map.of(), Map.of(1, v -> Modp2048Values.encode(Modp2048Values.P.subtract(BigInteger.ONE))));
        var p = h.pair(CreateChildSaTest.lines(CreateChildSaTest.SHORT, "esp=aes128-sha256-modp2048"),
                CreateChildSaTest.sunLines(List.of(), "esp=aes128-sha256-modp2048"));
        p[0].command(new Operator.Up("c"));
        h.run();
        int oldSpi = p[0].installed.get(0).inboundSpi();
        h.advance(41_000);
        assertTrue(p[0].logged("peer's KE in the CREATE_CHILD_SA response is invalid (MODP_2048: public value p-1 is not"
                + " in (1, p-1)); deleting the peer's new CHILD_SA"), p[0].log());
        assertEquals(1, p[0].installed.size(), "moon installed a Child SA with a refused KE: " + p[0].log());
        assertEquals(2, p[1].installed.size(), "sun installed its side with its answer");
        assertEquals(1, p[1].deleted.size(), p[1].log());
        assertEquals(p[1].installed.get(1).inboundSpi(), p[1].deleted.get(0).inboundSpi(), "sun deleted the new pair");
        assertEquals(1, p[0].engine.snapshot().childSas().size());
        assertEquals(1, p[1].engine.snapshot().childSas().size());
        assertEquals(oldSpi, p[0].engine.snapshot().childSas().get(0).inboundSpi());
        assertTrue(p[0].events(Event.Kind.CHILD_SA_REKEYED).isEmpty());
    }

    /** An IKE SA rekey whose KEi is off the curve: INVALID_SYNTAX in the old SA, no new SA. */
    @Test
    void ikeSaRekeyWithABadKeIsAnsweredInvalidSyntaxInsideTheSa() throws Exception {
        Harness h = new Harness();
        Source[] s = sources(h, Map.of(1, v -> {
            byte[] off = v.clone();
            off[off.length - 1] ^= 1;
            return off;
        }), Map.of());
        String[] timing = {"ikelifetime=60s", "lifetime=200s", "rekeymargin=20s", "rekeyfuzz=0%", "reauth=no"};
        var p = h.pair(CreateChildSaTest.lines(List.of(timing), "ike=aes128-sha256-ecp256"),
                CreateChildSaTest.sunLines(List.of(), "ike=aes128-sha256-ecp256"));
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[1].events(Event.Kind.IKE_SA_ESTABLISHED).size(), p[1].log());
        h.advance(41_000);
        assertEquals(2, s[0].handed, "moon rekeyed with the lying pair: " + p[0].log());
        assertEquals(1, s[1].handed, "sun drew a key pair for a refused value");
        assertTrue(p[1].logged("peer's KE in the IKE SA rekey is invalid (ECP_256: point is not on the curve)"
                + ": answering INVALID_SYNTAX"), p[1].log());
        assertTrue(p[0].logged("peer refused the IKE SA rekey: INVALID_SYNTAX"), p[0].log());
        assertEquals(1, p[1].engine.snapshot().ikeSas().size(), p[1].log());
        assertEquals(1, p[1].events(Event.Kind.IKE_SA_ESTABLISHED).size(), "no new IKE SA: " + p[1].log());
    }
}

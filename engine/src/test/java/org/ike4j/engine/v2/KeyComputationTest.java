package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.kdf.Ikev2SaKeys;
import org.ike4j.engine.Action;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.junit.jupiter.api.Test;

/**
 * The responder computes g^ir, SKEYSEED and SK_* (RFC 7296 2.14) off the loop: it answers
 * IKE_SA_INIT at once, hands the computation out as {@link Action.Compute}, holds an IKE_AUTH that
 * arrives before the result, and goes on when {@link Input.Computed} comes back.
 * <pre>
 * // IKE_SA_INIT { SA, KE, Ni } -->
 * //         <-- { SA, KE, Nr }            Compute(keys) handed out
 * // IKE_AUTH SK { ... } -->               held: no keys yet
 * //                                       Computed(keys) --> the held IKE_AUTH is opened
 * //         <-- SK { IDr, AUTH, SA, TSi, TSr }
 * </pre>
 */
class KeyComputationTest {

    static List<String> lines(List<String> nets, String... more) {
        List<String> l = new ArrayList<>(nets);
        l.addAll(List.of(more));
        return l;
    }

    /**
     * moon (p[0]) and sun (p[1]), both with {@code ike}, their key computations held: moon starts
     * connection {@code c} and the harness runs until nothing moves without a computation's result.
     */
    private static Harness.Peer[] upWithHeldComputations(Harness h, String ike) throws Exception {
        h.holdComputations = true;
        var p = h.pair(lines(EstablishTest.NETS_MOON, ike), lines(EstablishTest.NETS_SUN, ike));
        p[0].command(new Operator.Up("c"));
        h.run();
        return p;
    }

    @Test
    void anIkeAuthThatArrivesBeforeTheKeysWaitsForThem() throws Exception {
        Harness h = new Harness();
        var p = upWithHeldComputations(h, "ike=aes128-sha256-modp2048");
        // both ends compute their keys off the loop; moon's IKE_AUTH waits for moon's
        assertEquals(1, p[0].computations.size(), p[0].log());
        assertEquals(1, p[1].computations.size(), p[1].log());
        assertEquals(1, p[0].sent.size(), "no IKE_AUTH before the initiator's keys: " + p[0].log());
        p[0].finishComputations(Input.Computed::run);
        h.run();
        assertEquals(1, p[1].sent.size(), "only the IKE_SA_INIT response before the keys: " + p[1].log());
        assertEquals(2, p[0].sent.size(), "moon sent IKE_AUTH, which waits at sun");
        assertTrue(p[1].events(Event.Kind.IKE_SA_ESTABLISHED).isEmpty());
        p[1].finishComputations(Input.Computed::run);
        h.run();
        assertEquals(1, p[0].events(Event.Kind.IKE_SA_ESTABLISHED).size(), p[0].log() + p[1].log());
        assertEquals(1, p[1].events(Event.Kind.IKE_SA_ESTABLISHED).size(), p[0].log() + p[1].log());
        EstablishTest.assertPair(p[0], p[1]);
        assertEquals(2, p[1].sent.size(), "IKE_AUTH answered once, from the held request");
        // the held request is counted once, as without holding
        Harness plain = new Harness();
        var q = plain.pair(lines(EstablishTest.NETS_MOON, "ike=aes128-sha256-modp2048"),
                lines(EstablishTest.NETS_SUN, "ike=aes128-sha256-modp2048"));
        q[0].command(new Operator.Up("c"));
        plain.run();
        assertEquals(q[1].engine.snapshot().ikeSas().get(0).packetsIn(), p[1].engine.snapshot().ikeSas().get(0).packetsIn());
        assertEquals(q[1].engine.snapshot().ikeSas().get(0).bytesIn(), p[1].engine.snapshot().ikeSas().get(0).bytesIn());
    }

    @Test
    void resultsComeBackToTheSaThatAskedInAnyOrder() throws Exception {
        Harness h = new Harness();
        h.holdComputations = true;
        String mars = "10.3.0.3";
        Harness.Peer moon = h.peer("moon", Harness.MOON, Harness.config(Harness.MOON, Harness.SUN, "secret",
                "leftsubnet=10.1.0.0/24", "rightsubnet=10.2.0.0/24"), 11, Ikev2Options.DEFAULTS);
        Harness.Peer marsPeer = h.peer("mars", mars, Harness.config(mars, Harness.SUN, "secret",
                "leftsubnet=10.3.0.0/24", "rightsubnet=10.2.0.0/24"), 33, Ikev2Options.DEFAULTS);
        String conf = "conn m\n\tkeyexchange=ikev2\n\tauthby=psk\n\tauto=add\n\tleft=" + Harness.SUN + "\n\tright="
                + Harness.MOON + "\n\tleftsubnet=10.2.0.0/24\n\trightsubnet=10.1.0.0/24\n"
                + "conn r\n\tkeyexchange=ikev2\n\tauthby=psk\n\tauto=add\n\tleft=" + Harness.SUN + "\n\tright=" + mars
                + "\n\tleftsubnet=10.2.0.0/24\n\trightsubnet=10.3.0.0/24\n";
        String secrets = Harness.SUN + " " + Harness.MOON + " : PSK \"secret\"\n" + Harness.SUN + " " + mars
                + " : PSK \"secret\"\n";
        Harness.Peer sun = h.peer("sun", Harness.SUN, Harness.configText(Harness.SUN, conf, secrets), 22,
                Ikev2Options.DEFAULTS);
        moon.command(new Operator.Up("c"));
        marsPeer.command(new Operator.Up("c"));
        h.run();
        moon.finishComputations(Input.Computed::run);
        marsPeer.finishComputations(Input.Computed::run);
        h.run();
        assertEquals(2, sun.computations.size(), sun.log());
        // the second SA's keys first
        List<Action.Compute> reversed = new ArrayList<>(sun.computations);
        java.util.Collections.reverse(reversed);
        sun.computations.clear();
        sun.computations.addAll(reversed);
        sun.finishComputations(Input.Computed::run);
        h.run();
        assertEquals(2, sun.events(Event.Kind.IKE_SA_ESTABLISHED).size(), moon.log() + marsPeer.log() + sun.log());
        for (Harness.Peer initiator : List.of(moon, marsPeer)) {
            assertEquals(1, initiator.events(Event.Kind.IKE_SA_ESTABLISHED).size(), initiator.log() + sun.log());
            ChildSa mine = initiator.installed.get(0);
            ChildSa theirs = sun.installed.stream().filter(s -> s.inboundSpi() == mine.outboundSpi()).findFirst()
                    .orElseThrow();
            assertArrayEquals(mine.outboundEncryptionKey().reveal(), theirs.inboundEncryptionKey().reveal());
            assertEquals(mine.localSelectors(), theirs.remoteSelectors());
        }
    }

    @Test
    void aFailedComputationEndsTheHalfOpenSaWithAClearError() throws Exception {
        Harness h = new Harness();
        var p = upWithHeldComputations(h, "ike=aes128-sha256-x25519");
        p[0].finishComputations(Input.Computed::run);
        h.run();
        p[1].finishComputations(c -> new Input.Computed(c.key(), null,
                new InvalidPublicValueException("CURVE25519: shared secret is all-zero")));
        h.run();
        List<Event> failed = p[1].events(Event.Kind.NEGOTIATION_FAILED);
        assertEquals(1, failed.size(), p[1].log());
        assertTrue(failed.get(0).message().contains("KE public value is invalid")
                && failed.get(0).message().contains("all-zero") && failed.get(0).message().contains(Harness.MOON),
                failed.get(0).message());
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty(), "the half-open SA is gone");
        assertEquals(1, p[1].sent.size(), "the held IKE_AUTH was not answered");
        assertTrue(p[1].events(Event.Kind.IKE_SA_ESTABLISHED).isEmpty());
    }

    @Test
    void theInitiatorFailsItsSaWhenItsComputationFailsAndStartsOnlyOne() throws Exception {
        Harness h = new Harness();
        var p = upWithHeldComputations(h, "ike=aes128-sha256-x25519");
        // a retransmitted IKE_SA_INIT response while the keys are computed starts no second computation
        p[0].input(new Input.Datagram(p[1].sent.get(0).remote(), p[1].sent.get(0).local(), p[1].sent.get(0).data(), false));
        assertEquals(1, p[0].computations.size(), p[0].log());
        p[0].finishComputations(c -> new Input.Computed(c.key(), null,
                new InvalidPublicValueException("CURVE25519: shared secret is all-zero")));
        List<Event> failed = p[0].events(Event.Kind.NEGOTIATION_FAILED);
        assertEquals(1, failed.size(), p[0].log());
        assertTrue(failed.get(0).message().contains("KE public value is invalid")
                && failed.get(0).message().contains("all-zero"), failed.get(0).message());
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty());
        assertEquals(1, p[0].sent.size(), "no IKE_AUTH without keys");
    }

    @Test
    void keysForAnSaThatIsGoneAreWiped() throws Exception {
        Harness h = new Harness();
        var p = upWithHeldComputations(h, "ike=aes128-sha256-x25519");
        // the initiator gives up and the responder's half-open timeout ends the SA before the keys come
        h.advance(Ikev2Options.DEFAULTS.halfOpenTimeoutMillis() + 1000);
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty(), p[1].log());
        Ikev2SaKeys[] computed = new Ikev2SaKeys[1];
        p[1].finishComputations(c -> {
            Input.Computed r = Input.Computed.run(c);
            computed[0] = (Ikev2SaKeys) r.result();
            return r;
        });
        assertTrue(computed[0].skD().isDestroyed() && computed[0].skEr().isDestroyed(), "keys of a gone SA kept");
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty());
        assertTrue(p[1].logged("gone"), p[1].log());
    }
}

package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.KeyExchangeSource;
import org.ike4j.crypto.Secret;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.KeyExchangePayload;
import org.junit.jupiter.api.Test;

/**
 * The engine takes every ephemeral key pair from its injected {@link KeyExchangeSource} (the
 * daemon's pool of pairs generated on worker threads), puts exactly that pair's public value into
 * the KE payload of the SA that asked, and closes it; a source that cannot deliver fails that SA
 * with an error that names the group and the reason.
 */
class KeyExchangeSourceTest {

    /** Generates inline and remembers each pair handed out, in order, and whether it was closed. */
    static final class Recording implements KeyExchangeSource {
        final KeyExchangeSource inner;
        final List<KeyExchange> handed = new ArrayList<>();
        final Set<KeyExchange> closed = new HashSet<>();

        Recording(SecureRandom random) {
            this.inner = KeyExchangeSource.inline(Crypto.defaults(), random);
        }

        @Override
        public KeyExchange next(DhGroup group) {
            KeyExchange real = inner.next(group);
            KeyExchange k = new KeyExchange() {
                @Override
                public DhGroup group() {
                    return real.group();
                }

                @Override
                public byte[] publicValue() {
                    return real.publicValue();
                }

                @Override
                public Secret sharedSecret(byte[] peer) throws InvalidPublicValueException {
                    return real.sharedSecret(peer);
                }

                @Override
                public void close() {
                    closed.add(this);
                    real.close();
                }
            };
            handed.add(k);
            return k;
        }
    }

    static List<String> lines(List<String> nets, String... more) {
        List<String> l = new ArrayList<>(nets);
        l.addAll(List.of(more));
        return l;
    }

    static byte[] kePublic(Bytes datagram) throws Exception {
        Ikev2Message m = Ikev2Decoder.decode(datagram.toByteArray());
        return m.first(KeyExchangePayload.class).orElseThrow().data().toByteArray();
    }

    @Test
    void everyKePayloadCarriesAPairFromTheSourceUsedOnceAndClosed() throws Exception {
        Harness h = new Harness();
        Map<String, Recording> sources = new java.util.LinkedHashMap<>();
        h.keyExchanges = random -> {
            Recording r = new Recording(random);
            sources.put(sources.isEmpty() ? "moon" : "sun", r);
            return r;
        };
        String[] timing = {"ikelifetime=60s", "lifetime=50s", "rekeymargin=20s", "rekeyfuzz=0%", "reauth=no"};
        var p = h.pair(lines(EstablishTest.NETS_MOON, "ike=aes128-sha256-modp2048", "esp=aes128-sha256-modp2048",
                        timing[0], timing[1], timing[2], timing[3], timing[4]),
                lines(EstablishTest.NETS_SUN, "ike=aes128-sha256-modp2048", "esp=aes128-sha256-modp2048"));
        Recording moon = sources.get("moon");
        Recording sun = sources.get("sun");
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[0].events(Event.Kind.IKE_SA_ESTABLISHED).size(), p[0].log() + p[1].log());
        // IKE_SA_INIT: one pair each, and the KE payloads carry exactly those
        assertEquals(1, moon.handed.size());
        assertEquals(1, sun.handed.size());
        assertArrayEquals(moon.handed.get(0).publicValue(), kePublic(p[0].sent.get(0).data()));
        assertArrayEquals(sun.handed.get(0).publicValue(), kePublic(p[1].sent.get(0).data()));
        // a Child SA rekey with PFS (30 s) and an IKE SA rekey (40 s): one new pair per side each
        h.advance(41_000);
        assertEquals(1, p[0].events(Event.Kind.CHILD_SA_REKEYED).size(), p[0].log() + p[1].log());
        assertEquals(3, moon.handed.size(), p[0].log() + p[1].log());
        assertEquals(3, sun.handed.size(), p[0].log() + p[1].log());
        Set<Bytes> publics = new HashSet<>();
        for (Recording r : List.of(moon, sun)) {
            for (KeyExchange k : r.handed) {
                publics.add(Bytes.wrap(k.publicValue()));
                assertTrue(r.closed.contains(k), "a key pair was not closed after its exchange");
            }
        }
        assertEquals(6, publics.size(), "a key pair served two exchanges");
        assertEquals(1, p[0].engine.snapshot().ikeSas().size(), p[0].log() + p[1].log());
    }

    @Test
    void aResponderWithoutAKeyPairDropsTheRequestWithAClearErrorAndKeepsNoState() throws Exception {
        Harness h = new Harness();
        int[] made = {0};
        h.keyExchanges = random -> made[0]++ == 0 ? KeyExchangeSource.inline(Crypto.defaults(), random)
                : group -> {
                    throw new IllegalStateException("key pair pool is shut down");
                };
        var p = h.pair(lines(EstablishTest.NETS_MOON, "ike=aes128-sha256-x25519"),
                lines(EstablishTest.NETS_SUN, "ike=aes128-sha256-x25519"));
        p[0].command(new Operator.Up("c"));
        h.run();
        List<Event> failed = p[1].events(Event.Kind.NEGOTIATION_FAILED);
        assertEquals(1, failed.size(), p[1].log());
        Event e = failed.get(0);
        assertEquals(Event.Level.ERROR, e.level());
        assertTrue(e.message().contains("CURVE25519") && e.message().contains("shut down")
                && e.message().contains(Harness.MOON), e.message());
        assertEquals("c", e.connection());
        assertTrue(p[1].engine.snapshot().ikeSas().isEmpty());
        assertTrue(p[1].sent.isEmpty(), "the responder answered without a key pair");
        assertTrue(p[1].timers.isEmpty());
    }

    @Test
    void anInitiatorWithoutAKeyPairFailsTheUpWithAClearError() throws Exception {
        Harness h = new Harness();
        h.keyExchanges = random -> group -> {
            throw new org.ike4j.crypto.UnsupportedAlgorithmException(group + " is not supported by any backend");
        };
        var p = h.pair(lines(EstablishTest.NETS_MOON, "ike=aes128-sha256-x25519"),
                lines(EstablishTest.NETS_SUN, "ike=aes128-sha256-x25519"));
        p[0].command(new Operator.Up("c"));
        h.run();
        List<Event> failed = p[0].events(Event.Kind.NEGOTIATION_FAILED);
        assertEquals(1, failed.size(), p[0].log());
        assertTrue(failed.get(0).message().contains("CURVE25519 key pair")
                && failed.get(0).message().contains("not supported"), failed.get(0).message());
        assertTrue(p[0].engine.snapshot().ikeSas().isEmpty());
        assertTrue(p[0].sent.isEmpty());
    }
}

package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.engine.KeyLogEntry;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * With key logging on, every IKE SA, initial (RFC 7296 2.14) and rekeyed (2.18), gives one
 * {@link KeyLogEntry.Ikev2Sa} at each end, and both ends log the same keys; with it off, none.
 */
class KeyLogTest {
    static final Ikev2Options KEYS = Ikev2Options.DEFAULTS.withKeyLogging(true);

    static List<KeyLogEntry.Ikev2Sa> ikev2(Harness.Peer p) {
        return p.keyLog.stream().filter(e -> e instanceof KeyLogEntry.Ikev2Sa).map(e -> (KeyLogEntry.Ikev2Sa) e)
                .toList();
    }

    static void same(KeyLogEntry.Ikev2Sa a, KeyLogEntry.Ikev2Sa b) {
        assertEquals(a.spiI(), b.spiI());
        assertEquals(a.spiR(), b.spiR());
        assertEquals(a.encryption(), b.encryption());
        assertEquals(a.integrity(), b.integrity());
        assertArrayEquals(a.skEi().reveal(), b.skEi().reveal());
        assertArrayEquals(a.skEr().reveal(), b.skEr().reveal());
        assertArrayEquals(a.skAi().reveal(), b.skAi().reveal());
        assertArrayEquals(a.skAr().reveal(), b.skAr().reveal());
    }

    @Test
    void initialAndRekeyedIkeSas() throws Exception {
        Harness h = new Harness();
        var p = h.pair(CreateChildSaTest.lines(List.of("ike=aes128-sha256-x25519", "esp=aes128-sha256",
                        "ikelifetime=60s", "lifetime=600s", "rekeymargin=20s", "rekeyfuzz=0%", "reauth=no")),
                CreateChildSaTest.sunLines(List.of("ike=aes128-sha256-x25519", "esp=aes128-sha256")), "secret",
                "secret", KEYS, KEYS);
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, ikev2(p[0]).size(), p[0].log());
        assertEquals(1, ikev2(p[1]).size(), p[1].log());
        KeyLogEntry.Ikev2Sa first = ikev2(p[0]).get(0);
        same(first, ikev2(p[1]).get(0));
        Snapshot.IkeSaInfo sa = p[0].engine.snapshot().ikeSas().get(0);
        assertEquals(sa.initiatorSpi(), first.spiI().hex());
        assertEquals(sa.responderSpi(), first.spiR().hex());
        assertEquals(Optional.of(IntegrityAlgorithm.HMAC_SHA2_256_128), first.integrity());
        assertEquals(16, first.skEi().length());
        assertEquals(32, first.skAi().length());
        assertTrue(!java.util.Arrays.equals(first.skEi().reveal(), first.skEr().reveal()));

        h.advance(41_000);
        assertEquals(2, ikev2(p[0]).size(), p[0].log() + p[1].log());
        assertEquals(2, ikev2(p[1]).size(), p[0].log() + p[1].log());
        KeyLogEntry.Ikev2Sa rekeyed = ikev2(p[0]).get(1);
        same(rekeyed, ikev2(p[1]).get(1));
        assertNotEquals(first.spiI(), rekeyed.spiI());
        assertEquals(p[0].engine.snapshot().ikeSas().get(0).initiatorSpi(), rekeyed.spiI().hex());
        assertTrue(!java.util.Arrays.equals(first.skEi().reveal(), rekeyed.skEi().reveal()));
    }

    @Test
    void aeadHasNoIntegrityKeys() throws Exception {
        Harness h = new Harness();
        var p = h.pair(CreateChildSaTest.lines(List.of("ike=aes256gcm16-prfsha384-ecp384", "esp=aes256gcm16")),
                CreateChildSaTest.sunLines(List.of("ike=aes256gcm16-prfsha384-ecp384", "esp=aes256gcm16")), "secret",
                "secret", KEYS, KEYS);
        p[0].command(new Operator.Up("c"));
        h.run();
        KeyLogEntry.Ikev2Sa e = ikev2(p[0]).get(0);
        same(e, ikev2(p[1]).get(0));
        assertEquals(Optional.empty(), e.integrity());
        assertEquals(0, e.skAi().length());
        assertEquals(36, e.skEi().length(), "AES-256 key and the 4-byte salt (RFC 5282)");
    }

    @Test
    void noEntriesWithKeyLoggingOff() throws Exception {
        Harness h = new Harness();
        var p = h.pair(EstablishTest.NETS_MOON, EstablishTest.NETS_SUN);
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[0].engine.snapshot().ikeSas().size());
        assertTrue(p[0].keyLog.isEmpty() && p[1].keyLog.isEmpty());
    }
}

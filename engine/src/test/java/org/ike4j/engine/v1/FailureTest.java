package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.IsakmpMessage;
import org.ike4j.wire.v1.NotificationPayload;
import org.ike4j.wire.v1.PlainMessage;
import org.junit.jupiter.api.Test;

/** Negotiations that fail: the notify each side sends and the one line each side reports. */
class FailureTest {

    static String failures(Harness.Peer p) {
        return String.join("\n", p.events(Event.Kind.NEGOTIATION_FAILED).stream().map(Event::message).toList());
    }

    /** The notify types in the plain (unencrypted) Informational messages a peer sent. */
    static List<String> plainNotifies(Harness.Peer p) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (Action.Send s : p.sent) {
            IsakmpMessage m = IsakmpCodec.decode(s.data().toByteArray());
            if (m instanceof PlainMessage pm) {
                for (var pl : pm.payloads()) {
                    if (pl instanceof NotificationPayload n) {
                        out.add(n.notifyType().name());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void phase1ProposalMismatch() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("ike=aes128-sha1-modp2048"), List.of("ike=3des-md5-modp1024"));
        // ID_PROT { SA } -->   <-- INFORMATIONAL { N(NO-PROPOSAL-CHOSEN) }
        p[0].command(new Operator.Up("c"));
        h.run();
        String sun = failures(p[1]);
        assertTrue(sun.contains("NO-PROPOSAL-CHOSEN"), sun);
        assertTrue(sun.contains("peer offered ENCRYPTION_ALGORITHM AES_CBC-128, we accept 3DES_CBC"), sun);
        assertEquals(List.of("NO-PROPOSAL-CHOSEN"), plainNotifies(p[1]));
        String moon = failures(p[0]);
        assertTrue(moon.contains("NO-PROPOSAL-CHOSEN"), moon);
        assertEquals(0, p[0].engine.snapshot().ikeSas().size());
        assertEquals(0, p[1].engine.snapshot().ikeSas().size());
        assertTrue(p[0].timers.isEmpty(), p[0].timers.toString());
    }

    @Test
    void phase1GroupMismatchNamesTheGroup() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("ike=aes128-sha1-modp2048"), List.of("ike=aes128-sha1-modp3072"));
        p[0].command(new Operator.Up("c"));
        h.run();
        String sun = failures(p[1]);
        assertTrue(sun.contains("GROUP_DESCRIPTION MODP_2048, we accept MODP_3072"), sun);
    }

    @Test
    void quickModeProposalMismatch() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("esp=aes128-sha1"), List.of("esp=aes256-sha256"));
        p[0].command(new Operator.Up("c"));
        h.run();
        String sun = failures(p[1]);
        assertTrue(sun.contains("NO-PROPOSAL-CHOSEN for Quick Mode: peer offered ESP_AES-128/HMAC_SHA; we accept ESP_AES-256/HMAC_SHA2_256"), sun);
        String moon = failures(p[0]);
        assertTrue(moon.contains("refused Quick Mode") && moon.contains("NO-PROPOSAL-CHOSEN"), moon);
        assertEquals(0, p[0].installed.size());
        // Phase 1 stays up, no Quick Mode retransmission pending
        assertTrue(p[0].engine.snapshot().ikeSas().get(0).established());
        assertTrue(p[0].timers.keySet().stream().noneMatch(k -> k.purpose().equals("retransmit")), p[0].timers.toString());
    }

    @Test
    void pfsOnOneSideOnly() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("esp=aes128-sha1-modp2048"), List.of("esp=aes128-sha1"));
        p[0].command(new Operator.Up("c"));
        h.run();
        String sun = failures(p[1]);
        assertTrue(sun.contains("peer offered ESP_AES-128/HMAC_SHA/MODP_2048; we accept ESP_AES-128/HMAC_SHA"), sun);
    }

    @Test
    void proxyIdMismatch() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("leftsubnet=10.1.0.0/16", "rightsubnet=10.2.0.0/16"),
                List.of("leftsubnet=10.2.0.0/24", "rightsubnet=10.1.0.0/16"));
        p[0].command(new Operator.Up("c"));
        h.run();
        String sun = failures(p[1]);
        assertTrue(sun.contains("INVALID-ID-INFORMATION: the peer proposed 10.2.0.0/16 (ours) === 10.1.0.0/16 (theirs), "
                + "connection c has 10.2.0.0/24 === 10.1.0.0/16"), sun);
        String moon = failures(p[0]);
        assertTrue(moon.contains("INVALID-ID-INFORMATION"), moon);
        assertEquals(0, p[1].installed.size());
    }

    @Test
    void junosRouteBasedWantsExactlyAnyToAny() throws Exception {
        Harness h = new Harness();
        var a = h.peer("server", "10.80.80.80", Configs.strongSwan("10.80.80.80", "10.80.80.13",
                Configs.psk("10.80.80.80", "10.80.80.13", "juniper123"), "ike=3des-md5-modp1024", "esp=aes128-sha1",
                "leftsubnet=192.168.80.0/24", "rightsubnet=0.0.0.0/0"), 1);
        var b = h.peer("srx-13", "10.80.80.13", Harness.junosSeed(), 2);
        a.command(new Operator.Up("c"));
        h.run();
        String srx = failures(b);
        assertTrue(srx.contains("the peer proposed 0.0.0.0/0 (ours) === 192.168.80.0/24 (theirs), connection SERVER-BOX has "
                + "0.0.0.0/0 === 0.0.0.0/0 (exact match required)"), srx);
        assertEquals(0, b.installed.size());
    }

    @Test
    void wrongPreSharedKey() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of(), "secret", "other-secret", Ikev1Options.DEFAULTS);
        // ID_PROT* { IDii, HASH_I } -->  (undecryptable for sun)  <-- INFORMATIONAL { N(PAYLOAD-MALFORMED) }
        p[0].command(new Operator.Up("c"));
        h.run();
        String sun = failures(p[1]);
        assertTrue(sun.contains("probable pre-shared key mismatch"), sun);
        assertEquals(List.of("PAYLOAD-MALFORMED"), plainNotifies(p[1]));
        String moon = failures(p[0]);
        assertTrue(moon.contains("refused the negotiation in MAIN_I3: PAYLOAD-MALFORMED; probable pre-shared key mismatch"), moon);
        assertEquals(0, p[0].installed.size());
        assertEquals(0, p[0].engine.snapshot().ikeSas().size());
        // sun keeps its half-open SA as it was (a corrupted message looks the same) until it times out
        assertEquals("MAIN_R2", p[1].engine.snapshot().ikeSas().get(0).state());
        h.advance(31_000);
        assertEquals(0, p[1].engine.snapshot().ikeSas().size());
    }

    @Test
    void wrongPreSharedKeyInAggressiveMode() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("aggressive=yes"), List.of("aggressive=yes"), "secret", "other",
                Ikev1Options.DEFAULTS);
        p[0].command(new Operator.Up("c"));
        h.run();
        String moon = failures(p[0]);
        assertTrue(moon.contains("HASH_R does not verify: probable pre-shared key mismatch"), moon);
        assertEquals(0, p[0].installed.size());
    }

    @Test
    void unknownSaIsDroppedQuietly() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of(), List.of());
        p[0].command(new Operator.Up("c"));
        h.run();
        // a Quick Mode message for cookies nobody knows
        byte[] bogus = p[0].sent.get(p[0].sent.size() - 1).data().toByteArray();
        bogus[0] ^= 0x55;
        int before = p[1].sent.size();
        p[1].input(new org.ike4j.engine.Input.Datagram(Harness.at(Configs.SUN, 500), Harness.at(Configs.MOON, 500),
                Bytes.wrap(bogus), false));
        assertEquals(before, p[1].sent.size());
        assertTrue(p[1].events.get(p[1].events.size() - 1).message().contains("unknown ISAKMP SA"));
    }
}

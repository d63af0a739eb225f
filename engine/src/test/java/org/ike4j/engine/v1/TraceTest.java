package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.engine.KeyLogEntry;
import org.ike4j.engine.Operator;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The trace of the seed's negotiation: the facts pluto (the initiator) and the SRX (the responder)
 * log in the seed, in the same order, each line naming its SA, message ID and direction; keys only
 * on the side that logs keys, and handed over for Wireshark's tables only there.
 */
class TraceTest {

    private static final Pattern IDENTITY = Pattern.compile("[0-9a-f]{16}/[0-9a-f]{16} [0-9a-f]{8} (in|out)");

    private record Run(Harness.Peer server, Harness.Peer srx) {
    }

    /** The seed's server with key logging on, SRX-13 with it off. */
    private static Run seed() throws Exception {
        Harness h = new Harness();
        Harness.Peer server = h.peer("server", "10.80.80.80", Harness.strongSwanSeed(), 1,
                Ikev1Options.DEFAULTS.withKeyLogging(true));
        Harness.Peer srx = h.peer("srx-13", "10.80.80.13", Harness.junosSeed(), 2);
        server.command(new Operator.Up("srx-13"));
        h.run();
        assertEquals(1, server.installed.size(), server.log() + srx.log());
        assertEquals(1, srx.installed.size(), server.log() + srx.log());
        return new Run(server, srx);
    }

    private static List<Event> traces(Harness.Peer p) {
        return p.events.stream().filter(e -> e.kind() == Event.Kind.TRACE).toList();
    }

    /** The trace events with a message ID other than 0 (Quick Mode's), as "direction: message". */
    private static List<String> quickMode(Harness.Peer p, int messageId) {
        String mid = String.format(" %08x ", messageId);
        return traces(p).stream().filter(e -> e.sa().contains(mid))
                .map(e -> e.sa().substring(e.sa().lastIndexOf(' ') + 1) + ": " + e.message()).toList();
    }

    /** Asserts that lines starting with each of {@code facts} occur in this order (others may come between). */
    private static void inOrder(List<String> lines, String... facts) {
        int at = 0;
        for (String fact : facts) {
            int found = -1;
            for (int i = at; i < lines.size(); i++) {
                if (lines.get(i).startsWith(fact)) {
                    found = i;
                    break;
                }
            }
            assertTrue(found >= 0, "'" + fact + "' not found after line " + at + " in\n" + String.join("\n", lines));
            at = found + 1;
        }
    }

    private static int quickModeId(Harness.Peer p) {
        return traces(p).stream().map(Event::sa).filter(s -> !s.contains(" 00000000 ")).findFirst()
                .map(s -> Integer.parseUnsignedInt(s.split(" ")[1], 16)).orElseThrow();
    }

    @Test
    void everyTraceLineNamesItsSaMessageIdAndDirection() throws Exception {
        Run r = seed();
        for (Harness.Peer p : List.of(r.server(), r.srx())) {
            for (Event e : traces(p)) {
                assertTrue(IDENTITY.matcher(e.sa()).matches(), p.name + ": '" + e.sa() + "' for " + e.message());
                assertFalse(e.sa().startsWith("0000000000000000/"), e.sa());
            }
        }
    }

    /** pluto's side of the seed: Quick Mode as the initiator, QI1 to QI2. */
    @Test
    void initiatorTracesTheFactsPlutoLogsInItsOrder() throws Exception {
        Run r = seed();
        ChildSa child = r.server().installed.get(0);
        List<String> qm = quickMode(r.server(), quickModeId(r.server()));
        inOrder(qm,
                String.format("out: Quick Mode initiated (connection srx-13): our SPI %08x", child.inboundSpi()),
                "out: Ni: ",
                "out: proxy IDs: 0.0.0.0/0 (IDci) === 0.0.0.0/0 (IDcr)",
                "out: HASH(1) computed: ",
                "out: last Phase 1 IV: ",
                "out: sending QUICK (QUICK_I1) encrypted",
                "out: encrypted ",
                "in: received ",
                "in: decrypted ",
                "in: HASH(2) computed: ",
                "in: Nr: ",
                String.format("in: the responder chose ESP_AES-128"),
                "out: HASH(3) computed: ",
                "out: sending QUICK (QUICK_I2) encrypted",
                String.format("in: KEYMAT esp.%08x (inbound, 16+20 bytes): ", child.inboundSpi()),
                String.format("in: KEYMAT esp.%08x (outbound, 16+20 bytes): ", child.outboundSpi()));
        // the payload trees, as the wire's renderer prints them, emitted and parsed
        assertTrue(qm.stream().anyMatch(l -> l.startsWith("out: sending QUICK") && l.contains("ISAKMP Nonce Payload")
                && l.contains("ISAKMP Identification Payload")), String.join("\n", qm));
        assertTrue(qm.stream().anyMatch(l -> l.startsWith("in: decrypted") && l.contains("RESPONDER-LIFETIME")),
                String.join("\n", qm));
    }

    /** The SRX's side of the seed: Quick Mode as the responder. */
    @Test
    void responderTracesTheFactsTheSrxLogsInItsOrder() throws Exception {
        Run r = seed();
        ChildSa child = r.srx().installed.get(0);
        List<String> qm = quickMode(r.srx(), quickModeId(r.srx()));
        inOrder(qm,
                "in: received ",
                "in: last Phase 1 IV: ",
                "in: decrypted ",
                "in: HASH(1) computed: ",
                "in: Ni: ",
                "in: proxy IDs: the peer's 0.0.0.0/0 (IDci) === ours 0.0.0.0/0 (IDcr), connection SERVER-BOX",
                "in: proposal 0 transform 0 chosen: ESP_AES-128",
                "in: lifetime: 3600 s offered, 1200 s by policy; 1200 s from policy",
                String.format("out: our SPI %08x", child.inboundSpi()),
                "out: Nr: ",
                "out: HASH(2) computed: ",
                "out: sending QUICK (QUICK_R1) encrypted",
                "out: encrypted ",
                "in: received ",
                "in: decrypted ",
                "in: HASH(3) computed: ",
                String.format("in: KEYMAT esp.%08x (inbound) and esp.%08x (outbound) computed, 16+20 bytes each (key"
                        + " logging is off)", child.inboundSpi(), child.outboundSpi()));
    }

    @Test
    void bothSidesComputeTheSameValues() throws Exception {
        Run r = seed();
        int mid = quickModeId(r.server());
        assertEquals(mid, quickModeId(r.srx()));
        for (String fact : List.of("HASH(1) computed: ", "HASH(2) computed: ", "HASH(3) computed: ", "Ni: ", "Nr: ",
                "last Phase 1 IV: ")) {
            String a = value(quickMode(r.server(), mid), fact);
            String b = value(quickMode(r.srx(), mid), fact);
            assertEquals(a, b, fact);
        }
        // Phase 1: HASH_I sent by the server is the one the SRX computed, and the reverse
        assertEquals(phase1(r.server(), "out: HASH_I: "), phase1(r.srx(), "in: HASH_I computed: ").substring(0, 32));
        assertEquals(phase1(r.srx(), "out: HASH_R: "), phase1(r.server(), "in: HASH_R computed: ").substring(0, 32));
        assertEquals(phase1(r.server(), "in: Phase 1 IV: "), phase1(r.srx(), "in: Phase 1 IV: "));
    }

    private static String value(List<String> lines, String fact) {
        for (String l : lines) {
            int i = l.indexOf(fact);
            if (i >= 0 && i <= 5) {
                String rest = l.substring(i + fact.length());
                return rest.split("[ ,]")[0];
            }
        }
        throw new AssertionError(fact + " not in\n" + String.join("\n", lines));
    }

    private static String phase1(Harness.Peer p, String fact) {
        List<String> lines = traces(p).stream().filter(e -> e.sa().contains(" 00000000 "))
                .map(e -> e.sa().substring(e.sa().lastIndexOf(' ') + 1) + ": " + e.message()).toList();
        return lines.stream().filter(l -> l.startsWith(fact)).findFirst()
                .map(l -> l.substring(fact.length()).split("[ ,]")[0])
                .orElseThrow(() -> new AssertionError(fact + " not in\n" + String.join("\n", lines)));
    }

    @Test
    void keysGoToTheKeyLogOnlyWhenKeyLoggingIsOn() throws Exception {
        Run r = seed();
        assertEquals(List.of(), r.srx().keyLog, "key logging off: nothing for Wireshark");
        assertEquals(1, r.server().keyLog.size());
        var entry = (KeyLogEntry.Ikev1IsakmpSa) r.server().keyLog.get(0);
        var sa = r.server().engine.snapshot().ikeSas().get(0);
        assertEquals(sa.initiatorSpi(), entry.initiatorCookie().hex());
        assertEquals(sa.responderSpi(), entry.responderCookie().hex());
        assertEquals(24, entry.encryptionKey().length(), "3DES");
        String key = Bytes.wrap(entry.encryptionKey().reveal()).hex();
        assertFalse(entry.toString().contains(key), "a key log entry never prints its key");
        assertTrue(traces(r.server()).stream().anyMatch(e -> e.message().startsWith("enc key: " + key)));
    }

    /** Every secret of the exchange, as the key-logging server traced it, is absent from the SRX's events. */
    @Test
    void withKeyLoggingOffNoKeyBytesAppearAnywhere() throws Exception {
        Run r = seed();
        List<String> secrets = new ArrayList<>();
        Pattern keyLine = Pattern.compile("^(?:g\\^xy|SKEYID|SKEYID_d|SKEYID_a|SKEYID_e|enc key): ([0-9a-f]+)");
        for (Event e : traces(r.server())) {
            Matcher m = keyLine.matcher(e.message());
            if (m.find()) {
                secrets.add(m.group(1));
            }
        }
        assertEquals(6, secrets.size(), "g^xy, SKEYID, SKEYID_d/a/e and the enc key traced by the server");
        ChildSa c = r.srx().installed.get(0);
        for (var s : List.of(c.inboundEncryptionKey(), c.inboundIntegrityKey(), c.outboundEncryptionKey(),
                c.outboundIntegrityKey())) {
            secrets.add(Bytes.wrap(s.reveal()).hex());
        }
        // the server's KEYMAT lines carry the same ESP keys
        String serverText = traces(r.server()).stream().map(Event::message).reduce("", String::concat);
        assertTrue(serverText.contains(secrets.get(6)) && serverText.contains(secrets.get(8)));
        for (Event e : r.srx().events) {
            for (String s : secrets) {
                // 8 bytes are enough to recognise a key; every 16-hex-digit window of it is searched
                for (int i = 0; i + 16 <= s.length(); i += 2) {
                    String w = s.substring(i, i + 16);
                    assertFalse(e.message().contains(w) || e.sa().contains(w),
                            "key bytes " + w + " in the SRX's event: " + e.message());
                }
            }
        }
    }

    /** Aggressive Mode with PFS and a delete: the same identity on every line, the Phase 1 and PFS facts, no keys. */
    @Test
    void aggressiveModeWithPfsAndDeleteTraceTheirFactsToo() throws Exception {
        Harness h = new Harness();
        List<String> lines = List.of("aggressive=yes", "ike=aes128-sha1-modp1024", "esp=aes128-sha1-modp2048");
        var p = Configs.pair(h, lines, lines, "secret", "secret", Ikev1Options.DEFAULTS);
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[0].installed.size(), p[0].log() + p[1].log());
        p[0].command(new Operator.Down("c"));
        h.run();
        for (Harness.Peer peer : p) {
            for (Event e : traces(peer)) {
                assertTrue(IDENTITY.matcher(e.sa()).matches(), peer.name + ": '" + e.sa() + "' for " + e.message());
            }
            assertEquals(List.of(), peer.keyLog);
        }
        List<String> moon = traces(p[0]).stream().map(e -> e.sa().substring(e.sa().lastIndexOf(' ') + 1) + ": "
                + e.message()).toList();
        inOrder(moon, "out: Ni: ", "out: sending AGGRESSIVE", "in: received ", "in: g^xy (", "in: Phase 1 IV: ",
                "in: HASH_R computed: ", "out: HASH_I: ", "out: Quick Mode initiated", "out: PFS: our MODP_2048",
                "out: HASH(1) computed: ", "in: HASH(2) computed: ", "out: HASH(3) computed: ", "in: KEYMAT esp.",
                "out: HASH(1) computed: ", "out: last Phase 1 IV: ", "out: sending INFORMATIONAL");
        List<String> sun = traces(p[1]).stream().map(e -> e.sa().substring(e.sa().lastIndexOf(' ') + 1) + ": "
                + e.message()).toList();
        inOrder(sun, "in: received ", "out: Nr: ", "out: HASH_R: ", "out: sending AGGRESSIVE", "in: received ",
                "in: HASH_I computed: ", "in: HASH(1) computed: ", "out: HASH(2) computed: ", "in: HASH(3) computed: ",
                "in: received ", "in: last Phase 1 IV: ", "in: decrypted ", "in: HASH(1) computed: ");
    }
}

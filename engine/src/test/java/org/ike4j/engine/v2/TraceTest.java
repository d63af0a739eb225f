package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.junit.jupiter.api.Test;

/**
 * The IKEv2 trace (TRACE events): every message sent and received as a payload tree, the nonces
 * and SPIs, AUTH computed and checked (RFC 7296 2.15), the Child SA's narrowed selectors, each
 * line with the SA, message ID and direction; keys only with key logging on, and no trace text
 * at all when the trace is not wanted.
 */
class TraceTest {
    static final List<String> MOON = CreateChildSaTest.lines(List.of("ike=aes128-sha256-x25519", "esp=aes128-sha256"));
    static final List<String> SUN = CreateChildSaTest.sunLines(List.of("ike=aes128-sha256-x25519", "esp=aes128-sha256"));
    /** {@code #1 a305bbc510fd3640_i 3e8ef93e00000000_r 00000001 out}. */
    static final Pattern MESSAGE_IDENTITY = Pattern.compile("#\\d+ [0-9a-f]{16}_i [0-9a-f]{16}_r [0-9a-f]{8} (in|out)");

    static final Pattern KEY_VALUES = Pattern.compile("(SKEYSEED|g\\^ir) [0-9a-f]{16}");

    static List<Event> trace(Harness.Peer p) {
        return p.events.stream().filter(e -> e.level() == Event.Level.TRACE).toList();
    }

    static String text(Harness.Peer p) {
        StringBuilder sb = new StringBuilder();
        trace(p).forEach(e -> sb.append(e.sa()).append(": ").append(e.message()).append('\n'));
        return sb.toString();
    }

    static Harness.Peer[] established(Ikev2Options options) throws Exception {
        Harness h = new Harness();
        var p = h.pair(MOON, SUN, "secret", "secret", options, options);
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[0].installed.size(), p[0].log() + p[1].log());
        return p;
    }

    @Test
    void everyMessageBothWaysWithItsIdentity() throws Exception {
        var p = established(Ikev2Options.DEFAULTS);
        String moon = text(p[0]);
        String sun = text(p[1]);
        // IKE_SA_INIT and IKE_AUTH, each sent by one end and parsed by the other, as trees
        for (String s : List.of("00000000 out: sending IKE_SA_INIT request", "00000001 out: sending IKE_AUTH request",
                "00000000 in: received ", "00000001 in: received ")) {
            assertTrue(moon.contains(s), s + "\n" + moon);
        }
        for (String s : List.of("00000000 in: received IKE_SA_INIT request", "00000000 out: sending IKE_SA_INIT response",
                "00000001 in: received ", "00000001 out: sending IKE_AUTH response")) {
            assertTrue(sun.contains(s), s + "\n" + sun);
        }
        assertTrue(moon.contains("Nonce") && moon.contains("Authentication") && moon.contains("Traffic Selector"), moon);
        // every per-message line names the SA, the message ID and the direction
        long perMessage = trace(p[1]).stream().filter(e -> MESSAGE_IDENTITY.matcher(e.sa()).matches()).count();
        assertTrue(perMessage >= 6, sun);
        // the nonces and SPIs, the same at both ends
        String ni = HexFormat.of().formatHex(p[1].engine.sas().get(0).ni);
        assertTrue(moon.contains("Ni " + ni) && sun.contains("Ni " + ni), moon + sun);
        // AUTH computed by one end is what the other checked
        for (String who : List.of("initiator", "responder")) {
            String computed = value(who.equals("initiator") ? moon : sun, "AUTH computed \\(pre-shared key MIC, RFC 7296 2.15\\): ");
            assertTrue((who.equals("initiator") ? sun : moon).contains("AUTH checked: the " + who + "'s AUTH matches "
                    + computed), who + "\n" + moon + sun);
        }
        // the narrowed selectors of the Child SA
        ChildSa c = p[0].installed.get(0);
        assertTrue(moon.contains("traffic selectors " + c.localSelectors() + " === " + c.remoteSelectors()), moon);
    }

    @Test
    void noKeyBytesWithKeyLoggingOff() throws Exception {
        var p = established(Ikev2Options.DEFAULTS);
        for (Harness.Peer peer : p) {
            String all = text(peer);
            assertTrue(all.contains("SK_pr computed (key logging is off)"), all);
            assertFalse(KEY_VALUES.matcher(all).find(), all);
            assertTrue(all.contains("KEYMAT computed (key logging is off)"), all);
            IkeSa sa = peer.engine.sas().get(0);
            ChildSa c = peer.installed.get(0);
            for (byte[] key : List.of(sa.keys.skD().reveal(), sa.keys.skEi().reveal(), sa.keys.skEr().reveal(),
                    sa.keys.skAi().reveal(), sa.keys.skAr().reveal(), sa.keys.skPi().reveal(), sa.keys.skPr().reveal(),
                    c.inboundEncryptionKey().reveal(), c.outboundEncryptionKey().reveal(),
                    c.inboundIntegrityKey().reveal(), c.outboundIntegrityKey().reveal())) {
                assertFalse(all.contains(HexFormat.of().formatHex(key)), peer.name + " logs a key");
            }
        }
    }

    @Test
    void keysWithKeyLoggingOn() throws Exception {
        var p = established(Ikev2Options.DEFAULTS.withKeyLogging(true));
        String all = text(p[1]);
        IkeSa sa = p[1].engine.sas().get(0);
        assertTrue(all.contains("SK_ei " + HexFormat.of().formatHex(sa.keys.skEi().reveal())), all);
        assertTrue(KEY_VALUES.matcher(all).find(), all);
        assertTrue(all.contains("inbound encryption "
                + HexFormat.of().formatHex(p[1].installed.get(0).inboundEncryptionKey().reveal())), all);
    }

    @Test
    void nothingWhenTheTraceIsNotWanted() throws Exception {
        int[] asked = {0};
        var p = established(Ikev2Options.DEFAULTS.withTrace(() -> {
            asked[0]++;
            return false;
        }));
        assertTrue(asked[0] > 0);
        assertTrue(trace(p[0]).isEmpty() && trace(p[1]).isEmpty());
        assertFalse(p[0].events(Event.Kind.IKE_SA_ESTABLISHED).isEmpty(), "the other events stay");
    }

    private static String value(String text, String prefix) {
        var m = Pattern.compile(prefix + "([0-9a-f]+)").matcher(text);
        assertTrue(m.find(), prefix + "\n" + text);
        return m.group(1);
    }
}

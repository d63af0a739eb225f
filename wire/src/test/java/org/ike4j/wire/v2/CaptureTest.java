package org.ike4j.wire.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ike4j.wire.DecodeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decodes every IKE message of two real IKEv2 captures from the Wireshark test suite (see
 * captures/PROVENANCE.md) and compares header fields and outer payload order with tshark's own
 * decode of the same frames ({@code *.verbose.txt}), then re-encodes each message byte for byte.
 */
class CaptureTest {

    @ParameterizedTest
    @ValueSource(strings = {"ikev2-decrypt-3des-sha1_160.pcap", "ikev2-decrypt-aes256cbc.pcapng"})
    void decodesLikeTsharkAndReencodesExactly(String name) throws Exception {
        List<CaptureReader.IkeDatagram> datagrams = CaptureReader.read("/captures/" + name);
        Map<Integer, List<String>> tshark = CaptureReader.tsharkIsakmpLines("/captures/" + name + ".verbose.txt");
        assertFalse(datagrams.isEmpty(), "no IKE datagrams in " + name);
        assertEquals(tshark.keySet().size(), datagrams.size(), "frames with ISAKMP in tshark's decode");

        for (CaptureReader.IkeDatagram d : datagrams) {
            Ikev2Message m = Ikev2Decoder.decode(d.ike());
            List<String> lines = tshark.get(d.frame());
            String where = name + " frame " + d.frame();
            Ikev2Header h = m.header();

            assertEquals(value(lines, "Initiator SPI"), String.format("%016x", h.initiatorSpi()), where);
            assertEquals(value(lines, "Responder SPI"), String.format("%016x", h.responderSpi()), where);
            assertEquals(value(lines, "Version"), h.majorVersion() + "." + h.minorVersion(), where);
            assertEquals(value(lines, "Exchange type"),
                    h.exchangeType().name() + " (" + h.exchangeType().code() + ")", where);
            assertTrue(value(lines, "Flags").startsWith(String.format("0x%02x ", h.flags())), where);
            assertEquals(value(lines, "Message ID"), String.format("0x%08x", h.messageId()), where);
            assertEquals(Long.parseLong(value(lines, "Length")), d.ike().length, where);
            assertEquals(codeIn(value(lines, "Next payload")), PayloadChain.firstType(m.payloads()).code(), where);

            List<Integer> expected = new ArrayList<>();
            for (String l : lines) {
                if (l.startsWith("Payload: ")) {
                    expected.add(codeIn(l));
                }
            }
            assertEquals(expected, m.payloads().stream().map(p -> p.type().code()).toList(), where);

            assertArrayEquals(d.ike(), m.encode(), where + " re-encodes");
            assertEquals(m, Ikev2Decoder.decode(m.encode()), where);
            String tree = m.toTree().render();
            assertTrue(tree.contains("IKEv2 Header"), tree);
            assertTrue(tree.contains(h.exchangeType().name()), tree);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ikev2-decrypt-3des-sha1_160.pcap", "ikev2-decrypt-aes256cbc.pcapng"})
    void everyTruncationIsADecodeException(String name) throws Exception {
        for (CaptureReader.IkeDatagram d : CaptureReader.read("/captures/" + name)) {
            for (int n = 0; n < d.ike().length; n++) {
                byte[] cut = java.util.Arrays.copyOf(d.ike(), n);
                try {
                    Ikev2Decoder.decode(cut);
                    throw new AssertionError("truncated to " + n + " decoded");
                } catch (DecodeException e) {
                    assertEquals(org.ike4j.wire.ErrorNotify.V2_INVALID_SYNTAX, e.answer());
                }
            }
        }
    }

    /**
     * Outer notify types, SA transform IDs and signature hash algorithms against tshark's names
     * and numbers (tshark's D-H and ESN names are prose, so those compare by number only).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ikev2-decrypt-3des-sha1_160.pcap", "ikev2-decrypt-aes256cbc.pcapng"})
    void registryValuesMatchTshark(String name) throws Exception {
        Map<Integer, List<String>> depth8 = CaptureReader.tsharkIsakmpLines("/captures/" + name + ".verbose.txt", 8);
        Map<Integer, List<String>> depth16 = CaptureReader.tsharkIsakmpLines("/captures/" + name + ".verbose.txt", 16);
        int compared = 0;
        for (CaptureReader.IkeDatagram d : CaptureReader.read("/captures/" + name)) {
            Ikev2Message m = Ikev2Decoder.decode(d.ike());
            String where = name + " frame " + d.frame();
            List<String> notifies = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            for (NotifyPayload n : m.payloads(NotifyPayload.class)) {
                notifies.add(n.notifyType().name() + " (" + n.notifyType().code() + ")");
                n.signatureHashAlgorithms().ifPresent(l -> l.forEach(h -> hashes.add(String.valueOf(h.code()))));
            }
            assertEquals(prefixed(depth8.get(d.frame()), "Notify Message Type: ", false), notifies, where);
            assertEquals(prefixed(depth8.get(d.frame()), "Supported Signature Hash Algorithm: ", true), hashes, where);

            List<String> transforms = new ArrayList<>();
            List<String> tsharkTransforms = new ArrayList<>();
            for (String l : prefixed(depth16.get(d.frame()), "Transform ID (", false)) {
                boolean byName = l.startsWith("ENCR)") || l.startsWith("PRF)") || l.startsWith("INTEG)");
                tsharkTransforms.add(byName ? l.substring(l.indexOf(": ") + 2) : String.valueOf(codeIn(l)));
            }
            for (SecurityAssociationPayload sa : m.payloads(SecurityAssociationPayload.class)) {
                for (Proposal p : sa.proposals()) {
                    for (Transform t : p.transforms()) {
                        int type = t.type().code();
                        transforms.add(type <= 3 ? t.transformId().name() + " (" + t.id() + ")" : String.valueOf(t.id()));
                    }
                }
            }
            assertEquals(tsharkTransforms, transforms, where);
            compared += notifies.size() + transforms.size() + hashes.size();
        }
        assertTrue(compared >= 10, "compared " + compared + " values");
    }

    private static List<String> prefixed(List<String> lines, String prefix, boolean numberOnly) {
        List<String> out = new ArrayList<>();
        for (String l : lines == null ? List.<String>of() : lines) {
            if (l.startsWith(prefix)) {
                String rest = l.substring(prefix.length());
                out.add(numberOnly ? String.valueOf(codeIn(rest)) : rest);
            }
        }
        return out;
    }

    private static String value(List<String> lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key + ": ")) {
                return l.substring(key.length() + 2);
            }
        }
        throw new AssertionError("tshark decode has no " + key);
    }

    /** The number in the last parentheses of a tshark line, e.g. {@code Notify (41) - COOKIE}. */
    private static int codeIn(String line) {
        int close = line.lastIndexOf(')');
        int open = line.lastIndexOf('(', close);
        return Integer.parseInt(line.substring(open + 1, close).strip());
    }
}

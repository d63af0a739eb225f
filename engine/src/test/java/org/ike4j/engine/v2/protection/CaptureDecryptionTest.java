package org.ike4j.engine.v2.protection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.AuthenticationPayload;
import org.ike4j.wire.v2.CaptureReader;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.IdentificationPayload;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.SecurityAssociationPayload;
import org.ike4j.wire.v2.TrafficSelector;
import org.ike4j.wire.v2.TrafficSelectorPayload;
import org.ike4j.wire.v2.Transform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opens every encrypted message of two real IKEv2 exchanges from the Wireshark test suite with the
 * keys Wireshark's own test configuration gives (captures/PROVENANCE.md), and compares what comes
 * out with tshark's decryption of the same frames: the whole plaintext octet for octet (tshark's
 * hex dump), the inner payload types, and the IDs, AUTH data, notify types, transform IDs and
 * traffic selector addresses tshark shows.
 */
class CaptureDecryptionTest {

    static final String[] CAPTURES = {"ikev2-decrypt-3des-sha1_160.pcap", "ikev2-decrypt-aes256cbc.pcapng"};

    /** One row of Wireshark's ikev2_decryption_table (UAT): SPIi, SPIr, SK_ei, SK_er, ENCR, SK_ai, SK_ar, INTEG. */
    record TableRow(String spiI, String spiR, SkSuite suite, SkKeys initiator, SkKeys responder) {
    }

    static Map<String, TableRow> table() throws IOException {
        String text;
        try (InputStream in = CaptureDecryptionTest.class.getResourceAsStream("/captures/ikev2_decryption_table")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, TableRow> out = new HashMap<>();
        HexFormat hex = HexFormat.of();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            SkSuite suite = new SkSuite.Classic(cipher(f[4]), integrity(f[7]));
            out.put(f[0], new TableRow(f[0], f[1], suite,
                    new SkKeys(Secret.wrap(hex.parseHex(f[2])), Secret.wrap(hex.parseHex(f[5]))),
                    new SkKeys(Secret.wrap(hex.parseHex(f[3])), Secret.wrap(hex.parseHex(f[6])))));
        }
        return out;
    }

    /** Wireshark's names for the algorithms in its UAT, as in the table file. */
    static CipherAlgorithm cipher(String uat) {
        return switch (uat.replace("\"", "")) {
            case "3DES [RFC2451]" -> CipherAlgorithm.DES3_CBC;
            case "AES-CBC-256 [RFC3602]" -> CipherAlgorithm.AES_CBC_256;
            default -> throw new IllegalArgumentException(uat);
        };
    }

    static IntegrityAlgorithm integrity(String uat) {
        return switch (uat.replace("\"", "")) {
            case "HMAC_SHA1_160 [RFC4595]" -> IntegrityAlgorithm.HMAC_SHA1_160;
            case "HMAC_SHA2_256_128 [RFC4868]" -> IntegrityAlgorithm.HMAC_SHA2_256_128;
            default -> throw new IllegalArgumentException(uat);
        };
    }

    static SkProtector protector(TableRow row, boolean fromInitiator) {
        return new SkProtector(Crypto.defaults(), row.suite(), fromInitiator ? row.initiator() : row.responder(),
                new SecureRandom());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ikev2-decrypt-3des-sha1_160.pcap", "ikev2-decrypt-aes256cbc.pcapng"})
    void everyEncryptedMessageVerifiesAndDecryptsLikeTshark(String name) throws Exception {
        Map<String, TableRow> table = table();
        Map<Integer, TsharkDecrypted> tshark = TsharkDecrypted.read("/captures/" + name + ".verbose.txt");
        int opened = 0;
        for (CaptureReader.IkeDatagram d : CaptureReader.read("/captures/" + name)) {
            Ikev2Message outer = Ikev2Decoder.decode(d.ike());
            String where = name + " frame " + d.frame();
            if (outer.encrypted().isEmpty()) {
                assertFalse(tshark.containsKey(d.frame()), where + ": tshark decrypted a frame without SK");
                continue;
            }
            TableRow row = table.get(String.format("%016x", outer.header().initiatorSpi()));
            // Keys go by sender: the original initiator sets the I flag (RFC 7296 section 3.1).
            Unprotected u = protector(row, outer.header().isInitiator()).open(d.ike());
            Unprotected.Message m = assertInstanceOf(Unprotected.Message.class, u, where);
            TsharkDecrypted t = tshark.get(d.frame());
            assertTrue(t.icvLine().endsWith("[correct]"), where + ": tshark's ICV check");
            if (outer.header().exchangeType().equals(org.ike4j.wire.v2.ExchangeType.IKE_AUTH)) {
                // Guards the comparison against a parser that finds nothing in tshark's text.
                assertFalse(t.values("Identification Data:").isEmpty(), where);
                assertFalse(t.values("Authentication Data:").isEmpty(), where);
                assertFalse(t.values("Starting Addr:").isEmpty(), where);
            }
            compare(where, m, t, d.ike(), row.suite());
            opened++;
        }
        assertTrue(opened >= 2, name + ": opened " + opened);
        assertEquals(tshark.size(), opened, name + ": frames tshark decrypted");
    }

    private static void compare(String where, Unprotected.Message m, TsharkDecrypted t, byte[] datagram, SkSuite suite) {
        // The plaintext, octet for octet: our inner payloads re-encoded, then tshark's padding.
        byte[] plain = t.plaintext();
        int padLength = plain[plain.length - 1] & 0xff;
        assertEquals(List.of(String.valueOf(padLength)), t.values("Pad Length:"), where);
        byte[] content = Arrays.copyOf(plain, plain.length - 1 - padLength);
        assertArrayEquals(content, Ikev2Decoder.encodePayloads(m.inner()), where + ": decrypted content");

        // The ICV tshark shows is the one at the end of the datagram, of the suite's size.
        String icvHex = t.icvLine().split(" ")[3];
        assertEquals(icvHex, HexFormat.of().formatHex(
                Arrays.copyOfRange(datagram, datagram.length - suite.icvSize(), datagram.length)), where);

        List<Integer> types = new ArrayList<>();
        for (String l : t.at(16)) {
            if (l.startsWith("Payload: ")) {
                types.add(Integer.parseInt(l.replaceAll("^Payload: [^(]*\\((\\d+)\\).*$", "$1")));
            }
        }
        assertEquals(types, m.inner().stream().map(p -> p.type().code()).toList(), where + ": inner payload types");

        assertEquals(t.values("Identification Data:"), m.inner().stream()
                .filter(p -> p instanceof IdentificationPayload).map(p -> address(((IdentificationPayload) p).data()))
                .toList(), where + ": IDs");
        assertEquals(t.values("Authentication Data:"), payloads(m.inner(), AuthenticationPayload.class).stream()
                .map(a -> a.data().hex()).toList(), where + ": AUTH");
        assertEquals(t.values("Notify Message Type:"), payloads(m.inner(), NotifyPayload.class).stream()
                .map(n -> n.notifyType().name() + " (" + n.notifyType().code() + ")").toList(), where + ": notifies");

        List<Integer> transformIds = new ArrayList<>();
        for (String v : t.values("Transform ID (")) {
            transformIds.add(Integer.parseInt(v.replaceAll("^.*\\((\\d+)\\)$", "$1")));
        }
        assertEquals(transformIds, payloads(m.inner(), SecurityAssociationPayload.class).stream()
                .flatMap(sa -> sa.proposals().stream()).flatMap(p -> p.transforms().stream())
                .map(Transform::id).toList(), where + ": transform IDs");

        List<String> starts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        for (TrafficSelectorPayload ts : payloads(m.inner(), TrafficSelectorPayload.class)) {
            for (TrafficSelector s : ts.selectors()) {
                TrafficSelector.AddressRange r = assertInstanceOf(TrafficSelector.AddressRange.class, s, where);
                starts.add(address(r.startAddress()));
                ends.add(address(r.endAddress()));
            }
        }
        assertEquals(t.values("Starting Addr:"), starts, where + ": TS start addresses");
        assertEquals(t.values("Ending Addr:"), ends, where + ": TS end addresses");
    }

    private static <T extends Payload> List<T> payloads(List<Payload> inner, Class<T> type) {
        return inner.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static String address(Bytes b) {
        try {
            return InetAddress.getByAddress(b.toByteArray()).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theOtherDirectionsKeysFailIntegrity() throws Exception {
        Map<String, TableRow> table = table();
        int checked = 0;
        for (String name : CAPTURES) {
            for (CaptureReader.IkeDatagram d : CaptureReader.read("/captures/" + name)) {
                Ikev2Message outer = Ikev2Decoder.decode(d.ike());
                if (outer.encrypted().isPresent()) {
                    TableRow row = table.get(String.format("%016x", outer.header().initiatorSpi()));
                    Unprotected u = protector(row, !outer.header().isInitiator()).open(d.ike());
                    assertInstanceOf(Unprotected.IntegrityFailed.class, u, name + " frame " + d.frame());
                    checked++;
                }
            }
        }
        assertEquals(6, checked);
    }

    @Test
    void aFlippedBitInARealMessageFailsIntegrity() throws Exception {
        Map<String, TableRow> table = table();
        for (CaptureReader.IkeDatagram d : CaptureReader.read("/captures/" + CAPTURES[1])) {
            Ikev2Message outer = Ikev2Decoder.decode(d.ike());
            if (outer.encrypted().isEmpty()) {
                continue;
            }
            SkProtector p = protector(table.get(String.format("%016x", outer.header().initiatorSpi())),
                    outer.header().isInitiator());
            for (int bit = 0; bit < d.ike().length * 8; bit++) {
                byte[] bad = d.ike().clone();
                bad[bit / 8] ^= (byte) (1 << (bit % 8));
                Unprotected u = p.open(bad);
                assertTrue(u instanceof Unprotected.IntegrityFailed || u instanceof Unprotected.Malformed,
                        "frame " + d.frame() + " bit " + bit + ": " + u);
            }
        }
    }
}

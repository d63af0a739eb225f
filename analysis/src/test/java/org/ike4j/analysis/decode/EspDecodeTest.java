package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.ike4j.analysis.capture.PcapWriter;
import org.ike4j.analysis.decode.Conversation.FrameNote;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.analysis.keys.WiresharkNames;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.dataplane.esp.EspInbound;
import org.ike4j.dataplane.esp.EspOutbound;
import org.ike4j.dataplane.esp.EspSuite;
import org.ike4j.dataplane.esp.Lifetime;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ESP in the decoder: packets sealed by the dataplane's {@link EspOutbound}, written to a capture
 * (ESP in UDP 4500 and plain protocol 50), decoded with an {@code esp_sa} row; the inner ICMP
 * echo comes back with its addresses and sequence numbers, and tshark with the same row agrees.
 */
class EspDecodeTest {

    private static final Pattern INNER = Pattern.compile(
            "ESP SPI 0x(\\p{XDigit}{8}) seq (\\d+).*decrypted .*IPv4 (\\S+) -> (\\S+) ICMP length (\\d+) type 8 code 0"
            + " id 0x4303 seq (\\d+); pad (\\d+), next header 4 \\(IPv4\\)");

    static Stream<EspSuite> suites() {
        List<EspSuite> s = new ArrayList<>();
        for (CipherAlgorithm c : CipherAlgorithm.values()) {
            for (IntegrityAlgorithm i : IntegrityAlgorithm.values()) {
                s.add(EspSuite.of(Encryption.of(c), i));
            }
            if (c != CipherAlgorithm.NULL) {
                s.add(new EspSuite(Encryption.of(c), Optional.empty()));
            }
        }
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            s.add(EspSuite.of(Encryption.of(a)));
        }
        return s.stream();
    }

    record Sealed(Path pcap, KeyTableEntry.EspSa row, int spi) {
    }

    /** Five echo requests, odd ones in UDP 4500, even ones as protocol 50; then a replay of packet 2. */
    static Sealed capture(EspSuite suite, Path dir, boolean wiresharkNames) throws IOException {
        SecureRandom r = new SecureRandom();
        byte[] k = new byte[keySize(suite)];
        r.nextBytes(k);
        byte[] ik = new byte[suite.integrity().map(IntegrityAlgorithm::keySize).orElse(0)];
        r.nextBytes(ik);
        int spi = 0xc0de0000 | r.nextInt(0xffff);
        EspOutbound out = new EspOutbound(spi, suite, false, Secret.wrap(k), Secret.wrap(ik), Lifetime.NONE,
                Crypto.defaults(), r, e -> { });
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        Path pcap = dir.resolve("esp.pcap");
        try (PcapWriter w = PcapWriter.create(pcap, PcapWriter.Link.RAW)) {
            byte[] second = null;
            for (int i = 1; i <= 5; i++) {
                byte[] sealed = seal(out, icmpEcho(InetAddress.getByName("10.0.1.1"), InetAddress.getByName("10.0.2.1"),
                        0x4303, i, 28 + i * 37));
                Instant t = Instant.ofEpochSecond(1_700_000_000L + i);
                if (i % 2 == 1) {
                    w.espInUdp(t, new InetSocketAddress(a, 4500), new InetSocketAddress(b, 4500), sealed);
                } else {
                    w.esp(t, a, b, sealed);
                }
                if (i == 2) {
                    second = sealed;
                }
            }
            w.esp(Instant.ofEpochSecond(1_700_000_010L), a, b, second);
        }
        String enc = wiresharkNames ? switch (suite.encryption()) {
            case Encryption.Cipher c -> WiresharkNames.espEncryption(c.algorithm()).orElseThrow();
            case Encryption.Aead x -> WiresharkNames.espEncryption(x.algorithm()).orElse(x.algorithm().name());
        } : switch (suite.encryption()) {
            case Encryption.Cipher c -> c.algorithm().name();
            case Encryption.Aead x -> x.algorithm().name();
        };
        String auth = suite.integrity().map(i -> wiresharkNames ? WiresharkNames.espAuthentication(i).orElse(i.name())
                : i.name()).orElse("NULL");
        return new Sealed(pcap, new KeyTableEntry.EspSa("IPv4", "192.0.2.1", "*", spi & 0xFFFFFFFFL, enc,
                Secret.wrap(k), auth, Secret.wrap(ik)), spi);
    }

    @ParameterizedTest
    @MethodSource("suites")
    void everyTransformOpens(EspSuite suite, @TempDir Path dir) throws IOException {
        for (boolean wiresharkNames : new boolean[] {true, false}) {
            Sealed s = capture(suite, dir, wiresharkNames);
            List<String> lines = esp(Decoder.decode(s.pcap(), KeySources.of(List.of(s.row()), "test")));
            assertEquals(6, lines.size(), lines.toString());
            for (int i = 1; i <= 5; i++) {
                Matcher m = INNER.matcher(lines.get(i - 1));
                assertTrue(m.find(), suite + ": " + lines.get(i - 1));
                assertEquals(Integer.toString(i), m.group(2));
                assertEquals("10.0.1.1", m.group(3));
                assertEquals("10.0.2.1", m.group(4));
                assertEquals(Integer.toString(28 + i * 37), m.group(5));
                assertEquals(Integer.toString(i), m.group(6));
                assertEquals(i % 2 == 1, lines.get(i - 1).contains("(in UDP 4500)"));
            }
            assertTrue(lines.get(5).contains("[duplicate sequence number: as frame 2]"), lines.get(5));
            Conversation c = Decoder.decode(s.pcap(), KeySources.of(List.of(s.row()), "test"));
            String json = JsonReport.toString(c);
            for (int i = 1; i <= 5; i++) {
                assertTrue(json.contains("\"seq\":" + i + ",\"udpEncap\":" + (i % 2 == 1)), json);
                assertTrue(json.contains("\"source\":\"10.0.1.1\",\"destination\":\"10.0.2.1\",\"protocol\":1,\"length\":"
                        + (28 + i * 37) + ",\"icmpType\":8,\"icmpCode\":0,\"icmpId\":17155,\"icmpSeq\":" + i), json);
            }
            assertTrue(json.contains("\"duplicateOf\":2"), json);
            assertEquals(6, json.split("\"status\":\"DECRYPTED\"", -1).length - 1, json);
            assertTrue(INNER.matcher(lines.get(5)).find(), "a duplicate is still decrypted: " + lines.get(5));
        }
    }

    @ParameterizedTest
    @MethodSource("suites")
    void wrongKeyIsAnIntegrityFailure(EspSuite suite, @TempDir Path dir) throws IOException {
        Sealed s = capture(suite, dir, true);
        KeyTableEntry.EspSa row = s.row();
        boolean keyed = row.authenticationKey().length() > 0;
        byte[] wrong = (keyed ? row.authenticationKey() : row.encryptionKey()).reveal();
        if (wrong.length == 0) {
            return;
        }
        wrong[0] ^= 0x10;
        KeyTableEntry.EspSa bad = keyed && !suite.encryption().isAead()
                ? new KeyTableEntry.EspSa("IPv4", "*", "*", row.spi(), row.encryption(), row.encryptionKey(),
                        row.authentication(), Secret.wrap(wrong))
                : new KeyTableEntry.EspSa("IPv4", "*", "*", row.spi(), row.encryption(), Secret.wrap(wrong),
                        row.authentication(), row.authenticationKey());
        List<String> lines = esp(Decoder.decode(s.pcap(), KeySources.of(List.of(bad), "test")));
        assertEquals(6, lines.size());
        for (String l : lines) {
            assertTrue(!INNER.matcher(l).find(), l);
            if (keyed || suite.encryption().isAead()) {
                assertTrue(l.contains("integrity check failed"), l);
            }
        }
    }

    @Test
    void unknownSpiTruncatedAndAddressMismatch(@TempDir Path dir) throws IOException {
        EspSuite suite = EspSuite.of(Encryption.of(CipherAlgorithm.AES_CBC_128), IntegrityAlgorithm.HMAC_SHA1_96);
        Sealed s = capture(suite, dir, true);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        Path pcap = dir.resolve("bad.pcap");
        try (PcapWriter w = PcapWriter.create(pcap, PcapWriter.Link.RAW)) {
            byte[] truncated = new byte[20];
            EspOutboundBytes.putInt(truncated, 0, s.spi());
            truncated[7] = 9;
            w.esp(Instant.EPOCH, a, b, truncated);
            byte[] other = new byte[80];
            EspOutboundBytes.putInt(other, 0, 0x12345678);
            other[7] = 1;
            w.esp(Instant.EPOCH, a, b, other);
            byte[] misaligned = new byte[8 + 16 + 17 + 12];
            EspOutboundBytes.putInt(misaligned, 0, s.spi());
            w.esp(Instant.EPOCH, a, b, misaligned);
            // the row says source 192.0.2.1: the reverse direction has no key
            w.esp(Instant.EPOCH, b, a, Arrays.copyOf(misaligned, misaligned.length));
        }
        List<String> lines = esp(Decoder.decode(pcap, KeySources.of(List.of(s.row()), "test")));
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("truncated ESP: 20 bytes"), lines.get(0));
        assertTrue(lines.get(1).contains("no key for SPI 0x12345678"), lines.get(1));
        assertTrue(lines.get(2).contains("malformed ESP: 53 bytes"), lines.get(2));
        assertTrue(lines.get(3).contains(String.format("no key for SPI 0x%08x", s.spi())), lines.get(3));
        Conversation c = Decoder.decode(pcap, KeySources.of(List.of(s.row()), "test"));
        String json = JsonReport.toString(c);
        assertEquals(2, json.split("\"status\":\"NO_KEY\"", -1).length - 1, json);
        assertEquals(2, json.split("\"status\":\"MALFORMED\"", -1).length - 1, json);
        String html = HtmlReport.render(c);
        assertEquals(4, html.split("<tr class=\"fail\"", -1).length - 1, html);
    }

    /**
     * Extended sequence numbers (RFC 4303 section 2.2.1): Wireshark's row has no column for them,
     * so the decoder finds out by the ICV (high-order bits 0 at the start of an SA) and says so.
     */
    @ParameterizedTest
    @MethodSource("esnSuites")
    void extendedSequenceNumbersAreFoundByTheIcv(EspSuite suite, @TempDir Path dir) throws IOException {
        SecureRandom r = new SecureRandom();
        byte[] k = new byte[keySize(suite)];
        r.nextBytes(k);
        byte[] ik = new byte[suite.integrity().map(IntegrityAlgorithm::keySize).orElse(0)];
        r.nextBytes(ik);
        int spi = 0x0e5e0001;
        EspOutbound out = new EspOutbound(spi, suite, true, Secret.wrap(k), Secret.wrap(ik), Lifetime.NONE,
                Crypto.defaults(), r, e -> { });
        Path pcap = dir.resolve("esn.pcap");
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        try (PcapWriter w = PcapWriter.create(pcap, PcapWriter.Link.RAW)) {
            for (int i = 1; i <= 3; i++) {
                w.esp(Instant.EPOCH, a, b, seal(out, icmpEcho(InetAddress.getByName("10.0.1.1"),
                        InetAddress.getByName("10.0.2.1"), 0x4303, i, 64)));
            }
        }
        String enc = switch (suite.encryption()) {
            case Encryption.Cipher c -> c.algorithm().name();
            case Encryption.Aead x -> x.algorithm().name();
        };
        KeyTableEntry.EspSa row = new KeyTableEntry.EspSa("IPv4", "*", "*", spi, enc, Secret.wrap(k),
                suite.integrity().map(IntegrityAlgorithm::name).orElse("NULL"), Secret.wrap(ik));
        List<String> lines = esp(Decoder.decode(pcap, KeySources.of(List.of(row), "test")));
        assertEquals(3, lines.size());
        for (int i = 0; i < 3; i++) {
            assertTrue(lines.get(i).contains(", ESN, ICV ok)"), lines.get(i));
            Matcher m = INNER.matcher(lines.get(i));
            assertTrue(m.find(), lines.get(i));
            assertEquals(Integer.toString(i + 1), m.group(6));
        }
    }

    static Stream<EspSuite> esnSuites() {
        return Stream.of(EspSuite.of(Encryption.of(CipherAlgorithm.AES_CBC_128), IntegrityAlgorithm.HMAC_SHA2_256_128),
                EspSuite.of(Encryption.of(AeadAlgorithm.AES_GCM_16_128)),
                EspSuite.of(Encryption.of(AeadAlgorithm.CHACHA20_POLY1305)));
    }

    /** IPv6 outside and inside: the row's protocol is IPv6, the inner ICMPv6 echo is summarised. */
    @Test
    void ipv6InIpv6(@TempDir Path dir) throws IOException {
        EspSuite suite = EspSuite.of(Encryption.of(AeadAlgorithm.AES_GCM_16_256));
        SecureRandom r = new SecureRandom();
        byte[] k = new byte[keySize(suite)];
        r.nextBytes(k);
        int spi = 0x66000006;
        EspOutbound out = new EspOutbound(spi, suite, false, Secret.wrap(k), Secret.wrap(new byte[0]), Lifetime.NONE,
                Crypto.defaults(), r, e -> { });
        byte[] inner = new byte[40 + 16];
        inner[0] = 0x60;
        inner[5] = 16;
        inner[6] = 58;
        inner[7] = 64;
        System.arraycopy(InetAddress.getByName("2001:db8:1::1").getAddress(), 0, inner, 8, 16);
        System.arraycopy(InetAddress.getByName("2001:db8:2::1").getAddress(), 0, inner, 24, 16);
        inner[40] = (byte) 128;
        inner[44] = 0x12;
        inner[45] = 0x34;
        inner[47] = 7;
        byte[] buf = new byte[64 + inner.length + 64];
        System.arraycopy(inner, 0, buf, 64, inner.length);
        int n = out.seal(buf, 64, inner.length, EspInbound.IPV6);
        int start = 64 - out.headerSize();
        Path pcap = dir.resolve("v6.pcap");
        try (PcapWriter w = PcapWriter.create(pcap, PcapWriter.Link.RAW)) {
            w.esp(Instant.EPOCH, InetAddress.getByName("2001:db8::a"), InetAddress.getByName("2001:db8::b"),
                    Arrays.copyOfRange(buf, start, start + n));
        }
        KeyTableEntry.EspSa v6 = new KeyTableEntry.EspSa("IPv6", "2001:db8::a", "*", spi,
                WiresharkNames.espEncryption(AeadAlgorithm.AES_GCM_16_256).orElseThrow(), Secret.wrap(k), "NULL",
                Secret.wrap(new byte[0]));
        List<String> lines = esp(Decoder.decode(pcap, KeySources.of(List.of(v6), "test")));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains("IPv6 2001:db8:1:0:0:0:0:1 -> 2001:db8:2:0:0:0:0:1 ICMPv6 length 56 type 128"
                + " code 0 id 0x1234 seq 7; pad "), lines.get(0));
        assertTrue(lines.get(0).endsWith("next header 41 (IPv6)"), lines.get(0));
        // the same row marked IPv4 does not apply
        KeyTableEntry.EspSa v4 = new KeyTableEntry.EspSa("IPv4", "*", "*", spi, v6.encryption(), Secret.wrap(k),
                "NULL", Secret.wrap(new byte[0]));
        assertTrue(esp(Decoder.decode(pcap, KeySources.of(List.of(v4), "test"))).get(0)
                .contains("no key for SPI 0x66000006"));
    }

    /** The independent judge: tshark with the same row sees the same inner packets. */
    @ParameterizedTest
    @MethodSource("suites")
    void tsharkSeesTheSameInnerPackets(EspSuite suite, @TempDir Path dir) throws IOException {
        Optional<String> auth = suite.integrity().isEmpty() ? Optional.of("NULL")
                : WiresharkNames.espAuthentication(suite.integrity().get());
        Optional<String> enc = switch (suite.encryption()) {
            case Encryption.Cipher c -> WiresharkNames.espEncryption(c.algorithm());
            case Encryption.Aead x -> WiresharkNames.espEncryption(x.algorithm());
        };
        if (auth.isEmpty() || enc.isEmpty()) {
            return;   // Wireshark 4.0 cannot decrypt it
        }
        Prerequisites.require(Requirement.TSHARK);
        Sealed s = capture(suite, dir, true);
        List<String> ours = new ArrayList<>();
        for (String l : esp(Decoder.decode(s.pcap(), KeySources.of(List.of(s.row()), "test")))) {
            Matcher m = INNER.matcher(l);
            assertTrue(m.find(), l);
            ours.add(Long.parseLong(m.group(1), 16) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4) + " "
                    + m.group(6));
        }
        List<List<String>> rows = Tshark.fields(s.pcap(), "esp", List.of("esp.spi", "esp.sequence", "ip.src", "ip.dst",
                "icmp.seq"), List.of("esp.enable_encryption_decode:TRUE", "esp.enable_authentication_check:TRUE",
                        WiresharkKeyTables.tsharkOption(s.row())));
        List<String> theirs = new ArrayList<>();
        for (List<String> r : rows) {
            // ip.src/ip.dst list the outer then the inner header
            String[] src = r.get(2).split(",");
            String[] dst = r.get(3).split(",");
            theirs.add(Long.decode(r.get(0)) + " " + r.get(1) + " " + src[src.length - 1] + " " + dst[dst.length - 1]
                    + " " + r.get(4));
        }
        assertEquals(theirs, ours);
    }

    private static List<String> esp(Conversation c) {
        return c.frameNotes().stream().filter(n -> n.kind() == FrameNote.Kind.ESP).map(FrameNote::text).toList();
    }

    private static int keySize(EspSuite s) {
        return switch (s.encryption()) {
            case Encryption.Cipher c -> c.algorithm().keySize();
            case Encryption.Aead a -> a.algorithm().keySize();
        };
    }

    private static byte[] seal(EspOutbound out, byte[] inner) {
        byte[] buf = new byte[64 + inner.length + 64];
        System.arraycopy(inner, 0, buf, 64, inner.length);
        int n = out.seal(buf, 64, inner.length, EspInbound.IPV4);
        int start = 64 - out.headerSize();
        return Arrays.copyOfRange(buf, start, start + n);
    }

    /** An IPv4 ICMP echo request of {@code length} bytes (checksums left zero: not checked here). */
    static byte[] icmpEcho(InetAddress src, InetAddress dst, int id, int seq, int length) {
        byte[] p = new byte[length];
        p[0] = 0x45;
        p[2] = (byte) (length >>> 8);
        p[3] = (byte) length;
        p[8] = 64;
        p[9] = 1;
        System.arraycopy(src.getAddress(), 0, p, 12, 4);
        System.arraycopy(dst.getAddress(), 0, p, 16, 4);
        p[20] = 8;
        p[24] = (byte) (id >>> 8);
        p[25] = (byte) id;
        p[26] = (byte) (seq >>> 8);
        p[27] = (byte) seq;
        return p;
    }

    private static final class EspOutboundBytes {
        static void putInt(byte[] b, int at, int v) {
            b[at] = (byte) (v >>> 24);
            b[at + 1] = (byte) (v >>> 16);
            b[at + 2] = (byte) (v >>> 8);
            b[at + 3] = (byte) v;
        }
    }
}

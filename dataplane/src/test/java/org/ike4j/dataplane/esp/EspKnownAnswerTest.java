package org.ike4j.dataplane.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.Secret;
import org.junit.jupiter.api.Test;

/**
 * Opening ESP packets other implementations sealed: the RFC 4106 examples (AES-GCM, with and
 * without ESN, including sequence numbers at the edge of their space), the ESP example of RFC 7634
 * Appendix A (ChaCha20-Poly1305) and the RFC 3602 section 4 packets (AES-CBC). Each also fails
 * once one bit of it is changed.
 */
class EspKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    private static JsonNode read(String file) throws IOException {
        try (InputStream in = EspKnownAnswerTest.class.getResourceAsStream("/vectors/" + file)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static byte[] hex(JsonNode n) {
        return HEX.parseHex(n.asText());
    }

    private static AeadAlgorithm gcm16(int bits) {
        return switch (bits) {
            case 128 -> AeadAlgorithm.AES_GCM_16_128;
            case 192 -> AeadAlgorithm.AES_GCM_16_192;
            default -> AeadAlgorithm.AES_GCM_16_256;
        };
    }

    /** Opens {@code packet}; returns the inner bytes and checks a one-bit change is refused. */
    private static byte[] open(EspInbound in, byte[] packet, EspInbound tamperedTwin) {
        byte[] buf = Arrays.copyOf(packet, packet.length + 8);
        int r = in.open(buf, 0, packet.length);
        assertTrue(r >= 0, "dropped: " + (r < 0 ? EspInbound.Drop.of(r) : ""));
        byte[] bad = Arrays.copyOf(packet, packet.length);
        bad[packet.length / 2] ^= 0x10;
        if (tamperedTwin != null) {
            assertEquals(EspInbound.Drop.INTEGRITY.code(), tamperedTwin.open(bad, 0, bad.length));
        }
        return Arrays.copyOfRange(buf, in.headerSize(), in.headerSize() + EspInbound.payloadLength(r));
    }

    @Test
    void rfc4106ExamplesOpen() throws IOException {
        List<Integer> opened = new ArrayList<>();
        for (JsonNode c : read("rfc4106_gcm_esp_packets.json").get("cases")) {
            byte[] plain = hex(c.get("plaintextPayload"));
            if (plain.length % 4 != 0) {
                continue;   // a draft example not aligned as RFC 4303 2.4 requires
            }
            EspSuite suite = EspSuite.of(Encryption.of(gcm16(c.get("aesKeyBits").asInt())));
            boolean esn = c.get("esn").asBoolean();
            long seq = Long.parseUnsignedLong(c.get("seq").asText(), 16);
            int spi = (int) Long.parseLong(c.get("spi").asText(), 16);
            Secret key = Secret.wrap(hex(c.get("espKeymatKeyPlusSalt")));
            EspInbound[] twins = new EspInbound[2];
            for (int i = 0; i < 2; i++) {
                twins[i] = new EspInbound(spi, suite, esn, 64, key, Secret.wrap(new byte[0]), Lifetime.NONE,
                        Crypto.defaults(), e -> { }, false);
                if (seq > 1 || seq < 0) {
                    twins[i].startWindowAt(seq - 1);
                }
            }
            byte[] inner = open(twins[0], hex(c.get("espPacket")), twins[1]);
            int padLength = plain[plain.length - 2];
            assertArrayEquals(Arrays.copyOf(plain, plain.length - 2 - padLength), inner, "case " + c.get("case"));
            assertEquals(seq, twins[0].highestSequenceNumber(), "the window moved to the packet's 64-bit number");
            opened.add(c.get("case").asInt());
        }
        assertTrue(opened.size() >= 10, "opened " + opened);
        assertTrue(opened.contains(14), "the ESN example at 2^64 - 1 opened");
    }

    @Test
    void rfc7634AppendixAEspExampleOpens() throws IOException {
        JsonNode v = read("rfc_ipsec_prf_cipher_vectors.json").get("rfc7634_chacha20_poly1305").get("vectors").get(0);
        assertEquals("ESP (RFC 7634 App. A)", v.get("example").asText());
        byte[] aad = hex(v.get("aad"));   // SPI 0x01020304, sequence number 5
        byte[] packet = concat(aad, hex(v.get("iv")), hex(v.get("ciphertextAndTag")));
        EspSuite suite = EspSuite.of(Encryption.of(AeadAlgorithm.CHACHA20_POLY1305));
        Secret key = Secret.wrap(hex(v.get("keyPlusSalt")));
        EspInbound in = new EspInbound(0x01020304, suite, false, 64, key, Secret.wrap(new byte[0]), Lifetime.NONE,
                Crypto.defaults(), e -> { });
        EspInbound twin = new EspInbound(0x01020304, suite, false, 64, key, Secret.wrap(new byte[0]), Lifetime.NONE,
                Crypto.defaults(), e -> { });
        byte[] plain = hex(v.get("plaintext"));
        byte[] inner = open(in, packet, twin);
        // tunnel mode: an IPv4 ICMP echo request, next header 4, pad 01 02
        assertArrayEquals(Arrays.copyOf(plain, plain.length - 4), inner);
        assertEquals(0x45, inner[0] & 0xFF);
        assertEquals(EspInbound.Drop.REPLAY.code(), in.open(packet.clone(), 0, packet.length), "a second copy is a replay");
        assertEquals(1, in.stats().replayDrops());
    }

    @Test
    void rfc3602CbcPacketsOpen() throws IOException {
        int opened = 0;
        for (JsonNode c : read("rfc_ipsec_prf_cipher_vectors.json").get("rfc3602_aes_cbc").get("espPackets")) {
            EspSuite suite = new EspSuite(Encryption.of(CipherAlgorithm.AES_CBC_128), Optional.empty());
            int spi = (int) Long.parseLong(c.get("spi").asText(), 16);
            EspInbound in = new EspInbound(spi, suite, false, 64, Secret.wrap(hex(c.get("key"))),
                    Secret.wrap(new byte[0]), Lifetime.NONE, Crypto.defaults(), e -> { }, false);
            byte[] packet = hex(c.get("espPacket"));
            int r = in.open(packet, 0, packet.length);
            assertTrue(r >= 0, "case " + c.get("case") + " dropped: " + (r < 0 ? EspInbound.Drop.of(r) : ""));
            assertEquals(c.get("nextHeader").asInt(), EspInbound.nextHeader(r));
            assertArrayEquals(hex(c.get("payload")),
                    Arrays.copyOfRange(packet, 24, 24 + EspInbound.payloadLength(r)), "case " + c.get("case"));
            opened++;
        }
        assertEquals(4, opened);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}

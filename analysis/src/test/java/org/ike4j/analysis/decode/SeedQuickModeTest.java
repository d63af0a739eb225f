package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.ike4j.analysis.capture.PcapWriter;
import org.ike4j.analysis.decode.DecodedMessage.Status;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.wire.Hex;
import org.ike4j.wire.v1.HashPayload;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.NoncePayload;
import org.ike4j.wire.v1.PayloadChain;
import org.ike4j.wire.v1.SecurityAssociationPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's own Quick Mode message 1, rebuilt from what the seed prints (resources/seed/PROVENANCE.md):
 * encrypted under the Phase 2 IV pluto printed, it is decoded with nothing but pluto's log, which
 * is what the seed did with grep, sed and Wireshark. Phase 1 is not in this capture, so the
 * decoder has to derive the IV from the log's "last Phase 1 IV" and the message ID (RFC 2409
 * Appendix B): it decrypts only if that derivation gives pluto's IV.
 */
class SeedQuickModeTest {

    static final Path LOG = DecoderTsharkTest.LOGS.resolve("pluto-seed-reconstructed.log");
    static final Path PLAINTEXT = Path.of("src/test/resources/seed/quick-mode-1-plaintext.hex");
    /** The seed's "computed Phase 2 IV", printed by pluto (16 bytes of MD5; 3DES uses the first 8). */
    static final String PLUTO_PHASE2_IV = "48600720 58de69ca c4a53f5f 6e7e36e6";

    @TempDir
    Path dir;

    Path capture() throws Exception {
        byte[] plain = Hex.parse(Files.readString(PLAINTEXT));
        byte[] padded = Arrays.copyOf(plain, plain.length + 4);   // "emitting 4 zero bytes of encryption padding"
        KeySources keys = KeySources.load(LOG);
        byte[] key = keys.ikev1().getFirst().encryptionKey().orElseThrow().reveal();
        byte[] iv = Arrays.copyOf(Hex.parse(PLUTO_PHASE2_IV), 8);
        byte[] ct = Crypto.defaults().cipher(CipherAlgorithm.DES3_CBC).encrypt(key, iv, padded);
        ByteBuffer m = ByteBuffer.allocate(28 + ct.length);
        m.put(Hex.parse("a305bbc510fd3640 d16dd2ce1e0390ec")).put((byte) 8).put((byte) 0x10).put((byte) 32)
                .put((byte) 1).put(Hex.parse("3e8ef93e")).putInt(28 + ct.length).put(ct);
        Path file = dir.resolve("seed-quick-mode.pcap");
        try (PcapWriter w = PcapWriter.create(file, PcapWriter.Link.ETHERNET)) {
            w.ike(Instant.parse("2015-02-14T20:52:11Z"), new InetSocketAddress("10.80.80.80", 500),
                    new InetSocketAddress("10.80.80.13", 500), m.array());
        }
        return file;
    }

    @Test
    void thePlutoLogAloneDecryptsTheSeedsQuickMode() throws Exception {
        Conversation c = Decoder.decode(capture(), KeySources.load(LOG));
        DecodedMessage m = c.messages().getFirst();
        assertEquals(Status.DECRYPTED, m.status(), m.detail());
        assertTrue(m.detail().contains("last Phase 1 IV") && m.detail().endsWith("with MD5"), m.detail());
        assertEquals("IV " + PLUTO_PHASE2_IV.replace(" ", "").substring(0, 16) + "; " + m.detail().substring(
                m.detail().indexOf("; ") + 2), m.detail());
        assertEquals(List.of("HASH", "SA", "NONCE", "ID", "ID"), m.payloads());
        PayloadChain chain = assertInstanceOf(Content.V1.class, m.content()).decrypted().orElseThrow();
        // the seed's HASH(1), SPI and Ni, as pluto printed them
        assertEquals("92ee26eb83d24e6b78d4d5c0729a13a8",
                ((HashPayload) chain.payloads().get(0)).hash().hex());
        assertEquals("c786011d", ((SecurityAssociationPayload) chain.payloads().get(1)).proposals().getFirst().spi()
                .hex());
        assertEquals("5d913168cd6deed76eb1ad1ac8db455c", ((NoncePayload) chain.payloads().get(2)).nonce().hex());
        byte[] plain = Hex.parse(Files.readString(PLAINTEXT));
        assertArrayEquals(Arrays.copyOf(plain, plain.length + 4), IsakmpCodec.encodePayloads(chain));
    }

    @Test
    void withTheKeyAloneThePhase1IvIsMissing() throws Exception {
        KeySources.Ikev1Key k = KeySources.load(LOG).ikev1().getFirst();
        KeySources keyOnly = new KeySources(List.of(new KeySources.Ikev1Key(k.initiatorCookie(), k.encryptionKey(),
                Optional.empty(), "table")), List.of(), List.of(), List.of());
        DecodedMessage m = Decoder.decode(capture(), keyOnly).messages().getFirst();
        assertEquals(Status.NOT_DECRYPTED, m.status());
        assertTrue(m.detail().startsWith("Phase 1 exchange not in the capture"), m.detail());
        assertEquals("8d5e85f338265e4d", HexFormat.of().formatHex(KeySources.load(LOG).ikev1().getFirst()
                .lastPhase1Iv().orElseThrow().toByteArray()), "the seed's \"last Phase 1 IV\"");
    }
}

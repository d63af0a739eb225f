package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.ike4j.analysis.capture.CaptureReader;
import org.ike4j.analysis.capture.CaptureRecord;
import org.ike4j.analysis.capture.CaptureRecord.IkeDatagram;
import org.ike4j.analysis.capture.PcapWriter;
import org.ike4j.analysis.decode.Conversation.FrameNote;
import org.ike4j.analysis.decode.DecodedMessage.Status;
import org.ike4j.analysis.logs.CharonLog;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.Secret;
import org.ike4j.engine.v2.protection.SkProtector;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gives one clear line for the packet concerned and the decoder goes on: truncated
 * captures, unknown link types, wrong keys, corrupt packets, a Phase 1 missing from the capture;
 * and what a capture is not the sender's view of: retransmissions, replies captured out of order.
 * The captures are made from a real charon IKEv1 exchange (its frames rewritten by PcapWriter).
 */
class DecoderBadInputTest {

    static final Path V1 = DecoderTsharkTest.OWN.resolve("charon-ikev1-psk-3des-md5.pcapng");
    static final Path V1_LOG = DecoderTsharkTest.LOGS.resolve("charon-5.9.8-ikev1-initiator.log");
    static final Path V2 = DecoderTsharkTest.WIRE.resolve("ikev2-decrypt-aes256cbc.pcapng");
    static final Path V2_TABLE = DecoderTsharkTest.WIRE.resolve("ikev2_decryption_table");

    @TempDir
    Path dir;

    static List<IkeDatagram> datagrams(Path capture) throws IOException {
        List<IkeDatagram> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(capture)) {
            for (CaptureRecord rec : r) {
                if (rec instanceof IkeDatagram d) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** A pcap of the given datagrams (their own bytes unless replaced), in the order given. */
    Path write(String name, List<IkeDatagram> ds, List<byte[]> replaced) throws IOException {
        Path file = dir.resolve(name);
        try (PcapWriter w = PcapWriter.create(file, PcapWriter.Link.ETHERNET)) {
            for (int i = 0; i < ds.size(); i++) {
                IkeDatagram d = ds.get(i);
                byte[] bytes = replaced != null && replaced.get(i) != null ? replaced.get(i) : d.bytes().toByteArray();
                w.ike(d.time(), new InetSocketAddress(d.src(), d.srcPort()), new InetSocketAddress(d.dst(), d.dstPort()),
                        bytes);
            }
        }
        return file;
    }

    static List<Status> statuses(Conversation c) {
        return c.messages().stream().map(DecodedMessage::status).toList();
    }

    @Test
    void aTruncatedCaptureGivesWhatWasReadAndOneLine() throws IOException {
        byte[] all = Files.readAllBytes(V1);
        Path cut = dir.resolve("cut.pcapng");
        Files.write(cut, Arrays.copyOf(all, all.length * 2 / 3));
        Conversation c = Decoder.decode(cut, KeySources.load(V1_LOG));
        assertTrue(c.messages().size() >= 4 && c.messages().size() < 9, statuses(c).toString());
        List<FrameNote> unreadable = c.frameNotes().stream().filter(n -> n.kind() == FrameNote.Kind.UNREADABLE).toList();
        assertEquals(1, unreadable.size(), c.frameNotes().toString());
        assertTrue(unreadable.getFirst().text().contains("truncated"), unreadable.getFirst().text());
        assertTrue(TextReport.toString(c, true).contains("truncated"));
    }

    @Test
    void anUnknownLinkTypeIsNamed() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + 20);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(147);
        b.putInt(1).putInt(0).putInt(20).putInt(20).put(new byte[20]);
        Path file = dir.resolve("user0.pcap");
        Files.write(file, b.array());
        Conversation c = Decoder.decode(file, KeySources.none());
        assertEquals(List.of(), c.messages());
        assertEquals(1, c.frameNotes().size());
        assertTrue(c.frameNotes().getFirst().text().contains("link type 147 is not supported"),
                c.frameNotes().getFirst().text());
    }

    @Test
    void aWrongIkev1KeySaysSoPerMessage() throws IOException {
        CharonLog.Ikev1Sa sa = CharonLog.extract(Files.readAllLines(V1_LOG)).ikev1().getFirst();
        byte[] key = sa.encryptionKey().reveal();
        key[3] ^= 0x40;
        KeySources wrong = new KeySources(List.of(new KeySources.Ikev1Key(sa.initiatorCookie(),
                Optional.of(Secret.wrap(key)), Optional.empty(), "test")), List.of(), List.of(), List.of());
        Conversation c = Decoder.decode(V1, wrong);
        assertEquals(List.of(Status.PLAIN, Status.PLAIN, Status.PLAIN, Status.PLAIN, Status.NOT_DECRYPTED,
                Status.NOT_DECRYPTED, Status.NOT_DECRYPTED, Status.NOT_DECRYPTED, Status.NOT_DECRYPTED), statuses(c));
        for (DecodedMessage m : c.messages().subList(4, 9)) {
            assertTrue(m.detail().startsWith("wrong key: decrypts to garbage (payload chain invalid"), m.detail());
        }
    }

    @Test
    void aWrongIkev2IntegrityKeyFailsTheIntegrityCheck() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(V2_TABLE)) {
            String[] f = line.split(",");
            if (f.length == 8) {
                char c = f[5].charAt(0);
                f[5] = (c == '0' ? '1' : '0') + f[5].substring(1);   // SK_ai
                line = String.join(",", f);
            }
            lines.add(line);
        }
        Path table = Files.write(dir.resolve("ikev2_decryption_table"), lines);
        Conversation c = Decoder.decode(V2, KeySources.load(table));
        DecodedMessage fromInitiator = c.messages().get(2);
        assertEquals(Status.NOT_DECRYPTED, fromInitiator.status());
        assertTrue(fromInitiator.detail().startsWith("integrity check failed with the SK_ai"), fromInitiator.detail());
        assertEquals(Status.DECRYPTED, c.messages().get(3).status(), "the responder's keys are right");
    }

    @Test
    void aCorruptPacketIsOneLineAndTheRestIsDecoded() throws IOException {
        List<IkeDatagram> ds = datagrams(V1);
        List<byte[]> replaced = new ArrayList<>(Arrays.asList(new byte[ds.size()][]));
        byte[] quick2 = ds.get(7).bytes().toByteArray();
        replaced.set(7, Arrays.copyOf(quick2, quick2.length - 5));   // cut short: the length field no longer fits
        replaced.set(1, new byte[] {1, 2, 3});   // three bytes on port 500
        Conversation c = Decoder.decode(write("corrupt.pcap", ds, replaced), KeySources.load(V1_LOG));
        assertEquals(8, c.messages().size());
        assertTrue(c.frameNotes().getFirst().text().contains("shorter than the 28-byte IKE header"));
        DecodedMessage bad = c.messages().stream().filter(m -> m.frame() == 8).findFirst().orElseThrow();
        assertEquals(Status.MALFORMED, bad.status());
        assertTrue(bad.detail().startsWith("corrupt message:"), bad.detail());
        assertEquals(3, c.count(Status.DECRYPTED), "Main Mode 5, 6 and Quick Mode 1");
        DecodedMessage after = c.messages().getLast();
        assertEquals(Status.NOT_DECRYPTED, after.status(), "Quick Mode 3's IV is the lost last block of message 2");
        assertTrue(after.detail().contains("the message before it is missing or damaged"), after.detail());
    }

    @Test
    void withoutPhase1TheIvIsUnknown() throws IOException {
        List<IkeDatagram> ds = datagrams(V1);
        Conversation c = Decoder.decode(write("qm.pcap", ds.subList(6, 9), null), KeySources.load(V1_LOG));
        assertEquals(3, c.count(Status.NOT_DECRYPTED));
        c.messages().forEach(m -> assertTrue(m.detail().startsWith("Phase 1 exchange not in the capture"),
                m.detail()));
    }

    @Test
    void withoutAKeyTheCookieIsNamed() throws IOException {
        Conversation c = Decoder.decode(V1, KeySources.none());
        assertEquals(5, c.count(Status.NOT_DECRYPTED));
        String cookie = c.sas().getFirst().initiatorSpi();
        c.messages().stream().filter(m -> m.status() == Status.NOT_DECRYPTED)
                .forEach(m -> assertEquals("no key for initiator cookie " + cookie, m.detail()));
    }

    @Test
    void retransmissionsAndRepliesCapturedOutOfOrderDecrypt() throws IOException {
        List<IkeDatagram> ds = datagrams(V1);
        // MM5 MM6 MM5 (retransmitted) QM2 QM1 (QM2 captured first) QM3
        List<IkeDatagram> order = new ArrayList<>(ds.subList(0, 6));
        order.add(ds.get(4));
        order.add(ds.get(7));
        order.add(ds.get(6));
        order.add(ds.get(8));
        Conversation c = Decoder.decode(write("reordered.pcap", order, null), KeySources.load(V1_LOG));
        assertEquals(6, c.count(Status.DECRYPTED), statuses(c).toString());
        assertTrue(c.messages().get(6).detail().contains("retransmission"), c.messages().get(6).detail());
        assertTrue(c.messages().get(7).detail().contains("out of order"), c.messages().get(7).detail());
        // the same plaintext as in the capture's own order
        Conversation straight = Decoder.decode(V1, KeySources.load(V1_LOG));
        assertEquals(payloadTree(straight.messages().get(7)), payloadTree(c.messages().get(7)));
        assertEquals(payloadTree(straight.messages().get(4)), payloadTree(c.messages().get(6)));
    }

    static String payloadTree(DecodedMessage m) {
        Content.V1 v1 = assertInstanceOf(Content.V1.class, m.content());
        return v1.decrypted().orElseThrow().tree().render();
    }

    /** Only SKEYID_e known: the key is derived (RFC 2409 Appendix B) and decrypts like charon's Ka. */
    @Test
    void theKeyIsDerivedFromSkeyidE() throws IOException {
        CharonLog.Ikev1Sa sa = CharonLog.extract(Files.readAllLines(V1_LOG)).ikev1().getFirst();
        assertTrue(sa.skeyidE().isPresent());
        assertTrue(sa.skeyidE().get().length() < 24, "3DES with MD5: SKEYID_e too short, Appendix B expands it");
        KeySources derived = new KeySources(List.of(new KeySources.Ikev1Key(sa.initiatorCookie(), Optional.empty(),
                sa.skeyidE(), "test")), List.of(), List.of(), List.of());
        Conversation a = Decoder.decode(V1, derived);
        Conversation b = Decoder.decode(V1, KeySources.load(V1_LOG));
        assertEquals(5, a.count(Status.DECRYPTED));
        assertEquals(DecoderTsharkTest.trees(b), DecoderTsharkTest.trees(a));
    }

    /** SKF (RFC 7383): a real IKE_AUTH request re-protected as three fragments reassembles to the same payloads. */
    @Test
    void fragmentsAreVerifiedAndReassembled() throws Exception {
        KeySources keys = KeySources.load(V2_TABLE);
        Conversation original = Decoder.decode(V2, keys);
        DecodedMessage auth = original.messages().get(2);
        Content.V2 content = assertInstanceOf(Content.V2.class, auth.content());
        KeySources.Ikev2Key key = keys.ikev2().stream()
                .filter(k -> k.spiI().equals(Bytes.fromHex(original.sas().getFirst().initiatorSpi()))).findFirst()
                .orElseThrow();
        SkProtector p = new SkProtector(Crypto.defaults(), key.suite().orElseThrow(), key.initiator(),
                new SecureRandom());
        List<byte[]> fragments = p.protectFragmented(content.message().header(), content.inner().orElseThrow(), 64);
        assertTrue(fragments.size() >= 3, "fragments of up to 64 octets: " + fragments.size());
        int n = fragments.size();
        List<IkeDatagram> ds = datagrams(V2);
        List<IkeDatagram> order = new ArrayList<>(ds.subList(0, 2));
        List<byte[]> replaced = new ArrayList<>(Arrays.asList(null, null));
        for (byte[] f : fragments) {
            order.add(ds.get(2));
            replaced.add(f);
        }
        Conversation c = Decoder.decode(write("fragments.pcap", order, replaced), keys);
        List<Status> expected = new ArrayList<>(List.of(Status.PLAIN, Status.PLAIN));
        for (int i = 1; i < n; i++) {
            expected.add(Status.FRAGMENT);
        }
        expected.add(Status.DECRYPTED);
        assertEquals(expected, statuses(c));
        Content.V2 reassembled = assertInstanceOf(Content.V2.class, c.messages().getLast().content());
        assertEquals(Ikev2Decoder.encodePayloads(content.inner().orElseThrow()).length,
                Ikev2Decoder.encodePayloads(reassembled.inner().orElseThrow()).length);
        assertEquals(new Ikev2Message(content.message().header(), content.inner().get()).toTree().render(),
                new Ikev2Message(content.message().header(), reassembled.inner().get()).toTree().render());
        assertTrue(c.messages().getLast().detail().contains("reassembled from " + n + " fragments"));
    }
}

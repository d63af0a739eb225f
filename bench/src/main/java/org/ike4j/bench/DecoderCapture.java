package org.ike4j.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.ike4j.analysis.capture.PcapWriter;
import org.ike4j.analysis.decode.Content;
import org.ike4j.analysis.decode.Conversation;
import org.ike4j.analysis.decode.DecodedMessage;
import org.ike4j.analysis.decode.Decoder;
import org.ike4j.analysis.decode.KeySources;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.analysis.keys.WiresharkNames;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.engine.v2.protection.SkProtector;
import org.ike4j.engine.v2.protection.SkSuite;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.IsakmpHeader;
import org.ike4j.wire.v1.PlainMessage;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Ikev2Message;

/**
 * Makes the decoder benchmark's capture: copies of two real charon 5.9.8 exchanges, an IKEv1 Main
 * and Quick Mode (3DES/MD5, 9 messages) and an IKEv2 IKE_SA_INIT, IKE_AUTH and Delete
 * (AES-CBC-128/HMAC-SHA2-256-128, 6 messages), each copy with its own cookies or SPIs: IKEv1
 * ciphertext is kept (its IV does not depend on the cookies), IKEv2 messages are protected anew
 * under the new SPIs with the logged keys. Writes the pcap and Wireshark's two key tables, one row
 * per SA, with the same keys.
 *
 * <pre>
 * java -cp benchmarks.jar org.ike4j.bench.DecoderCapture OUT_DIR MESSAGES V1_CAPTURE V1_LOG V2_CAPTURE V2_LOG
 * </pre>
 */
public final class DecoderCapture {

    private DecoderCapture() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args[0]));
        int wanted = Integer.parseInt(args[1]);
        Conversation v1 = Decoder.decode(Path.of(args[2]), KeySources.load(Path.of(args[3])));
        KeySources v2Keys = KeySources.load(Path.of(args[5]));
        Conversation v2 = Decoder.decode(Path.of(args[4]), v2Keys);
        KeySources.Ikev1Key v1Key = KeySources.load(Path.of(args[3])).ikev1().getFirst();
        KeySources.Ikev2Key v2Key = v2Keys.ikev2().getFirst();
        requireAllDecrypted(v1);
        requireAllDecrypted(v2);
        SkSuite suite = v2Key.suite().orElseThrow();
        SkSuite.Classic classic = (SkSuite.Classic) suite;
        SkProtector fromI = new SkProtector(Crypto.defaults(), suite, v2Key.initiator(), new SecureRandom());
        SkProtector fromR = new SkProtector(Crypto.defaults(), suite, v2Key.responder(), new SecureRandom());
        List<KeyTableEntry> v1Rows = new ArrayList<>();
        List<KeyTableEntry> v2Rows = new ArrayList<>();
        int written = 0;
        Instant t = Instant.parse("2026-11-29T12:00:00Z");
        try (PcapWriter w = PcapWriter.create(out.resolve("decoder-bench.pcap"), PcapWriter.Link.ETHERNET)) {
            for (long copy = 1; written < wanted; copy++) {
                Bytes icky = Bytes.wrap(ByteBuffer.allocate(8).putLong(0x1100000000000000L | copy).array());
                Bytes rcky = Bytes.wrap(ByteBuffer.allocate(8).putLong(0x2200000000000000L | copy).array());
                v1Rows.add(new KeyTableEntry.Ikev1(icky, v1Key.encryptionKey().orElseThrow()));
                for (DecodedMessage m : v1.messages()) {
                    if (written >= wanted) {
                        break;
                    }
                    Content.V1 c = (Content.V1) m.content();
                    byte[] bytes = switch (c.message()) {
                        case PlainMessage p -> IsakmpCodec.encode(new PlainMessage(rekey(p.header(), icky, rcky),
                                p.payloads()));
                        case org.ike4j.wire.v1.EncryptedMessage e -> IsakmpCodec.encode(
                                new org.ike4j.wire.v1.EncryptedMessage(rekey(e.header(), icky, rcky), e.firstPayload(),
                                        e.body()));
                    };
                    w.ike(t, socket(m.source()), socket(m.destination()), bytes);
                    t = t.plusMillis(1);
                    written++;
                }
                long spiI = 0x3300000000000000L | copy;
                long spiR = 0x4400000000000000L | copy;
                v2Rows.add(new KeyTableEntry.Ikev2(spi(spiI), spi(spiR), v2Key.initiator().encryption(),
                        v2Key.responder().encryption(), WiresharkNames.ikev2Encryption(classic.cipher()).orElseThrow(),
                        v2Key.initiator().integrity(), v2Key.responder().integrity(),
                        WiresharkNames.ikev2Integrity(classic.integrity()).orElseThrow()));
                for (DecodedMessage m : v2.messages()) {
                    if (written >= wanted) {
                        break;
                    }
                    Content.V2 c = (Content.V2) m.content();
                    Ikev2Header h = c.message().header();
                    Ikev2Header nh = new Ikev2Header(spiI, h.responderSpi() == 0 ? 0 : spiR, h.majorVersion(),
                            h.minorVersion(), h.exchangeType(), h.flags(), h.messageId());
                    byte[] bytes = c.inner().isEmpty() ? new Ikev2Message(nh, c.message().payloads()).encode()
                            : (h.isInitiator() ? fromI : fromR).protect(nh, c.inner().get());
                    w.ike(t, socket(m.source()), socket(m.destination()), bytes);
                    t = t.plusMillis(1);
                    written++;
                }
            }
        }
        WiresharkKeyTables.write(out.resolve("ikev1_decryption_table"), v1Rows);
        WiresharkKeyTables.write(out.resolve("ikev2_decryption_table"), v2Rows);
        System.out.println("decoder-bench.pcap: " + written + " IKE messages, " + v1Rows.size() + " IKEv1 and "
                + v2Rows.size() + " IKEv2 SAs (" + CipherAlgorithm.DES3_CBC + "/MD5 and " + suite + "), keys in "
                + out);
    }

    private static void requireAllDecrypted(Conversation c) {
        for (DecodedMessage m : c.messages()) {
            if (m.status() != DecodedMessage.Status.PLAIN && m.status() != DecodedMessage.Status.DECRYPTED) {
                throw new IllegalStateException("template frame " + m.frame() + ": " + m.status() + " " + m.detail());
            }
        }
    }

    private static IsakmpHeader rekey(IsakmpHeader h, Bytes icky, Bytes rcky) {
        boolean zero = h.responderCookie().equals(Bytes.wrap(new byte[8]));
        return new IsakmpHeader(icky, zero ? h.responderCookie() : rcky, h.majorVersion(), h.minorVersion(),
                h.exchangeType(), h.flags(), h.messageId());
    }

    private static Bytes spi(long v) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(v).array());
    }

    private static InetSocketAddress socket(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

}

package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.ike4j.analysis.capture.CaptureRecord.IkeDatagram;
import org.ike4j.crypto.Crypto;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Nothing a capture holds makes the decoder throw: real exchanges (IKEv1 and IKEv2, with their
 * keys) with one datagram at a time flipped, cut or extended at random, fed in capture order;
 * every message must still come out with a status, and render as text, JSON and HTML.
 */
class DecoderMutationTest {

    @Test
    void mutatedDatagramsGiveAStatusNeverAnException() throws Exception {
        check(DecoderBadInputTest.V1, KeySources.load(DecoderBadInputTest.V1_LOG), 1);
        check(DecoderTsharkTest.OWN.resolve("charon-ikev2-esp-in-udp.pcapng"),
                KeySources.load(DecoderTsharkTest.LOGS.resolve("charon-5.9.8-ikev2-chd4-responder.log")), 2);
    }

    private static void check(Path capture, KeySources keys, long seed) throws Exception {
        List<IkeDatagram> ds = DecoderBadInputTest.datagrams(capture);
        Random random = new Random(seed);
        for (int round = 0; round < 400; round++) {
            int victim = random.nextInt(ds.size());
            Decoder d = new Decoder(Crypto.defaults(), keys, EspDecryption.NOT_YET);
            for (int i = 0; i < ds.size(); i++) {
                IkeDatagram g = ds.get(i);
                byte[] b = g.bytes().toByteArray();
                if (i == victim) {
                    b = mutate(b, random);
                }
                d.accept(new IkeDatagram(g.frame(), g.time(), g.src(), g.dst(), g.srcPort(), g.dstPort(), g.natT(),
                        Bytes.wrap(b)));
            }
            Conversation c = d.result("mutated");
            long notes = c.frameNotes().size();
            assertEquals(ds.size(), c.messages().size() + notes, "round " + round);
            TextReport.toString(c, true);
            JsonReport.toString(c);
            HtmlReport.render(c);
        }
    }

    private static byte[] mutate(byte[] b, Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> {
                byte[] m = b.clone();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    m[random.nextInt(m.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield m;
            }
            case 1 -> Arrays.copyOf(b, random.nextInt(b.length));
            default -> {
                byte[] m = Arrays.copyOf(b, b.length + 1 + random.nextInt(16));
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
                yield m;
            }
        };
    }
}

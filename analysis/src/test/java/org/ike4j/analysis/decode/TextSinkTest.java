package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.ike4j.wire.Bytes;
import org.ike4j.wire.Hex;
import org.ike4j.wire.Tree;
import org.ike4j.wire.v2.NotifyType;
import org.junit.jupiter.api.Test;

/**
 * The text report's byte renderer ({@link TextSink}) writes what the tree would say: every message
 * of real captures (IKEv1 and IKEv2, plain, decrypted, with ESP notes) described into the sink is
 * byte for byte the {@link Tree} the same description builds, rendered by {@link Tree#render()};
 * and each value writer agrees with the JDK's own formatting ({@code Long.toString},
 * {@code Instant.toString}, {@code String.getBytes(UTF_8)}, {@link Hex#spaced}).
 */
class TextSinkTest {

    @Test
    void everyMessageOfRealCapturesRendersAsItsTree() throws Exception {
        List<Conversation> captures = List.of(
                Decoder.decode(DecoderBadInputTest.V1, KeySources.load(DecoderBadInputTest.V1_LOG)),
                Decoder.decode(DecoderBadInputTest.V2, KeySources.load(DecoderBadInputTest.V2_TABLE)),
                Decoder.decode(DecoderTsharkTest.OWN.resolve("charon-ikev2-esp-in-udp.pcapng"),
                        KeySources.load(DecoderTsharkTest.LOGS.resolve("charon-5.9.8-ikev2-chd4-initiator.log"))),
                Decoder.decode(DecoderTsharkTest.OWN.resolve("charon-ikev1-esp-in-udp.pcapng"),
                        KeySources.load(DecoderTsharkTest.LOGS.resolve("charon-5.9.8-ikev1-chd4-initiator.log"))),
                // no keys: the encrypted messages as ciphertext
                Decoder.decode(DecoderBadInputTest.V1, KeySources.none()));
        TextSink sink = new TextSink(16);
        int messages = 0;
        int decrypted = 0;
        for (Conversation c : captures) {
            for (Conversation.IkeSaConversation sa : c.sas()) {
                for (DecodedMessage m : sa.messages()) {
                    m.content().describe(sink.reset(0));
                    assertEquals(m.tree().render(), new String(sink.toByteArray(), StandardCharsets.UTF_8),
                            "frame " + m.frame());
                    messages++;
                    decrypted += m.status() == DecodedMessage.Status.DECRYPTED ? 1 : 0;
                }
            }
        }
        assertTrue(messages > 30 && decrypted > 10, messages + " messages, " + decrypted + " decrypted");
    }

    @Test
    void aBuiltTreeWithOddValuesRendersTheSame() {
        Tree t = Tree.builder("outer \u00e9")
                .field("text", "caf\u00e9 \u4e2d\u6587 \ud83d\ude00 and a lone \ud800 surrogate")
                .field("number", -42L).field("min", Long.MIN_VALUE).field("max", Long.MAX_VALUE)
                .field("object", List.of(1, 2)).field("bool", true)
                .hex("empty", new byte[0]).hex("bytes", new byte[] {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff})
                .hex("wrapped", Bytes.wrap(new byte[] {(byte) 0xab, 0x0c})).hex("wrapped empty", Bytes.EMPTY)
                .code("code", NotifyType.of(16388)).code("unknown code", NotifyType.of(60000))
                .child(Tree.builder("inner").child(Tree.builder("deeper").field("x", "y").build()).build())
                .field("after", "children").build();
        TextSink sink = new TextSink(16);
        sink.tree(t);
        // the bytes are the UTF-8 encoding of the tree's text (a lone surrogate becomes '?', as getBytes does)
        assertEquals(new String(t.render().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                new String(sink.toByteArray(), StandardCharsets.UTF_8));
        assertEquals(t.render().getBytes(StandardCharsets.UTF_8).length, sink.size());
    }

    @Test
    void deepTreesIndentAsTreeRenders() {
        Tree t = Tree.builder("leaf").field("depth", 50).build();
        for (int i = 49; i >= 0; i--) {
            t = Tree.builder("level " + i).field("n", i).child(t).build();
        }
        TextSink sink = new TextSink(16);
        sink.tree(t);
        assertEquals(t.render(), new String(sink.toByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void numbersTimesAndHexAsTheJdkWritesThem() {
        Random r = new Random(4);
        TextSink sink = new TextSink(16);
        for (int i = 0; i < 20_000; i++) {
            long v = switch (i % 4) {
                case 0 -> r.nextLong();
                case 1 -> r.nextInt(1000) - 500;
                case 2 -> (long) r.nextInt() & 0xffffffffL;
                default -> i < 40 ? new long[] {0, 9, 10, -1, -9, -10, 99, 100, Long.MIN_VALUE, Long.MAX_VALUE}[i / 4]
                        : r.nextLong() >> r.nextInt(64);
            };
            assertEquals(Long.toString(v), written(sink.reset(0).number(v)));
        }
        for (int i = 0; i < 20_000; i++) {
            long second = switch (i % 3) {
                case 0 -> 1_700_000_000L + r.nextInt(100_000_000);
                case 1 -> r.nextLong(253_402_300_799L + 62_135_596_800L) - 62_135_596_800L; // years 0..9999
                default -> r.nextLong(Instant.MAX.getEpochSecond() / 2) * (r.nextBoolean() ? 1 : -1);
            };
            int nano = switch (i % 5) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1000;
                default -> r.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(second, nano);
            // the same second twice in a row uses the sink's cached date
            assertEquals(t.toString(), written(sink.reset(0).instant(t)));
            Instant u = Instant.ofEpochSecond(second, r.nextInt(1_000_000_000));
            assertEquals(u.toString(), written(sink.reset(0).instant(u)));
        }
        assertEquals("", written(sink.reset(0).instant(null)));
        for (int n = 1; n < 300; n += 7) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            assertEquals("x: " + Hex.spaced(b) + "\n", written(sink.reset(0).hex("x", b)));
            assertEquals("x: " + Hex.spaced(b) + "\n", written(sink.reset(0).hex("x", Bytes.wrap(b))));
        }
    }

    @Test
    void labelsWithTheSameHashAreNotConfused() {
        // "Aa" and "BB" have the same String.hashCode, so the same slot of the label cache
        String a = new String("Aa");
        String b = new String("BB");
        assertEquals(a.hashCode(), b.hashCode());
        TextSink sink = new TextSink(16);
        sink.reset(0).label(a).label(b).label(a).label(b).label("\u00e9t\u00e9").label("\u00e9t\u00e9");
        assertEquals("AaBBAaBB\u00e9t\u00e9\u00e9t\u00e9", written(sink));
    }

    @Test
    void cachedLinesDependOnNameValueAndDepth() {
        // the same names and values at several depths, names and values of the same String.hashCode,
        // one name in two registries (SA is 1 in IKEv1 and 33 in IKEv2), unknown values made afresh,
        // equal strings that are not the same object: described three times into one sink (the later
        // times from its caches), each time the text the tree renders
        java.util.function.Consumer<org.ike4j.wire.TreeSink> description = s -> {
            s.open("outer");
            for (int depth = 0; depth < 3; depth++) {
                s.open("Aa").field("Aa", "BB").field("BB", "Aa").field("critical", "no")
                        .field("critical", new String("no")).field("critical", "yes")
                        .code("next payload", org.ike4j.wire.v1.PayloadType.SA)
                        .code("next payload", org.ike4j.wire.v2.PayloadType.SA)
                        .code("next payload", NotifyType.of(60000)).code("next payload", NotifyType.of(60001))
                        .code("notify message type", NotifyType.of(16388))
                        .fixedHex("SPI", 0x0123456789abcdefL, 16).fixedHex("message ID", -2, 8)
                        .field("length", 40).field("length", 4_000_000_000L).field("length", -7);
                s.open("BB").field("\u00e9t\u00e9", "caf\u00e9");
            }
            for (int depth = 0; depth < 6; depth++) {
                s.close();
            }
            s.close();
        };
        Tree t = Tree.of(description);
        TextSink sink = new TextSink(16);
        for (int round = 0; round < 3; round++) {
            description.accept(sink.reset(0));
            assertEquals(t.render(), written(sink), "round " + round);
        }
    }

    @Test
    void aBufferGrowsAsNeeded() {
        TextSink sink = new TextSink(1);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sink.field("field " + i, i);
            expected.append("field ").append(i).append(": ").append(i).append('\n');
        }
        assertEquals(expected.toString(), written(sink));
    }

    private static String written(TextSink sink) {
        return new String(sink.toByteArray(), StandardCharsets.UTF_8);
    }
}

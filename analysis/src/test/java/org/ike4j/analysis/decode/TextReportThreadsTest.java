package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.ike4j.analysis.decode.Conversation.IkeSaConversation;
import org.junit.jupiter.api.Test;

/**
 * The text report rendered on several threads (in batches of IKE SAs, written in order) is byte
 * for byte the report written through a {@link java.io.Writer} on one thread: for a capture of a
 * few SAs and for many (the SAs of real charon captures, IKEv1 and IKEv2 with ESP notes,
 * repeated so that there are more batches than threads and the window of pending batches turns over).
 */
class TextReportThreadsTest {

    @Test
    void everyNumberOfThreadsWritesTheOneThreadText() throws Exception {
        Conversation v1 = Decoder.decode(DecoderBadInputTest.V1, KeySources.load(DecoderBadInputTest.V1_LOG));
        Conversation v2 = Decoder.decode(DecoderTsharkTest.OWN.resolve("charon-ikev2-esp-in-udp.pcapng"),
                KeySources.load(DecoderTsharkTest.LOGS.resolve("charon-5.9.8-ikev2-chd4-initiator.log")));
        List<IkeSaConversation> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.addAll(i % 3 == 0 ? v2.sas() : v1.sas());
        }
        Conversation big = new Conversation("many", 1000, many, v2.frameNotes(), v1.keyNotes(), 3);
        assertTrue(v2.frameNotes().size() > 0, "the ESP notes are part of the text too");
        for (Conversation c : List.of(v1, v2, big)) {
            for (boolean trees : new boolean[] {true, false}) {
                String expected = TextReport.toString(c, trees);
                for (int threads : new int[] {1, 2, 3, 8}) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    TextReport.write(c, out, trees, threads);
                    assertEquals(expected, out.toString(StandardCharsets.UTF_8), threads + " threads");
                }
            }
        }
    }
}

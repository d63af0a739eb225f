package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.ike4j.analysis.decode.DecodedMessage.Status;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;

/**
 * IKEv2 keys are matched by both SPIs (initiator and responder), as Wireshark matches the rows of
 * its ikev2_decryption_table: a row with the right initiator SPI and another responder SPI (a
 * second IKE SA that happens to share it, or a stale row) does not open the SA, and says so.
 */
class Ikev2KeyBothSpisTest {

    @Test
    void aRowForTheInitiatorSpiWithAnotherResponderSpiIsNotUsed() throws Exception {
        KeySources table = KeySources.load(DecoderBadInputTest.V2_TABLE);
        Conversation right = Decoder.decode(DecoderBadInputTest.V2, table);
        long encrypted = right.messages().stream().filter(m -> m.status() != Status.PLAIN).count();
        assertTrue(encrypted > 0, TextReport.toString(right, false));
        assertEquals(encrypted, right.count(Status.DECRYPTED), TextReport.toString(right, false));

        // the same keys, each row's responder SPI changed in its last byte
        List<KeySources.Ikev2Key> moved = new ArrayList<>();
        for (KeySources.Ikev2Key k : table.ikev2()) {
            byte[] spiR = k.spiR().toByteArray();
            spiR[7] ^= 1;
            moved.add(new KeySources.Ikev2Key(k.spiI(), Bytes.wrap(spiR), k.suite(), k.initiator(), k.responder(),
                    k.origin()));
        }
        KeySources wrong = new KeySources(List.of(), moved, List.of(), List.of());
        Conversation c = Decoder.decode(DecoderBadInputTest.V2, wrong);
        String text = TextReport.toString(c, false);
        assertEquals(0, c.count(Status.DECRYPTED), text);
        assertEquals(encrypted, c.count(Status.NOT_DECRYPTED), text);
        for (DecodedMessage m : c.messages()) {
            if (m.status() == Status.NOT_DECRYPTED) {
                assertTrue(m.detail().contains("responder SPI " + moved.get(0).spiR().hex())
                        || moved.stream().anyMatch(k -> m.detail().contains(k.spiR().hex())), m.detail());
                assertTrue(m.detail().contains("both SPIs"), m.detail());
            }
        }

        // and both rows together: the right one is found whatever the order
        List<KeySources.Ikev2Key> both = new ArrayList<>(moved);
        both.addAll(table.ikev2());
        Conversation again = Decoder.decode(DecoderBadInputTest.V2, new KeySources(List.of(), both, List.of(),
                List.of()));
        assertEquals(encrypted, again.count(Status.DECRYPTED), TextReport.toString(again, false));
    }
}

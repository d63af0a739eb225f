package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The decoded messages' bytes held in shared chunks come back as they went in, whatever was held
 * after them, across new chunks and for a message larger than a chunk.
 */
class HeldBytesTest {

    @Test
    void everyMessageGetsItsOwnBytesBackAcrossChunks() {
        HeldBytes held = new HeldBytes();
        Random random = new Random(7);
        List<byte[][]> in = new ArrayList<>();
        List<Content.V1> out = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            // up to 1.5 MB: past the largest chunk, so such a message has an array of its own
            int size = i == 2500 ? 1_500_000 : 28 + random.nextInt(600);
            byte[] datagram = bytes(random, size);
            byte[] plaintext = i % 3 == 0 ? null : bytes(random, 8 * random.nextInt(40));
            byte[] iv = plaintext == null ? null : bytes(random, i % 2 == 0 ? 8 : 16);
            in.add(new byte[][] {datagram, plaintext, iv});
            out.add(new Content.V1(held, datagram.clone(), plaintext == null ? null : plaintext.clone(),
                    iv == null ? null : iv.clone()));
        }
        for (int i = 0; i < in.size(); i++) {
            byte[][] b = in.get(i);
            Content.V1 c = out.get(i);
            assertArrayEquals(b[0], c.datagram(), "message " + i);
            assertArrayEquals(b[2], c.iv(), "message " + i);
            assertEquals(b[2] != null, c.holdsIv(), "message " + i);
        }
    }

    @Test
    void aDatagramIsCopiedInAndOut() {
        HeldBytes held = new HeldBytes();
        byte[] datagram = new byte[40];
        Content.V1 c = new Content.V1(held, datagram, null, null);
        datagram[0] = 1;
        assertEquals(0, c.datagram()[0], "changing the array handed in changes nothing held");
        c.datagram()[1] = 1;
        assertEquals(0, c.datagram()[1], "nor does changing one handed out");
        assertNotSame(c.datagram(), c.datagram());
        assertNull(c.iv());
        assertFalse(c.holdsIv());
    }

    @Test
    void aDecodedMessageKeepsItsTimeAndNeedsAnIvForAnIvDetail() {
        HeldBytes held = new HeldBytes();
        Instant t = Instant.parse("2026-11-30T00:40:12.123456789Z");
        Content.V1 plain = new Content.V1(held, new byte[28], null, null);
        DecodedMessage m = new DecodedMessage(3, t, "a:500", "b:500", false, 1,
                DecodedMessage.Direction.INITIATOR_TO_RESPONDER, "ID_PROT (Main Mode)", 0, "none", DecodedMessage.Status.PLAIN,
                "", List.of("SA"), plain);
        assertEquals(t, m.time());
        assertSame(plain, m.content());
        assertNull(new DecodedMessage(3, null, "a:500", "b:500", false, 1,
                DecodedMessage.Direction.INITIATOR_TO_RESPONDER, "x", 0, "none", DecodedMessage.Status.PLAIN, "",
                List.of(), plain).time());
        assertThrows(IllegalArgumentException.class, () -> new DecodedMessage(3, 0, 0, "a:500", "b:500", false, 1,
                DecodedMessage.Direction.INITIATOR_TO_RESPONDER, "x", 0, "none", DecodedMessage.Status.DECRYPTED, "",
                true, List.of(), plain));
        Content.V1 decrypted = new Content.V1(held, new byte[36], new byte[8], new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) 0xef});
        DecodedMessage d = new DecodedMessage(4, 1, 5, "a:500", "b:500", false, 1,
                DecodedMessage.Direction.RESPONDER_TO_INITIATOR, "QUICK (Quick Mode)", 1, "Encryption",
                DecodedMessage.Status.DECRYPTED, "retransmission", true, List.of("HASH"), decrypted);
        assertEquals("IV 01020304050607ef; retransmission", d.detail());
        assertEquals(Instant.ofEpochSecond(1, 5), d.time());
        assertTrue(d.toString().contains("QUICK"), d.toString());
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}

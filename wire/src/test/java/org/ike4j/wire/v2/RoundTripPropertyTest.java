package org.ike4j.wire.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ike4j.wire.DecodeException;
import org.junit.jupiter.api.Test;

/**
 * Property: for random valid messages, {@code decode(encode(m)).equals(m)} and re-encoding the
 * decoded message gives the same octets. The seed of each case is printed on failure; rerun one
 * with {@code -Dv2.seed=N}.
 */
class RoundTripPropertyTest {
    private static final int CASES = 3000;

    @Test
    void messagesRoundTrip() {
        long base = Long.getLong("v2.seed", 0x1CE4_2007L);
        int cases = System.getProperty("v2.seed") != null ? 1 : CASES;
        for (int i = 0; i < cases; i++) {
            long seed = base + i;
            Ikev2Message m = new RandomMessages(seed).message();
            byte[] wire = null;
            try {
                wire = m.encode();
                Ikev2Message back = Ikev2Decoder.decode(wire);
                assertEquals(m, back);
                assertArrayEquals(wire, back.encode());
                back.toTree().render();
            } catch (DecodeException | RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + " (rerun with -Dv2.seed=" + seed + "): " + e
                        + "\n" + m + "\n" + (wire == null ? "" : org.ike4j.wire.Hex.of(wire)), e);
            }
        }
    }

    /**
     * Random octet flips, truncations and length-field damage on valid messages: each result either
     * decodes and re-encodes to the same octets, or fails with a DecodeException inside the input.
     */
    @Test
    void damagedMessagesFailOnlyWithDecodeException() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(0xDA4A6EL);
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            long seed = rnd.nextLong();
            byte[] b = new RandomMessages(seed).message().encode();
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            int flips = 1 + r.nextInt(3);
            for (int k = 0; k < flips; k++) {
                int at = b.length > 28 && r.nextInt(8) != 0 ? 28 + r.nextInt(b.length - 28) : r.nextInt(b.length);
                b[at] = (byte) r.nextInt(256);
            }
            if (r.nextInt(4) == 0) {
                b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            }
            try {
                Ikev2Message m = Ikev2Decoder.decode(b, r.nextBoolean() ? Ikev2Decoder.Mode.STRICT : Ikev2Decoder.Mode.LENIENT);
                assertArrayEquals(b, m.encode(), "seed " + seed);
                decoded++;
            } catch (DecodeException e) {
                if (e.offset() < 0 || e.offset() > b.length) {
                    throw new AssertionError("seed " + seed + ": offset outside the input: " + e);
                }
                rejected++;
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": unchecked " + e, e);
            }
        }
        // Both outcomes must occur, or the damage is not reaching the decoder's checks.
        org.junit.jupiter.api.Assertions.assertTrue(decoded > 100 && rejected > 100, decoded + " / " + rejected);
    }

    @Test
    void innerChainsRoundTrip() {
        for (int i = 0; i < CASES; i++) {
            long seed = 0x5EED_0000L + i;
            RandomMessages gen = new RandomMessages(seed);
            List<Payload> inner = gen.payloads(new java.util.SplittableRandom(seed).nextInt(8));
            try {
                byte[] plain = Ikev2Decoder.encodePayloads(inner);
                List<Payload> back = Ikev2Decoder.decodePayloads(plain, Ikev2Decoder.firstType(inner),
                        Ikev2Decoder.Mode.STRICT);
                assertEquals(inner, back);
                assertArrayEquals(plain, Ikev2Decoder.encodePayloads(back));
            } catch (DecodeException | RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e + "\n" + inner, e);
            }
        }
    }
}

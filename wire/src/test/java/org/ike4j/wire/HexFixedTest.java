package org.ike4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Hex#fixed} prints what {@code String.format("%0Nx")} prints, for every kind of value. */
class HexFixedTest {

    @Test
    void sameTextAsTheFormatter() {
        long[] edges = {0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, -1,
            Integer.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE};
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 10_000 + edges.length; i++) {
            long v = i < edges.length ? edges[i] : random.nextLong();
            assertEquals(String.format("%016x", v), Hex.fixed(v, 16));
            assertEquals(String.format("%08x", v), Hex.fixed(v, 8), Long.toString(v));
            int asInt = (int) v;
            assertEquals(String.format("%08x", asInt), Hex.fixed(asInt, 8), Integer.toString(asInt));
            long unsigned32 = v & 0xFFFF_FFFFL;
            assertEquals(String.format("%08x", unsigned32), Hex.fixed(unsigned32, 8));
            int octet = (int) (v & 0xFF);
            assertEquals(String.format("%02x", octet), Hex.fixed(octet, 2));
            assertEquals(String.format("%02x", v), Hex.fixed(v, 2), Long.toString(v));
            assertEquals(String.format("%02x", asInt), Hex.fixed(asInt, 2), Integer.toString(asInt));
            assertEquals(String.format("%016x", asInt), Hex.fixed(asInt, 16), Integer.toString(asInt));
        }
        assertThrows(IllegalArgumentException.class, () -> Hex.fixed(1, 4));
    }
}

package org.ike4j.dataplane.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RFC 4303 section 3.4.3 and Appendix A: the window, and ESN high-order bits (A2.2). */
class ReplayWindowTest {

    private static boolean offer(ReplayWindow w, long seq) {
        long full = w.infer((int) seq);
        if (w.isReplay(full)) {
            return false;
        }
        w.accept(full);
        return true;
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 64, 100, 1024, 4096})
    void acceptsEachNumberOnceInsideTheWindowAndNothingBelowIt(int size) {
        ReplayWindow w = new ReplayWindow(size, false);
        assertFalse(offer(w, 0), "sequence number 0 is never sent");
        assertTrue(offer(w, 1));
        assertFalse(offer(w, 1));
        assertTrue(offer(w, 10_000));
        assertTrue(offer(w, 10_000 - size + 1), "the window's lowest number");
        assertFalse(offer(w, 10_000 - size), "just below the window");
        assertFalse(offer(w, 10_000 - size + 1), "twice");
        assertTrue(offer(w, 9_999));
        assertFalse(offer(w, 10_000));
    }

    /** Against a model (a set of seen numbers): random arrival order, duplicates, jumps. */
    @Test
    void agreesWithAModelUnderReordering() {
        Random r = new Random(3);
        for (int size : new int[] {64, 200, 2048}) {
            ReplayWindow w = new ReplayWindow(size, false);
            Set<Long> seen = new HashSet<>();
            long top = 0;
            for (int i = 0; i < 50_000; i++) {
                long seq = Math.max(1, top + r.nextInt(size * 2) - size * 3 / 2 + (r.nextInt(50) == 0 ? size * 3 : 0));
                boolean expected = !seen.contains(seq) && (seq > top || top - seq < size);
                assertEquals(expected, offer(w, seq), "seq " + seq + " top " + top + " size " + size);
                if (expected) {
                    seen.add(seq);
                    top = Math.max(top, seq);
                }
            }
        }
    }

    @Test
    void esnInfersTheHighOrderBitsAcrossAWrap() {
        ReplayWindow w = new ReplayWindow(64, true);
        long base = 0x00000002_FFFFFFF0L;
        w.accept(base);
        // after the wrap: the next subspace
        assertEquals(0x00000003_00000005L, w.infer(5));
        // inside the window below the top: the same subspace
        assertEquals(0x00000002_FFFFFFE0L, w.infer(0xFFFFFFE0));
        w.accept(0x00000003_00000005L);
        // the window straddles the wrap: numbers at the top of the 32-bit space are the old subspace
        assertEquals(0x00000002_FFFFFFF8L, w.infer(0xFFFFFFF8));
        assertFalse(w.isReplay(0x00000002_FFFFFFF8L));
        assertTrue(w.isReplay(0x00000002_FFFFFFF0L), "seen before the wrap");
        assertEquals(0x00000003_00000010L, w.infer(0x10));
    }

    @Test
    void esnRunsThroughSeveralSubspaces() {
        ReplayWindow w = new ReplayWindow(64, true);
        long seq = 0xFFFFFF00L;
        w.accept(seq - 1);
        for (int i = 0; i < 3000; i++) {
            assertTrue(offer(w, seq), Long.toHexString(seq));
            assertEquals(seq, w.top());
            seq += 1;
        }
        assertEquals(1, w.top() >>> 32);
    }

    @Test
    void sizeIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(-1, false));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(ReplayWindow.MAX_SIZE + 1, false));
        ReplayWindow off = new ReplayWindow(0, false);
        assertTrue(offer(off, 5));
        assertTrue(offer(off, 5), "no window: no replay check");
    }
}

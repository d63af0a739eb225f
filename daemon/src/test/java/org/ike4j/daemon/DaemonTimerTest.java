package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ike4j.engine.Action;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.TimerKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timers through the running daemon: order, cancel, re-schedule replacing. */
class DaemonTimerTest {
    @TempDir
    Path dir;

    @Test
    void timersFireInOrderCancelAndRescheduleWork() throws Exception {
        TimerKey a = new TimerKey("rekey", "a");
        TimerKey b = new TimerKey("retransmit", "b");
        TimerKey c = new TimerKey("dpd", "c");
        TimerKey d = new TimerKey("expire", "d");
        long[] base = new long[1];
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.start(in -> {
                if (in instanceof Input.Command(Operator.Up u)) {
                    long now = f.clock.nowMillis();
                    base[0] = now;
                    return List.of(
                            new Action.Schedule(a, now + 60),
                            new Action.Schedule(b, now + 20),
                            new Action.Schedule(c, now + 40),
                            new Action.Cancel(c),
                            new Action.Schedule(d, now + 5),
                            new Action.Schedule(d, now + 80)); // replaces the 5 ms deadline
                }
                return List.of();
            });
            f.daemon.execute(() -> f.daemon.input(new Input.Command(new Operator.Up("srx-13"))));
            DaemonFixture.await("three timers", () -> f.engine.inputsOf(Input.TimerFired.class).size() >= 3);
            long firedBy = f.clock.nowMillis();
            Thread.sleep(30); // anything stray (the cancelled or replaced deadline) would show up by now
            List<TimerKey> fired = new ArrayList<>();
            f.engine.inputsOf(Input.TimerFired.class).forEach(t -> fired.add(t.key()));
            assertEquals(List.of(b, a, d), fired);
            assertTrue(firedBy - base[0] >= 80, "d fired before its replaced deadline");
        }
    }

    @Test
    void timerQueueUnit() {
        TimerQueue q = new TimerQueue();
        TimerKey x = new TimerKey("x", "1");
        TimerKey y = new TimerKey("y", "1");
        TimerKey z = new TimerKey("z", "1");
        assertEquals(Long.MAX_VALUE, q.nextDeadline());
        q.schedule(x, 100);
        q.schedule(y, 100);
        q.schedule(z, 50);
        q.schedule(z, 150);
        assertEquals(100, q.nextDeadline());
        assertEquals(List.of(), q.due(99));
        assertEquals(List.of(x, y), q.due(100)); // same deadline: scheduling order
        assertTrue(q.isArmed(z));
        q.cancel(z);
        q.cancel(z);
        assertEquals(Long.MAX_VALUE, q.nextDeadline());
        assertEquals(List.of(), q.due(1000));
        for (int i = 0; i < 1000; i++) {
            q.schedule(x, i);
        }
        assertEquals(1, q.size());
        assertEquals(List.of(x), q.due(999));
    }
}

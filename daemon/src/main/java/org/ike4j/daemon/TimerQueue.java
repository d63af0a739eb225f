package org.ike4j.daemon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.ike4j.engine.TimerKey;

/**
 * The engine's timers: one deadline per {@link TimerKey}; scheduling a key again replaces its
 * deadline, cancelling removes it. Timers due at the same time fire in the order they were
 * (last) scheduled. Not thread-safe: the event loop owns it.
 */
public final class TimerQueue {
    private record Entry(TimerKey key, long atMillis, long seq) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.atMillis != b.atMillis
            ? Long.compare(a.atMillis, b.atMillis) : Long.compare(a.seq, b.seq));
    /** The live entry of each key; queue entries not in here are stale and skipped. */
    private final Map<TimerKey, Entry> live = new HashMap<>();
    private long seq;

    /** Arms (or re-arms) the timer {@code key} to fire at {@code atMillis}. */
    public void schedule(TimerKey key, long atMillis) {
        Entry e = new Entry(key, atMillis, seq++);
        live.put(key, e);
        queue.add(e);
        if (queue.size() > 64 && queue.size() > 4 * live.size()) {
            queue.removeIf(x -> live.get(x.key) != x); // compact after many replacements
        }
    }

    /** Disarms the timer; no effect if it is not armed. */
    public void cancel(TimerKey key) {
        live.remove(key);
    }

    public boolean isArmed(TimerKey key) {
        return live.containsKey(key);
    }

    public int size() {
        return live.size();
    }

    /** The earliest deadline, or {@code Long.MAX_VALUE} if none is armed. */
    public long nextDeadline() {
        skipStale();
        Entry e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.atMillis;
    }

    /** Removes and returns the keys due at {@code nowMillis}, earliest first. */
    public List<TimerKey> due(long nowMillis) {
        List<TimerKey> out = new ArrayList<>();
        while (true) {
            skipStale();
            Entry e = queue.peek();
            if (e == null || e.atMillis > nowMillis) {
                return out;
            }
            queue.poll();
            live.remove(e.key);
            out.add(e.key);
        }
    }

    private void skipStale() {
        while (!queue.isEmpty() && live.get(queue.peek().key) != queue.peek()) {
            queue.poll();
        }
    }
}

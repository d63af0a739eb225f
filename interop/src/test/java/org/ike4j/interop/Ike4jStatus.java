package org.ike4j.interop;

import java.util.List;
import java.util.Map;

/**
 * ike4j's {@code status --json} data (the engine's snapshot as {@code SnapshotJson} writes it:
 * record component names as keys, SPIs as eight hex digits), read into what the tests compare.
 */
record Ike4jStatus(long atMillis, List<Map<String, Object>> ikeSas, List<Map<String, Object>> childSas) {

    @SuppressWarnings("unchecked")
    static Ike4jStatus of(Object data) {
        Map<String, Object> m = (Map<String, Object>) data;
        return new Ike4jStatus(num(m.get("atMillis")), (List<Map<String, Object>>) m.get("ikeSas"),
                (List<Map<String, Object>>) m.get("childSas"));
    }

    static long num(Object o) {
        return o instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(o));
    }

    static String str(Map<String, Object> m, String key) {
        Object o = m.get(key);
        return o == null ? "" : String.valueOf(o);
    }

    /** The established ISAKMP SAs of a connection. */
    List<Map<String, Object>> established(String connection) {
        return ikeSas.stream().filter(sa -> connection.equals(sa.get("connection"))
                && Boolean.TRUE.equals(sa.get("established"))).toList();
    }

    /** The IPsec SAs of a connection (the engine lists them once installed). */
    List<Map<String, Object>> installed(String connection) {
        return childSas.stream().filter(c -> connection.equals(c.get("connection"))).toList();
    }

    boolean hasInstalled(String connection) {
        return !installed(connection).isEmpty();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

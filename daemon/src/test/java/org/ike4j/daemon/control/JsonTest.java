package org.ike4j.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void roundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "up");
        m.put("args", List.of("srx-13", "x\"y\\z\n\t\u0001\u2028"));
        m.put("json", true);
        m.put("n", -42L);
        m.put("d", 1.5);
        m.put("none", null);
        m.put("nested", Map.of("a", List.of()));
        String text = Json.write(m);
        assertFalse(text.contains("\n"), "one line");
        assertEquals(m, Json.read(text));
    }

    @Test
    void readsWhitespaceEscapesAndUnicode() {
        assertEquals(Map.of("a", List.of(1L, "é/", false)), Json.read(" { \"a\" : [ 1 , \"\\u00e9\\/\" , false ] } "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "\"abc", "tru", "01x", "{} x", "\"\\q\"",
        "\"\\u12\"", "{a:1}", "[\"\u0001\"]"})
    void rejectsMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> Json.read(text));
    }

    @Test
    void rejectsDeepNesting() {
        char[] open = new char[1000];
        Arrays.fill(open, '[');
        assertThrows(IllegalArgumentException.class, () -> Json.read(new String(open)));
    }

    @Test
    void readObjectWantsAnObject() {
        assertThrows(IllegalArgumentException.class, () -> Json.readObject("[1]"));
    }
}

package org.ike4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void plainTextIsOnlyQuoted() {
        assertEquals("\"ISAKMP SA 1100000000000001/2200000000000001\"",
                JsonText.quote("ISAKMP SA 1100000000000001/2200000000000001"));
        assertEquals("\"\"", JsonText.quote(""));
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        assertEquals("\"say \\\"hi\\\" \\\\ there\"", JsonText.quote("say \"hi\" \\ there"));
        assertEquals("\"a\\nb\\rc\\td\"", JsonText.quote("a\nb\rc\td"));
        assertEquals("\"\\u0000\\u001f\\u0007\"", JsonText.quote("\u0000\u001f\u0007"));
    }

    @Test
    void lineAndParagraphSeparatorsAreEscapedSoOneValueIsOneLine() {
        assertEquals("\"x\\u2028y\\u2029z\"", JsonText.quote("x\u2028y\u2029z"));
    }

    @Test
    void nonAsciiTextStaysAsItIs() {
        assertEquals("\"Grüße 東京\"", JsonText.quote("Grüße 東京"));
    }

    @Test
    void appendsToABuilder() {
        StringBuilder sb = new StringBuilder("{\"k\":");
        assertEquals("{\"k\":\"v\"", JsonText.quote(sb, "v").toString());
    }
}

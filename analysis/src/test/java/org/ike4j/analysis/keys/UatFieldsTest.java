package org.ike4j.analysis.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A UAT line's fields: bare and quoted ones are taken as they are (the fast path), escaped ones
 * character by character; both give what Wireshark means by the line.
 */
class UatFieldsTest {

    @Test
    void bareQuotedAndEscapedFields() {
        assertEquals(List.of("a305bbc510fd3640", "820f"), WiresharkKeyTables.fields("a305bbc510fd3640,820f"));
        assertEquals(List.of("a", "b", ""), WiresharkKeyTables.fields(" a , b ,"));
        assertEquals(List.of(""), WiresharkKeyTables.fields(""));
        assertEquals(List.of("AES-CBC-256 [RFC3602]", "x"), WiresharkKeyTables.fields("\"AES-CBC-256 [RFC3602]\",x"));
        assertEquals(List.of("a,b", "c"), WiresharkKeyTables.fields("\"a,b\",c"));
        assertEquals(List.of("say \"hi\", A", "z"), WiresharkKeyTables.fields("\"say \\\"hi\\\"\\x2c \\x41\",z"));
        assertEquals(List.of("in \"quotes", ""), WiresharkKeyTables.fields("in \"quotes,"));
        assertEquals(List.of("", "", ""), WiresharkKeyTables.fields(",\"\","));
    }

    @Test
    void malformedQuotes() {
        assertThrows(IllegalArgumentException.class, () -> WiresharkKeyTables.fields("\"unterminated,x"));
        assertThrows(IllegalArgumentException.class, () -> WiresharkKeyTables.fields("\"a\"b,c"));
        assertThrows(IllegalArgumentException.class, () -> WiresharkKeyTables.fields("\"a\\\"b\"c"));
    }
}

package org.ike4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The decoder's output writer gives the same bytes as encoding the whole text as UTF-8 at once. */
class Utf8OutputTest {

    @Test
    void sameBytesAsUtf8OfTheWholeTextAcrossBlockBoundaries() throws Exception {
        StringBuilder expected = new StringBuilder();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (Utf8Output w = new Utf8Output(sink)) {
            for (int i = 0; i < 20_000; i++) {
                // ASCII, Latin-1, a BMP character and a surrogate pair, written so that some pairs
                // straddle the 64 KiB block boundary
                String s = "frame " + i + " caf\u00e9 \u2192 ";
                w.write(s);
                expected.append(s);
                w.write('\ud83d');
                w.write("\ude00x", 0, 2);
                expected.append("\ud83d\ude00x");
                w.write(new char[] {'\n'}, 0, 1);
                expected.append('\n');
            }
        }
        assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), sink.toByteArray());
    }
}

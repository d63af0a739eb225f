package org.ike4j.wire;

import java.util.HexFormat;

/** Hex as the logs of pluto and charon print it, and parsing of hex from vectors and logs. */
public final class Hex {
    private static final HexFormat PLAIN = HexFormat.of();
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");

    private Hex() {
    }

    /** {@code a305bbc5}: lowercase, no separators. */
    public static String of(byte[] b) {
        return PLAIN.formatHex(b);
    }

    /** {@code a3 05 bb c5}: as pluto prints raw bytes. */
    public static String spaced(byte[] b) {
        return SPACED.formatHex(b);
    }

    /** Parses hex, ignoring white space, colons and a leading {@code 0x}. */
    public static byte[] parse(String s) {
        String t = s.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        t = t.replaceAll("[\\s:|]", "");
        return PLAIN.parseHex(t);
    }
}

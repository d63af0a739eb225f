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

    /**
     * Fixed-width lowercase hex, the text of {@code String.format("%0Nx", value)} for N = 2, 8
     * or 16 digits, without the formatter's cost: the trace and the decoder print an SPI, a
     * message ID and a flags byte for every message (bench/decoder).
     *
     * @param digits 2 (a byte, 0..255), 8 (an unsigned 32-bit value) or 16 (64 bits)
     */
    public static String fixed(long value, int digits) {
        return switch (digits) {
            case 16 -> PLAIN.toHexDigits(value);
            case 8 -> value >= 0 && value <= 0xFFFF_FFFFL ? PLAIN.toHexDigits((int) value) : String.format("%08x", value);
            case 2 -> value >= 0 && value <= 0xFF ? PLAIN.toHexDigits((byte) value) : String.format("%02x", value);
            default -> throw new IllegalArgumentException("digits: 2, 8 or 16, not " + digits);
        };
    }

    /** As {@link #fixed(long, int)} for an int, which the formatter prints as 32 bits. */
    public static String fixed(int value, int digits) {
        return switch (digits) {
            case 8 -> PLAIN.toHexDigits(value);
            case 2 -> value >= 0 && value <= 0xFF ? PLAIN.toHexDigits((byte) value) : String.format("%02x", value);
            case 16 -> String.format("%016x", value);
            default -> throw new IllegalArgumentException("digits: 2, 8 or 16, not " + digits);
        };
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

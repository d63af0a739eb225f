package org.ike4j.config.junos;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * Junos "$9$" secrets: a reversible obfuscation (not encryption) of configuration secrets.
 *
 * <p>The format, as publicly described: after {@code $9$} comes a salt character, then as many
 * filler characters as the salt's family number says (3, 2, 1 or 0), then each plaintext byte as
 * 2 to 4 characters. A byte is written as a sum of fixed weights, the weight set cycling through
 * seven patterns by byte position; each weight's multiplier is carried as the distance, along a
 * 65-character circular alphabet, between one character and the previous one (starting from the
 * salt), less one.
 */
public final class Junos9 {
    /** The alphabet in its four families; a salt from family f is followed by 3 - f fillers. */
    private static final String[] FAMILIES = {
        "QzF3n6/9CAtpu0O", "B1IREhcSyrleKvMW8LXx", "7N-dVbwsY2g4oaJZGUDj", "iHkq.mPf5T"};
    private static final String ALPHABET = String.join("", FAMILIES);
    private static final int N = ALPHABET.length();
    /** Weights for byte i use pattern i mod 7; the first character of a group carries weight 1. */
    private static final int[][] WEIGHTS = {
        {1, 4, 32}, {1, 16, 32}, {1, 8, 32}, {1, 64}, {1, 32}, {1, 4, 16, 128}, {1, 32, 64}};
    private static final String PREFIX = "$9$";

    private Junos9() {
    }

    public static boolean isEncoded(String s) {
        return s.startsWith(PREFIX);
    }

    /** The plaintext of a {@code $9$} string, as bytes. */
    public static byte[] decode(String encoded) {
        if (!isEncoded(encoded)) {
            throw new IllegalArgumentException("not a $9$ string");
        }
        String body = encoded.substring(PREFIX.length());
        if (body.isEmpty()) {
            throw new IllegalArgumentException("$9$ string without salt");
        }
        char salt = body.charAt(0);
        int pos = 1 + fillers(salt);
        if (pos > body.length()) {
            throw new IllegalArgumentException("$9$ string too short");
        }
        char prev = salt;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (pos < body.length()) {
            int[] w = WEIGHTS[out.size() % WEIGHTS.length];
            if (pos + w.length > body.length()) {
                throw new IllegalArgumentException("$9$ string truncated");
            }
            int value = 0;
            for (int k = 0; k < w.length; k++) {
                char c = body.charAt(pos++);
                int gap = Math.floorMod(index(c) - index(prev), N) - 1;
                value += gap * w[k];
                prev = c;
            }
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("$9$ string is corrupt");
            }
            out.write(value);
        }
        return out.toByteArray();
    }

    /** The plaintext of a {@code $9$} string as text (Junos secrets are ASCII). */
    public static String decodeToString(String encoded) {
        return new String(decode(encoded), StandardCharsets.UTF_8);
    }

    /** Encodes with a salt and fillers drawn from {@code random}. */
    public static String encode(byte[] plain, RandomGenerator random) {
        StringBuilder sb = new StringBuilder(PREFIX);
        char salt = ALPHABET.charAt(random.nextInt(N));
        sb.append(salt);
        for (int i = fillers(salt); i > 0; i--) {
            sb.append(ALPHABET.charAt(random.nextInt(N)));
        }
        char prev = salt;
        for (int i = 0; i < plain.length; i++) {
            int[] w = WEIGHTS[i % WEIGHTS.length];
            int value = plain[i] & 0xff;
            int[] gaps = new int[w.length];
            // Greedy from the largest weight; each multiplier then stays below 64, a valid distance.
            for (int k = w.length - 1; k >= 0; k--) {
                gaps[k] = value / w[k];
                value %= w[k];
            }
            for (int gap : gaps) {
                prev = ALPHABET.charAt((index(prev) + gap + 1) % N);
                sb.append(prev);
            }
        }
        return sb.toString();
    }

    public static String encode(String plain, RandomGenerator random) {
        return encode(plain.getBytes(StandardCharsets.UTF_8), random);
    }

    private static int fillers(char salt) {
        for (int f = 0; f < FAMILIES.length; f++) {
            if (FAMILIES[f].indexOf(salt) >= 0) {
                return FAMILIES.length - 1 - f;
            }
        }
        throw new IllegalArgumentException("character outside the $9$ alphabet");
    }

    private static int index(char c) {
        int i = ALPHABET.indexOf(c);
        if (i < 0) {
            throw new IllegalArgumentException("character outside the $9$ alphabet");
        }
        return i;
    }
}

package org.ike4j.wire;

/**
 * A JSON string literal (RFC 8259 section 7), the one escaping every JSON ike4j writes shares: the
 * control socket's replies and the decoder's {@code --json}. Quotes, backslashes and control
 * characters are escaped, and so are U+2028 and U+2029, which JSON allows raw but JavaScript
 * source does not: a line written here is one line, and pastes into a script unchanged.
 */
public final class JsonText {
    private JsonText() {
    }

    /** {@code s} as a quoted JSON string. */
    public static String quote(String s) {
        return quote(new StringBuilder(s.length() + 2), s).toString();
    }

    /** Appends {@code s} as a quoted JSON string to {@code sb}; returns {@code sb}. */
    public static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}

package org.ike4j.config.strongswan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.strongswan.Section.Setting;

/**
 * The syntax of ipsec.conf(5): a section starts at column 1 ({@code config setup},
 * {@code conn NAME}, {@code ca NAME}); its settings follow on indented lines as
 * {@code key=value} (blanks around {@code =} tolerated); {@code #} starts a comment outside
 * quotes; {@code include PATTERN} at column 1 reads further files, globs allowed, relative to the
 * including file. Syntax errors become problems; the line is skipped.
 */
final class IpsecConfReader {
    private static final int MAX_INCLUDE_DEPTH = 10;

    private final Diagnostics diagnostics;
    private final List<Section> sections = new ArrayList<>();
    /** The last section header was in error: its settings are skipped without further reports. */
    private boolean headerInError;
    private List<Setting> current;

    IpsecConfReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    List<Section> sections() {
        return sections;
    }

    void readFile(Path file, SourceLocation includedFrom, int depth) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            diagnostics.error(includedFrom, "cannot read " + file + ": " + e.getMessage());
            return;
        }
        read(file.toString(), text, file.toAbsolutePath().getParent(), depth);
    }

    void read(String name, String text, Path baseDir, int depth) {
        current = null;
        headerInError = false;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            line(name, i + 1, stripComment(lines[i]), baseDir, depth);
        }
    }

    private void line(String file, int lineNo, String line, Path baseDir, int depth) {
        if (line.isBlank()) {
            return;
        }
        boolean indented = Character.isWhitespace(line.charAt(0));
        int start = line.length() - line.stripLeading().length();
        SourceLocation at = new SourceLocation(file, lineNo, start + 1);
        if (!indented) {
            String[] words = line.strip().split("\\s+");
            switch (words[0]) {
                case "config", "conn", "ca" -> {
                    if (words.length != 2) {
                        diagnostics.error(at, "expected one name after '" + words[0] + "'");
                        current = null;
                        headerInError = true;
                        return;
                    }
                    if (words[0].equals("config") && !words[1].equals("setup")) {
                        diagnostics.error(new SourceLocation(file, lineNo, line.indexOf(words[1]) + 1),
                                "expected 'setup' after 'config'");
                        current = null;
                        headerInError = true;
                        return;
                    }
                    current = new ArrayList<>();
                    Section.Kind kind = switch (words[0]) {
                        case "config" -> Section.Kind.CONFIG;
                        case "conn" -> Section.Kind.CONN;
                        default -> Section.Kind.CA;
                    };
                    headerInError = false;
                    sections.add(new Section(kind, words[1], at, current));
                }
                case "include" -> {
                    current = null;
                    headerInError = false;
                    if (words.length != 2) {
                        diagnostics.error(at, "expected one file pattern after 'include'");
                        return;
                    }
                    include(words[1], baseDir, new SourceLocation(file, lineNo, line.indexOf(words[1], 7) + 1), depth);
                }
                case "version" -> {
                    current = null;
                    headerInError = false;
                    diagnostics.note(at, "'version' is obsolete and ignored");
                }
                default -> {
                    diagnostics.error(at, "expected one of config, conn, ca, include at the start of a line, found '"
                            + words[0] + "' (settings must be indented)");
                    current = null;
                    headerInError = true;
                }
            }
            return;
        }
        if (current == null) {
            if (!headerInError) {
                diagnostics.error(at, "setting outside of a section (expected 'config setup' or 'conn NAME' first)");
            }
            return; // the section header itself was in error and is reported
        }
        int eq = line.indexOf('=', start);
        if (eq < 0) {
            diagnostics.error(at, "expected key=value");
            return;
        }
        String key = line.substring(start, eq).strip();
        if (key.isEmpty() || !key.matches("[A-Za-z0-9_.-]+")) {
            diagnostics.error(at, "expected a key name before '='");
            return;
        }
        int vstart = eq + 1;
        while (vstart < line.length() && (line.charAt(vstart) == ' ' || line.charAt(vstart) == '\t')) {
            vstart++;
        }
        String raw = line.substring(vstart).strip();
        String value;
        int valueColumn = vstart + 1;
        if (raw.startsWith("\"")) {
            int close = findClosingQuote(raw);
            if (close < 0) {
                diagnostics.error(new SourceLocation(file, lineNo, vstart + 1), "unterminated quoted value");
                return;
            }
            if (!raw.substring(close + 1).isBlank()) {
                diagnostics.error(new SourceLocation(file, lineNo, vstart + close + 2), "unexpected text after quoted value");
                return;
            }
            value = unescape(raw.substring(1, close));
            valueColumn++;
        } else {
            value = raw;
        }
        current.add(new Setting(key, value, at, new SourceLocation(file, lineNo, valueColumn)));
    }

    private void include(String pattern, Path baseDir, SourceLocation at, int depth) {
        if (depth >= MAX_INCLUDE_DEPTH) {
            diagnostics.error(at, "includes nested deeper than " + MAX_INCLUDE_DEPTH + " (a loop?)");
            return;
        }
        List<Path> files;
        try {
            files = Globs.expand(baseDir, pattern);
        } catch (IOException e) {
            diagnostics.error(at, "cannot expand include '" + pattern + "': " + e.getMessage());
            return;
        }
        if (files.isEmpty() && !Globs.hasWildcard(pattern)) {
            diagnostics.error(at, "included file '" + pattern + "' not found");
            return;
        }
        for (Path f : files) {
            readFile(f, at, depth + 1);
            current = null;
            headerInError = false;
        }
    }

    static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static int findClosingQuote(String s) {
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '"') {
                return i;
            }
        }
        return -1;
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}

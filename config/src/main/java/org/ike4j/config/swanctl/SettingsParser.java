package org.ike4j.config.swanctl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Problem;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.strongswan.Globs;

/**
 * Reads strongSwan's settings syntax as strongswan.conf(5) describes it (sections "SYNTAX",
 * "REFERENCING OTHER SECTIONS", "INCLUDING FILES"), the syntax of swanctl.conf(5):
 *
 * <pre>
 * settings  := (section | keyvalue | include)*
 * section   := name [':' absname (',' absname)*] '{' settings '}'
 * keyvalue  := key '=' value NEWLINE        (value: to the end of the line, or "quoted")
 * include   := 'include' pattern NEWLINE    (glob, relative to the including file)
 * </pre>
 *
 * Names and keys are any printable characters but {@code . , : { } = " #} and blanks; {@code #}
 * starts a comment outside quotes; a section may span any number of lines, and its name may be
 * followed by a newline before the {@code {}. Included files extend the section the
 * {@code include} is in; a section written again extends the first; a key written again replaces
 * its value.
 *
 * <p>Every syntax error names file:line:column and what was expected, is reported, and is kept in
 * the innermost open section (so the connection it is in can be refused); reading goes on with the
 * next line.
 */
final class SettingsParser {
    private static final int MAX_INCLUDE_DEPTH = 10;
    private static final String NOT_IN_NAMES = ".,:{}=\"#";

    private final Diagnostics diagnostics;

    SettingsParser(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Reads {@code file} into {@code into}; {@code includedFrom} is blamed if it cannot be read. */
    void readFile(Path file, SourceLocation includedFrom, SettingsSection into, int depth) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | java.io.UncheckedIOException e) {
            error(into, includedFrom, "cannot read " + file + ": " + e.getMessage());
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        read(file.toString(), text, dir, into, depth);
    }

    /** Reads {@code text} (named {@code name} in messages) into {@code into}; includes relative to {@code baseDir}. */
    void read(String name, String text, Path baseDir, SettingsSection into, int depth) {
        new Reader(name, text, baseDir, into, depth).run();
    }

    private void error(SettingsSection in, SourceLocation at, String message) {
        Problem p = Problem.error(at, message);
        in.syntaxErrors.add(p);
        diagnostics.add(p);
    }

    /** One file being read: a cursor with line and column, and the stack of open sections. */
    private final class Reader {
        private final String file;
        private final String text;
        private final Path baseDir;
        private final int depth;
        private final Deque<SettingsSection> open = new ArrayDeque<>();
        private int pos;
        private int line = 1;
        private int column = 1;

        Reader(String file, String text, Path baseDir, SettingsSection into, int depth) {
            this.file = file;
            this.text = text;
            this.baseDir = baseDir;
            this.depth = depth;
            open.push(into);
        }

        void run() {
            while (true) {
                skipSpace(true);
                if (eof()) {
                    break;
                }
                statement();
            }
            if (open.size() > 1) {
                SettingsSection innermost = open.peek();
                error(innermost, innermost.location, "section '" + innermost.name
                        + "' is not closed: expected '}' before the end of " + file);
            }
        }

        private void statement() {
            SourceLocation at = here();
            char c = peek();
            if (c == '}') {
                advance();
                if (open.size() == 1) {
                    fail(at, "unexpected '}': no section is open here");
                } else {
                    open.pop();
                }
                return;
            }
            String name = name();
            if (name.isEmpty()) {
                fail(at, "expected a key or a section name, found '" + c + "'");
                return;
            }
            skipSpace(false);
            if (name.equals("include") && !eof() && peek() != '=' && peek() != '{' && peek() != ':'
                    && peek() != '\n' && peek() != '\r' && peek() != '#') {
                include();
                return;
            }
            if (!eof() && peek() == '=') {
                advance();
                value(name, at);
                return;
            }
            SourceLocation endOfName = here();
            int[] mark = {pos, line, column};
            skipSpace(true); // the '{' (or ':') may be on a line of its own
            if (!eof() && peek() != '{' && peek() != ':' && mark[1] != line) {
                // not a section after all: blame the line of the name, not the next one
                pos = mark[0];
                line = mark[1];
                column = mark[2];
                fail(endOfName, "expected '=' or '{' after '" + name + "', found " + found());
                return;
            }
            List<SettingsSection.Reference> references = new ArrayList<>();
            if (!eof() && peek() == ':') {
                advance();
                if (!references(name, references)) {
                    return;
                }
            }
            if (!eof() && peek() == '{') {
                advance();
                SettingsSection s = open.peek().section(name, at);
                s.references.addAll(references);
                open.push(s);
                return;
            }
            fail(here(), "expected '=' or '{' after '" + name + "', found " + found());
        }

        private boolean references(String name, List<SettingsSection.Reference> out) {
            while (true) {
                skipSpace(true);
                SourceLocation at = here();
                StringBuilder ref = new StringBuilder();
                while (!eof() && !Character.isWhitespace(peek()) && ",{}=\"#:".indexOf(peek()) < 0) {
                    ref.append(advance());
                }
                if (ref.isEmpty() || ref.charAt(0) == '.' || ref.charAt(ref.length() - 1) == '.') {
                    fail(at, "expected the name of a section to inherit from after ':' in '" + name + "', found "
                            + found());
                    return false;
                }
                out.add(new SettingsSection.Reference(ref.toString(), at));
                skipSpace(true);
                if (!eof() && peek() == ',') {
                    advance();
                    continue;
                }
                return true;
            }
        }

        private void value(String key, SourceLocation keyAt) {
            skipSpace(false);
            SourceLocation at = here();
            String value;
            if (!eof() && peek() == '"') {
                value = quoted();
                if (value == null) {
                    return;
                }
                skipSpace(false);
                if (!eof() && peek() != '\n' && peek() != '\r' && peek() != '#') {
                    fail(here(), "expected the end of the line after the quoted value of '" + key + "', found "
                            + found());
                    return;
                }
                at = new SourceLocation(at.file(), at.line(), at.column() + 1);
            } else {
                StringBuilder sb = new StringBuilder();
                while (!eof() && peek() != '\n' && peek() != '\r' && peek() != '#') {
                    sb.append(advance());
                }
                value = sb.toString().strip();
            }
            SettingsSection s = open.peek();
            s.values.remove(key); // a value written again counts where it was written last
            s.values.put(key, new SettingsSection.Value(key, value, keyAt, at));
        }

        /** A quoted value (the cursor on its '"'), which may span lines; null after an error. */
        private String quoted() {
            SourceLocation at = here();
            int close = pos + 1;
            while (close < text.length() && text.charAt(close) != '"') {
                close += text.charAt(close) == '\\' ? 2 : 1;
            }
            if (close >= text.length()) {
                fail(at, "unterminated quoted value: expected a closing '\"'");
                return null;
            }
            advance();
            StringBuilder sb = new StringBuilder();
            while (pos < close) {
                char c = advance();
                if (c == '\\' && pos < close) {
                    char n = advance();
                    sb.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> n;
                    });
                } else {
                    sb.append(c);
                }
            }
            advance(); // the closing quote
            return sb.toString();
        }

        private void include() {
            SourceLocation at = here();
            String pattern;
            if (peek() == '"') {
                pattern = quoted();
                if (pattern == null) {
                    return;
                }
            } else {
                StringBuilder sb = new StringBuilder();
                while (!eof() && peek() != '\n' && peek() != '\r' && peek() != '#') {
                    sb.append(advance());
                }
                pattern = sb.toString().strip();
            }
            SettingsSection into = open.peek();
            if (depth >= MAX_INCLUDE_DEPTH) {
                error(into, at, "includes nested deeper than " + MAX_INCLUDE_DEPTH + " (an include loop?)");
                return;
            }
            if (baseDir == null && !Path.of(pattern).isAbsolute()) {
                error(into, at, "include '" + pattern + "': a relative path needs the including file's directory");
                return;
            }
            List<Path> files;
            try {
                files = Globs.expand(baseDir == null ? Path.of("/") : baseDir, pattern);
            } catch (IOException | RuntimeException e) {
                error(into, at, "cannot expand include '" + pattern + "': " + e.getMessage());
                return;
            }
            if (files.isEmpty() && !Globs.hasWildcard(pattern)) {
                error(into, at, "included file '" + pattern + "' not found");
                return;
            }
            for (Path f : files) {
                readFile(f, at, into, depth + 1);
            }
        }

        private String name() {
            StringBuilder sb = new StringBuilder();
            while (!eof()) {
                char c = peek();
                if (Character.isWhitespace(c) || NOT_IN_NAMES.indexOf(c) >= 0 || Character.isISOControl(c)) {
                    break;
                }
                sb.append(advance());
            }
            return sb.toString();
        }

        /** Reports the error and skips the rest of the line. */
        private void fail(SourceLocation at, String message) {
            error(open.peek(), at, message);
            while (!eof() && peek() != '\n') {
                advance();
            }
        }

        private String found() {
            if (eof()) {
                return "the end of the file";
            }
            char c = peek();
            return c == '\n' || c == '\r' ? "the end of the line" : "'" + c + "'";
        }

        /** Skips blanks and comments, and newlines too if {@code newlines}. */
        private void skipSpace(boolean newlines) {
            while (!eof()) {
                char c = peek();
                if (c == '#') {
                    while (!eof() && peek() != '\n') {
                        advance();
                    }
                    if (!newlines) {
                        return;
                    }
                } else if (c == '\n' || c == '\r') {
                    if (!newlines) {
                        return;
                    }
                    advance();
                } else if (Character.isWhitespace(c)) {
                    advance();
                } else {
                    return;
                }
            }
        }

        private SourceLocation here() {
            return new SourceLocation(file, line, column);
        }

        private boolean eof() {
            return pos >= text.length();
        }

        private char peek() {
            return text.charAt(pos);
        }

        private char advance() {
            char c = text.charAt(pos++);
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            return c;
        }
    }
}

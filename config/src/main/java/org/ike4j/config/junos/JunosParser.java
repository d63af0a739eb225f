package org.ike4j.config.junos;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.ConfigException;
import org.ike4j.config.SourceLocation;

/**
 * Parses both forms of a Junos configuration into one {@link JunosNode} tree.
 *
 * <p>Brace form, as {@code show configuration} prints it: statements of words ended by {@code ;}
 * or followed by a {@code { ... }} block; {@code [ a b ]} lists several values; strings in double
 * quotes; comments {@code /* ... *&#47;} (annotations) and {@code #} to the end of the line;
 * {@code inactive:} and {@code protect:} before a statement.
 *
 * <p>Set form, as {@code show configuration | display set} prints it: one {@code set} command a
 * line, plus {@code deactivate} (and {@code activate}, {@code annotate}, {@code protect}, which
 * are noted and need no action here).
 */
final class JunosParser {

    /** A token: a word (quoted or not) or one of the punctuation marks. */
    record Token(String text, SourceLocation at, boolean quoted) {
        boolean is(String punct) {
            return !quoted && text.equals(punct);
        }
    }

    /**
     * Statements whose values accumulate when set again ({@code set ... proposals P2} adds P2).
     * Any other statement holds one value: setting it again replaces the value, as in Junos.
     */
    private static final java.util.Set<String> MULTI_VALUED = java.util.Set.of(
            "proposals", "address", "interface", "interfaces", "flag", "system-services", "protocols");

    /**
     * Statements that hold one of several alternatives ({@code pre-shared-key ascii-text "..."} or
     * {@code pre-shared-key hexadecimal "..."}): setting one alternative removes the other.
     */
    private static final java.util.Set<String> CHOICES = java.util.Set.of(
            "pre-shared-key", "local-identity", "remote-identity");

    private JunosParser() {
    }

    static List<Token> tokenize(String file, String text) throws ConfigException {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.add(new Token("\n", new SourceLocation(file, line, i - lineStart + 1), false));
                line++;
                lineStart = i + 1;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                SourceLocation at = new SourceLocation(file, line, i - lineStart + 1);
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new ConfigException(at, "unterminated comment (expected '*/')");
                }
                for (int k = i; k < end; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = end + 2;
            } else if (c == '"') {
                SourceLocation at = new SourceLocation(file, line, i - lineStart + 1);
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    if (text.charAt(i) == '\n') {
                        throw new ConfigException(at, "unterminated string (expected '\"')");
                    }
                    sb.append(text.charAt(i));
                    i++;
                }
                if (i >= text.length()) {
                    throw new ConfigException(at, "unterminated string (expected '\"')");
                }
                i++;
                out.add(new Token(sb.toString(), at, true));
            } else if (c == '{' || c == '}' || c == ';' || c == '[' || c == ']') {
                out.add(new Token(String.valueOf(c), new SourceLocation(file, line, i - lineStart + 1), false));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && "{};[]\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(text.substring(start, i), new SourceLocation(file, line, start - lineStart + 1), false));
            }
        }
        out.add(new Token("\n", new SourceLocation(file, line, i - lineStart + 1), false));
        return out;
    }

    /** True if the first statement of the text is a set-style command. */
    static boolean looksLikeSetForm(List<Token> tokens) {
        for (Token t : tokens) {
            if (!t.is("\n")) {
                return !t.quoted() && (t.text().equals("set") || t.text().equals("deactivate"));
            }
        }
        return false;
    }

    // ---- brace form ----

    static JunosNode parseBraces(String file, String text) throws ConfigException {
        List<Token> tokens = tokenize(file, text).stream().filter(t -> !t.is("\n")).toList();
        JunosNode root = new JunosNode("", new SourceLocation(file, 1, 1));
        int[] pos = {0};
        block(tokens, pos, root, false);
        return root;
    }

    private static void block(List<Token> tokens, int[] pos, JunosNode parent, boolean nested) throws ConfigException {
        while (pos[0] < tokens.size()) {
            Token t = tokens.get(pos[0]);
            if (t.is("}")) {
                if (!nested) {
                    throw new ConfigException(t.at(), "unexpected '}' (no block is open)");
                }
                pos[0]++;
                return;
            }
            statement(tokens, pos, parent);
        }
        if (nested) {
            SourceLocation end = tokens.isEmpty() ? parent.location() : tokens.getLast().at();
            throw new ConfigException(end, "expected '}' to close '" + parent.word() + "' opened at " + parent.location());
        }
    }

    private static void statement(List<Token> tokens, int[] pos, JunosNode parent) throws ConfigException {
        boolean inactive = false;
        while (pos[0] < tokens.size() && !tokens.get(pos[0]).quoted()
                && (tokens.get(pos[0]).text().equals("inactive:") || tokens.get(pos[0]).text().equals("protect:"))) {
            inactive |= tokens.get(pos[0]).text().equals("inactive:");
            pos[0]++;
        }
        JunosNode node = parent;
        List<Token> list = null;
        Token previous = null;
        while (true) {
            if (pos[0] >= tokens.size()) {
                // at the last word of the statement: that is where ';' or '{' is missing
                SourceLocation at = previous != null ? previous.at() : parent.location();
                throw new ConfigException(at, "expected ';' or '{' to end the statement");
            }
            Token t = tokens.get(pos[0]++);
            previous = t;
            if (t.is(";")) {
                if (node == parent) {
                    throw new ConfigException(t.at(), "empty statement");
                }
                finishList(node, list, inactive);
                return;
            }
            if (t.is("{")) {
                if (node == parent || list != null) {
                    throw new ConfigException(t.at(), "expected a statement name before '{'");
                }
                if (inactive) {
                    node.deactivate();
                }
                block(tokens, pos, node, true);
                return;
            }
            if (t.is("}") || t.is("]")) {
                throw new ConfigException(t.at(), "expected ';' before '" + t.text() + "'");
            }
            if (t.is("[")) {
                if (node == parent) {
                    throw new ConfigException(t.at(), "expected a statement name before '['");
                }
                list = new ArrayList<>();
                while (true) {
                    if (pos[0] >= tokens.size()) {
                        throw new ConfigException(t.at(), "expected ']' to close the list");
                    }
                    Token v = tokens.get(pos[0]++);
                    if (v.is("]")) {
                        break;
                    }
                    if (!v.quoted() && "{};[".contains(v.text())) {
                        throw new ConfigException(v.at(), "expected a value or ']' in the list");
                    }
                    list.add(v);
                }
                continue;
            }
            if (list != null) {
                throw new ConfigException(t.at(), "expected ';' after the list");
            }
            node = node.add(t.text(), t.at());
        }
    }

    private static void finishList(JunosNode node, List<Token> list, boolean inactive) {
        if (list == null) {
            if (inactive) {
                node.deactivate();
            }
            return;
        }
        for (Token v : list) {
            JunosNode n = node.add(v.text(), v.at());
            if (inactive) {
                n.deactivate();
            }
        }
    }

    // ---- set form ----

    /** Parses set commands; {@code notes} receives one note per command that changes nothing here. */
    static JunosNode parseSet(String file, String text, org.ike4j.config.Diagnostics notes) throws ConfigException {
        List<Token> tokens = tokenize(file, text);
        JunosNode root = new JunosNode("", new SourceLocation(file, 1, 1));
        List<ConfigException> errors = new ArrayList<>();
        List<Token> line = new ArrayList<>();
        for (Token t : tokens) {
            if (!t.is("\n")) {
                line.add(t);
                continue;
            }
            if (!line.isEmpty()) {
                try {
                    command(line, root, notes);
                } catch (ConfigException e) {
                    errors.add(e);
                }
                line.clear();
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors.stream().flatMap(e -> e.problems().stream()).toList());
        }
        return root;
    }

    private static void command(List<Token> line, JunosNode root, org.ike4j.config.Diagnostics notes)
            throws ConfigException {
        Token verb = line.getFirst();
        List<Token> words = expandList(line.subList(1, line.size()));
        switch (verb.quoted() ? "" : verb.text()) {
            case "set" -> {
                if (words.isEmpty()) {
                    throw new ConfigException(verb.at(), "expected a statement after 'set'");
                }
                JunosNode n = root;
                List<Token> values = listValues(line.subList(1, line.size()));
                int pathLength = values == null ? words.size() : words.size() - values.size();
                for (int i = 0; i < pathLength; i++) {
                    boolean last = i == pathLength - 1 && values == null;
                    if (i > 0 && CHOICES.contains(n.word())) {
                        n.replaceAllBut(words.get(i).text());
                    } else if (last && !MULTI_VALUED.contains(n.word())) {
                        n.replaceLeaf(words.get(i).text());
                    }
                    n = n.add(words.get(i).text(), words.get(i).at());
                }
                if (values != null) {
                    for (Token v : values) {
                        n.add(v.text(), v.at());
                    }
                }
            }
            case "deactivate" -> {
                JunosNode n = root;
                for (Token w : words) {
                    JunosNode c = null;
                    for (JunosNode k : n.allChildren()) {
                        if (k.word().equals(w.text())) {
                            c = k;
                        }
                    }
                    if (c == null) {
                        throw new ConfigException(w.at(), "deactivate: no statement '" + w.text() + "' here (set it first)");
                    }
                    n = c;
                }
                n.deactivate();
            }
            case "activate", "annotate", "protect", "unprotect" ->
                notes.note(verb.at(), "'" + verb.text() + "' command ignored");
            default -> throw new ConfigException(verb.at(), "expected one of set, deactivate at the start of a command, found '"
                    + verb.text() + "'");
        }
    }

    /** The words of a command with any {@code [ ... ]} list flattened and brackets checked. */
    private static List<Token> expandList(List<Token> words) throws ConfigException {
        List<Token> out = new ArrayList<>();
        boolean open = false;
        for (Token t : words) {
            if (t.is("[")) {
                if (open) {
                    throw new ConfigException(t.at(), "nested '[' in a list");
                }
                open = true;
            } else if (t.is("]")) {
                if (!open) {
                    throw new ConfigException(t.at(), "unexpected ']'");
                }
                open = false;
            } else if (t.is("{") || t.is("}") || t.is(";")) {
                throw new ConfigException(t.at(), "unexpected '" + t.text() + "' in a set command");
            } else {
                out.add(t);
            }
        }
        if (open) {
            throw new ConfigException(words.getLast().at(), "expected ']' to close the list");
        }
        return out;
    }

    /** The values of a trailing {@code [ ... ]} list, or null if there is none. */
    private static List<Token> listValues(List<Token> words) {
        int open = -1;
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).is("[")) {
                open = i;
            }
        }
        if (open < 0) {
            return null;
        }
        List<Token> out = new ArrayList<>();
        for (Token t : words.subList(open + 1, words.size())) {
            if (!t.is("]")) {
                out.add(t);
            }
        }
        return out;
    }
}

package org.ike4j.config.strongswan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Identity;
import org.ike4j.config.Secrets;
import org.ike4j.config.SharedKey;
import org.ike4j.config.SourceLocation;
import org.ike4j.crypto.Secret;

/**
 * Reads ipsec.secrets(5): entries {@code [selectors] : TYPE value}, continued on indented lines;
 * {@code #} comments; {@code include PATTERN}. PSK values are a quoted string, {@code 0x} hex or
 * {@code 0s} base64. RSA, ECDSA and the other types are recognised and noted as not supported yet.
 * A bad entry is reported and skipped; the others load.
 */
final class IpsecSecretsReader {
    private static final int MAX_INCLUDE_DEPTH = 10;

    private final Diagnostics diagnostics;
    private final List<SharedKey> keys = new ArrayList<>();
    private final List<SourceLocation> locations = new ArrayList<>();

    IpsecSecretsReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Secrets secrets() {
        return new Secrets(keys);
    }

    /** Where each shared key of {@link #secrets()} was read, by index. */
    List<SourceLocation> locations() {
        return locations;
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

    /** A token with where it starts; {@code quoted} tokens had their quotes removed. */
    private record Token(String text, SourceLocation at, boolean quoted) {
    }

    void read(String name, String text, Path baseDir, int depth) {
        String[] lines = text.split("\r?\n", -1);
        List<Token> entry = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean continuation = !line.isEmpty() && Character.isWhitespace(line.charAt(0));
            List<Token> tokens;
            try {
                tokens = tokenize(name, i + 1, line);
            } catch (ConfigException e) {
                if (continuation) {
                    entry.clear(); // the entry this line continues is broken
                } else {
                    finish(entry);
                }
                e.problems().forEach(diagnostics::add);
                continue;
            }
            if (tokens.isEmpty()) {
                continue;
            }
            if (!continuation) {
                finish(entry);
                if (!tokens.getFirst().quoted() && tokens.getFirst().text().equals("include")) {
                    include(tokens, baseDir, depth);
                    continue;
                }
            }
            entry.addAll(tokens);
        }
        finish(entry);
    }

    private void include(List<Token> tokens, Path baseDir, int depth) {
        SourceLocation at = tokens.getFirst().at();
        if (tokens.size() != 2) {
            diagnostics.error(at, "expected one file pattern after 'include'");
            return;
        }
        if (depth >= MAX_INCLUDE_DEPTH) {
            diagnostics.error(at, "includes nested deeper than " + MAX_INCLUDE_DEPTH + " (a loop?)");
            return;
        }
        String pattern = tokens.get(1).text();
        try {
            List<Path> files = Globs.expand(baseDir, pattern);
            if (files.isEmpty() && !Globs.hasWildcard(pattern)) {
                diagnostics.error(tokens.get(1).at(), "included file '" + pattern + "' not found");
            }
            for (Path f : files) {
                readFile(f, at, depth + 1);
            }
        } catch (IOException e) {
            diagnostics.error(at, "cannot expand include '" + pattern + "': " + e.getMessage());
        }
    }

    private void finish(List<Token> entry) {
        if (entry.isEmpty()) {
            return;
        }
        try {
            entry(entry);
        } catch (ConfigException e) {
            e.problems().forEach(diagnostics::add);
        }
        entry.clear();
    }

    private void entry(List<Token> tokens) throws ConfigException {
        int colon = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).quoted() && tokens.get(i).text().equals(":")) {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            throw new ConfigException(tokens.getFirst().at(), "expected ':' between the selectors and the secret type");
        }
        List<Identity> ids = new ArrayList<>();
        for (Token t : tokens.subList(0, colon)) {
            ids.add(Values.identity(t.text(), t.at()));
        }
        if (colon + 1 >= tokens.size()) {
            throw new ConfigException(tokens.get(colon).at(), "expected a secret type (PSK, RSA, ...) after ':'");
        }
        Token type = tokens.get(colon + 1);
        switch (type.text().toUpperCase(Locale.ROOT)) {
            case "PSK" -> {
                if (colon + 2 >= tokens.size()) {
                    throw new ConfigException(type.at(), "expected a quoted string, 0x... hex or 0s... base64 after PSK");
                }
                Token v = tokens.get(colon + 2);
                if (colon + 3 < tokens.size()) {
                    throw new ConfigException(tokens.get(colon + 3).at(), "unexpected text after the PSK value");
                }
                keys.add(new SharedKey(ids, secretValue(v), null));
                locations.add(tokens.getFirst().at());
            }
            case "RSA", "ECDSA", "BLISS", "PKCS8", "P12", "PIN", "EAP", "XAUTH", "NTLM" ->
                diagnostics.note(type.at(), type.text() + " secrets are not supported yet; entry skipped");
            default -> throw new ConfigException(type.at(), "expected one of PSK, RSA, ECDSA, EAP, XAUTH, P12, PIN after ':', found '"
                    + type.text() + "'");
        }
    }

    /** A secret in one of its three notations. */
    static Secret secretValue(Token v) throws ConfigException {
        String t = v.text();
        if (v.quoted()) {
            return Secret.wrap(t.getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Secret.wrap(HexFormat.of().parseHex(t.substring(2)));
            }
            if (t.startsWith("0s") || t.startsWith("0S")) {
                return Secret.wrap(Base64.getDecoder().decode(t.substring(2)));
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(v.at(), "malformed " + (t.charAt(1) == 's' || t.charAt(1) == 'S' ? "base64" : "hex")
                    + " secret (its value is not shown)");
        }
        throw new ConfigException(v.at(), "expected a quoted string, 0x... hex or 0s... base64 as the secret");
    }

    private static List<Token> tokenize(String file, int lineNo, String line) throws ConfigException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                break;
            } else if (c == '"' || c == '\'') {
                int start = i;
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < line.length() && line.charAt(i) != c) {
                    if (line.charAt(i) == '\\' && c == '"' && i + 1 < line.length()) {
                        i++;
                    }
                    sb.append(line.charAt(i));
                    i++;
                }
                if (i >= line.length()) {
                    throw new ConfigException(new SourceLocation(file, lineNo, start + 1), "unterminated quoted string");
                }
                i++;
                out.add(new Token(sb.toString(), new SourceLocation(file, lineNo, start + 1), true));
            } else if (c == ':' && (i + 1 == line.length() || Character.isWhitespace(line.charAt(i + 1)))) {
                out.add(new Token(":", new SourceLocation(file, lineNo, i + 1), false));
                i++;
            } else {
                int start = i;
                while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '#'
                        && !(line.charAt(i) == ':' && (i + 1 == line.length() || Character.isWhitespace(line.charAt(i + 1))))) {
                    i++;
                }
                out.add(new Token(line.substring(start, i), new SourceLocation(file, lineNo, start + 1), false));
            }
        }
        return out;
    }
}

package org.ike4j.analysis.keys;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.ike4j.analysis.keys.KeyTableEntry.EspSa;
import org.ike4j.analysis.keys.KeyTableEntry.Ikev1;
import org.ike4j.analysis.keys.KeyTableEntry.Ikev2;
import org.ike4j.crypto.Secret;
import org.ike4j.wire.Bytes;

/**
 * Wireshark's key tables ("UAT" files in a profile directory) as Wireshark 4.0 writes and reads
 * them: one row per line, fields separated by commas, byte fields as bare hex, text fields in
 * double quotes with {@code \xNN} escapes. The same line after {@code uat:TABLE:} is a tshark
 * {@code -o} option.
 *
 * <pre>
 * ikev1_decryption_table   a305bbc510fd3640,820fdf71dc107c218752b4b9f637470ed285def53864f409
 * ikev2_decryption_table   SPIi,SPIr,SK_ei,SK_er,"AES-CBC-256 [RFC3602]",SK_ai,SK_ar,"HMAC_SHA2_256_128 [RFC4868]"
 * esp_sa                   "IPv4","10.80.80.80","10.80.80.13","0xc786011d","AES-CBC [RFC3602]","0x...","HMAC-SHA-1-96 [RFC2404]","0x..."
 * </pre>
 *
 * Files are written with mode 0600 (owner only) where the file system has POSIX permissions:
 * they hold session keys.
 */
public final class WiresharkKeyTables {

    private static final HexFormat HEX = HexFormat.of();

    private WiresharkKeyTables() {
    }

    /** The row as a line of its table's file. */
    public static String format(KeyTableEntry entry) {
        return switch (entry) {
            case Ikev1 e -> e.initiatorCookie().hex() + "," + hex(e.encryptionKey());
            case Ikev2 e -> String.join(",", e.spiI().hex(), e.spiR().hex(), hex(e.skEi()), hex(e.skEr()),
                    quote(e.encryption()), hex(e.skAi()), hex(e.skAr()), quote(e.integrity()));
            case EspSa e -> String.join(",", quote(e.protocol()), quote(e.source()), quote(e.destination()),
                    quote(String.format("0x%08x", e.spi())), quote(e.encryption()), quote(prefixedHex(e.encryptionKey())),
                    quote(e.authentication()), quote(prefixedHex(e.authenticationKey())));
        };
    }

    /** The row as a tshark option: {@code -o uat:TABLE:LINE}. */
    public static String tsharkOption(KeyTableEntry entry) {
        return "uat:" + entry.table() + ":" + format(entry);
    }

    /**
     * Writes one table's file: every entry must belong to the same table. The file is made with
     * mode 0600 before any key goes into it, then moved into place.
     */
    public static void write(Path file, List<? extends KeyTableEntry> entries) throws IOException {
        if (entries.stream().map(KeyTableEntry::table).distinct().count() > 1) {
            throw new IllegalArgumentException("entries of different tables in one file");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path temporary;
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            temporary = Files.createTempFile(dir, ".keys", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            temporary = Files.createTempFile(dir, ".keys", ".tmp");
        }
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                for (KeyTableEntry entry : entries) {
                    out.write(format(entry));
                    out.write('\n');
                }
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads a table file; its kind is told by {@code table} ({@code ikev1_decryption_table},
     * {@code ikev2_decryption_table} or {@code esp_sa}). Blank lines and {@code #} comments are
     * skipped.
     *
     * @throws IllegalArgumentException naming the line that is not a valid row
     */
    public static List<KeyTableEntry> read(Path file, String table) throws IOException {
        List<KeyTableEntry> entries = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                entries.add(parse(table, line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }

    /** One line of a table. */
    public static KeyTableEntry parse(String table, String line) {
        List<String> f = fields(line);
        return switch (table) {
            case "ikev1_decryption_table" -> {
                count(f, 2, table);
                yield new Ikev1(spi(f.get(0)), secret(f.get(1)));
            }
            case "ikev2_decryption_table" -> {
                count(f, 8, table);
                yield new Ikev2(spi(f.get(0)), spi(f.get(1)), secret(f.get(2)), secret(f.get(3)),
                        f.get(4), secret(f.get(5)), secret(f.get(6)), f.get(7));
            }
            case "esp_sa" -> {
                count(f, 8, table);
                yield new EspSa(f.get(0), f.get(1), f.get(2), Long.decode(f.get(3)), f.get(4), secret(f.get(5)),
                        f.get(6), secret(f.get(7)));
            }
            default -> throw new IllegalArgumentException("unknown table " + table);
        };
    }

    private static void count(List<String> fields, int expected, String table) {
        if (fields.size() != expected) {
            throw new IllegalArgumentException(table + " rows have " + expected + " fields, got " + fields.size());
        }
    }

    /** Splits a UAT line: quoted fields with escapes, or bare tokens. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>(8);
        int i = 0;
        while (i <= line.length()) {
            // a bare field, or a quoted one without escapes: the characters as they are (most rows
            // of a large table are only such fields, and a builder per character was most of reading it)
            int end = plainEnd(line, i);
            if (end >= 0) {
                boolean quoted = i < line.length() && line.charAt(i) == '"';
                fields.add(quoted ? line.substring(i + 1, end - 1).strip() : line.substring(i, end).strip());
                i = end;
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("expected a comma at column " + (i + 1));
                }
                i++;
                continue;
            }
            StringBuilder field = new StringBuilder();
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char next = line.charAt(i++);
                        if (next == 'x') {
                            field.append((char) Integer.parseInt(line.substring(i, i + 2), 16));
                            i += 2;
                        } else {
                            field.append(next);
                        }
                    } else {
                        field.append(c);
                    }
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString().strip());
            if (i < line.length() && line.charAt(i) != ',') {
                throw new IllegalArgumentException("expected a comma at column " + (i + 1));
            }
            i++;
        }
        return fields;
    }

    /**
     * Where the field at {@code i} ends (the index after it) when it is bare or quoted without
     * escapes, else -1 (escapes, or an unterminated quote: left to the character-by-character reading).
     */
    private static int plainEnd(String line, int i) {
        int n = line.length();
        if (i < n && line.charAt(i) == '"') {
            for (int j = i + 1; j < n; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    return -1;
                }
                if (c == '"') {
                    return j + 1;
                }
            }
            return -1;
        }
        int comma = line.indexOf(',', i);
        return comma < 0 ? n : comma;
    }

    private static Secret secret(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() % 2 != 0 || !hexDigits(digits)) {
            throw new IllegalArgumentException("a key is hex digits, got " + digits.length() + " characters that are not");
        }
        return Secret.wrap(HEX.parseHex(digits.toLowerCase(Locale.ROOT)));
    }

    /** A cookie or SPI field: bare hex as Wireshark writes it (parsed directly), or as {@link Bytes#fromHex} reads it. */
    private static Bytes spi(String field) {
        return field.length() % 2 == 0 && hexDigits(field) ? Bytes.wrap(HEX.parseHex(field)) : Bytes.fromHex(field);
    }

    private static boolean hexDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static String hex(Secret secret) {
        return HEX.formatHex(secret.reveal());
    }

    private static String prefixedHex(Secret secret) {
        return secret.length() == 0 ? "" : "0x" + hex(secret);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20 || c > 0x7E) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}

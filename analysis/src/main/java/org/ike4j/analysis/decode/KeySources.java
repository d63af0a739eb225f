package org.ike4j.analysis.decode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.analysis.logs.CharonLog;
import org.ike4j.analysis.logs.PlutoLog;
import org.ike4j.crypto.Secret;
import org.ike4j.engine.v2.protection.SkKeys;
import org.ike4j.engine.v2.protection.SkSuite;
import org.ike4j.wire.Bytes;

/**
 * The keys the decoder may use, from any number of files: Wireshark's key tables
 * ({@code ikev1_decryption_table}, {@code ikev2_decryption_table}, {@code esp_sa}), strongSwan
 * charon logs ({@code ike 4}) and pluto logs ({@code plutodebug=all}). A file's kind is told by
 * its content, never by its name ({@link #load(Path)}). Keys are {@link Secret}s and never print.
 *
 * @param ikev1 ISAKMP SA keys by initiator cookie
 * @param ikev2 IKE SA keys by SPIs
 * @param esp ESP SAs (kept for the ESP decryption hook)
 * @param notes what each file gave, and what it held that could not be used
 */
public record KeySources(List<Ikev1Key> ikev1, List<Ikev2Key> ikev2, List<KeyTableEntry.EspSa> esp,
        List<String> notes) {

    public KeySources {
        ikev1 = List.copyOf(ikev1);
        ikev2 = List.copyOf(ikev2);
        esp = List.copyOf(esp);
        notes = List.copyOf(notes);
    }

    /**
     * An ISAKMP SA's key (RFC 2409 section 5 and Appendix B): the cipher key Wireshark's IKEv1
     * table holds, or SKEYID_e from which the decoder derives it once the capture shows the
     * negotiated cipher and PRF.
     *
     * @param lastPhase1Iv the IV at the end of Phase 1 as the log printed it (pluto's "last Phase 1
     *     IV"), which lets Quick Mode and Informational messages be decrypted when Phase 1 is not in
     *     the capture; empty when the log did not print it
     * @param origin where the key came from, for the report ({@code file:line})
     */
    public record Ikev1Key(Bytes initiatorCookie, Optional<Secret> encryptionKey, Optional<Secret> skeyidE,
            Optional<Bytes> lastPhase1Iv, String origin) {

        /** A key without a logged IV. */
        public Ikev1Key(Bytes initiatorCookie, Optional<Secret> encryptionKey, Optional<Secret> skeyidE,
                String origin) {
            this(initiatorCookie, encryptionKey, skeyidE, Optional.empty(), origin);
        }

        public Ikev1Key {
            Objects.requireNonNull(origin);
            Objects.requireNonNull(lastPhase1Iv);
            if (initiatorCookie.length() != 8) {
                throw new IllegalArgumentException("an initiator cookie has 8 bytes");
            }
            if (encryptionKey.isEmpty() && skeyidE.isEmpty()) {
                throw new IllegalArgumentException("an IKEv1 key needs the encryption key or SKEYID_e");
            }
        }
    }

    /**
     * An IKE SA's keys (RFC 7296 section 2.14), and the suite when the source names it (else the
     * decoder takes it from the IKE_SA_INIT response in the capture).
     */
    public record Ikev2Key(Bytes spiI, Bytes spiR, Optional<SkSuite> suite, SkKeys initiator, SkKeys responder,
            String origin) {
        public Ikev2Key {
            Objects.requireNonNull(origin);
            if (spiI.length() != 8 || spiR.length() != 8) {
                throw new IllegalArgumentException("IKE SPIs have 8 bytes");
            }
        }
    }

    private static final Pattern CHARON_LINE = Pattern.compile("\\d+\\[(IKE|CFG|NET|ENC|CHD|KNL|LIB|JOB|DMN|MGR)\\] ");
    private static final Pattern PLUTO_LINE = Pattern.compile("^(?:.*: )?\\| ");

    /** No keys: the decoder shows what is in the clear and says why the rest is not. */
    public static KeySources none() {
        return new KeySources(List.of(), List.of(), List.of(), List.of());
    }

    /** Rows of Wireshark's tables. */
    public static KeySources of(List<? extends KeyTableEntry> rows, String origin) {
        List<Ikev1Key> v1 = new ArrayList<>();
        List<Ikev2Key> v2 = new ArrayList<>();
        List<KeyTableEntry.EspSa> esp = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        // a table names the same few algorithm pairs on every row: each pair looked up once
        Map<List<String>, Optional<SkSuite>> suites = new HashMap<>();
        for (KeyTableEntry row : rows) {
            switch (row) {
                case KeyTableEntry.Ikev1 r -> v1.add(new Ikev1Key(r.initiatorCookie(), Optional.of(r.encryptionKey()),
                        Optional.empty(), origin));
                case KeyTableEntry.Ikev2 r -> {
                    Optional<SkSuite> suite = suites.computeIfAbsent(List.of(r.encryption(), r.integrity()),
                            k -> Algorithms.fromWireshark(r.encryption(), r.integrity()));
                    if (suite.isEmpty()) {
                        notes.add(origin + ": IKE SA " + r.spiI().hex() + "/" + r.spiR().hex() + ": algorithms \""
                                + r.encryption() + "\" / \"" + r.integrity() + "\" not known to ike4j; the capture's"
                                + " IKE_SA_INIT response decides");
                    }
                    v2.add(new Ikev2Key(r.spiI(), r.spiR(), suite, new SkKeys(r.skEi(), r.skAi()),
                            new SkKeys(r.skEr(), r.skAr()), origin));
                }
                case KeyTableEntry.EspSa r -> esp.add(r);
            }
        }
        return new KeySources(v1, v2, esp, notes);
    }

    /** This source's keys and the other's. */
    public KeySources plus(KeySources other) {
        return new KeySources(concat(ikev1, other.ikev1), concat(ikev2, other.ikev2), concat(esp, other.esp),
                concat(notes, other.notes));
    }

    /**
     * Reads one file of any supported kind, told by its content: a charon log (lines like
     * {@code 07[IKE] ...}), a pluto log (debug lines starting {@code | }), or a Wireshark table
     * (which of the three by its columns).
     *
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException when it is none of these, naming the file and the line
     */
    public static KeySources load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            return loadDirectory(file);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        String name = file.toString();
        // the character tests first: a key table of thousands of rows has neither, and the
        // patterns' scans of every line were a tenth of decoding a large capture
        long charon = lines.stream().filter(l -> l.contains("] ") && CHARON_LINE.matcher(l).find()).count();
        long pluto = lines.stream().filter(l -> l.contains("| ") && PLUTO_LINE.matcher(l).find()).count();
        if (charon > 0 && charon >= pluto) {
            return fromCharon(CharonLog.extract(lines), name);
        }
        if (pluto > 0) {
            return fromPluto(PlutoLog.extract(lines), lines, name);
        }
        return fromTable(lines, name);
    }

    /**
     * A key log directory, as {@code ike4j daemon --keylog DIR} or a Wireshark profile holds it:
     * whichever of {@code ikev1_decryption_table}, {@code ikev2_decryption_table} and
     * {@code esp_sa} it contains.
     */
    public static KeySources loadDirectory(Path dir) throws IOException {
        KeySources all = none();
        boolean any = false;
        for (String table : List.of("ikev1_decryption_table", "ikev2_decryption_table", "esp_sa")) {
            Path f = dir.resolve(table);
            if (Files.isRegularFile(f)) {
                all = all.plus(load(f));
                any = true;
            }
        }
        if (!any) {
            throw new IllegalArgumentException(dir + ": a directory without ikev1_decryption_table,"
                    + " ikev2_decryption_table or esp_sa");
        }
        return all;
    }

    static KeySources fromCharon(CharonLog.Keys keys, String origin) {
        List<Ikev1Key> v1 = new ArrayList<>();
        List<Ikev2Key> v2 = new ArrayList<>();
        List<KeyTableEntry.EspSa> esp = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (CharonLog.Ikev1Sa sa : keys.ikev1()) {
            v1.add(new Ikev1Key(sa.initiatorCookie(), Optional.of(sa.encryptionKey()), sa.skeyidE(),
                    origin + ":" + sa.line()));
        }
        for (CharonLog.Ikev2Sa sa : keys.ikev2()) {
            v2.add(new Ikev2Key(sa.spiI(), sa.spiR(), Algorithms.fromCharon(sa.encryption(), sa.integrity()),
                    new SkKeys(sa.skEi(), sa.skAi()), new SkKeys(sa.skEr(), sa.skAr()), origin + ":" + sa.line()));
        }
        for (CharonLog.ChildSa child : keys.children()) {
            child.tableEntry().ifPresent(esp::add);
        }
        keys.problems().forEach(p -> notes.add(origin + ": " + p));
        notes.add(origin + ": charon log: " + v1.size() + " IKEv1 and " + v2.size() + " IKEv2 SA keys, "
                + esp.size() + " ESP SAs");
        return new KeySources(v1, v2, esp, notes);
    }

    private static final Pattern LAST_PHASE1_IV = Pattern.compile("\\| last Phase 1 IV:\\s*((?:[0-9a-fA-F]{2}\\s*)+)$");

    static KeySources fromPluto(PlutoLog.Keys keys, List<String> lines, String origin) {
        List<Ikev1Key> v1 = new ArrayList<>();
        List<PlutoLog.Phase1> phase1 = keys.phase1();
        for (int k = 0; k < phase1.size(); k++) {
            PlutoLog.Phase1 p = phase1.get(k);
            // the first "last Phase 1 IV" after this key and before the next one's (one ISAKMP SA's log)
            int from = p.line();
            int to = k + 1 < phase1.size() ? phase1.get(k + 1).line() - 1 : lines.size();
            Optional<Bytes> iv = Optional.empty();
            for (int i = from; i < to && iv.isEmpty(); i++) {
                java.util.regex.Matcher m = LAST_PHASE1_IV.matcher(lines.get(i));
                if (m.find()) {
                    iv = Optional.of(Bytes.fromHex(m.group(1).replaceAll("\\s", "")));
                }
            }
            v1.add(new Ikev1Key(p.initiatorCookie(), Optional.of(p.encryptionKey()), Optional.empty(), iv,
                    origin + ":" + p.line()));
        }
        // Libreswan 4.x: IKE SA keys as tcpdump lines; the suite comes from the capture
        List<Ikev2Key> v2 = new ArrayList<>();
        for (PlutoLog.Ikev2 k : keys.ikev2()) {
            v2.add(new Ikev2Key(k.spiI(), k.spiR(), Optional.empty(), new SkKeys(k.skEi(), k.skAi()),
                    new SkKeys(k.skEr(), k.skAr()), origin + ":" + k.line()));
        }
        List<String> notes = new ArrayList<>();
        for (Bytes cookie : keys.cookiesWithoutKey()) {
            notes.add(origin + ": ISAKMP SA " + cookie.hex() + ": pluto logged its cookie but no enc key"
                    + " (Libreswan keeps IKEv1 keys inside NSS and never prints them)");
        }
        notes.add(origin + ": pluto log: " + v1.size() + " ISAKMP SA keys (ICOOKIE and enc key), " + v2.size()
                + " IKEv2 SA keys (ikev2 I/R lines)");
        return new KeySources(v1, v2, List.of(), notes);
    }

    static KeySources fromTable(List<String> lines, String origin) {
        List<KeyTableEntry> rows = new ArrayList<>();
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String table = tableOf(line);
            if (table == null) {
                throw new IllegalArgumentException(origin + ":" + number + ": neither a charon or pluto log nor a"
                        + " row of Wireshark's ikev1_decryption_table, ikev2_decryption_table or esp_sa");
            }
            try {
                rows.add(WiresharkKeyTables.parse(table, line));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException(origin + ":" + number + ": " + table + ": " + e.getMessage(), e);
            }
        }
        KeySources s = of(rows, origin);
        return s.plus(new KeySources(List.of(), List.of(), List.of(), List.of(origin + ": Wireshark table: "
                + s.ikev1().size() + " IKEv1, " + s.ikev2().size() + " IKEv2, " + s.esp().size() + " ESP rows")));
    }

    /** Which table a line belongs to, by its columns; null when none. */
    private static String tableOf(String line) {
        // the fields by the positions of their commas (a split per row was most of reading a large table)
        int commas = 0;
        int first = -1;
        int second = -1;
        for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
            if (commas == 0) {
                first = i;
            } else if (commas == 1) {
                second = i;
            }
            commas++;
        }
        int fields = commas + 1;
        if (fields < 2) {
            return null;
        }
        String f0 = line.substring(0, first).strip();
        if (fields == 2 && spi(f0)) {
            return "ikev1_decryption_table";
        }
        if (fields >= 8 && spi(f0) && spi(line.substring(first + 1, second).strip())) {
            return "ikev2_decryption_table";
        }
        if (fields >= 8 && (f0.equals("\"IPv4\"") || f0.equals("\"IPv6\""))) {
            return "esp_sa";
        }
        return null;
    }

    /** Eight bytes in hex: a cookie or an IKEv2 SPI. */
    private static boolean spi(String s) {
        if (s.length() != 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

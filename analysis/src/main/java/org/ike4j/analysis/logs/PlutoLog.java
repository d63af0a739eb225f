package org.ike4j.analysis.logs;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkNames;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.wire.Bytes;

/**
 * Keys from the debug log of pluto, the IKE daemon of strongSwan 4.x, Openswan and Libreswan, run
 * with {@code plutodebug=all}. Debug lines start with {@code "| "}; pluto dumps bytes as a label line
 * ({@code | enc key: 82 0f df 71 ...}, or {@code | KEYMAT computed:} alone) followed by lines of
 * bare hex ({@code | d2 85 de f5 ...}). This replaces the grep/sed pipeline of the project's seed
 * document: {@code grep ICOOKIE}, then joining the two "enc key" lines by hand.
 *
 * <p>What is taken: the initiator cookie ({@code ICOOKIE}, with {@code RCOOKIE}), the Phase 1
 * encryption key ({@code enc key}: the cipher key derived from SKEYID_e, RFC 2409 appendix B,
 * which Wireshark's IKEv1 table wants), {@code skeyid_e}, and Quick Mode's KEYMAT (RFC 2409 section
 * 5.5) with the SPIs of the SAD entries that pluto installs next.
 *
 * <h2>Libreswan 4.x</h2>
 * Libreswan 4.10 ({@code plutodebug="all crypt private"}) logs differently, as checked against a
 * real 4.10 pluto (test resources {@code pluto-4.10-*.log}):
 * <ul>
 * <li>Hex dumps carry an ASCII column after the hex ({@code |   9a 4b 8a ec  9e b3 31 fd   .K....1.});
 *     it is cut off at the first run of three spaces.
 * <li>The initiator cookie is dumped as {@code ICOOKIE-DUMP:}.
 * <li>IKEv1 keys live in NSS and are never printed: no {@code enc key}, no SKEYID_e, no g^xy. An
 *     ISAKMP SA's cookie is therefore listed in {@link Keys#cookiesWithoutKey()}, so that the
 *     decoder can say why it cannot decrypt it.
 * <li>For IKEv2, with {@code private}, pluto prints each IKE SA's keys in tcpdump's {@code -E}
 *     spelling, one line per direction:
 *     {@code ikev2 I 0xSPIi 0xSPIr INTEG:0xSK_ai ENC:0xSK_ei} and {@code ikev2 R ... SK_ar ... SK_er}
 *     (RFC 7296 section 2.14); these become {@link Ikev2} entries. With an AEAD the line reads
 *     {@code none: aes_gcm_16256:0xKEY} and the key lacks its salt, which comes from the
 *     {@code Salt before authenticated decryption/encryption:} dumps.
 * </ul>
 */
public final class PlutoLog {

    private static final Pattern LABEL = Pattern.compile("^([A-Za-z][^:|]*?):\\s*((?:[0-9a-fA-F]{2}\\s*)*)$");
    private static final Pattern HEX_ONLY = Pattern.compile("^(?:[0-9a-fA-F]{2}\\s*)+$");
    /** Libreswan's hex dump line: up to 16 bytes in groups of four, then three spaces and the ASCII column. */
    private static final Pattern HEX_WITH_ASCII = Pattern.compile("^((?:[0-9a-fA-F]{2} {1,2}){0,15}[0-9a-fA-F]{2})(?: {3,}.*)?$");
    /** Libreswan's IKEv2 key line in tcpdump's -E spelling: direction, SPIs, integrity and encryption keys. */
    private static final Pattern IKEV2_KEYS = Pattern.compile(
            "^ikev2 ([IR]) 0x([0-9a-fA-F]{16}) 0x([0-9a-fA-F]{16}) ([\\w-]+):(?:0x([0-9a-fA-F]*))? ([\\w-]+):0x([0-9a-fA-F]+)$");
    /** Where Libreswan starts an IKE SA's key derivation (its AEAD salts are dumped after this). */
    private static final String SKEYSEED = "calculating skeyseed";
    /** Libreswan's dumps of an AEAD salt (RFC 5282 section 7.1) right before it opens or seals a message. */
    private static final String SALT_DECRYPT = "Salt before authenticated decryption";
    private static final String SALT_ENCRYPT = "Salt before authenticated encryption";
    private static final Pattern SAD_ENTRY = Pattern.compile("adding SAD entry with SPI ([0-9a-fA-F]{8})");
    private static final Pattern KEY_SIZE = Pattern.compile("using (encryption|integrity) algorithm (\\S+) with key size (\\d+)");
    private static final HexFormat HEX = HexFormat.of();

    /**
     * An ISAKMP SA's Phase 1 encryption key with its cookies.
     *
     * @param responderCookie the cookie pluto printed with it, or empty
     * @param line 1-based line of the key's dump
     */
    public record Phase1(Bytes initiatorCookie, Bytes responderCookie, Secret encryptionKey, int line) {

        /** The row for Wireshark's {@code ikev1_decryption_table}. */
        public KeyTableEntry.Ikev1 tableEntry() {
            return new KeyTableEntry.Ikev1(initiatorCookie, encryptionKey);
        }
    }

    /**
     * One direction of a Quick Mode SA: its KEYMAT (encryption key then integrity key), the SPI,
     * and the key sizes pluto printed when it installed it (0 when it did not).
     *
     * @param inbound true for pluto's own SPI ("KEYMAT computed"), false for the peer's ("Peer KEYMAT")
     */
    public record Phase2(long spi, boolean inbound, Secret keymat, String encryption, int encryptionKeyBits,
            String integrity, int integrityKeyBits, int line) {

        /** The encryption key: the first {@code encryptionKeyBits / 8} bytes of KEYMAT. */
        public Optional<Secret> encryptionKey() {
            int n = encryptionKeyBits / 8;
            return encryptionKeyBits == 0 || n > keymat.length() ? Optional.empty() : Optional.of(keymat.slice(0, n));
        }

        /**
         * The row of Wireshark's {@code esp_sa} table. pluto does not print the SA's addresses
         * next to its keys, so the caller names them (for an inbound SA the source is the peer).
         * Empty when the key sizes are unknown or Wireshark 4.0 cannot decrypt the algorithms.
         */
        public Optional<KeyTableEntry.EspSa> tableEntry(String source, String destination) {
            Optional<String> e = switch (encryption) {
                case "AES_CBC" -> cipher("AES_CBC_" + encryptionKeyBits);
                case "3DES_CBC", "3DES" -> cipher("DES3_CBC");
                case "AES_CTR" -> cipher("AES_CTR_" + (encryptionKeyBits - 32));   // key bits include the nonce
                default -> Optional.empty();
            };
            Optional<String> i = integrityAlgorithm().flatMap(WiresharkNames::espAuthentication);
            Optional<Secret> ek = encryptionKey();
            Optional<Secret> ik = integrityKey();
            if (e.isEmpty() || i.isEmpty() || ek.isEmpty() || ik.isEmpty()) {
                return Optional.empty();
            }
            String protocol = source.contains(":") ? "IPv6" : "IPv4";
            return Optional.of(new KeyTableEntry.EspSa(protocol, source, destination, spi, e.get(), ek.get(), i.get(),
                    ik.get()));
        }

        private static Optional<String> cipher(String name) {
            try {
                return WiresharkNames.espEncryption(CipherAlgorithm.valueOf(name));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
        }

        private Optional<IntegrityAlgorithm> integrityAlgorithm() {
            try {
                return Optional.of(IntegrityAlgorithm.valueOf(integrity));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
        }

        /** The integrity key: the {@code integrityKeyBits / 8} bytes after the encryption key. */
        public Optional<Secret> integrityKey() {
            int from = encryptionKeyBits / 8;
            int to = from + integrityKeyBits / 8;
            return encryptionKeyBits == 0 || integrityKeyBits == 0 || to > keymat.length() ? Optional.empty()
                    : Optional.of(keymat.slice(from, to));
        }
    }

    /**
     * An IKE SA's keys as Libreswan prints them for tcpdump (RFC 7296 section 2.14): SK_ei/SK_ai
     * from the {@code ikev2 I} line, SK_er/SK_ar from the {@code ikev2 R} line. The algorithm names
     * are tcpdump's ({@code aes256}, {@code sha256}); the decoder takes the suite from the
     * capture's IKE_SA_INIT response.
     *
     * @param line 1-based line of the {@code ikev2 I} line
     */
    public record Ikev2(Bytes spiI, Bytes spiR, Secret skEi, Secret skAi, Secret skEr, Secret skAr, String encryption,
            String integrity, int line) {
    }

    /**
     * Everything found, in log order. {@code skeyidE} dumps are kept for checks, Wireshark does not
     * take them.
     *
     * @param cookiesWithoutKey initiator cookies pluto dumped with no {@code enc key} for them
     *     (Libreswan 4.x, whose IKEv1 keys stay inside NSS)
     */
    public record Keys(List<Phase1> phase1, List<Secret> skeyidE, List<Phase2> phase2, List<Ikev2> ikev2,
            List<Bytes> cookiesWithoutKey) {

        /** The keys of strongSwan 4.x / Openswan pluto logs, which have no IKEv2 lines. */
        public Keys(List<Phase1> phase1, List<Secret> skeyidE, List<Phase2> phase2) {
            this(phase1, skeyidE, phase2, List.of(), List.of());
        }
    }

    private record Dump(String label, byte[] bytes, int line) {
    }

    /**
     * An IKEv1 message as pluto saw it in the clear next to its cipher (Libreswan with
     * {@code crypt} debugging): a message it received and decrypted ({@code decrypted payload}:
     * the whole message, ISAKMP header first, then the payloads and any padding), or one it is
     * about to encrypt ({@code encrypting:}: the payload chain, before padding). No key is needed
     * to read these: they let a decoder's plaintext be checked against the peer's own.
     *
     * @param received true for a message pluto decrypted, false for one it encrypted
     * @param line 1-based line of the dump's label
     */
    public record Plaintext(boolean received, Bytes bytes, int line) {

        /** The payload chain: after the 28-byte ISAKMP header (RFC 2408 section 3.1) of a received message. */
        public byte[] payloadChain() {
            byte[] all = bytes.toByteArray();
            return received ? java.util.Arrays.copyOfRange(all, Math.min(28, all.length), all.length) : all;
        }
    }

    /** The IKEv1 plaintexts pluto dumped, in log order; see {@link Plaintext}. */
    public static List<Plaintext> plaintexts(List<String> lines) {
        List<Plaintext> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String body = debugBody(lines.get(i));
            if (body == null) {
                continue;
            }
            boolean received = body.startsWith("decrypted payload (starts at offset");
            if (!received && !body.equals("encrypting:")) {
                continue;
            }
            StringBuilder hex = new StringBuilder();
            for (int j = i + 1; j < lines.size(); j++) {
                String next = dumpHex(debugBody(lines.get(j)));
                if (next == null) {
                    break;
                }
                hex.append(next);
            }
            if (!hex.isEmpty()) {
                out.add(new Plaintext(received, Bytes.fromHex(hex.toString()), i + 1));
            }
        }
        return out;
    }

    private PlutoLog() {
    }

    /** Extracts the keys from the log's lines. */
    public static Keys extract(List<String> lines) {
        List<Dump> dumps = new ArrayList<>();
        List<Integer> sadLines = new ArrayList<>();
        List<Long> sadSpis = new ArrayList<>();
        List<String[]> sizes = new ArrayList<>();   // {line, kind, algorithm, bits}
        List<String[]> ikev2Lines = new ArrayList<>();   // {line, I/R, SPIi, SPIr, integ, SK_a, enc, SK_e}
        List<Integer> skeyseedLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String body = debugBody(lines.get(i));
            if (body == null) {
                continue;
            }
            Matcher sad = SAD_ENTRY.matcher(body);
            if (sad.find()) {
                sadLines.add(i);
                sadSpis.add(Long.parseLong(sad.group(1), 16));
            }
            Matcher size = KEY_SIZE.matcher(body);
            if (size.find()) {
                sizes.add(new String[] {Integer.toString(i), size.group(1), size.group(2), size.group(3)});
            }
            Matcher v2 = IKEV2_KEYS.matcher(body);
            if (v2.matches()) {
                ikev2Lines.add(new String[] {Integer.toString(i + 1), v2.group(1), v2.group(2), v2.group(3),
                        v2.group(4), v2.group(5) == null ? "" : v2.group(5), v2.group(6), v2.group(7)});
                continue;
            }
            if (body.startsWith(SKEYSEED)) {
                skeyseedLines.add(i + 1);
            }
            Matcher label = LABEL.matcher(body);
            if (!label.matches()) {
                continue;
            }
            StringBuilder hex = new StringBuilder(label.group(2).replaceAll("\\s", ""));
            int j = i + 1;
            while (j < lines.size()) {
                String next = dumpHex(debugBody(lines.get(j)));
                if (next == null) {
                    break;
                }
                hex.append(next);
                j++;
            }
            if (hex.length() > 0) {
                dumps.add(new Dump(label.group(1).strip(), HEX.parseHex(hex.toString().toLowerCase(Locale.ROOT)), i + 1));
            }
        }
        List<Phase1> phase1 = phase1(dumps);
        return new Keys(phase1, skeyidE(dumps), phase2(dumps, sadLines, sadSpis, sizes),
                ikev2(ikev2Lines, skeyseedLines, dumps), cookiesWithoutKey(dumps, phase1));
    }

    /**
     * The bytes of a dump continuation line as hex without spaces, or null when it is not one:
     * bare hex (strongSwan 4.x pluto), or hex followed by Libreswan's ASCII column.
     */
    private static String dumpHex(String body) {
        if (body == null) {
            return null;
        }
        if (HEX_ONLY.matcher(body).matches()) {
            return body.replaceAll("\\s", "");
        }
        Matcher m = HEX_WITH_ASCII.matcher(body);
        return m.matches() ? m.group(1).replaceAll("\\s", "") : null;
    }

    /**
     * Pairs each {@code ikev2 I} line with the next {@code ikev2 R} line of the same SPIs. With an
     * AEAD (integrity {@code none}) Libreswan prints SK_e without its 4-byte salt, which it keeps
     * apart and dumps before each seal and open; SK_e here is key and salt, as RFC 5282 section 7.1
     * and Wireshark's table have it. The initiator's salt is the first one dumped after the SA's
     * key derivation (it protects IKE_AUTH's request, whichever end pluto is); the responder's is
     * the first one after that of the other kind (pluto opens with one and seals with the other).
     */
    private static List<Ikev2> ikev2(List<String[]> found, List<Integer> skeyseedLines, List<Dump> dumps) {
        List<Ikev2> out = new ArrayList<>();
        for (int k = 0; k < found.size(); k++) {
            String[] in = found.get(k);
            if (!in[1].equals("I")) {
                continue;
            }
            for (int r = k + 1; r < found.size(); r++) {
                String[] re = found.get(r);
                if (re[1].equals("R") && re[2].equalsIgnoreCase(in[2]) && re[3].equalsIgnoreCase(in[3])) {
                    Secret skEi = secret(in[7]);
                    Secret skEr = secret(re[7]);
                    if (in[4].equalsIgnoreCase("none") && in[5].isEmpty()) {
                        List<Dump> salts = salts(Integer.parseInt(in[0]), skeyseedLines, dumps);
                        if (salts.size() < 2) {
                            break;   // an AEAD key without its salts decrypts nothing
                        }
                        skEi = skEi.concat(Secret.wrap(salts.get(0).bytes()));
                        skEr = skEr.concat(Secret.wrap(salts.get(1).bytes()));
                    }
                    out.add(new Ikev2(Bytes.fromHex(in[2]), Bytes.fromHex(in[3]), skEi, secret(in[5]), skEr,
                            secret(re[5]), in[6], in[4], Integer.parseInt(in[0])));
                    break;
                }
            }
        }
        return out;
    }

    /** The initiator's and the responder's AEAD salt of the IKE SA whose keys are printed at {@code keyLine}. */
    private static List<Dump> salts(int keyLine, List<Integer> skeyseedLines, List<Dump> dumps) {
        int from = 0;
        for (int line : skeyseedLines) {
            if (line < keyLine) {
                from = line;
            }
        }
        Dump initiator = null;
        for (Dump d : dumps) {
            if (d.line() <= from || d.bytes().length != 4
                    || !(d.label().equals(SALT_DECRYPT) || d.label().equals(SALT_ENCRYPT))) {
                continue;
            }
            if (initiator == null) {
                initiator = d;
            } else if (!d.label().equals(initiator.label())) {
                return List.of(initiator, d);
            }
        }
        return List.of();
    }

    private static Secret secret(String hex) {
        return Secret.wrap(HEX.parseHex(hex.toLowerCase(Locale.ROOT)));
    }

    /** Initiator cookies dumped in the log for which no {@code enc key} was found, each once. */
    private static List<Bytes> cookiesWithoutKey(List<Dump> dumps, List<Phase1> keyed) {
        List<Bytes> out = new ArrayList<>();
        for (Dump d : dumps) {
            if (isCookie(d, "ICOOKIE")) {
                Bytes cookie = Bytes.of(d.bytes());
                if (!out.contains(cookie) && keyed.stream().noneMatch(p -> p.initiatorCookie().equals(cookie))) {
                    out.add(cookie);
                }
            }
        }
        return out;
    }

    private static List<Phase1> phase1(List<Dump> dumps) {
        List<Phase1> found = new ArrayList<>();
        for (int k = 0; k < dumps.size(); k++) {
            Dump d = dumps.get(k);
            if (!d.label().equals("enc key")) {
                continue;
            }
            // the cookie pluto printed last before deriving the keys; else the first one after
            Dump cookie = null;
            for (int b = k - 1; b >= 0 && cookie == null; b--) {
                cookie = isCookie(dumps.get(b), "ICOOKIE") ? dumps.get(b) : null;
            }
            for (int a = k + 1; a < dumps.size() && cookie == null; a++) {
                cookie = isCookie(dumps.get(a), "ICOOKIE") ? dumps.get(a) : null;
            }
            if (cookie == null) {
                continue;
            }
            Bytes responder = Bytes.EMPTY;
            int at = dumps.indexOf(cookie);
            if (at + 1 < dumps.size() && isCookie(dumps.get(at + 1), "RCOOKIE")) {
                responder = Bytes.of(dumps.get(at + 1).bytes());
            }
            found.add(new Phase1(Bytes.of(cookie.bytes()), responder, Secret.wrap(d.bytes()), d.line()));
        }
        return found;
    }

    /** {@code ICOOKIE} (strongSwan 4.x pluto) or Libreswan's {@code ICOOKIE-DUMP}; likewise RCOOKIE. */
    private static boolean isCookie(Dump d, String label) {
        return (d.label().equals(label) || d.label().equals(label + "-DUMP")) && d.bytes().length == 8;
    }

    private static List<Secret> skeyidE(List<Dump> dumps) {
        return dumps.stream().filter(d -> d.label().equalsIgnoreCase("skeyid_e")).map(d -> Secret.wrap(d.bytes()))
                .toList();
    }

    private static List<Phase2> phase2(List<Dump> dumps, List<Integer> sadLines, List<Long> sadSpis,
            List<String[]> sizes) {
        List<Phase2> found = new ArrayList<>();
        for (int k = 0; k < dumps.size(); k++) {
            Dump ours = dumps.get(k);
            if (!ours.label().equals("KEYMAT computed") || k + 1 >= dumps.size()
                    || !dumps.get(k + 1).label().equals("Peer KEYMAT computed")) {
                continue;
            }
            Dump peer = dumps.get(k + 1);
            // pluto installs the inbound SA (its own SPI, its own KEYMAT) first, then the outbound
            int first = -1;
            for (int s = 0; s < sadLines.size(); s++) {
                if (sadLines.get(s) > peer.line() - 1) {
                    first = s;
                    break;
                }
            }
            if (first < 0 || first + 1 >= sadLines.size()) {
                continue;
            }
            found.add(direction(sadSpis.get(first), true, ours, sadLines.get(first), sizes));
            found.add(direction(sadSpis.get(first + 1), false, peer, sadLines.get(first + 1), sizes));
        }
        return found;
    }

    private static Phase2 direction(long spi, boolean inbound, Dump keymat, int sadLine, List<String[]> sizes) {
        String encryption = "";
        String integrity = "";
        int encryptionBits = 0;
        int integrityBits = 0;
        for (String[] size : sizes) {
            int line = Integer.parseInt(size[0]);
            // the "using ... with key size" lines right after this SAD entry
            if (line > sadLine && line <= sadLine + 3) {
                if (size[1].equals("encryption")) {
                    encryption = size[2];
                    encryptionBits = Integer.parseInt(size[3]);
                } else {
                    integrity = size[2];
                    integrityBits = Integer.parseInt(size[3]);
                }
            }
        }
        return new Phase2(spi, inbound, Secret.wrap(keymat.bytes()), encryption, encryptionBits, integrity,
                integrityBits, keymat.line());
    }

    /** The text after pluto's debug prefix {@code "| "} (after any syslog prefix), or null. */
    private static String debugBody(String line) {
        int bar = line.startsWith("|") ? 0 : line.indexOf(": | ");
        if (bar < 0) {
            return null;
        }
        int from = line.startsWith("|") ? 1 : bar + 3;
        return line.substring(from).strip();
    }
}

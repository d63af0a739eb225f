package org.ike4j.analysis.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkNames;
import org.ike4j.analysis.logs.CharonDumps.Entry;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.wire.Bytes;

/**
 * Keys from strongSwan charon's log (5.9; {@code ike} at level 4 for the IKE keys, {@code cfg} at
 * level 2 or more for the selected proposal that names their algorithms).
 *
 * <p>IKEv2 (RFC 7296 section 2.14): the {@code Sk_ei/Sk_er/Sk_ai/Sk_ar secret} dumps (no
 * {@code Sk_ai/Sk_ar} with an AEAD cipher, RFC 5282 section 7). charon does
 * not print the SPIs next to them, but it dumps the NAT-D input just before
 * ({@code natd_chunk}: SPIi | SPIr | IP | port, RFC 7296 section 2.23), which gives both SPIs.
 *
 * <p>IKEv1 (RFC 2409): {@code encryption key Ka} (the cipher key Wireshark's IKEv1 table wants)
 * and {@code SKEYID_e}; the cookies come from the IKEv1 NAT-D input the same way (RFC 3947
 * section 3.2: CKY-I | CKY-R | IP | port).
 *
 * <p>SAs are told apart by charon's unique IKE SA number ({@code <conn|N>}, or {@code <N>} before
 * the responder knows the connection).
 */
public final class CharonLog {

    private static final Pattern IKE_PROPOSAL = Pattern.compile("selected proposal: IKE:(\\S+)");

    /**
     * An IKEv2 SA's keys.
     *
     * @param encryption charon's name of the encryption algorithm ({@code AES_CBC_128}), or empty
     * @param integrity charon's integrity name ({@code HMAC_SHA2_256_128}), or empty (AEAD)
     */
    public record Ikev2Sa(int ikeSa, Bytes spiI, Bytes spiR, Secret skEi, Secret skEr, Secret skAi, Secret skAr,
            String encryption, String integrity, int line) {

        /**
         * The row of Wireshark's {@code ikev2_decryption_table}; empty when the algorithms are not
         * known from the log or Wireshark 4.0 cannot decrypt them.
         */
        public Optional<KeyTableEntry.Ikev2> tableEntry() {
            Optional<String> e = wiresharkEncryption(encryption);
            Optional<String> i = integrity.isEmpty() ? Optional.of(WiresharkNames.IKEV2_NO_INTEGRITY)
                    : enumOf(IntegrityAlgorithm.class, integrity).flatMap(WiresharkNames::ikev2Integrity);
            if (e.isEmpty() || i.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new KeyTableEntry.Ikev2(spiI, spiR, skEi, skEr, e.get(), skAi, skAr, i.get()));
        }
    }

    /** An IKEv1 SA's keys: the cookies, {@code encryption key Ka} and {@code SKEYID_e}. */
    public record Ikev1Sa(int ikeSa, Bytes initiatorCookie, Bytes responderCookie, Secret encryptionKey,
            Optional<Secret> skeyidE, int line) {

        /** The row of Wireshark's {@code ikev1_decryption_table}. */
        public KeyTableEntry.Ikev1 tableEntry() {
            return new KeyTableEntry.Ikev1(initiatorCookie, encryptionKey);
        }
    }

    /**
     * One direction of a CHILD_SA (ESP) from the {@code chd} level 4 dumps (RFC 7296 section 2.17:
     * the "initiator" keys protect traffic from the CHILD_SA's initiator), with the addresses charon
     * prints when it installs it ({@code SPI 0x..., src A dst B}).
     *
     * @param encryption charon's name from the selected ESP proposal ({@code AES_CBC_128}), or empty
     * @param integrity charon's integrity name, or empty (AEAD)
     */
    public record ChildSa(int ikeSa, long spi, String source, String destination, Secret encryptionKey,
            Secret integrityKey, String encryption, String integrity, int line) {

        /** The row of Wireshark's {@code esp_sa} table; empty when Wireshark 4.0 cannot decrypt it. */
        public Optional<KeyTableEntry.EspSa> tableEntry() {
            Optional<String> e;
            if (encryption.equals("3DES_CBC")) {
                e = WiresharkNames.espEncryption(CipherAlgorithm.DES3_CBC);
            } else {
                e = enumOf(CipherAlgorithm.class, encryption).flatMap(WiresharkNames::espEncryption)
                        .or(() -> enumOf(AeadAlgorithm.class, encryption).flatMap(WiresharkNames::espEncryption));
            }
            Optional<String> i = integrity.isEmpty() ? Optional.of(WiresharkNames.ESP_NULL)
                    : enumOf(IntegrityAlgorithm.class, integrity).flatMap(WiresharkNames::espAuthentication);
            if (e.isEmpty() || i.isEmpty()) {
                return Optional.empty();
            }
            String protocol = source.contains(":") ? "IPv6" : "IPv4";
            return Optional.of(new KeyTableEntry.EspSa(protocol, source, destination, spi, e.get(), encryptionKey,
                    i.get(), integrityKey));
        }
    }

    /** What one log gave, in log order; {@code problems} says what was found but could not be completed. */
    public record Keys(List<Ikev2Sa> ikev2, List<Ikev1Sa> ikev1, List<ChildSa> children, List<String> problems) {
    }

    private static final Pattern ESP_PROPOSAL = Pattern.compile("selected proposal: ESP:(\\S+)");
    private static final Pattern PARSED = Pattern.compile("^parsed \\S+ (request|response) ");
    private static final Pattern CHILD_SPI = Pattern.compile("^\\s*SPI 0x([0-9a-f]{8}), src (\\S+) dst (\\S+)");
    private static final List<String> CHILD_KEYS = List.of("encryption initiator key", "encryption responder key",
            "integrity initiator key", "integrity responder key");

    private CharonLog() {
    }

    /** Extracts the keys from the log's lines. */
    public static Keys extract(List<String> lines) {
        List<Entry> entries = CharonDumps.parse(lines);
        Map<Integer, Entry> lastNatd = new HashMap<>();
        Map<Integer, String> proposal = new HashMap<>();
        Map<Integer, Map<String, Entry>> open = new HashMap<>();
        List<Ikev2Sa> v2 = new ArrayList<>();
        List<Ikev1Sa> v1 = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<ChildSa> children = new ArrayList<>();
        Map<Integer, String> espProposal = new HashMap<>();
        Map<Integer, Boolean> lastParsedWasResponse = new HashMap<>();
        Map<Integer, Map<String, Entry>> childKeys = new HashMap<>();
        Map<Integer, Integer> spisSinceKeys = new HashMap<>();
        for (Entry e : entries) {
            int sa = e.ikeSa();
            if (e.bytes() == null) {
                Matcher p = IKE_PROPOSAL.matcher(e.label());
                if (p.find()) {
                    proposal.put(sa, p.group(1));
                }
                Matcher esp = ESP_PROPOSAL.matcher(e.label());
                if (esp.find()) {
                    espProposal.put(sa, esp.group(1));
                }
                Matcher parsed = PARSED.matcher(e.label());
                if (parsed.find()) {
                    lastParsedWasResponse.put(sa, parsed.group(1).equals("response"));
                }
                Matcher spi = CHILD_SPI.matcher(e.label());
                Map<String, Entry> ck = childKeys.get(sa);
                if (spi.find() && ck != null && ck.keySet().containsAll(CHILD_KEYS.subList(0, 2))) {
                    boolean inbound = spisSinceKeys.merge(sa, 1, Integer::sum) == 1;
                    children.add(child(sa, spi, ck, inbound, lastParsedWasResponse.getOrDefault(sa, true),
                            espProposal.getOrDefault(sa, ""), e.line()));
                }
                continue;
            }
            if (CHILD_KEYS.contains(e.label())) {
                if (e.label().equals(CHILD_KEYS.get(0))) {
                    childKeys.put(sa, new HashMap<>());   // a new CHILD_SA's keys begin
                    spisSinceKeys.put(sa, 0);
                }
                childKeys.computeIfAbsent(sa, k -> new HashMap<>()).put(e.label(), e);
                continue;
            }
            switch (e.label()) {
                case "natd_chunk" -> {
                    if (e.bytes().length >= 16) {
                        lastNatd.put(sa, e);
                    }
                }
                case "SKEYID_e", "Sk_ei secret", "Sk_er secret", "Sk_ai secret" ->
                        open.computeIfAbsent(sa, k -> new HashMap<>()).put(e.label(), e);
                case "Sk_ar secret" -> open.computeIfAbsent(sa, k -> new HashMap<>()).put(e.label(), e);
                case "encryption key Ka" -> {
                    Entry natd = lastNatd.get(sa);
                    Map<String, Entry> keys = open.getOrDefault(sa, Map.of());
                    if (natd == null) {
                        problems.add("line " + e.line() + ": IKEv1 key of IKE SA " + sa + " without a natd_chunk"
                                + " before it, so without cookies");
                        continue;
                    }
                    Optional<Secret> skeyidE = Optional.ofNullable(keys.get("SKEYID_e"))
                            .map(k -> Secret.wrap(k.bytes()));
                    v1.add(new Ikev1Sa(sa, Bytes.of(Arrays.copyOfRange(natd.bytes(), 0, 8)),
                            Bytes.of(Arrays.copyOfRange(natd.bytes(), 8, 16)), Secret.wrap(e.bytes()), skeyidE,
                            e.line()));
                    open.remove(sa);
                }
                default -> {
                    // the other dumps (nonces, DH secret, AUTH octets, ...) are not table keys
                }
            }
            Map<String, Entry> keys = open.get(sa);
            // charon derives (and dumps) Sk_ai/Sk_ar before Sk_ei/Sk_er; with an AEAD cipher (RFC 5282
            // section 7) there are no integrity keys, so Sk_er completes the SA without them
            boolean aead = algorithms(proposal.getOrDefault(sa, ""))[1].isEmpty();
            if (keys != null && keys.keySet().containsAll(List.of("Sk_ei secret", "Sk_er secret"))
                    && (aead || keys.keySet().containsAll(List.of("Sk_ai secret", "Sk_ar secret")))) {
                open.remove(sa);
                Entry natd = lastNatd.get(sa);
                Entry ei = keys.get("Sk_ei secret");
                if (natd == null || isZero(natd.bytes(), 8, 16)) {
                    problems.add("line " + ei.line() + ": IKEv2 keys of IKE SA " + sa + " without a natd_chunk"
                            + " naming both SPIs before them (NAT-D off, or a rekeyed IKE SA)");
                    continue;
                }
                String[] algorithms = algorithms(proposal.getOrDefault(sa, ""));
                v2.add(new Ikev2Sa(sa, Bytes.of(Arrays.copyOfRange(natd.bytes(), 0, 8)),
                        Bytes.of(Arrays.copyOfRange(natd.bytes(), 8, 16)), Secret.wrap(ei.bytes()),
                        Secret.wrap(keys.get("Sk_er secret").bytes()), integrityKey(keys, "Sk_ai secret"),
                        integrityKey(keys, "Sk_ar secret"), algorithms[0], algorithms[1], ei.line()));
            }
        }
        return new Keys(List.copyOf(v2), List.copyOf(v1), List.copyOf(children), List.copyOf(problems));
    }

    /**
     * One SA of the pair just keyed. This charon initiated the exchange when the message it
     * parsed last was a response (the initiator derives CHILD_SA keys on the response, the
     * responder on the request). Traffic from the initiator uses the initiator keys, so an SA
     * whose source is this host uses them exactly when this host initiated; charon prints the
     * inbound SA (source: the peer) first.
     */
    private static ChildSa child(int sa, Matcher spi, Map<String, Entry> keys, boolean inbound, boolean initiator,
            String proposal, int line) {
        String source = spi.group(2);
        String destination = spi.group(3);
        boolean fromInitiator = inbound != initiator;
        String direction = fromInitiator ? "initiator" : "responder";
        Entry encryption = keys.get("encryption " + direction + " key");
        Entry integrity = keys.get("integrity " + direction + " key");
        String[] algorithms = algorithms(proposal);
        return new ChildSa(sa, Long.parseLong(spi.group(1), 16), source, destination, Secret.wrap(encryption.bytes()),
                integrity == null ? Secret.wrap(new byte[0]) : Secret.wrap(integrity.bytes()), algorithms[0],
                algorithms[1], line);
    }

    /** Encryption and integrity from {@code AES_CBC_128/HMAC_SHA2_256_128/PRF_.../group}. */
    /** An integrity key's dump; none (empty) with an AEAD cipher. */
    private static Secret integrityKey(Map<String, Entry> keys, String label) {
        Entry e = keys.get(label);
        return Secret.wrap(e == null ? new byte[0] : e.bytes());
    }

    private static String[] algorithms(String proposal) {
        String encryption = "";
        String integrity = "";
        for (String part : proposal.split("/")) {
            if (part.startsWith("PRF_") || part.isEmpty()) {
                continue;
            }
            if (encryption.isEmpty()) {
                encryption = part;
            } else if (integrity.isEmpty() && (part.startsWith("HMAC_") || part.startsWith("AES_XCBC")
                    || part.startsWith("AES_CMAC"))) {
                integrity = part;
            }
        }
        return new String[] {encryption, integrity};
    }

    private static Optional<String> wiresharkEncryption(String charonName) {
        if (charonName.equals("3DES_CBC")) {
            return WiresharkNames.ikev2Encryption(CipherAlgorithm.DES3_CBC);
        }
        Optional<CipherAlgorithm> cipher = enumOf(CipherAlgorithm.class, charonName);
        if (cipher.isPresent()) {
            return WiresharkNames.ikev2Encryption(cipher.get());
        }
        return enumOf(AeadAlgorithm.class, charonName).flatMap(WiresharkNames::ikev2Encryption);
    }

    private static <E extends Enum<E>> Optional<E> enumOf(Class<E> type, String name) {
        try {
            return Optional.of(Enum.valueOf(type, name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

package org.ike4j.daemon.format;

import java.util.Locale;
import java.util.Map;

/**
 * Algorithm and identity names as Junos prints them, from the engine's names
 * ({@code AES_CBC_128}, {@code HMAC_SHA1_96}, {@code MODP_1024}, {@code 0.0.0.0/0}).
 */
final class JunosNames {
    /** Diffie-Hellman group numbers (IANA "Transform Type 4" registry, RFC 7296 and RFC 3526). */
    private static final Map<String, Integer> DH_GROUPS = Map.ofEntries(
            Map.entry("MODP_768", 1), Map.entry("MODP_1024", 2), Map.entry("MODP_1536", 5),
            Map.entry("MODP_2048", 14), Map.entry("MODP_3072", 15), Map.entry("MODP_4096", 16),
            Map.entry("MODP_6144", 17), Map.entry("MODP_8192", 18), Map.entry("ECP_256", 19),
            Map.entry("ECP_384", 20), Map.entry("ECP_521", 21), Map.entry("MODP_1024_160", 22),
            Map.entry("MODP_2048_224", 23), Map.entry("MODP_2048_256", 24), Map.entry("ECP_192", 25),
            Map.entry("ECP_224", 26), Map.entry("CURVE25519", 31), Map.entry("CURVE448", 32));

    private JunosNames() {
    }

    private static String[] parts(String name) {
        return name.strip().toUpperCase(Locale.ROOT).replace('-', '_').split("_");
    }

    private static boolean numeric(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** IKE encryption, as in Junos proposals: {@code 3des-cbc}, {@code aes-128-cbc}. */
    static String ikeEncryption(String name) {
        if (name == null || name.isEmpty()) {
            return "-";
        }
        String[] p = parts(name);
        String last = p[p.length - 1];
        if (p.length >= 2 && numeric(last)) {
            StringBuilder sb = new StringBuilder(p[0].toLowerCase(Locale.ROOT)).append('-').append(last);
            for (int i = 1; i < p.length - 1; i++) {
                sb.append('-').append(p[i].toLowerCase(Locale.ROOT));
            }
            return sb.toString();
        }
        return String.join("-", p).toLowerCase(Locale.ROOT);
    }

    /** IPsec encryption as {@code show security ipsec ... detail} prints it: {@code aes-cbc (128 bits)}. */
    static String ipsecEncryption(String name) {
        if (name == null || name.isEmpty()) {
            return "None";
        }
        String[] p = parts(name);
        String last = p[p.length - 1];
        if (p.length >= 2 && numeric(last)) {
            return String.join("-", java.util.Arrays.copyOf(p, p.length - 1)).toLowerCase(Locale.ROOT)
                    + " (" + last + " bits)";
        }
        return String.join("-", p).toLowerCase(Locale.ROOT);
    }

    /** IPsec encryption in the one-line list: {@code aes-cbc-128}, {@code 3des-cbc}. */
    static String shortEncryption(String name) {
        return name == null || name.isEmpty() ? "none" : String.join("-", parts(name)).toLowerCase(Locale.ROOT);
    }

    /** Integrity or PRF: {@code hmac-md5-96}, {@code hmac-sha256-128}, {@code hmac-md5}. */
    static String integrity(String name) {
        if (name == null || name.isEmpty()) {
            return "None";
        }
        return String.join("-", parts(name)).toLowerCase(Locale.ROOT).replace("sha2-", "sha");
    }

    /** Integrity in the one-line list: {@code sha1}, {@code md5}, {@code sha256}. */
    static String shortIntegrity(String name) {
        if (name == null || name.isEmpty()) {
            return "none";
        }
        String s = integrity(name);
        if (s.startsWith("hmac-")) {
            s = s.substring(5);
        }
        int dash = s.lastIndexOf('-');
        return dash > 0 && numeric(s.substring(dash + 1)) ? s.substring(0, dash) : s;
    }

    /** {@code DH-group-2}. */
    static String dhGroup(String name) {
        if (name == null || name.isEmpty()) {
            return "No group";
        }
        String n = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        Integer g = DH_GROUPS.get(n);
        if (g == null) {
            String digits = n.replaceAll("^(DH_)?GROUP_?", "");
            if (numeric(digits)) {
                g = Integer.parseInt(digits);
            }
        }
        return g == null ? name : "DH-group-" + g;
    }

    /** {@code Pre-shared-keys}, {@code RSA-signatures}. */
    static String authentication(String name) {
        if (name == null || name.isEmpty()) {
            return "-";
        }
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("psk") || n.startsWith("pre-shared")) {
            return "Pre-shared-keys";
        }
        if (n.startsWith("rsa")) {
            return "RSA-signatures";
        }
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /**
     * A proxy-ID as the SRX prints it: {@code ipv4_subnet(any:0,[0..7]=0.0.0.0/0)} for a network,
     * {@code ipv4(any:0,[0..3]=10.1.1.1)} for one host, {@code ipv4_range(...)} otherwise; the
     * bracket is the byte range of the ID data.
     */
    static String identity(String selector) {
        String s = selector.strip();
        String proto = "any:0";
        int br = s.indexOf('[');
        if (br > 0 && s.endsWith("]")) {
            String[] pp = s.substring(br + 1, s.length() - 1).split("/");
            s = s.substring(0, br);
            String name = switch (pp[0]) {
                case "1" -> "icmp";
                case "6" -> "tcp";
                case "17" -> "udp";
                case "0" -> "any";
                default -> pp[0];
            };
            String port = pp.length > 1 && !pp[1].equals("%any") ? pp[1] : "0";
            proto = name + ":" + port;
        }
        boolean v6 = s.contains(":");
        String fam = v6 ? "ipv6" : "ipv4";
        int len = v6 ? 16 : 4;
        int slash = s.indexOf('/');
        if (slash > 0) {
            int prefix = Integer.parseInt(s.substring(slash + 1));
            if (prefix == len * 8) {
                return fam + "(" + proto + ",[0.." + (len - 1) + "]=" + s.substring(0, slash) + ")";
            }
            return fam + "_subnet(" + proto + ",[0.." + (2 * len - 1) + "]=" + s + ")";
        }
        if (s.contains("-")) {
            return fam + "_range(" + proto + ",[0.." + (2 * len - 1) + "]=" + s + ")";
        }
        return fam + "(" + proto + ",[0.." + (len - 1) + "]=" + s + ")";
    }
}

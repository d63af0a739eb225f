package org.ike4j.daemon.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line about an ISAKMP message, from the payload tree the engine traces when it sends it
 * ({@code org.ike4j.wire.Tree#render()}: a title per line, {@code name: value} fields, two spaces
 * of indentation a level). The tree is the plaintext, so encrypted messages are summarised too:
 * {@code SA (3DES_CBC, MD5, PSK, MODP_1024, 86400 s), VID (RFC 3947), VID (Dead Peer Detection)}.
 */
public final class MessageSummary {
    private static final Pattern NAMED = Pattern.compile("\\[\\d+ is ([^\\]]+)]");

    /** A node of a rendered tree: its title, its fields in order, its subtrees. */
    record Node(String title, List<String[]> fields, List<Node> children) {
        String field(String name) {
            for (String[] f : fields) {
                if (f[0].equals(name)) {
                    return f[1];
                }
            }
            return null;
        }
    }

    private MessageSummary() {
    }

    /** Parses a rendered tree; null if the text is not one. */
    static Node parse(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || lines.getFirst().startsWith(" ")) {
            return null;
        }
        int[] at = {0};
        return node(lines, at, 0);
    }

    private static Node node(List<String> lines, int[] at, int depth) {
        Node n = new Node(lines.get(at[0]).strip(), new ArrayList<>(), new ArrayList<>());
        at[0]++;
        while (at[0] < lines.size()) {
            String l = lines.get(at[0]);
            int indent = indent(l);
            if (indent <= depth) {
                break;
            }
            String s = l.strip();
            int colon = s.indexOf(": ");
            boolean isField = colon > 0 || s.endsWith(":");
            if (isField && indent == depth + 1) {
                n.fields().add(colon > 0 ? new String[] {s.substring(0, colon), s.substring(colon + 2)}
                        : new String[] {s.substring(0, s.length() - 1), ""});
                at[0]++;
            } else {
                n.children().add(node(lines, at, indent));
            }
        }
        return n;
    }

    private static int indent(String l) {
        int i = 0;
        while (i < l.length() && l.charAt(i) == ' ') {
            i++;
        }
        return i / 2;
    }

    /** The message ID field of a rendered message, or -1. */
    static long messageId(Node message) {
        String v = message.field("message ID");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.strip(), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The payloads of a rendered message, briefly, comma-separated. */
    public static String payloads(String renderedMessage) {
        Node m = parse(renderedMessage);
        if (m == null) {
            return "";
        }
        return payloads(m);
    }

    static String payloads(Node message) {
        List<String> parts = new ArrayList<>();
        for (Node p : message.children()) {
            parts.add(payload(p));
        }
        return String.join(", ", parts);
    }

    private static String payload(Node p) {
        String t = p.title();
        if (t.startsWith("ISAKMP Security Association")) {
            return "SA (" + sa(p) + ")";
        }
        if (t.startsWith("ISAKMP Vendor ID")) {
            String k = p.field("known as");
            return k != null ? "VID (" + k + ")" : "VID";
        }
        if (t.startsWith("ISAKMP Key Exchange")) {
            String d = p.field("key exchange data");
            return d == null ? "KE" : "KE (" + d.split(" ").length + " bytes)";
        }
        if (t.startsWith("ISAKMP Nonce")) {
            return "NONCE";
        }
        if (t.startsWith("ISAKMP NAT-D")) {
            return "NAT-D";
        }
        if (t.startsWith("ISAKMP Hash")) {
            return "HASH";
        }
        if (t.startsWith("ISAKMP Identification")) {
            return "ID (" + id(p) + ")";
        }
        if (t.startsWith("ISAKMP Notification")) {
            return "N (" + notify(p) + ")";
        }
        if (t.startsWith("ISAKMP Delete")) {
            String proto = p.field("protocol ID");
            List<String> spis = new ArrayList<>();
            for (String[] f : p.fields()) {
                if (f[0].equals("SPI")) {
                    String hex = f[1].replace(" ", "");
                    spis.add(hex.length() == 32 ? hex.substring(0, 16) + "/" + hex.substring(16) : hex);
                }
            }
            String what = proto == null ? "?" : name(proto).replaceFirst("^PROTO_(IPSEC_)?", "");
            return "D (" + what + (spis.isEmpty() ? "" : " " + String.join(" ", spis)) + ")";
        }
        return t.replaceFirst("^ISAKMP ", "").replaceFirst(" Payload.*$", "");
    }

    /** {@code PROTO_ISAKMP (1)} to {@code PROTO_ISAKMP}. */
    private static String name(String v) {
        return v.replaceFirst(" \\(\\d+\\)$", "");
    }

    private static String sa(Node sa) {
        List<String> proposals = new ArrayList<>();
        for (Node prop : sa.children()) {
            List<String> transforms = new ArrayList<>();
            for (Node tr : prop.children()) {
                transforms.add(transform(tr));
            }
            String spi = prop.field("SPI");
            String s = String.join(" | ", transforms);
            if (spi != null && !spi.equals("(empty)")) {
                s += ", SPI " + spi.replace(" ", "");
            }
            proposals.add(s);
        }
        return String.join("; ", proposals);
    }

    private static String transform(Node tr) {
        String id = name(tr.field("transform ID") == null ? "?" : tr.field("transform ID"));
        List<String> out = new ArrayList<>();
        boolean phase1 = id.equals("KEY_IKE");
        if (!phase1) {
            out.add(id);
        }
        for (Node a : tr.children()) {
            String type = name(a.field("af+type") == null ? "" : a.field("af+type")).replaceFirst("^AF\\+", "");
            String value = a.field("value");
            String number = a.field("number");
            String lv = a.field("length/value");
            Matcher m = value == null ? null : NAMED.matcher(value);
            switch (type) {
                case "LIFE_TYPE", "SA_LIFE_TYPE" -> { }
                case "LIFE_DURATION", "SA_LIFE_DURATION" -> out.add((number != null ? number : lv) + " s");
                case "KEY_LENGTH" -> {
                    int i = phase1 ? 0 : out.indexOf(id);
                    if (i >= 0 && i < out.size()) {
                        out.set(i, out.get(i) + "-" + lv);
                    } else {
                        out.add("key " + lv);
                    }
                }
                default -> {
                    if (m != null && m.find()) {
                        String v = m.group(1);
                        out.add(v.equals("PRE_SHARED_KEY") ? "PSK" : v);
                    } else if (number != null || lv != null) {
                        out.add(type + " " + (number != null ? number : lv));
                    }
                }
            }
        }
        return String.join(", ", out);
    }

    private static String id(Node id) {
        String type = id.field("ID type");
        String t = type == null ? "" : name(type);
        if (id.field("client network") != null && id.field("client mask") != null) {
            return id.field("client network") + "/" + prefix(id.field("client mask"));
        }
        if (id.field("address") != null) {
            return id.field("address");
        }
        for (String[] f : id.fields()) {
            if (!List.of("next payload type", "length", "ID type", "Protocol ID", "port").contains(f[0])) {
                return t + " " + f[1];
            }
        }
        return t;
    }

    private static String prefix(String mask) {
        String[] parts = mask.split("\\.");
        if (parts.length != 4) {
            return mask;
        }
        int bits = 0;
        for (String p : parts) {
            try {
                bits += Integer.bitCount(Integer.parseInt(p) & 0xff);
            } catch (NumberFormatException e) {
                return mask;
            }
        }
        return Integer.toString(bits);
    }

    private static String notify(Node n) {
        String type = n.field("Notify Message Type");
        String t = type == null ? "?" : name(type);
        for (Node a : n.children()) {
            String at = a.field("af+type");
            if (at != null && at.contains("LIFE_DURATION")) {
                String number = a.field("number");
                t += " " + (number != null ? number : a.field("length/value")) + " s";
            }
        }
        return t;
    }
}

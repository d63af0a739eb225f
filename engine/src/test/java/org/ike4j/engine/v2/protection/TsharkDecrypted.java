package org.ike4j.engine.v2.protection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What tshark printed about each encrypted frame of a {@code *.verbose.txt} decode: the tree lines
 * of the decrypted inner payloads (from "Decrypted Data (n bytes)" to "Integrity Checksum Data")
 * and the hex dump of the decrypted plaintext (inner payloads, padding, Pad Length).
 */
record TsharkDecrypted(int frame, List<String> lines, byte[] plaintext, String icvLine) {

    /** The inner payloads' tree lines indented by exactly {@code indent} spaces, stripped. */
    List<String> at(int indent) {
        return lines.stream()
                .filter(l -> l.startsWith(" ".repeat(indent)) && !l.startsWith(" ".repeat(indent + 1)))
                .map(String::strip).toList();
    }

    /** The values of every line, at any depth, that starts with {@code key} (stripped). */
    List<String> values(String key) {
        return lines.stream().map(String::strip).filter(l -> l.startsWith(key))
                .map(l -> l.substring(key.length()).strip()).toList();
    }

    static Map<Integer, TsharkDecrypted> read(String resource) throws IOException {
        String text;
        try (InputStream in = TsharkDecrypted.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<Integer, TsharkDecrypted> out = new HashMap<>();
        String[] all = text.split("\n");
        int frame = 0;
        List<String> tree = null;
        String icv = null;
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            if (line.startsWith("Frame ") && line.contains(" bytes on wire")) {
                frame = Integer.parseInt(line.substring(6, line.indexOf(':')));
                tree = null;
                icv = null;
            } else if (line.startsWith(" ") && line.strip().startsWith("Decrypted Data (")) {
                tree = new ArrayList<>();
            } else if (tree != null && icv == null && line.strip().startsWith("Integrity Checksum Data:")) {
                icv = line.strip();
            } else if (tree != null && icv == null) {
                tree.add(line);
            } else if (tree != null && line.startsWith("Decrypted Data (")) {
                ByteArrayOutputStream hex = new ByteArrayOutputStream();
                for (int j = i + 1; j < all.length && all[j].matches("^[0-9a-f]{4}  .*"); j++) {
                    // "0000  00 00 00 08 01 00 ...   ascii": the octets sit in columns 6 to 53
                    String octets = all[j].substring(6, Math.min(all[j].length(), 6 + 16 * 3)).strip();
                    for (String o : octets.split(" +")) {
                        hex.write(HexFormat.fromHexDigits(o));
                    }
                }
                out.put(frame, new TsharkDecrypted(frame, List.copyOf(tree), hex.toByteArray(), icv));
                tree = null;
            }
        }
        return out;
    }
}

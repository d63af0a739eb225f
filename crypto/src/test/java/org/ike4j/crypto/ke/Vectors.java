package org.ike4j.crypto.ke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ike4j.crypto.DhGroup;

/** Reads the key-exchange vector files under test resources {@code vectors/} (see PROVENANCE.md there). */
final class Vectors {
    private Vectors() {
    }

    /**
     * One two-party exchange: both private values, both public values as they travel in the KE
     * payload, and g^ir. {@code source} names the file and entry.
     */
    record Exchange(String source, DhGroup group, byte[] privateI, byte[] privateR, byte[] publicI,
                    byte[] publicR, byte[] shared) {
        @Override
        public String toString() {
            return source;
        }
    }

    static JsonNode read(String file) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource vectors/" + file);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static byte[] hex(JsonNode n) {
        return hex(n.isObject() ? n.get("hex").asText() : n.asText());
    }

    /** RFC 5903 section 8: i, g^i (x, y), r, g^r (x, y), g^ir x. */
    static List<Exchange> rfc5903() {
        List<Exchange> out = new ArrayList<>();
        for (JsonNode v : read("rfc5903_ecp_dh_vectors.json").get("vectors")) {
            DhGroup g = DhGroup.byNumber(v.get("ikeDhGroup").asInt());
            out.add(new Exchange("RFC 5903 " + v.get("group").asText(), g, hex(v.get("i")), hex(v.get("r")),
                concat(hex(v.get("gix")), hex(v.get("giy"))), concat(hex(v.get("grx")), hex(v.get("gry"))),
                hex(v.get("girx_sharedSecret"))));
        }
        return out;
    }

    /** RFC 7748 section 6.1 and the RFC 8031 example (X25519). */
    static List<Exchange> rfc7748Dh() {
        JsonNode root = read("rfc7748_x25519_vectors.json");
        List<Exchange> out = new ArrayList<>();
        for (String name : List.of("rfc7748_6_1_dh", "rfc8031_ikev2_example")) {
            JsonNode v = root.get(name);
            out.add(new Exchange(name, DhGroup.CURVE25519, hex(v.get("alicePrivate")), hex(v.get("bobPrivate")),
                hex(v.get("alicePublic")), hex(v.get("bobPublic")), hex(v.get("sharedSecret"))));
        }
        return out;
    }

    /** strongSwan's ke_test_vector_t names for the IANA groups. */
    static final Map<String, DhGroup> STRONGSWAN_METHODS = Map.ofEntries(
        Map.entry("MODP_768_BIT", DhGroup.MODP_768),
        Map.entry("MODP_1024_BIT", DhGroup.MODP_1024),
        Map.entry("MODP_1536_BIT", DhGroup.MODP_1536),
        Map.entry("MODP_2048_BIT", DhGroup.MODP_2048),
        Map.entry("MODP_3072_BIT", DhGroup.MODP_3072),
        Map.entry("MODP_4096_BIT", DhGroup.MODP_4096),
        Map.entry("MODP_6144_BIT", DhGroup.MODP_6144),
        Map.entry("MODP_8192_BIT", DhGroup.MODP_8192),
        Map.entry("MODP_1024_160", DhGroup.MODP_1024_160),
        Map.entry("MODP_2048_224", DhGroup.MODP_2048_224),
        Map.entry("MODP_2048_256", DhGroup.MODP_2048_256),
        Map.entry("ECP_256_BIT", DhGroup.ECP_256),
        Map.entry("ECP_384_BIT", DhGroup.ECP_384),
        Map.entry("ECP_521_BIT", DhGroup.ECP_521),
        Map.entry("CURVE_25519", DhGroup.CURVE25519));

    /** strongSwan's DH vectors ("seed" = private_i | private_r, equal halves) of groups ike4j implements. */
    static List<Exchange> strongswan() {
        JsonNode files = read("strongswan_test_vectors.json").get("files");
        List<Exchange> out = new ArrayList<>();
        for (String file : List.of("modp.c", "modpsub.c", "ecp.c", "curve25519.c")) {
            var it = files.get(file).get("vectors").properties().iterator();
            while (it.hasNext()) {
                var e = it.next();
                JsonNode v = e.getValue();
                DhGroup g = STRONGSWAN_METHODS.get(v.get("method").asText());
                if (g == null) {
                    continue; // ECP_192_BIT, ECP_224_BIT (groups 25, 26): not implemented
                }
                byte[] seed = hex(v.get("seed"));
                int half = seed.length / 2;
                out.add(new Exchange("strongSwan " + file + " " + e.getKey(), g,
                    java.util.Arrays.copyOfRange(seed, 0, half), java.util.Arrays.copyOfRange(seed, half, seed.length),
                    hex(v.get("pub_i")), hex(v.get("pub_r")), hex(v.get("shared"))));
            }
        }
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

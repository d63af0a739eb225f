package org.ike4j.crypto.kdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.Secret;

/** Reading the vectors under src/test/resources/vectors (see PROVENANCE.md there), and hex. */
final class TestVectors {
    private TestVectors() {
    }

    static final HexFormat HEX = HexFormat.of();

    static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    static String hex(Secret s) {
        return HEX.formatHex(s.reveal());
    }

    static Prf prf(PrfAlgorithm a) {
        return Crypto.defaults().prf(a);
    }

    static String text(String resource) {
        try (InputStream in = TestVectors.class.getResourceAsStream("/vectors/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource vectors/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String resource) {
        try {
            return new ObjectMapper().readTree(text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One sample of a NIST CAVS response file: the bracketed header lines ({@code [SHA-1]},
     * {@code [Ni length = 64]}) and the {@code name = value} lines.
     */
    record CavsSample(Map<String, String> header, Map<String, String> values) {
        String value(String name) {
            String v = values.get(name);
            if (v == null) {
                throw new IllegalStateException("no " + name + " in " + values.keySet());
            }
            return v;
        }

        byte[] bytes(String name) {
            return hex(value(name));
        }

        /** The header naming the hash ("SHA-1", "SHA-256", ...), as the PRF's HMAC. */
        PrfAlgorithm hmac() {
            for (String h : header.keySet()) {
                switch (h) {
                    case "SHA-1": return PrfAlgorithm.HMAC_SHA1;
                    case "SHA-256": return PrfAlgorithm.HMAC_SHA2_256;
                    case "SHA-384": return PrfAlgorithm.HMAC_SHA2_384;
                    case "SHA-512": return PrfAlgorithm.HMAC_SHA2_512;
                    default: break;
                }
            }
            throw new IllegalStateException("no hash in header " + header.keySet());
        }

        /** A "[name = n]" header length given in bits, in bytes. */
        int headerBytes(String name) {
            return Integer.parseInt(header.get(name)) / 8;
        }
    }

    /**
     * Parses a single-sample CAVS .rsp file. A header line may lack its opening '[' (libreswan's
     * copy of the DSA sample does, see PROVENANCE.md); a line ending in ']' is a header either way.
     */
    static CavsSample cavs(String resource) {
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text(resource).split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean isHeader = line.startsWith("[") || line.endsWith("]");
            if (isHeader) {
                line = line.replaceAll("^\\[", "").replaceAll("]$", "");
            }
            int eq = line.indexOf(" = ");
            String name = eq < 0 ? line.strip() : line.substring(0, eq).strip();
            String value = eq < 0 ? "" : line.substring(eq + 3).strip();
            (isHeader ? header : values).put(name, value);
        }
        return new CavsSample(header, values);
    }

    /** HMAC straight from javax.crypto, as an independent check of the derivations' inputs. */
    static byte[] jdkHmac(String jcaName, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(jcaName);
            mac.init(new SecretKeySpec(key, jcaName));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] cat(byte[]... parts) {
        return Octets.concat(parts);
    }

    /** Deterministic test bytes: {@code n} bytes counting up from {@code start}. */
    static byte[] counting(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }
}

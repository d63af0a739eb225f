package org.ike4j.crypto.primitives;

import static org.ike4j.crypto.primitives.Vector.hex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.primitives.Vector.AeadVector;
import org.ike4j.crypto.primitives.Vector.CipherVector;
import org.ike4j.crypto.primitives.Vector.IntegrityVector;
import org.ike4j.crypto.primitives.Vector.PrfVector;

/**
 * Reads the known-answer vectors of the symmetric primitives from the four JSON files in
 * src/test/resources/vectors (origins in PROVENANCE.md there). Every entry of every section read
 * is either turned into a {@link Vector} or recorded in {@link #skipped} with the reason, so that a
 * test can prove nothing was dropped silently.
 */
final class Vectors {
    static final String STRONGSWAN = "strongswan_test_vectors.json";
    static final String RFC = "rfc_ipsec_prf_cipher_vectors.json";
    static final String RFC4106 = "rfc4106_gcm_esp_packets.json";
    static final String LIBRESWAN = "libreswan_alg_vectors.json";

    final List<Vector> vectors = new ArrayList<>();
    /** "file:entry" to the reason it is not a vector for this suite. */
    final Map<String, String> skipped = new LinkedHashMap<>();
    /** Entries seen per file, counted while walking, used or not. */
    final Map<String, Integer> seen = new LinkedHashMap<>();

    private static final Vectors ALL = new Vectors();

    static Vectors all() {
        return ALL;
    }

    private Vectors() {
        strongswan(read(STRONGSWAN));
        rfc(read(RFC));
        rfc4106(read(RFC4106));
        libreswan(read(LIBRESWAN));
    }

    private static JsonNode read(String file) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /vectors/" + file);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void seen(String file) {
        seen.merge(file, 1, Integer::sum);
    }

    // ---- strongSwan: test_vectors plugin tables, field names kept; only the first len bytes count.

    private void strongswan(JsonNode root) {
        for (Iterator<Map.Entry<String, JsonNode>> files = root.get("files").fields(); files.hasNext(); ) {
            Map.Entry<String, JsonNode> f = files.next();
            for (Iterator<Map.Entry<String, JsonNode>> it = f.getValue().get("vectors").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                seen(STRONGSWAN);
                strongswanVector(f.getKey() + "/" + e.getKey(), e.getValue());
            }
        }
    }

    private void strongswanVector(String name, JsonNode v) {
        String type = v.get("_type").asText();
        String alg = v.path("alg").asText("");
        String id = STRONGSWAN + ":" + name;
        switch (type) {
            case "prf_test_vector_t" -> {
                PrfAlgorithm a = prfByName(alg);
                if (a == null) {
                    skipped.put(id, alg + " (Camellia) is not implemented");
                    return;
                }
                byte[] key = first(bytes(v, "key"), v.get("key_size").asInt());
                vectors.add(new PrfVector(STRONGSWAN, name, a, key, first(bytes(v, "seed"), v.get("len").asInt()),
                        bytes(v, "out"), false));
            }
            case "signer_test_vector_t" -> {
                byte[] data = first(bytes(v, "data"), v.get("len").asInt());
                IntegrityAlgorithm a = integrityByName(alg);
                if (a != null) {
                    vectors.add(new IntegrityVector(STRONGSWAN, name, a, bytes(v, "key"), data, bytes(v, "mac")));
                } else if (alg.equals("AUTH_HMAC_MD5_128") || alg.equals("AUTH_HMAC_SHA1_128")) {
                    // Not IKE transforms, but the same HMAC: check them as a prefix of the PRF output.
                    PrfAlgorithm p = alg.contains("MD5") ? PrfAlgorithm.HMAC_MD5 : PrfAlgorithm.HMAC_SHA1;
                    vectors.add(new PrfVector(STRONGSWAN, name, p, bytes(v, "key"), data, bytes(v, "mac"), true));
                } else {
                    skipped.put(id, alg + " (Camellia) is not implemented");
                }
            }
            case "crypter_test_vector_t" -> {
                int keySize = v.get("key_size").asInt();
                CipherAlgorithm a = switch (alg) {
                    case "ENCR_3DES" -> CipherAlgorithm.DES3_CBC;
                    case "ENCR_AES_CBC" -> cipherBySize("AES_CBC_", keySize);
                    case "ENCR_AES_CTR" -> cipherBySize("AES_CTR_", keySize);
                    default -> throw new IllegalStateException(id + ": unexpected " + alg);
                };
                int len = v.get("len").asInt();
                vectors.add(new CipherVector(STRONGSWAN, name, a, bytes(v, "key"), bytes(v, "iv"),
                        first(bytes(v, "plain"), len), first(bytes(v, "cipher"), len)));
            }
            case "aead_test_vector_t" -> {
                // ENCR_AES_GCM_ICV16 is the IANA ENCR_AES_GCM_16, and so on.
                AeadAlgorithm a = aeadByName(alg.replace("_ICV", "_"), v.get("key_size").asInt());
                int len = v.get("len").asInt();
                // The key field may be declared longer than key | salt; key_size + salt_size bytes count.
                byte[] key = first(bytes(v, "key"), a.keySize());
                check(v.get("salt_size").asInt() == a.saltSize(), name + " salt size");
                vectors.add(new AeadVector(STRONGSWAN, name, a, key, bytes(v, "iv"),
                        first(bytes(v, "adata"), v.get("alen").asInt()), first(bytes(v, "plain"), len),
                        bytes(v, "cipher")));
            }
            case "ke_test_vector_t" -> skipped.put(id, "key exchange: the ke package's suite");
            case "kdf_test_vector_t" -> skipped.put(id, "prf/prf+ KDF: the kdf package's suite");
            default -> throw new IllegalStateException(id + ": unexpected type " + type);
        }
    }

    // ---- RFC convenience extraction: RFC 4868, RFC 4434, RFC 3602 (incl. ESP packets), RFC 7634.

    private void rfc(JsonNode root) {
        JsonNode sha2 = root.get("rfc4868_hmac_sha2");
        for (JsonNode v : sha2.get("prf")) {
            seen(RFC);
            vectors.add(new PrfVector(RFC, v.get("name").asText(), prfByName(v.get("alg").asText()),
                    hex(v.get("key").asText()), hex(v.get("data").asText()), hex(v.get("out").asText()), false));
        }
        for (JsonNode v : sha2.get("auth")) {
            seen(RFC);
            vectors.add(new IntegrityVector(RFC, v.get("name").asText(), integrityByName(v.get("alg").asText()),
                    hex(v.get("key").asText()), hex(v.get("data").asText()), hex(v.get("truncatedMac").asText())));
        }
        for (JsonNode v : root.get("rfc4434_aes_xcbc_prf_128").get("vectors")) {
            seen(RFC);
            vectors.add(new PrfVector(RFC, v.get("description").asText(), PrfAlgorithm.AES128_XCBC,
                    hex(v.get("key").asText()), hex(v.get("message").asText()), hex(v.get("prfOutput").asText()),
                    false));
        }
        JsonNode cbc = root.get("rfc3602_aes_cbc");
        for (JsonNode v : cbc.get("cipherVectors")) {
            seen(RFC);
            byte[] key = hex(v.get("key").asText());
            vectors.add(new CipherVector(RFC, v.get("description").asText(), cipherBySize("AES_CBC_", key.length),
                    key, hex(v.get("iv").asText()), hex(v.get("plaintext").asText()),
                    hex(v.get("ciphertext").asText())));
        }
        for (JsonNode v : cbc.get("espPackets")) {
            seen(RFC);
            // ESP packet = SPI | sequence number | IV | ciphertext (RFC 4303 section 2, RFC 3602 section 3).
            byte[] packet = hex(v.get("espPacket").asText());
            byte[] key = hex(v.get("key").asText());
            byte[] iv = hex(v.get("iv").asText());
            byte[] plain = hex(v.get("plaintextWithTrailer").asText());
            String name = "ESP case " + v.get("case").asInt();
            check(Arrays.equals(Arrays.copyOfRange(packet, 0, 4), hex(v.get("spi").asText())), name + " SPI");
            check(Arrays.equals(Arrays.copyOfRange(packet, 8, 8 + iv.length), iv), name + " IV");
            byte[] cipher = Arrays.copyOfRange(packet, 8 + iv.length, 8 + iv.length + plain.length);
            vectors.add(new CipherVector(RFC, name, cipherBySize("AES_CBC_", key.length), key, iv, plain, cipher));
        }
        for (JsonNode v : root.get("rfc7634_chacha20_poly1305").get("vectors")) {
            seen(RFC);
            vectors.add(new AeadVector(RFC, v.get("name").asText(), AeadAlgorithm.CHACHA20_POLY1305,
                    hex(v.get("keyPlusSalt").asText()), hex(v.get("iv").asText()), hex(v.get("aad").asText()),
                    hex(v.get("plaintext").asText()), hex(v.get("ciphertextAndTag").asText())));
        }
    }

    // ---- draft-mcgrew-gcm-test-01: whole ESP packets; the ciphertext is taken from the packet.

    private void rfc4106(JsonNode root) {
        for (JsonNode v : root.get("cases")) {
            seen(RFC4106);
            String name = "case " + v.get("case").asInt();
            byte[] keyAndSalt = hex(v.get("espKeymatKeyPlusSalt").asText());
            byte[] iv = hex(v.get("iv").asText());
            byte[] packet = hex(v.get("espPacket").asText());
            // ESP packet = SPI | low 32 bits of the sequence number | IV (8) | ciphertext | ICV (RFC 4106 section 3).
            check(Arrays.equals(Arrays.copyOfRange(packet, 0, 4), hex(v.get("spi").asText())), name + " SPI");
            check(Arrays.equals(Arrays.copyOfRange(packet, 8, 16), iv), name + " IV");
            byte[] cipher = Arrays.copyOfRange(packet, 16, packet.length);
            check(Arrays.equals(cipher, hex(v.get("ciphertextAndIcv16").asText())), name + " ciphertext");
            AeadAlgorithm a = aeadByName("ENCR_AES_GCM_16", v.get("aesKeyBits").asInt() / 8);
            vectors.add(new AeadVector(RFC4106, name, a, keyAndSalt, iv, hex(v.get("aad").asText()),
                    hex(v.get("plaintextPayload").asText()), cipher));
        }
    }

    // ---- libreswan: ike_alg self-test tables.

    private void libreswan(JsonNode root) {
        int i = 0;
        for (JsonNode v : root.get("aes_cbc_test_vectors")) {
            seen(LIBRESWAN);
            byte[] key = bytes(v, "key");
            vectors.add(new CipherVector(LIBRESWAN, "aes_cbc " + ++i, cipherBySize("AES_CBC_", key.length), key,
                    bytes(v, "iv"), bytes(v, "plaintext"), bytes(v, "ciphertext")));
        }
        i = 0;
        for (JsonNode v : root.get("camellia_cbc_test_vectors")) {
            seen(LIBRESWAN);
            skipped.put(LIBRESWAN + ":camellia_cbc " + ++i, "Camellia is not implemented");
        }
        i = 0;
        for (JsonNode v : root.get("aes_ctr_test_vectors")) {
            seen(LIBRESWAN);
            String name = "aes_ctr " + ++i;
            // libreswan gives the whole RFC 3686 counter block: nonce | IV | counter 1.
            byte[] cb = bytes(v, "cb");
            check(cb.length == 16 && cb[12] == 0 && cb[13] == 0 && cb[14] == 0 && cb[15] == 1, name + " counter");
            byte[] aesKey = bytes(v, "key");
            byte[] key = concat(aesKey, Arrays.copyOfRange(cb, 0, 4));
            vectors.add(new CipherVector(LIBRESWAN, name, cipherBySize("AES_CTR_", aesKey.length), key,
                    Arrays.copyOfRange(cb, 4, 12), bytes(v, "plaintext"), bytes(v, "ciphertext")));
        }
        i = 0;
        for (JsonNode v : root.get("aes_gcm_test_vectors")) {
            seen(LIBRESWAN);
            // salted_iv = 4-byte salt | 8-byte IV; the tag is 16 bytes.
            byte[] saltedIv = bytes(v, "salted_iv");
            byte[] aesKey = bytes(v, "key");
            byte[] tag = bytes(v, "tag");
            check(tag.length == 16 && saltedIv.length == 12, "gcm sizes");
            vectors.add(new AeadVector(LIBRESWAN, "aes_gcm " + ++i, aeadByName("ENCR_AES_GCM_16", aesKey.length),
                    concat(aesKey, Arrays.copyOf(saltedIv, 4)), Arrays.copyOfRange(saltedIv, 4, 12), bytes(v, "aad"),
                    bytes(v, "plaintext"), concat(bytes(v, "ciphertext"), tag)));
        }
        for (JsonNode v : root.get("aes_xcbc_prf_tests")) {
            seen(LIBRESWAN);
            byte[] message = v.has("message") ? bytes(v, "message") : new byte[v.get("message_size").asInt()];
            byte[] key = bytes(v, "key");
            check(key.length == v.get("key_size").asInt(), "xcbc key_size");
            vectors.add(new PrfVector(LIBRESWAN, v.get("description").get("ascii").asText(), PrfAlgorithm.AES128_XCBC,
                    key, message, bytes(v, "prf_output"), false));
        }
        for (JsonNode v : root.get("hmac_md5_prf_tests")) {
            seen(LIBRESWAN);
            vectors.add(new PrfVector(LIBRESWAN, v.get("description").get("ascii").asText(), PrfAlgorithm.HMAC_MD5,
                    bytes(v, "key"), bytes(v, "message"), bytes(v, "prf_output"), false));
        }
        i = 0;
        for (JsonNode v : root.get("hmac_sha1_kdf_tests")) {
            seen(LIBRESWAN);
            skipped.put(LIBRESWAN + ":hmac_sha1_kdf " + ++i, "IKEv2 KDF: the kdf package's suite");
        }
    }

    // ---- helpers

    private static byte[] bytes(JsonNode v, String field) {
        JsonNode n = v.get(field);
        return n == null ? new byte[0] : hex(n.get("hex").asText());
    }

    private static byte[] first(byte[] b, int n) {
        check(b.length >= n, "field shorter than its len");
        return Arrays.copyOf(b, n);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("inconsistent vector: " + what);
        }
    }

    static PrfAlgorithm prfByName(String iana) {
        return Arrays.stream(PrfAlgorithm.values()).filter(a -> a.ianaName().equals(iana)).findFirst().orElse(null);
    }

    static IntegrityAlgorithm integrityByName(String iana) {
        return Arrays.stream(IntegrityAlgorithm.values()).filter(a -> a.ianaName().equals(iana)).findFirst()
                .orElse(null);
    }

    static CipherAlgorithm cipherBySize(String prefix, int aesKeyBytes) {
        return CipherAlgorithm.valueOf(prefix + aesKeyBytes * 8);
    }

    static AeadAlgorithm aeadByName(String iana, int cipherKeySize) {
        return Arrays.stream(AeadAlgorithm.values())
                .filter(a -> a.ianaName().equals(iana) && a.cipherKeySize() == cipherKeySize)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no AEAD " + iana + " with " + cipherKeySize));
    }
}

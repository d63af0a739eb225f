package org.ike4j.config.junos;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;

/** The Junos keywords of security ike/ipsec and what they stand for. */
final class JunosValues {
    private JunosValues() {
    }

    static final Map<String, DhGroup> DH_GROUPS = Map.of(
            "group1", DhGroup.MODP_768, "group2", DhGroup.MODP_1024, "group5", DhGroup.MODP_1536,
            "group14", DhGroup.MODP_2048, "group15", DhGroup.MODP_3072, "group16", DhGroup.MODP_4096,
            "group19", DhGroup.ECP_256, "group20", DhGroup.ECP_384, "group21", DhGroup.ECP_521,
            "group24", DhGroup.MODP_2048_256);

    /** IKE authentication-algorithm: the hash (IKEv1) or integrity (IKEv2), and the PRF it implies. */
    static final Map<String, IntegrityAlgorithm> IKE_AUTH = Map.of(
            "md5", IntegrityAlgorithm.HMAC_MD5_96, "sha1", IntegrityAlgorithm.HMAC_SHA1_96,
            "sha-256", IntegrityAlgorithm.HMAC_SHA2_256_128, "sha-384", IntegrityAlgorithm.HMAC_SHA2_384_192,
            "sha-512", IntegrityAlgorithm.HMAC_SHA2_512_256);

    static final Map<String, PrfAlgorithm> IKE_PRF = Map.of(
            "md5", PrfAlgorithm.HMAC_MD5, "sha1", PrfAlgorithm.HMAC_SHA1, "sha-256", PrfAlgorithm.HMAC_SHA2_256,
            "sha-384", PrfAlgorithm.HMAC_SHA2_384, "sha-512", PrfAlgorithm.HMAC_SHA2_512);

    static final Map<String, IntegrityAlgorithm> IPSEC_AUTH = Map.of(
            "hmac-md5-96", IntegrityAlgorithm.HMAC_MD5_96, "hmac-sha1-96", IntegrityAlgorithm.HMAC_SHA1_96,
            "hmac-sha-256-128", IntegrityAlgorithm.HMAC_SHA2_256_128,
            "hmac-sha-384-192", IntegrityAlgorithm.HMAC_SHA2_384_192,
            "hmac-sha-512-256", IntegrityAlgorithm.HMAC_SHA2_512_256);

    static final Map<String, Encryption> ENCRYPTION = Map.of(
            "3des-cbc", Encryption.of(CipherAlgorithm.DES3_CBC),
            "aes-128-cbc", Encryption.of(CipherAlgorithm.AES_CBC_128),
            "aes-192-cbc", Encryption.of(CipherAlgorithm.AES_CBC_192),
            "aes-256-cbc", Encryption.of(CipherAlgorithm.AES_CBC_256),
            "aes-128-gcm", Encryption.of(AeadAlgorithm.AES_GCM_16_128),
            "aes-192-gcm", Encryption.of(AeadAlgorithm.AES_GCM_16_192),
            "aes-256-gcm", Encryption.of(AeadAlgorithm.AES_GCM_16_256));

    /** Known Junos values ike4j does not implement. */
    static final List<String> UNSUPPORTED = List.of("des-cbc", "hmac-sha-256-96", "dsa-signatures");

    /** Junos predefined applications usable as proxy-identity service: {protocol, port}. */
    static final Map<String, int[]> SERVICES = Map.ofEntries(
            Map.entry("any", new int[] {0, -1}), Map.entry("junos-http", new int[] {6, 80}),
            Map.entry("junos-https", new int[] {6, 443}), Map.entry("junos-ssh", new int[] {6, 22}),
            Map.entry("junos-telnet", new int[] {6, 23}), Map.entry("junos-ftp", new int[] {6, 21}),
            Map.entry("junos-smtp", new int[] {6, 25}), Map.entry("junos-dns-udp", new int[] {17, 53}),
            Map.entry("junos-dns-tcp", new int[] {6, 53}), Map.entry("junos-ike", new int[] {17, 500}),
            Map.entry("junos-icmp-all", new int[] {1, -1}), Map.entry("junos-ping", new int[] {1, -1}),
            Map.entry("junos-gre", new int[] {47, -1}));

    /** A literal address (never a DNS lookup), or null. */
    static InetAddress literal(String text) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !(text.contains(":") && text.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        if (!text.contains(":")) {
            for (String p : text.split("\\.")) {
                if (Integer.parseInt(p) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static int number(JunosNode valueNode, String statement, int min, int max) throws ConfigException {
        try {
            int n = Integer.parseInt(valueNode.word());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(valueNode.location(), "expected a number " + min + "-" + max + " after '"
                    + statement + "', found '" + valueNode.word() + "'");
        }
    }
}

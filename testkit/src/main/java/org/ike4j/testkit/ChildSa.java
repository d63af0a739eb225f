package org.ike4j.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CHILD_SA (IKEv1: Quick Mode SA) as charon lists it.
 *
 * @param name the child configuration name
 * @param uniqueId charon's number for it
 * @param reqid the policy request id
 * @param state e.g. {@code INSTALLED}, {@code REKEYED}, {@code DELETING}
 * @param mode {@code TUNNEL} or {@code TRANSPORT}
 * @param protocol {@code ESP} or {@code AH}
 * @param encap whether ESP is UDP-encapsulated (always, with kernel-libipsec)
 * @param spiIn our inbound SPI, 8 hex digits (the peer's {@code spiOut})
 * @param spiOut our outbound SPI (the peer's {@code spiIn})
 * @param encrAlg e.g. {@code AES_CBC}
 * @param encrKeysize key size in bits, or 0
 * @param integAlg e.g. {@code HMAC_SHA1_96}
 * @param dhGroup the PFS group, or empty without PFS
 * @param bytesIn bytes received through it
 * @param packetsIn packets received
 * @param bytesOut bytes sent
 * @param packetsOut packets sent
 * @param localTs our traffic selectors
 * @param remoteTs the peer's traffic selectors
 * @param attributes every scalar value charon reported, by its vici key
 */
public record ChildSa(String name, int uniqueId, int reqid, String state, String mode, String protocol,
        boolean encap, String spiIn, String spiOut, String encrAlg, int encrKeysize, String integAlg, String dhGroup,
        long bytesIn, long packetsIn, long bytesOut, long packetsOut, List<String> localTs, List<String> remoteTs,
        Map<String, String> attributes) {

    public ChildSa {
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
        attributes = Map.copyOf(attributes);
    }

    static ChildSa from(Map<String, Object> child) {
        Map<String, String> s = scalars(child);
        return new ChildSa(s.getOrDefault("name", ""), number(s, "uniqueid"), number(s, "reqid"),
                s.getOrDefault("state", ""), s.getOrDefault("mode", ""), s.getOrDefault("protocol", ""),
                "yes".equals(s.get("encap")), s.getOrDefault("spi-in", ""), s.getOrDefault("spi-out", ""),
                s.getOrDefault("encr-alg", ""), number(s, "encr-keysize"), s.getOrDefault("integ-alg", ""),
                s.getOrDefault("dh-group", ""), longNumber(s, "bytes-in"), longNumber(s, "packets-in"),
                longNumber(s, "bytes-out"), longNumber(s, "packets-out"), list(child, "local-ts"),
                list(child, "remote-ts"), s);
    }

    static Map<String, String> scalars(Map<String, Object> section) {
        Map<String, String> scalars = new LinkedHashMap<>();
        section.forEach((key, value) -> {
            if (value instanceof String text) {
                scalars.put(key, text);
            }
        });
        return scalars;
    }

    static int number(Map<String, String> scalars, String key) {
        return (int) longNumber(scalars, key);
    }

    static long longNumber(Map<String, String> scalars, String key) {
        String value = scalars.get(key);
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> list(Map<String, Object> section, String key) {
        if (section.get(key) instanceof List<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}

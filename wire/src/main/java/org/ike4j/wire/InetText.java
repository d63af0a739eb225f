package org.ike4j.wire;

import java.net.InetAddress;

/**
 * An IP address as people and tools write it: IPv4 dotted, IPv6 in the canonical short form of
 * RFC 5952 ({@code 2001:db8::1}, not Java's {@code 2001:db8:0:0:0:0:0:1}), which is what ip(8),
 * strongSwan and Wireshark print, so that logs, status and key tables can be compared as text.
 */
public final class InetText {
    private InetText() {
    }

    /**
     * The four octets at {@code at} as a dotted IPv4 address, the text
     * {@code Inet4Address.getHostAddress()} gives, without making the address object: payload
     * descriptions print an address for every identity and traffic selector of a capture.
     */
    public static String ipv4(Bytes b, int at) {
        StringBuilder s = new StringBuilder(15);
        s.append(b.get(at) & 0xff).append('.').append(b.get(at + 1) & 0xff).append('.')
                .append(b.get(at + 2) & 0xff).append('.').append(b.get(at + 3) & 0xff);
        return s.toString();
    }

    /** The text of an address: dotted IPv4, or IPv6 per RFC 5952 section 4. */
    public static String of(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return a.getHostAddress();
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // the longest run of two or more zero groups becomes "::", the first on a tie (4.2.1-4.2.3)
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));   // lower case, no leading zeros (4.1, 4.3)
        }
        return s.toString();
    }
}

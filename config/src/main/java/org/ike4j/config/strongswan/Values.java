package org.ike4j.config.strongswan;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Identity;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.TrafficSelector;
import org.ike4j.config.strongswan.Section.Setting;

/**
 * Value syntaxes of ipsec.conf(5): times, booleans, addresses, identities, subnets. The syntaxes
 * swanctl.conf(5) shares (addresses, identities, selectors) are public for its front end.
 */
public final class Values {
    private Values() {
    }

    private static final Map<String, Integer> PROTOCOLS = Map.of(
            "icmp", 1, "tcp", 6, "udp", 17, "gre", 47, "esp", 50, "ah", 51, "icmpv6", 58, "ipv6-icmp", 58,
            "sctp", 132);
    private static final Map<String, Integer> PORTS = Map.ofEntries(
            Map.entry("ssh", 22), Map.entry("domain", 53), Map.entry("http", 80), Map.entry("https", 443),
            Map.entry("isakmp", 500), Map.entry("l2tp", 1701), Map.entry("ipsec-nat-t", 4500),
            Map.entry("bootps", 67), Map.entry("bootpc", 68), Map.entry("ntp", 123), Map.entry("snmp", 161));

    /** A time with optional unit s, m, h or d (seconds when none), as ikelifetime=24h. */
    static Duration time(Setting s) throws ConfigException {
        String v = s.value().strip();
        long mult = 1;
        if (!v.isEmpty() && "smhd".indexOf(v.charAt(v.length() - 1)) >= 0) {
            mult = switch (v.charAt(v.length() - 1)) {
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86400;
                default -> 1;
            };
            v = v.substring(0, v.length() - 1);
        }
        try {
            double d = Double.parseDouble(v);
            if (!v.matches("\\d+(\\.\\d+)?") || d * mult > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(d * mult * 1000));
        } catch (NumberFormatException e) {
            throw new ConfigException(s.valueLocation(), "expected a time such as 3600, 60m, 1h or 1d for '"
                    + s.key() + "', found '" + s.value() + "'");
        }
    }

    static long count(Setting s) throws ConfigException {
        try {
            long n = Long.parseLong(s.value().strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(s.valueLocation(), "expected a non-negative number for '" + s.key()
                    + "', found '" + s.value() + "'");
        }
    }

    static int percent(Setting s) throws ConfigException {
        String v = s.value().strip();
        if (v.endsWith("%")) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(s.valueLocation(), "expected a percentage such as 100% for '" + s.key()
                    + "', found '" + s.value() + "'");
        }
    }

    static boolean bool(Setting s) throws ConfigException {
        return switch (s.value().strip().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new ConfigException(s.valueLocation(), "expected one of yes, no after '" + s.key()
                    + "', found '" + s.value() + "'");
        };
    }

    /** One of the given words, lower-cased. */
    static String choice(Setting s, String... allowed) throws ConfigException {
        String v = s.value().strip().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        throw new ConfigException(s.valueLocation(), "expected one of " + String.join(", ", allowed) + " after '"
                + s.key() + "', found '" + s.value() + "'");
    }

    /** A literal IPv4 or IPv6 address, or null if the text is not one (never a DNS lookup). */
    public static InetAddress literal(String text) {
        String t = text.strip();
        if (t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        } else if (!(t.contains(":") && t.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * An identity as ipsec.conf(5) writes it: an address; {@code @name} a FQDN; {@code @@user@host}
     * or {@code user@host} an RFC 822 address; {@code @#hex} a key ID; text with {@code =} a DN;
     * {@code %any}; otherwise a FQDN.
     */
    public static Identity identity(String text, SourceLocation at) throws ConfigException {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new ConfigException(at, "expected an identity");
        }
        if (t.equals("%any") || t.equals("%any4") || t.equals("%any6")) {
            return Identity.ANY;
        }
        InetAddress a = literal(t);
        if (a != null) {
            return new Identity.IpAddress(a);
        }
        if (t.startsWith("@#")) {
            try {
                return new Identity.KeyId(HexFormat.of().parseHex(t.substring(2).replace(":", "")));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at, "expected hex digits after '@#' in key ID '" + t + "'");
            }
        }
        if (t.startsWith("@@")) {
            return new Identity.UserFqdn(t.substring(2));
        }
        if (t.startsWith("@")) {
            return new Identity.Fqdn(t.substring(1));
        }
        if (t.contains("=")) {
            return new Identity.DistinguishedName(t);
        }
        if (t.contains("@")) {
            return new Identity.UserFqdn(t);
        }
        return new Identity.Fqdn(t);
    }

    /** {@code proto/port} as in leftprotoport= or the brackets of leftsubnet=: {protocol, from, to}. */
    public static int[] protoPort(String text, SourceLocation at) throws ConfigException {
        String t = text.strip();
        String proto = t;
        String port = null;
        int slash = t.indexOf('/');
        if (slash >= 0) {
            proto = t.substring(0, slash);
            port = t.substring(slash + 1);
        }
        int protocol;
        if (proto.equals("%any") || proto.isEmpty()) {
            protocol = 0;
        } else if (PROTOCOLS.containsKey(proto.toLowerCase(Locale.ROOT))) {
            protocol = PROTOCOLS.get(proto.toLowerCase(Locale.ROOT));
        } else {
            protocol = number(proto, 255, at, "protocol");
        }
        if (port == null || port.equals("%any")) {
            return new int[] {protocol, 0, 65535};
        }
        if (port.equals("%opaque")) {
            // RFC 7296 section 3.13.1: OPAQUE is start 65535, end 0; ike4j does not model it yet.
            throw new ConfigException(at, "port %opaque is not supported");
        }
        int dash = port.indexOf('-');
        if (dash > 0) {
            int from = port(port.substring(0, dash), at);
            int to = port(port.substring(dash + 1), at);
            if (from > to) {
                throw new ConfigException(at, "empty port range '" + port + "'");
            }
            return new int[] {protocol, from, to};
        }
        int p = port(port, at);
        return new int[] {protocol, p, p};
    }

    private static int port(String s, SourceLocation at) throws ConfigException {
        Integer named = PORTS.get(s.toLowerCase(Locale.ROOT));
        return named != null ? named : number(s, 65535, at, "port");
    }

    private static int number(String s, int max, SourceLocation at, String what) throws ConfigException {
        try {
            int n = Integer.parseInt(s);
            if (n < 0 || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(at, "expected a " + what + " name or number (0-" + max + "), found '" + s + "'");
        }
    }

    /**
     * A leftsubnet= list: {@code net/len}, a single address, or a range {@code a-b}, each with an
     * optional {@code [proto/port]}; {@code defaultProtoPort} (from leftprotoport=) applies to
     * entries without brackets. {@code %dynamic} yields an empty list (the endpoint's own address).
     */
    static List<TrafficSelector> subnets(Setting s, int[] defaultProtoPort) throws ConfigException {
        List<TrafficSelector> out = new ArrayList<>();
        int offset = 0;
        for (String part : s.value().split(",", -1)) {
            SourceLocation at = new SourceLocation(s.valueLocation().file(), s.valueLocation().line(),
                    s.valueLocation().column() + offset + (part.length() - part.stripLeading().length()));
            offset += part.length() + 1;
            String p = part.strip();
            int[] pp = defaultProtoPort;
            int br = p.indexOf('[');
            if (br >= 0) {
                if (!p.endsWith("]")) {
                    throw new ConfigException(at, "expected ']' after protocol/port in '" + p + "'");
                }
                pp = protoPort(p.substring(br + 1, p.length() - 1), at);
                p = p.substring(0, br);
            }
            if (p.equals("%dynamic")) {
                continue;
            }
            out.add(selector(p, pp, at, s.key()));
        }
        return out;
    }

    /**
     * One selector {@code net/len}, an address or a range {@code a-b}, with an optional
     * {@code [proto/port]} suffix (swanctl.conf's local_ts and remote_ts entries).
     */
    public static TrafficSelector trafficSelector(String entry, SourceLocation at, String key) throws ConfigException {
        String p = entry.strip();
        int[] pp = {0, 0, 65535};
        int br = p.indexOf('[');
        if (br >= 0) {
            if (!p.endsWith("]")) {
                throw new ConfigException(at, "expected ']' after protocol/port in '" + p + "'");
            }
            pp = protoPort(p.substring(br + 1, p.length() - 1), at);
            p = p.substring(0, br);
        }
        return selector(p, pp, at, key);
    }

    private static TrafficSelector selector(String p, int[] pp, SourceLocation at, String key) throws ConfigException {
        try {
            int dash = p.indexOf('-');
            if (dash > 0 && literal(p.substring(0, dash)) != null) {
                InetAddress from = literal(p.substring(0, dash));
                InetAddress to = literal(p.substring(dash + 1));
                if (to == null) {
                    throw new ConfigException(at, "expected an address range a-b in " + key + "=, found '" + p + "'");
                }
                return new TrafficSelector(from, to, pp[0], pp[1], pp[2]);
            }
            int slash = p.indexOf('/');
            InetAddress a = literal(slash >= 0 ? p.substring(0, slash) : p);
            if (a == null) {
                throw new ConfigException(at, "expected a subnet such as 10.0.0.0/24 in " + key + "=, found '" + p + "'");
            }
            int bits = a.getAddress().length * 8;
            int prefix = slash >= 0 ? number(p.substring(slash + 1), bits, at, "prefix length") : bits;
            return TrafficSelector.subnet(a, prefix, pp[0], pp[1], pp[2]);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at, "invalid selector '" + p + "' in " + key + "=: " + e.getMessage());
        }
    }
}

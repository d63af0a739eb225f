package org.ike4j.config.swanctl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Identity;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.strongswan.Values;
import org.ike4j.config.swanctl.SettingsSection.Value;
import org.ike4j.crypto.Secret;

/** Value syntaxes of swanctl.conf(5): times, numbers, booleans, identities, secrets. */
final class SwanctlValues {
    private SwanctlValues() {
    }

    /** A time in seconds, or with a unit s, m, h or d (swanctl.conf(5) "TIME FORMATS"). */
    static Duration time(Value v) throws ConfigException {
        String t = v.value().strip();
        long unit = 1;
        if (!t.isEmpty() && "smhd".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86400;
                default -> 1;
            };
            t = t.substring(0, t.length() - 1);
        }
        if (!t.matches("\\d{1,9}")) {
            throw new ConfigException(v.valueLocation(), "expected a time such as 3600, 90s, 60m, 4h or 1d for '"
                    + v.key() + "', found '" + v.value() + "'");
        }
        return Duration.ofSeconds(Long.parseLong(t) * unit);
    }

    /** A non-negative integer, decimal or with a 0x prefix (swanctl.conf(5) "Number Formats"). */
    static long count(Value v) throws ConfigException {
        String t = v.value().strip();
        try {
            long n = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(v.valueLocation(), "expected a non-negative number for '" + v.key()
                    + "', found '" + v.value() + "'");
        }
    }

    static int smallCount(Value v, int max) throws ConfigException {
        long n = count(v);
        if (n > max) {
            throw new ConfigException(v.valueLocation(), "expected a number up to " + max + " for '" + v.key()
                    + "', found '" + v.value() + "'");
        }
        return (int) n;
    }

    static boolean bool(Value v) throws ConfigException {
        return switch (v.value().strip().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "enabled", "1" -> true;
            case "no", "false", "disabled", "0" -> false;
            default -> throw new ConfigException(v.valueLocation(), "expected yes or no for '" + v.key()
                    + "', found '" + v.value() + "'");
        };
    }

    /** One of the given words, lower-cased. */
    static String choice(Value v, String... allowed) throws ConfigException {
        String t = v.value().strip().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(t)) {
                return a;
            }
        }
        throw new ConfigException(v.valueLocation(), "expected one of " + String.join(", ", allowed) + " for '"
                + v.key() + "', found '" + v.value() + "'");
    }

    /**
     * An identity: as ipsec.conf writes them (address, {@code @fqdn}, {@code user@host}, DN,
     * {@code %any}), or with one of swanctl.conf(5)'s type prefixes ({@code fqdn:}, {@code dns:},
     * {@code email:}, {@code rfc822:}, {@code userfqdn:}, {@code asn1dn:}, {@code keyid:},
     * {@code ipv4:#hex}, {@code ipv6:#hex}), where {@code #} introduces hex data.
     */
    static Identity identity(Value v) throws ConfigException {
        String t = v.value().strip();
        SourceLocation at = v.valueLocation();
        int colon = t.indexOf(':');
        String prefix = colon > 0 ? t.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        String data = colon > 0 ? t.substring(colon + 1) : "";
        switch (prefix) {
            case "fqdn", "dns" -> {
                return new Identity.Fqdn(text(data, at));
            }
            case "email", "rfc822", "userfqdn" -> {
                return new Identity.UserFqdn(text(data, at));
            }
            case "asn1dn" -> {
                return new Identity.DistinguishedName(text(data, at));
            }
            case "keyid" -> {
                return new Identity.KeyId(data.startsWith("#") ? hex(data.substring(1), at)
                        : data.getBytes(StandardCharsets.UTF_8));
            }
            case "ipv4", "ipv6" -> {
                if (!data.startsWith("#")) {
                    // swanctl.conf(5): the data after ipv4:/ipv6: is taken as bytes, not converted;
                    // such an identity never matches a real address, which is surely not meant.
                    throw new ConfigException(at, "expected " + prefix + ":#hex or a plain address as identity, found '"
                            + t + "'" + (data.isEmpty() ? " (a # starts a comment unless the value is quoted)" : ""));
                }
                try {
                    java.net.InetAddress a = java.net.InetAddress.getByAddress(hex(data.substring(1), at));
                    if ((a.getAddress().length == 4) != prefix.equals("ipv4")) {
                        throw new ConfigException(at, "expected " + (prefix.equals("ipv4") ? 4 : 16)
                                + " bytes of hex after '" + prefix + ":#'");
                    }
                    return new Identity.IpAddress(a);
                } catch (java.net.UnknownHostException e) {
                    throw new ConfigException(at, "expected 4 or 16 bytes of hex after '" + prefix + ":#'");
                }
            }
            default -> {
                return Values.identity(t, at);
            }
        }
    }

    private static String text(String data, SourceLocation at) throws ConfigException {
        if (data.startsWith("#")) {
            return new String(hex(data.substring(1), at), StandardCharsets.UTF_8);
        }
        return data;
    }

    private static byte[] hex(String h, SourceLocation at) throws ConfigException {
        try {
            return HexFormat.of().parseHex(h.replace(":", ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at, "expected hex digits after '#' in identity");
        }
    }

    /**
     * A secret as swanctl.conf(5) "secrets.ike&lt;suffix&gt;.secret" allows: {@code 0x} hex,
     * {@code 0s} base64, otherwise the text itself. Quotes (already removed) do not change that.
     * A malformed value is reported without showing it.
     */
    static Secret secret(Value v) throws ConfigException {
        String t = v.value();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Secret.wrap(HexFormat.of().parseHex(t.substring(2)));
            }
            if (t.startsWith("0s") || t.startsWith("0S")) {
                return Secret.wrap(Base64.getDecoder().decode(t.substring(2)));
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(v.valueLocation(), "malformed " + (t.charAt(1) == 'x' || t.charAt(1) == 'X'
                    ? "hex (0x...)" : "base64 (0s...)") + " secret (its value is not shown)");
        }
        return Secret.wrap(t.getBytes(StandardCharsets.UTF_8));
    }
}

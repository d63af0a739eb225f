package org.ike4j.config.swanctl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.TrafficSelector;
import org.ike4j.config.strongswan.Values;
import org.ike4j.config.swanctl.SettingsSection.Value;

/** local_addrs/remote_addrs and local_ts/remote_ts of swanctl.conf(5). */
final class Addresses {
    private Addresses() {
    }

    /**
     * The address IKE uses: swanctl.conf(5) takes the first entry that is neither a subnet nor a
     * range to initiate, and matches a responder's peer against all of them; the model has one
     * address, so ike4j takes that first one and says so when there are more.
     */
    static PeerAddress address(Value v, Diagnostics notes) throws ConfigException {
        List<String> parts = new ArrayList<>();
        for (String p : v.value().split(",")) {
            if (!p.isBlank()) {
                parts.add(p.strip());
            }
        }
        String chosen = null;
        for (String p : parts) {
            if (!isRangeOrSubnet(p)) {
                chosen = p;
                break;
            }
        }
        if (chosen == null) {
            throw new ConfigException(v.valueLocation(), "expected an address, a DNS name or %any in '" + v.key()
                    + "': ike4j does not take subnets or ranges ('" + v.value() + "') as IKE peers");
        }
        if (parts.size() > 1) {
            notes.note(v.valueLocation(), "several entries in '" + v.key() + "': ike4j uses '" + chosen
                    + "' only");
        }
        switch (chosen.toLowerCase(Locale.ROOT)) {
            case "%any", "%any4", "%any6" -> {
                return PeerAddress.ANY;
            }
            default -> {
            }
        }
        InetAddress a = Values.literal(chosen);
        if (a != null) {
            return PeerAddress.of(a);
        }
        if (!chosen.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new ConfigException(v.valueLocation(), "expected an address, a DNS name or %any in '" + v.key()
                    + "', found '" + chosen + "'");
        }
        return new PeerAddress.Hostname(chosen);
    }

    private static boolean isRangeOrSubnet(String p) {
        int dash = p.indexOf('-');
        return p.contains("/") || (dash > 0 && Values.literal(p.substring(0, dash)) != null);
    }

    /**
     * Traffic selectors: CIDR subnets, addresses or ranges, each with an optional
     * {@code [protocol/port]}, and {@code dynamic} (the default), the endpoint's own address. With
     * a literal address, {@code dynamic} becomes that host, as the ipsec.conf front end does when
     * there is no subnet; without one, a lone {@code dynamic} leaves the list empty, which the
     * model reads as the endpoint's address.
     */
    static List<TrafficSelector> selectors(Value v, PeerAddress own) throws ConfigException {
        List<TrafficSelector> out = new ArrayList<>();
        if (v == null) {
            return own instanceof PeerAddress.Ip ip ? List.of(host(ip.address(), "", null, "")) : out;
        }
        String value = v.value();
        int offset = 0;
        String[] parts = value.split(",", -1);
        for (String part : parts) {
            SourceLocation at = new SourceLocation(v.valueLocation().file(), v.valueLocation().line(),
                    v.valueLocation().column() + offset + (part.length() - part.stripLeading().length()));
            offset += part.length() + 1;
            String p = part.strip();
            if (p.isEmpty()) {
                throw new ConfigException(at, "expected a traffic selector (e.g. 10.0.0.0/24 or dynamic) in '"
                        + v.key() + "'");
            }
            if (p.toLowerCase(Locale.ROOT).startsWith("dynamic")) {
                String rest = p.substring("dynamic".length());
                if (own instanceof PeerAddress.Ip ip) {
                    out.add(host(ip.address(), rest, at, v.key()));
                } else if (parts.length == 1 && rest.isEmpty()) {
                    return List.of();
                } else {
                    throw new ConfigException(at, "'" + p + "' among other selectors needs a literal address in "
                            + (v.key().startsWith("local") ? "local_addrs" : "remote_addrs"));
                }
                continue;
            }
            out.add(Values.trafficSelector(p.replace("[opaque", "[%opaque").replace("/opaque]", "/%opaque]"),
                    at, v.key()));
        }
        return out;
    }

    private static TrafficSelector host(InetAddress a, String bracket, SourceLocation at, String key)
            throws ConfigException {
        int bits = a.getAddress().length * 8;
        return Values.trafficSelector(a.getHostAddress() + "/" + bits + bracket, at, key);
    }
}

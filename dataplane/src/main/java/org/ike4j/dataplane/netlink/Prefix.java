package org.ike4j.dataplane.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address with a prefix length, as {@code ip} writes it: {@code 10.0.1.1/32}, {@code 2001:db8::/48}. */
public record Prefix(InetAddress address, int length) {

    public Prefix {
        int bits = address.getAddress().length * 8;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix /" + length + " for " + address.getHostAddress());
        }
    }

    /** Parses {@code ADDRESS/LENGTH}, or a bare address as a host (/32 or /128). Literals only: no name lookup. */
    public static Prefix parse(String cidr) {
        int slash = cidr.indexOf('/');
        String host = slash < 0 ? cidr : cidr.substring(0, slash);
        if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an address: " + cidr);
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + cidr, e);
        }
        int bits = a.getAddress().length * 8;
        if (slash < 0) {
            return new Prefix(a, bits);
        }
        try {
            return new Prefix(a, Integer.parseInt(cidr.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length: " + cidr, e);
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}

package org.ike4j.daemon.format;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Addresses as operators write them: IPv6 in the short form of RFC 5952 ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}). */
public final class Addresses {
    private Addresses() {
    }

    public static String host(InetAddress a) {
        return org.ike4j.wire.InetText.of(a);
    }

    /** {@code 10.0.0.1:500}, {@code [2001:db8::1]:500}; {@code %any} for null. */
    public static String hostPort(InetSocketAddress a) {
        if (a == null) {
            return "%any";
        }
        String h = a.getAddress() != null ? host(a.getAddress()) : a.getHostString();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    /** The host part only; {@code %any} for null. */
    public static String host(InetSocketAddress a) {
        if (a == null) {
            return "%any";
        }
        return a.getAddress() != null ? host(a.getAddress()) : a.getHostString();
    }
}

package org.ike4j.dataplane.tun;

import java.io.IOException;

/**
 * Addresses, routes and link state of an interface: what a tunnel's TUN device needs around it.
 * {@link IpRoute2} runs {@code ip}; a netlink implementation can take its place.
 */
public interface LinkConfig {
    /** Sets the MTU and brings the link up. */
    void up(String device, int mtu) throws IOException;

    /** Adds an address with its prefix, e.g. {@code 10.0.1.1/32}. */
    void addAddress(String device, String cidr) throws IOException;

    /**
     * Routes a network into the device, with {@code src} as the preferred source (or null). Fails
     * if the same prefix is routed already: an existing route is never replaced.
     */
    void addRoute(String device, String cidr, String src) throws IOException;

    /** Removes such a route; a route already gone is not an error. */
    void deleteRoute(String device, String cidr) throws IOException;

    /**
     * Pins a host route to {@code address} along the path it takes now, so that a tunnel route
     * that covers it (a remote selector of 0.0.0.0/0) cannot capture the tunnel's own outer
     * packets; returns false if it needed none or could not tell.
     */
    boolean pinHost(String address) throws IOException;

    /** Removes a pinned host route. */
    void unpinHost(String address) throws IOException;
}

/**
 * Linux TUN devices through Java's foreign function API ({@link org.ike4j.dataplane.tun.TunDevice}:
 * open, {@code TUNSETIFF}, non-blocking read and write straight into Java arrays, poll), and the
 * addresses, routes and link state around them behind {@link org.ike4j.dataplane.tun.LinkConfig}
 * ({@link org.ike4j.dataplane.tun.IpRoute2} runs iproute2's {@code ip}; a netlink implementation
 * can take its place).
 */
package org.ike4j.dataplane.tun;

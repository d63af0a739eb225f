/**
 * Netlink (RFC 3549 describes the protocol; the kernel's {@code linux/netlink.h} and
 * {@code linux/rtnetlink.h} are the fact sources for its numbers and structures) through the
 * foreign function API, without iproute2 or JNI.
 *
 * <ul>
 *   <li>{@link org.ike4j.dataplane.netlink.NetlinkSocket}: {@code socket(AF_NETLINK, SOCK_RAW)},
 *       bind, sendto, recvfrom with errno captured; requests acknowledged or refused with an
 *       exception naming the request, the errno and the kernel's extended-ACK text; sockets opened
 *       inside another network namespace (setns on a short-lived thread); multicast events.</li>
 *   <li>{@link org.ike4j.dataplane.netlink.NlMessageBuilder} and
 *       {@link org.ike4j.dataplane.netlink.NlMessage} / {@link org.ike4j.dataplane.netlink.Attributes}:
 *       messages with their attributes, padded to 4; every length checked when parsing.</li>
 *   <li>{@link org.ike4j.dataplane.netlink.Rtnetlink}: links up/down and MTU, addresses, routes,
 *       route lookup - what a TUN device of the userspace dataplane needs.</li>
 * </ul>
 */
package org.ike4j.dataplane.netlink;

/**
 * The dataplane: what carries traffic once IKE has negotiated an IPsec SA.
 *
 * <ul>
 *   <li>{@code esp} — ESP packet processing (RFC 4303; UDP encapsulation RFC 3948): no I/O, so it is
 *       tested and benchmarked on its own;</li>
 *   <li>{@code tun} — TUN devices opened through the foreign function API;</li>
 *   <li>{@code netlink} — rtnetlink (links, addresses, routes) and XFRM (the kernel's SAD and SPD);</li>
 *   <li>{@code userspace} and {@code xfrm} — the two backends the daemon chooses between.</li>
 * </ul>
 */
package org.ike4j.dataplane;

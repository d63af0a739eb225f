/**
 * The Linux kernel's IPsec (XFRM): its SAD and SPD through NETLINK_XFRM. Structures and numbers
 * come from the kernel UAPI header {@code linux/xfrm.h} (Debian's linux-libc-dev 6.1; offsets
 * checked with offsetof/sizeof on x86_64); the encoders are compared byte for byte with what
 * iproute2 6.1 sends for the same {@code ip xfrm} commands.
 *
 * <ul>
 *   <li>{@link org.ike4j.dataplane.xfrm.Xfrm}: add, list and delete policies and SAs, read an SA's
 *       counters; a refusal for missing kernel support is a
 *       {@link org.ike4j.dataplane.xfrm.KernelSupportException} naming it.</li>
 *   <li>{@link org.ike4j.dataplane.xfrm.XfrmPolicy}, {@link org.ike4j.dataplane.xfrm.XfrmState},
 *       {@link org.ike4j.dataplane.xfrm.XfrmSelector}: the kernel's structures as records.</li>
 *   <li>{@link org.ike4j.dataplane.xfrm.XfrmAlgorithms}: negotiated transforms to the kernel's
 *       crypto API names ({@code cbc(aes)}, {@code hmac(sha1)}, {@code rfc4106(gcm(aes))}, ...).</li>
 *   <li>{@link org.ike4j.dataplane.xfrm.XfrmEvents}: the kernel's ACQUIRE (on-demand tunnels) and
 *       EXPIRE (lifetimes) events; {@link org.ike4j.dataplane.xfrm.Xfrm#deleteLarval} removes the
 *       larval SA an acquire left.</li>
 *   <li>{@link org.ike4j.dataplane.xfrm.UdpEncap}: UDP_ENCAP_ESPINUDP on the daemon's NAT-T sockets.</li>
 * </ul>
 */
package org.ike4j.dataplane.xfrm;

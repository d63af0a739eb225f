/**
 * The foreign function plumbing the dataplane's C library calls share: linking a libc symbol with
 * {@code errno} captured per call, the per-thread room the captured state goes to, reading
 * {@code errno} and {@code strerror}, poll(2) on one descriptor, and the Linux errno numbers the
 * callers test for.
 *
 * <p>It exists so that the TUN device, the raw ESP socket, batched UDP, netlink and UDP_ENCAP each
 * keep only their own calls and constants, and the rules every call must follow (errno read right
 * after the call, before anything else can overwrite it; a missing symbol named when the class
 * loads) are written once.
 */
package org.ike4j.dataplane.ffm;

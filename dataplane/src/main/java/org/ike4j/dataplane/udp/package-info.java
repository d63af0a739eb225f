/**
 * Batched UDP for ESP in UDP (RFC 3948): many datagrams per system call on the daemon's NAT-T
 * socket, through the foreign function API — UDP GSO ({@code UDP_SEGMENT}) to send equal-size ESP
 * packets as one, {@code recvmmsg} and UDP GRO to receive many.
 */
package org.ike4j.dataplane.udp;

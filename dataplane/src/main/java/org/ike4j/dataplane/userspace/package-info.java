/**
 * The userspace dataplane: {@link org.ike4j.dataplane.userspace.UserspaceForwarder} keeps a TUN
 * device per route-based tunnel with routes for the peer's selectors, seals what the host routes
 * into it on a thread per tunnel and sends it as ESP in UDP through an
 * {@link org.ike4j.dataplane.userspace.EspTransport}, opens what arrives and writes it to the
 * device after the selector check of RFC 4301 section 5.2. SAs are swapped without loss on
 * rekey; on-demand tunnels hold their first packets and ask for an SA
 * ({@link org.ike4j.dataplane.userspace.ForwarderEvents#acquire}).
 */
package org.ike4j.dataplane.userspace;

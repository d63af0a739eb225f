/**
 * ESP as IP protocol 50 (RFC 4303 without the UDP of RFC 3948): a raw socket through the foreign
 * function API, for SAs that negotiated no UDP encapsulation.
 */
package org.ike4j.dataplane.raw;

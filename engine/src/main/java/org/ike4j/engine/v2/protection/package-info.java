/**
 * IKEv2 message protection: the Encrypted and Authenticated payload SK (RFC 7296 section 3.14),
 * its AEAD form (RFC 5282) and the Encrypted and Authenticated Fragment payload SKF (RFC 7383
 * section 2.5), with reassembly of fragmented messages (RFC 7383 section 2.6).
 *
 * <p>{@link org.ike4j.engine.v2.protection.Ikev2Protection} holds the keys of both directions of
 * one IKE SA; {@link org.ike4j.engine.v2.protection.SkProtector} protects and opens the messages
 * of one direction; {@link org.ike4j.engine.v2.protection.Unprotected} is what opening a received
 * message gives: never an exception, and never a secret in a message.
 */
package org.ike4j.engine.v2.protection;

/**
 * {@code ike4j demo}: the seed document's IKEv1 negotiation (strongSwan server initiating to a
 * Juniper SRX, Main Mode then Quick Mode) replayed between two in-process daemons on loopback,
 * drawn as a ladder from the engines' traces, with both sides' status as the seed shows it.
 */
package org.ike4j.daemon.demo;

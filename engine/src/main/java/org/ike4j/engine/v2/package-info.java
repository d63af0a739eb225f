/**
 * The IKEv2 engine (RFC 7296, RFC 7383): {@link org.ike4j.engine.v2.Ikev2Engine} plays initiator
 * and responder of IKE_SA_INIT and IKE_AUTH with pre-shared keys and the first Child SA,
 * CREATE_CHILD_SA (new Child SAs, Child SA rekeys with and without PFS, IKE SA rekeys) and
 * INFORMATIONAL (deletes, liveness checks), without I/O.
 *
 * <p>Layout: an {@code IkeSa} per IKE SA holds its state: SPIs, keys and message protection
 * (the {@code protection} package), message IDs with the one {@code Request} in flight (window
 * size 1) and the last response, and its {@code ChildState}s. One class per exchange:
 * {@code IkeSaInit} (proposals, KE, nonces, NAT detection, COOKIE and INVALID_KE_PAYLOAD,
 * answered statelessly), {@code IkeAuth} (AUTH per 2.15, the first Child SA, INITIAL_CONTACT),
 * {@code CreateChildSa} (Child SAs, collisions by the nonce rule of 2.8.1 and the
 * TEMPORARY_FAILURE rules of 2.25), {@code IkeSaRekey} (2.18, 2.8.2, and reauthentication),
 * {@code Informational}. What the exchanges share: {@code Ikev2Algorithms} (transform IDs both
 * ways, proposals built and chosen, our order first), {@code ChildSas} (offer, choice, KEYMAT,
 * the installed {@link org.ike4j.engine.ChildSa}), {@code Selectors} (2.9 narrowing),
 * {@code Identities}, {@code NatDetection}. {@code Ikev2Engine} finds the SA of a datagram, checks
 * message IDs (a retransmitted request is answered from the stored response), opens SK and SKF
 * payloads, protects and fragments what it sends, and hands messages for unknown IKE SAs to
 * {@code InvalidIkeSpi} (1.5, 2.21.4); {@code Ikev2Lifecycle} runs the timers (retransmission
 * with back-off and give-up, half-open timeout, DPD with dpdaction clear, hold or restart,
 * lifetimes with strongSwan's margin and fuzz); {@code Ikev2Commands} carries out up, down (of a
 * connection, or of one Child or IKE SA by its unique id), acquires and reload; {@code Ikev2Status}
 * makes the snapshot. Its timer keys' owners start with {@code v2#} so that
 * {@link org.ike4j.engine.VersionDispatch} routes them.
 */
package org.ike4j.engine.v2;

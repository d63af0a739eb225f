/**
 * The IKEv1 engine (RFC 2407, 2408, 2409, 3947): {@link org.ike4j.engine.v1.Ikev1Engine} plays
 * initiator and responder of Main Mode and Aggressive Mode with pre-shared keys, Quick Mode with
 * and without PFS, and Informational exchanges, without I/O; with RFC 3947 NAT traversal, RFC 3706
 * dead peer detection, and renewal of IPsec SAs (Quick Mode) and ISAKMP SAs before they expire.
 *
 * <p>Layout: an {@code IsakmpSa} per Phase 1 holds the state; its {@code TaskManager} holds its
 * tasks, one feature each, and decides which one a message or timer goes to: the mode task
 * ({@code MainModeTask} or {@code AggressiveModeTask}, an explicit round each) with the Phase 1
 * extensions ({@code VendorIdTask}, {@code NatDetectionTask}) composed into every message of either
 * mode; Quick Modes by message ID ({@code QuickModeTask}, an explicit round); Informational
 * exchanges ({@code InformationalTask}) and on them DPD ({@code DpdTask}, one per SA). {@code MessageRule}
 * declares what each message must carry; {@link org.ike4j.engine.v1.Ikev1Protection} encrypts
 * and tracks the IV chains; {@link org.ike4j.engine.v1.Ikev1Algorithms} maps attribute values to
 * the crypto and configuration enums; {@code Phase1Proposal} and {@code QuickModeProposal} build
 * offers and choose; {@code ProxyIds} turns identities and selectors into ID payloads and back.
 * {@code Ikev1Engine} itself only finds a datagram's SA (lookup by cookies, responder SAs for
 * new requests), decrypts it and hands it to the SA's task manager; {@code Ikev1Lifecycle} runs the timers, the renewals (soft lifetime =
 * lifetime - rekeymargin - random(0, rekeymargin x rekeyfuzz / 100), as strongSwan) and the
 * collisions between both peers' renewals (of two IPsec SA pairs renewing one, the one whose Quick
 * Mode carried the lower Ni stays; of two renewed ISAKMP SAs, the one with the lower initiator
 * cookie; the end that initiated the other deletes it); {@code Ikev1Commands} carries out up, down
 * and reload (unchanged connections untouched, removed ones deleted, changed ones renewed with their
 * new settings, added auto=start ones initiated) and keeps dpdaction=hold connections held.
 */
package org.ike4j.engine.v1;

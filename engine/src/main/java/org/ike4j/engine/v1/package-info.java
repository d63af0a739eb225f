/**
 * The IKEv1 engine (RFC 2407, 2408, 2409, 3947): {@link org.ike4j.engine.v1.Ikev1Engine} plays
 * initiator and responder of Main Mode and Aggressive Mode with pre-shared keys, Quick Mode with
 * and without PFS, and Informational exchanges, without I/O; with RFC 3947 NAT traversal, RFC 3706
 * dead peer detection, and renewal of IPsec SAs (Quick Mode) and ISAKMP SAs before they expire.
 *
 * <p>Layout: an {@code IsakmpSa} per Phase 1 holds the state and its tasks, one feature each with
 * an explicit round ({@code MainModeTask}, {@code AggressiveModeTask}, {@code QuickModeTask},
 * {@code InformationalTask}, {@code DpdTask}, and the Phase 1 extensions {@code VendorIdTask} and
 * {@code NatDetectionTask}, which a {@code TaskManager} composes into the messages of either
 * mode); {@code MessageRule}
 * declares what each message must carry; {@link org.ike4j.engine.v1.Ikev1Protection} encrypts
 * and tracks the IV chains; {@link org.ike4j.engine.v1.Ikev1Algorithms} maps attribute values to
 * the crypto and configuration enums; {@code Phase1Proposal} and {@code QuickModeProposal} build
 * offers and choose; {@code ProxyIds} turns identities and selectors into ID payloads and back.
 * {@code Ikev1Engine} itself dispatches datagrams to their SA (lookup by cookies, responder SAs
 * for new requests); {@code Ikev1Lifecycle} runs the timers, the renewals (soft lifetime =
 * lifetime - rekeymargin - random(0, rekeymargin x rekeyfuzz / 100), as strongSwan) and the
 * collisions between both peers' renewals (of two IPsec SA pairs renewing one, the one whose Quick
 * Mode carried the lower Ni stays; of two renewed ISAKMP SAs, the one with the lower initiator
 * cookie; the end that initiated the other deletes it); {@code Ikev1Commands} carries out up, down
 * and reload (unchanged connections untouched, removed ones deleted, changed ones renewed with their
 * new settings, added auto=start ones initiated) and keeps dpdaction=hold connections held.
 */
package org.ike4j.engine.v1;

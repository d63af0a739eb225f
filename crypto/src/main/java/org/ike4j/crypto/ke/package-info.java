/**
 * Diffie-Hellman key exchange for IKE (the KE payload of RFC 7296 section 3.4 and RFC 2409
 * section 5): MODP groups 1, 2, 5, 14-18 and 22-24, ECP groups 19-21 (RFC 5903) and
 * Curve25519/Curve448 (RFC 8031), each behind {@link org.ike4j.crypto.KeyExchange}, in up to three
 * backends chosen through {@link org.ike4j.crypto.ke.KeyExchanges}.
 *
 * <p>Every implementation validates the peer's public value itself before any provider sees it
 * (RFC 6989 section 2), so the checks do not depend on a provider's habits. Which backend is fastest
 * per group family, from measurements on the development machine (keygen plus shared secret, one
 * side): ECP - accp well ahead of bc, bc well ahead of jca (SunEC checks the peer point's order with
 * a full scalar multiplication); Curve25519 - bc ahead of jca; Curve448 - bc, then jca; MODP - jca
 * and bc run the same code.
 */
package org.ike4j.crypto.ke;

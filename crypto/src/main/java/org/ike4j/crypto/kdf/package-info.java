/**
 * The IKEv1 and IKEv2 key derivations, written against the {@link org.ike4j.crypto.Prf} interface
 * so that they run over any backend and any PRF (HMAC or AES-based).
 *
 * <p>IKEv1 (RFC 2409): {@link org.ike4j.crypto.kdf.Ikev1Skeyid} (SKEYID for each authentication
 * method), {@link org.ike4j.crypto.kdf.Ikev1Keys} (SKEYID_d/a/e and the Appendix B encryption key),
 * {@link org.ike4j.crypto.kdf.Ikev1IvChain} (Phase 1 and Phase 2 IVs and the CBC chain),
 * {@link org.ike4j.crypto.kdf.Ikev1AuthHash} (HASH_I, HASH_R),
 * {@link org.ike4j.crypto.kdf.QuickModeHash} (HASH(1), HASH(2), HASH(3), Informational HASH(1)),
 * {@link org.ike4j.crypto.kdf.QuickModeKeymat} (KEYMAT with and without PFS).
 *
 * <p>IKEv2 (RFC 7296): {@link org.ike4j.crypto.kdf.PrfPlus} (prf+),
 * {@link org.ike4j.crypto.kdf.Ikev2Skeyseed} (initial and rekey SKEYSEED),
 * {@link org.ike4j.crypto.kdf.Ikev2SaKeys} (SK_d, SK_ai, ..., SK_pr),
 * {@link org.ike4j.crypto.kdf.Ikev2ChildKeys} (Child SA KEYMAT),
 * {@link org.ike4j.crypto.kdf.Ikev2Auth} (signed octets and the shared-key AUTH).
 *
 * <p>Key material travels as {@link org.ike4j.crypto.Secret}; public values (nonces, cookies, SPIs,
 * message IDs, the Diffie-Hellman public values, hashes carried in messages) as {@code byte[]}.
 * Where a secret has to be fed to a PRF as data, its bytes are revealed for that one call and
 * overwritten afterwards.
 */
package org.ike4j.crypto.kdf;

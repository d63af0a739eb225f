package org.ike4j.crypto.kdf;

import org.ike4j.crypto.Secret;

/**
 * The keys of one direction of an SA: the encryption key (with any salt/nonce) and the integrity
 * key, either possibly empty (AEAD has no integrity key, AH no encryption key).
 *
 * <p>Within one direction's keying material the encryption key comes first and the integrity key
 * follows: RFC 7296 section 2.17 says so for IKEv2; RFC 2409 leaves it to the DOI, and IKEv1
 * implementations (pluto, Junos, the kernel's PF_KEY users) take it in the same order.
 */
public record IpsecKeys(Secret encryptionKey, Secret integrityKey) {

    /**
     * Splits one direction's KEYMAT, which must be exactly {@code sizes.total()} bytes, into its
     * encryption and integrity keys.
     */
    public static IpsecKeys split(Secret keymat, SaKeySizes sizes) {
        if (keymat.length() != sizes.total()) {
            throw new IllegalArgumentException("KEYMAT of " + keymat.length() + " bytes for "
                    + sizes.encryptionKeySize() + " + " + sizes.integrityKeySize() + " bytes of keys");
        }
        return split(keymat, 0, sizes);
    }

    /** As {@link #split(Secret, SaKeySizes)} for the {@code sizes.total()} bytes at {@code offset}. */
    static IpsecKeys split(Secret keymat, int offset, SaKeySizes sizes) {
        int e = offset + sizes.encryptionKeySize();
        return new IpsecKeys(keymat.slice(offset, e), keymat.slice(e, e + sizes.integrityKeySize()));
    }

    /** Overwrites both keys. */
    public void destroy() {
        encryptionKey.destroy();
        integrityKey.destroy();
    }
}

package org.ike4j.engine.v2.protection;

import java.util.Objects;
import org.ike4j.crypto.Secret;

/**
 * The keys of one direction of an IKE SA (RFC 7296 section 2.14): SK_ei and SK_ai for messages
 * the original initiator sends, SK_er and SK_ar for those of the original responder. With an AEAD
 * cipher the integrity key is empty. Prints only the key lengths ({@link Secret#toString()}).
 *
 * @param encryption SK_e of the direction, salt included
 * @param integrity SK_a of the direction (empty for AEAD)
 */
public record SkKeys(Secret encryption, Secret integrity) {
    public SkKeys {
        Objects.requireNonNull(encryption);
        Objects.requireNonNull(integrity);
    }

    /** Checks the key lengths against a suite, naming only lengths. */
    void check(SkSuite suite) {
        if (encryption.length() != suite.encryptionKeySize() || integrity.length() != suite.integrityKeySize()) {
            throw new IllegalArgumentException(suite + " needs SK_e of " + suite.encryptionKeySize()
                    + " and SK_a of " + suite.integrityKeySize() + " octets, got " + encryption.length()
                    + " and " + integrity.length());
        }
    }
}

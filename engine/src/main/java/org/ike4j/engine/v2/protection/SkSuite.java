package org.ike4j.engine.v2.protection;

import java.util.Objects;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;

/**
 * The transforms that protect an IKE SA's messages: a cipher with a separate integrity algorithm
 * (RFC 7296 section 3.14), or one combined-mode (AEAD) cipher with no integrity transform
 * (RFC 5282 section 3).
 */
public sealed interface SkSuite {

    /** Octets of the Initialization Vector at the start of the SK payload's body. */
    int ivSize();

    /** Octets of the Integrity Checksum Data at the end of the SK payload's body. */
    int icvSize();

    /**
     * The plaintext (inner payloads, padding and Pad Length) must be a multiple of this: the
     * cipher's block size, 1 for counter and AEAD modes.
     */
    int blockSize();

    /** Octets of SK_ei / SK_er, salt or nonce included. */
    int encryptionKeySize();

    /** Octets of SK_ai / SK_ar; 0 with an AEAD cipher (RFC 5282 section 7). */
    int integrityKeySize();

    /** Encryption with a separate integrity check: IV | E(plaintext) | ICV (RFC 7296 section 3.14). */
    record Classic(CipherAlgorithm cipher, IntegrityAlgorithm integrity) implements SkSuite {
        public Classic {
            Objects.requireNonNull(cipher);
            Objects.requireNonNull(integrity);
        }

        @Override
        public int ivSize() {
            return cipher.ivSize();
        }

        @Override
        public int icvSize() {
            return integrity.icvSize();
        }

        @Override
        public int blockSize() {
            return cipher.blockSize();
        }

        @Override
        public int encryptionKeySize() {
            return cipher.keySize();
        }

        @Override
        public int integrityKeySize() {
            return integrity.keySize();
        }

        @Override
        public String toString() {
            return cipher + "/" + integrity;
        }
    }

    /**
     * A combined-mode cipher: IV | ciphertext | ICV, the ICV computed by the cipher over the IKE
     * header and the SK (or SKF) payload header as additional data (RFC 5282 section 5.1).
     */
    record Combined(AeadAlgorithm aead) implements SkSuite {
        public Combined {
            Objects.requireNonNull(aead);
        }

        @Override
        public int ivSize() {
            return aead.ivSize();
        }

        @Override
        public int icvSize() {
            return aead.icvSize();
        }

        @Override
        public int blockSize() {
            return 1;
        }

        @Override
        public int encryptionKeySize() {
            return aead.keySize();
        }

        @Override
        public int integrityKeySize() {
            return 0;
        }

        @Override
        public String toString() {
            return aead.toString();
        }
    }
}

package org.ike4j.crypto;

import java.security.MessageDigest;

/** A MAC truncated to its ICV size. Stateless and thread-safe. */
public interface Integrity {
    IntegrityAlgorithm algorithm();

    /**
     * The truncated ICV over data[0] | data[1] | ...
     *
     * @throws IllegalArgumentException unless the key is {@link IntegrityAlgorithm#keySize()} bytes
     */
    byte[] icv(byte[] key, byte[]... data);

    /** Constant-time check of a received ICV. */
    default boolean verify(byte[] key, byte[] icv, byte[]... data) {
        return MessageDigest.isEqual(icv(key, data), icv);
    }
}

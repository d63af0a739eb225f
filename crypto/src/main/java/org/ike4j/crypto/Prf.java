package org.ike4j.crypto;

/** A keyed pseudo-random function: HMAC or an AES-based PRF. Stateless and thread-safe. */
public interface Prf {
    PrfAlgorithm algorithm();

    default int outputSize() {
        return algorithm().outputSize();
    }

    /** prf(key, data[0] | data[1] | ...). */
    byte[] apply(byte[] key, byte[]... data);

    /** prf(key, data...) with the key taken from a secret; the result is a secret too. */
    default Secret apply(Secret key, byte[]... data) {
        byte[] k = key.reveal();
        try {
            return Secret.wrap(apply(k, data));
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
    }
}

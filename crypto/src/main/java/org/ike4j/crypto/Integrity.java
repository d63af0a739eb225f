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

    /**
     * This algorithm keyed with {@code key} for packets. The default goes through {@link #icv} and
     * copies; backends override it where they can avoid that.
     *
     * @throws IllegalArgumentException unless the key is {@link IntegrityAlgorithm#keySize()} bytes
     */
    default PacketIntegrity forPackets(byte[] key) {
        algorithm().checkKey(key);
        byte[] k = key.clone();
        int size = algorithm().icvSize();
        return new PacketIntegrity() {
            @Override
            public int icvSize() {
                return size;
            }

            @Override
            public void icv(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength, byte[] out,
                            int outOffset) {
                byte[] icv = Integrity.this.icv(k, java.util.Arrays.copyOfRange(a, aOffset, aOffset + aLength),
                        java.util.Arrays.copyOfRange(b, bOffset, bOffset + bLength));
                System.arraycopy(icv, 0, out, outOffset, size);
            }
        };
    }
}

package org.ike4j.crypto.mac;

import java.util.Arrays;
import org.ike4j.crypto.Integrity;
import org.ike4j.crypto.IntegrityAlgorithm;

/**
 * An integrity algorithm as a MAC truncated to its ICV size, keeping the leftmost bytes
 * (RFC 2404 section 2, RFC 4868 section 2.1.1, RFC 3566 section 3, RFC 4494 section 2).
 */
public record TruncatedIntegrity(IntegrityAlgorithm algorithm, MacFunction function) implements Integrity {
    @Override
    public byte[] icv(byte[] key, byte[]... data) {
        algorithm.checkKey(key);
        byte[] full = function.apply(key, data);
        if (full.length == algorithm.icvSize()) {
            return full;
        }
        byte[] icv = Arrays.copyOf(full, algorithm.icvSize());
        Arrays.fill(full, (byte) 0);
        return icv;
    }

    /** In place where the MAC is the JDK's HMAC; otherwise the copying default. */
    @Override
    public org.ike4j.crypto.PacketIntegrity forPackets(byte[] key) {
        algorithm.checkKey(key);
        if (function instanceof org.ike4j.crypto.jca.JcaHmac h) {
            return h.forPackets(key, algorithm.icvSize());
        }
        return org.ike4j.crypto.Integrity.super.forPackets(key);
    }
}

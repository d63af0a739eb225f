package org.ike4j.crypto.jca;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.Provider;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.ike4j.crypto.mac.MacFunction;

/**
 * HMAC (RFC 2104) through {@link javax.crypto.Mac}. Each thread keeps Macs keyed with the last
 * {@value #KEPT} keys it used and re-keys one only for a key it does not hold: a run of PRF calls
 * under one SKEYID, the two directions of an IKE SA (SK_ai and SK_ar in turn), or a capture decoder
 * going from SA to SA skip the inner/outer pad hashing that init costs.
 */
public final class JcaHmac implements MacFunction {
    private final String jcaName;
    private static final int KEPT = 4;

    private final ThreadLocal<Keyed> perThread;
    private final Provider provider;

    /** @param provider the provider to take the Mac from, or null for the installed ones */
    public JcaHmac(String jcaName, Provider provider) {
        this.jcaName = jcaName;
        this.provider = provider;
        this.perThread = ThreadLocal.withInitial(Keyed::new);
    }

    @Override
    public byte[] apply(byte[] key, byte[][] data) {
        Keyed k = perThread.get();
        int slot = k.find(key);
        Mac mac;
        try {
            if (slot < 0) {
                slot = k.next;
                k.next = (k.next + 1) % KEPT;
                if (k.macs[slot] == null) {
                    k.macs[slot] = Jca.mac(jcaName, provider);
                }
                k.keys[slot] = null;
                k.macs[slot].init(secretKey(key));
                k.keys[slot] = key.clone();
            }
            mac = k.macs[slot];
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(jcaName + " refused the key", e);
        }
        try {
            for (byte[] d : data) {
                mac.update(d);
            }
            return mac.doFinal();
        } catch (RuntimeException e) {
            // Never leave half-fed input in a Mac the next call on this thread will use.
            mac.reset();
            throw e;
        }
    }

    /**
     * A Mac of its own keyed once with {@code key}, truncated to {@code icvSize} bytes: the ICV of
     * one SA direction without re-keying or output arrays.
     */
    public org.ike4j.crypto.PacketIntegrity forPackets(byte[] key, int icvSize) {
        Mac mac = Jca.mac(jcaName, provider);
        try {
            mac.init(secretKey(key));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(jcaName + " refused the key", e);
        }
        byte[] full = new byte[mac.getMacLength()];
        return new org.ike4j.crypto.PacketIntegrity() {
            @Override
            public int icvSize() {
                return icvSize;
            }

            @Override
            public void icv(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength, byte[] out,
                            int outOffset) {
                mac.update(a, aOffset, aLength);
                if (bLength > 0) {
                    mac.update(b, bOffset, bLength);
                }
                try {
                    mac.doFinal(full, 0);
                } catch (javax.crypto.ShortBufferException e) {
                    throw new IllegalStateException(e);
                }
                System.arraycopy(full, 0, out, outOffset, icvSize);
            }
        };
    }

    private SecretKey secretKey(byte[] key) {
        // HMAC accepts any key length, including zero (an empty PSK is the operator's mistake, not
        // ours to refuse here); SecretKeySpec refuses an empty array.
        return key.length == 0 ? new EmptyKey(jcaName) : new SecretKeySpec(key, jcaName);
    }

    /** A thread's Macs and the keys they are initialised with (null: none yet), replaced in turn. */
    private static final class Keyed {
        final Mac[] macs = new Mac[KEPT];
        final byte[][] keys = new byte[KEPT][];
        int next;

        /** The slot keyed with {@code key}, or -1. */
        int find(byte[] key) {
            for (int i = 0; i < KEPT; i++) {
                if (keys[i] != null && MessageDigest.isEqual(keys[i], key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** A zero-length HMAC key, which SecretKeySpec cannot express. */
    private record EmptyKey(String getAlgorithm) implements SecretKey {
        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return new byte[0];
        }
    }
}

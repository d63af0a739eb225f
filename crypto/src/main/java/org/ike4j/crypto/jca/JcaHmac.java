package org.ike4j.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Provider;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.ike4j.crypto.KeptKeys;
import org.ike4j.crypto.mac.MacFunction;

/**
 * HMAC (RFC 2104) through {@link javax.crypto.Mac}. Each thread keeps Macs keyed with its last few
 * keys ({@link KeptKeys}) and re-keys one only for a key it does not hold: a run of PRF calls under
 * one SKEYID, the two directions of an IKE SA (SK_ai and SK_ar in turn), or a capture decoder going
 * from SA to SA skip the inner/outer pad hashing that init costs.
 */
public final class JcaHmac implements MacFunction {
    private final String jcaName;
    private final ThreadLocal<KeptKeys<Mac>> perThread;
    private final Provider provider;

    /** @param provider the provider to take the Mac from, or null for the installed ones */
    public JcaHmac(String jcaName, Provider provider) {
        this.jcaName = jcaName;
        this.provider = provider;
        this.perThread = ThreadLocal.withInitial(() -> new KeptKeys<>() {
            @Override
            protected Mac make() {
                return Jca.mac(jcaName, provider);
            }

            @Override
            protected void key(Mac mac, byte[] key) throws InvalidKeyException {
                mac.init(secretKey(key));
            }
        });
    }

    @Override
    public byte[] apply(byte[] key, byte[][] data) {
        Mac mac;
        try {
            mac = perThread.get().keyed(key);
        } catch (GeneralSecurityException e) {
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

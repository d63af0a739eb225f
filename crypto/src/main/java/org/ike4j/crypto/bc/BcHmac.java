package org.ike4j.crypto.bc;

import java.security.MessageDigest;
import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.ike4j.crypto.mac.MacFunction;

/**
 * HMAC (RFC 2104) with BouncyCastle's {@link HMac}. Each thread keeps its own HMac and re-keys it
 * only when the key changes (HMac returns to its keyed state after doFinal).
 */
final class BcHmac implements MacFunction {
    private final ThreadLocal<Keyed> perThread;

    BcHmac(Supplier<Digest> digest) {
        this.perThread = ThreadLocal.withInitial(() -> new Keyed(new HMac(digest.get())));
    }

    @Override
    public byte[] apply(byte[] key, byte[][] data) {
        Keyed k = perThread.get();
        HMac mac = k.mac;
        try {
            if (k.key == null || !MessageDigest.isEqual(k.key, key)) {
                k.key = null;
                mac.init(new KeyParameter(key));
                k.key = key.clone();
            }
            for (byte[] d : data) {
                mac.update(d, 0, d.length);
            }
            byte[] out = new byte[mac.getMacSize()];
            mac.doFinal(out, 0);
            return out;
        } catch (RuntimeException e) {
            // Never leave half-fed input in an HMac the next call on this thread will use.
            mac.reset();
            throw e;
        }
    }

    private static final class Keyed {
        final HMac mac;
        byte[] key;

        Keyed(HMac mac) {
            this.mac = mac;
        }
    }
}

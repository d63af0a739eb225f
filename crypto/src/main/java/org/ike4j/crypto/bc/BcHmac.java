package org.ike4j.crypto.bc;

import java.security.GeneralSecurityException;
import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.ike4j.crypto.KeptKeys;
import org.ike4j.crypto.mac.MacFunction;

/**
 * HMAC (RFC 2104) with BouncyCastle's {@link HMac}. Each thread keeps HMacs keyed with its last few
 * keys ({@link KeptKeys}): HMac returns to its keyed state after doFinal, with the inner and outer
 * pads already hashed, so a key that comes back (SK_ai and SK_ar in turn, a run of PRF calls under
 * one SKEYID) costs only its data.
 */
final class BcHmac implements MacFunction {
    private final ThreadLocal<KeptKeys<HMac>> perThread;

    BcHmac(Supplier<Digest> digest) {
        this.perThread = ThreadLocal.withInitial(() -> new KeptKeys<>() {
            @Override
            protected HMac make() {
                return new HMac(digest.get());
            }

            @Override
            protected void key(HMac mac, byte[] key) {
                mac.init(new KeyParameter(key));
            }
        });
    }

    @Override
    public byte[] apply(byte[] key, byte[][] data) {
        HMac mac;
        try {
            mac = perThread.get().keyed(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle's HMac throws no checked exception", e);
        }
        try {
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
}

package org.ike4j.crypto.bc;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.ike4j.crypto.mac.AesBlock;
import org.ike4j.crypto.mac.MacFunction;

/**
 * AES-CMAC (RFC 4493) with BouncyCastle's {@link CMac}, and AES-CMAC-PRF-128 (RFC 4615) around it:
 * a key other than 16 bytes is first reduced to AES-CMAC(0^128, key).
 */
final class BcCmac {
    private final ThreadLocal<CMac> perThread = ThreadLocal.withInitial(() -> new CMac(AESEngine.newInstance()));

    /** The full 16-byte AES-CMAC under a 16-byte key. */
    final MacFunction mac = (key, data) -> {
        if (key.length != AesBlock.BLOCK_SIZE) {
            throw new IllegalArgumentException("AES-CMAC needs a 16-byte key, got " + key.length);
        }
        return compute(key, data);
    };

    /** AES-CMAC-PRF-128 (RFC 4615 section 3). */
    final MacFunction prf = (key, data) -> {
        if (key.length == AesBlock.BLOCK_SIZE) {
            return compute(key, data);
        }
        byte[] reduced = compute(new byte[AesBlock.BLOCK_SIZE], new byte[][] {key});
        try {
            return compute(reduced, data);
        } finally {
            java.util.Arrays.fill(reduced, (byte) 0);
        }
    };

    private byte[] compute(byte[] key, byte[][] data) {
        CMac cmac = perThread.get();
        cmac.init(new KeyParameter(key));
        for (byte[] d : data) {
            cmac.update(d, 0, d.length);
        }
        byte[] out = new byte[cmac.getMacSize()];
        cmac.doFinal(out, 0);
        return out;
    }
}

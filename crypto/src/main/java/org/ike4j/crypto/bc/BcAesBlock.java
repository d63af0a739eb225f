package org.ike4j.crypto.bc;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.ike4j.crypto.mac.AesBlock;

/** The AES block function as BouncyCastle's AES engine. */
final class BcAesBlock implements AesBlock {
    private final BlockCipher aes = AESEngine.newInstance();

    @Override
    public void init(byte[] key) {
        aes.init(true, new KeyParameter(key));
    }

    @Override
    public void encrypt(byte[] in, int inOff, byte[] out, int outOff) {
        aes.processBlock(in, inOff, out, outOff);
    }
}

package org.ike4j.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.spec.SecretKeySpec;
import org.ike4j.crypto.mac.AesBlock;

/** The AES block function as a JCA "AES/ECB/NoPadding" cipher fed one block at a time. */
final class JcaAesBlock implements AesBlock {
    private final javax.crypto.Cipher ecb;

    JcaAesBlock(Provider provider) {
        this.ecb = Jca.cipher("AES/ECB/NoPadding", provider);
    }

    @Override
    public void init(byte[] key) {
        try {
            ecb.init(javax.crypto.Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("AES refused the key", e);
        }
    }

    @Override
    public void encrypt(byte[] in, int inOff, byte[] out, int outOff) {
        try {
            ecb.update(in, inOff, BLOCK_SIZE, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES block", e);
        }
    }
}

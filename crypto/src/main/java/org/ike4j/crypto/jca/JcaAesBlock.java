package org.ike4j.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ike4j.crypto.mac.AesBlock;

/**
 * The AES block function as a JCA "AES/ECB/NoPadding" cipher fed one block at a time, with the
 * bulk steps of CBC-MAC and CCM's counter mode run as AES/CBC and AES/CTR calls: a JCA call costs
 * far more than one AES block, so XCBC, CMAC and CCM over a packet make a few calls, not one per
 * block.
 */
final class JcaAesBlock implements AesBlock {
    private final javax.crypto.Cipher ecb;
    private final javax.crypto.Cipher cbc;
    private final javax.crypto.Cipher ctr;
    private SecretKeySpec key;
    private byte[] scratch = new byte[0];

    JcaAesBlock(Provider provider) {
        this.ecb = Jca.cipher("AES/ECB/NoPadding", provider);
        this.cbc = Jca.cipher("AES/CBC/NoPadding", provider);
        this.ctr = Jca.cipher("AES/CTR/NoPadding", provider);
    }

    @Override
    public void init(byte[] key) {
        try {
            this.key = null;
            SecretKeySpec k = new SecretKeySpec(key, "AES");
            ecb.init(javax.crypto.Cipher.ENCRYPT_MODE, k);
            this.key = k;
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

    @Override
    public void chain(byte[] state, byte[] in, int off, int blocks) {
        if (blocks < 4) {
            AesBlock.super.chain(state, in, off, blocks);
            return;
        }
        // CBC encryption with IV = state leaves the chain value in its last output block.
        int len = blocks * BLOCK_SIZE;
        byte[] out = scratch(len);
        try {
            cbc.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new IvParameterSpec(state));
            cbc.doFinal(in, off, len, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC", e);
        }
        System.arraycopy(out, len - BLOCK_SIZE, state, 0, BLOCK_SIZE);
    }

    @Override
    public void ctr(byte[] counter, byte[] data, int off, int len) {
        if (len <= 2 * BLOCK_SIZE) {
            AesBlock.super.ctr(counter, data, off, len);
            return;
        }
        try {
            ctr.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counter));
            ctr.doFinal(data, off, len, data, off);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR", e);
        }
    }

    private byte[] scratch(int len) {
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, 2 * scratch.length)];
        }
        return scratch;
    }
}

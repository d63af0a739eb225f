package org.ike4j.crypto.mac;

import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;

/** ESP's NULL encryption (RFC 2410): no key, no IV, the text unchanged. Every backend offers it. */
public record NullCipher() implements Cipher {
    @Override
    public CipherAlgorithm algorithm() {
        return CipherAlgorithm.NULL;
    }

    @Override
    public byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) {
        CipherAlgorithm.NULL.check(key, iv, plaintext);
        return plaintext.clone();
    }

    @Override
    public byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext) {
        CipherAlgorithm.NULL.check(key, iv, ciphertext);
        return ciphertext.clone();
    }

    /** Nothing to do in place. */
    @Override
    public org.ike4j.crypto.PacketCipher forPackets(byte[] key) {
        CipherAlgorithm.NULL.check(key, new byte[0], new byte[0]);
        return new org.ike4j.crypto.PacketCipher() {
            @Override
            public void encrypt(byte[] iv, int ivOffset, byte[] buf, int offset, int length) {
                // RFC 2410: the identity
            }

            @Override
            public void decrypt(byte[] iv, int ivOffset, byte[] buf, int offset, int length) {
                // RFC 2410: the identity
            }
        };
    }
}

package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.AuthenticationException;
import org.ike4j.crypto.Crypto;
import org.junit.jupiter.api.Test;

/**
 * The decoder's crypto has every AEAD the default backends have: the JDK's where it has one, and
 * AES-GCM with an 8-byte ICV (which SunJCE refuses) from the defaults, loaded when first used.
 */
class DecoderCryptoTest {

    @Test
    void everyAeadSealsAsTheDefaultsDoAndOpensTheirs() throws Exception {
        byte[] aad = "header".getBytes();
        byte[] plain = "payloads of an SK payload".getBytes();
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            byte[] key = new byte[a.keySize()];
            byte[] iv = new byte[a.ivSize()];
            for (int i = 0; i < key.length; i++) {
                key[i] = (byte) (i * 7 + a.ordinal());
            }
            byte[] mine = DecoderCrypto.get().aead(a).seal(key, iv, aad, plain);
            byte[] theirs = Crypto.defaults().aead(a).seal(key, iv, aad, plain);
            assertArrayEquals(theirs, mine, a.name());
            assertArrayEquals(plain, DecoderCrypto.get().aead(a).open(key, iv, aad, theirs), a.name());
            theirs[theirs.length - 1] ^= 1;
            assertThrows(AuthenticationException.class, () -> DecoderCrypto.get().aead(a).open(key, iv, aad, theirs),
                    a.name());
        }
    }

    @Test
    void theJdkServesEverythingElse() {
        assertEquals("jca", DecoderCrypto.get().backends().get(0).name());
    }
}

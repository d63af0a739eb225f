package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.AuthenticationException;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.Integrity;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.jca.JcaBackend;
import org.junit.jupiter.api.Test;

/**
 * The decoder's crypto has every AEAD the default backends have: the JDK's where it has one, and
 * AES-GCM with an 8-byte ICV (which SunJCE refuses) from the defaults, loaded when first used; and
 * the JDK's ciphers, integrity algorithms and PRFs, but BouncyCastle's 3DES and HMACs.
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
    void theJdkServesEverythingElseButTripleDesAndHmac() {
        JcaBackend jdk = new JcaBackend();
        for (CipherAlgorithm a : CipherAlgorithm.values()) {
            if (a != CipherAlgorithm.DES3_CBC) {
                assertEquals(jdk.cipher(a).orElseThrow().getClass(), DecoderCrypto.get().cipher(a).getClass(), a.name());
            }
        }
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            if (!a.name().startsWith("HMAC_")) {
                assertEquals(jdk.integrity(a).orElseThrow().getClass(), DecoderCrypto.get().integrity(a).getClass(),
                        a.name());
            }
        }
        for (PrfAlgorithm a : PrfAlgorithm.values()) {
            assertEquals(jdk.prf(a).orElseThrow().getClass(), DecoderCrypto.get().prf(a).getClass(), a.name());
        }
    }

    @Test
    void hmacsFromBouncyCastleAreTheJdksHmacs() {
        JcaBackend jdk = new JcaBackend();
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            if (!a.name().startsWith("HMAC_")) {
                continue;
            }
            Integrity mine = DecoderCrypto.get().integrity(a);
            assertNotEquals(jdk.integrity(a).orElseThrow().getClass(), mine.getClass(), a.name());
            for (int k = 0; k < 6; k++) {
                // the two directions' keys in turn, then a third
                byte[] key = new byte[a.keySize()];
                key[0] = (byte) (k < 4 ? k % 2 : k);
                byte[] data = new byte[40 + 30 * k];
                data[1] = (byte) k;
                byte[] icv = jdk.integrity(a).orElseThrow().icv(key, data);
                assertArrayEquals(icv, mine.icv(key, data), a.name());
                assertTrue(mine.verify(key, icv, data), a.name());
                icv[0] ^= 1;
                assertFalse(mine.verify(key, icv, data), a.name());
            }
        }
    }

    @Test
    void tripleDesFromBouncyCastleIsTheJdksTripleDes() {
        Cipher jdk = new JcaBackend().cipher(CipherAlgorithm.DES3_CBC).orElseThrow();
        Cipher mine = DecoderCrypto.get().cipher(CipherAlgorithm.DES3_CBC);
        assertNotEquals(jdk.getClass(), mine.getClass());
        byte[] plain = new byte[64];
        for (int k = 0; k < 3; k++) {
            // keys in turn, as the messages of several SAs come
            byte[] key = new byte[24];
            byte[] iv = new byte[8];
            for (int i = 0; i < key.length; i++) {
                key[i] = (byte) (i * 13 + k);
            }
            for (int i = 0; i < plain.length; i++) {
                plain[i] = (byte) (i + k);
            }
            iv[0] = (byte) k;
            byte[] sealed = jdk.encrypt(key, iv, plain);
            assertArrayEquals(plain, mine.decrypt(key, iv, sealed));
            assertArrayEquals(sealed, mine.encrypt(key, iv, plain));
        }
    }
}

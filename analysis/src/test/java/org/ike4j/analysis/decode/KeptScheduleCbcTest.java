package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Random;

import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.jca.JcaBackend;
import org.junit.jupiter.api.Test;

/**
 * The decoder's CBC decryption, which keeps key schedules between calls, decrypts what the JDK's
 * CBC encrypts, whichever of its kept keys a message uses, and refuses what the JDK's refuses.
 */
class KeptScheduleCbcTest {

    private static final CipherAlgorithm[] CBC = {CipherAlgorithm.DES3_CBC, CipherAlgorithm.AES_CBC_128,
        CipherAlgorithm.AES_CBC_192, CipherAlgorithm.AES_CBC_256};

    @Test
    void decryptsWhatTheJdkEncryptsAcrossMoreKeysThanItKeeps() {
        Random random = new Random(4);
        for (CipherAlgorithm a : CBC) {
            Cipher jdk = new JcaBackend().cipher(a).orElseThrow();
            Cipher kept = new KeptScheduleCbc(jdk);
            byte[][] keys = new byte[9][a.keySize()];
            for (byte[] k : keys) {
                random.nextBytes(k);
            }
            // keys in turn, back and forth, so that some calls find their key kept and others not
            int[] order = {0, 0, 1, 0, 2, 3, 4, 1, 5, 6, 7, 8, 8, 0, 4, 4, 3};
            for (int round = 0; round < order.length; round++) {
                byte[] key = keys[order[round]];
                byte[] iv = new byte[a.ivSize()];
                random.nextBytes(iv);
                byte[] plain = new byte[a.blockSize() * (1 + round % 5)];
                random.nextBytes(plain);
                byte[] ct = jdk.encrypt(key, iv, plain);
                assertArrayEquals(plain, kept.decrypt(key, iv, ct), a + " round " + round);
            }
        }
    }

    @Test
    void rfc3602CaseTwo() {
        // RFC 3602 section 4, Case #2: AES-128-CBC, two blocks
        HexFormat hex = HexFormat.of();
        byte[] key = hex.parseHex("c286696d887c9aa0611bbb3e2025a45a");
        byte[] iv = hex.parseHex("562e17996d093d28ddb3ba695a2e6f58");
        byte[] ct = hex.parseHex("d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1");
        byte[] plain = hex.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        Cipher kept = new KeptScheduleCbc(new JcaBackend().cipher(CipherAlgorithm.AES_CBC_128).orElseThrow());
        assertArrayEquals(plain, kept.decrypt(key, iv, ct));
    }

    @Test
    void refusesWhatIsNotWholeBlocksOrAKeyOfTheWrongSize() {
        Cipher kept = new KeptScheduleCbc(new JcaBackend().cipher(CipherAlgorithm.DES3_CBC).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> kept.decrypt(new byte[24], new byte[8], new byte[12]));
        assertThrows(IllegalArgumentException.class, () -> kept.decrypt(new byte[16], new byte[8], new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> kept.decrypt(new byte[24], new byte[16], new byte[16]));
    }

    @Test
    void theDecoderDecryptsCbcThisWay() {
        for (CipherAlgorithm a : CBC) {
            assertInstanceOf(KeptScheduleCbc.class, DecoderCrypto.get().cipher(a), a.name());
        }
    }
}

package org.ike4j.crypto.kdf;

import static org.ike4j.crypto.kdf.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.Secret;
import org.junit.jupiter.api.Test;

/**
 * What the project's seed (/work/shared/seed/000_432d16877e4ce69a.txt: an IKEv1 Main Mode + Quick
 * Mode between strongSwan's pluto as initiator and a Juniper SRX, 3DES/MD5/modp1024 for Phase 1,
 * ESP AES-128/HMAC-SHA1-96 without PFS for Phase 2) lets us check. The seed prints neither g^xy nor
 * SKEYID*, so SKEYID_e, the 3DES key, HASH(1..3) and KEYMAT cannot be re-derived from it; the
 * values below are the ones that can be.
 */
class Ikev1SeedTest {
    /** pluto: "message ID: 3e 8e f9 3e". */
    private static final byte[] MESSAGE_ID = TestVectors.hex("3e8ef93e");
    /** pluto: "last Phase 1 IV: 8d 5e 85 f3 38 26 5e 4d" (3DES block). */
    private static final byte[] LAST_PHASE1_IV = TestVectors.hex("8d5e85f338265e4d");
    /** pluto: "computed Phase 2 IV: 48 60 07 20 58 de 69 ca c4 a5 3f 5f 6e 7e 36 e6" (the whole MD5). */
    private static final String PHASE2_HASH = "4860072058de69cac4a53f5f6e7e36e6";

    @Test
    void phase2IvFromLastPhase1BlockAndMessageId() {
        // The negotiated hash (MD5), not the PRF, and pluto prints the whole hash...
        Ikev1IvChain whole = Ikev1IvChain.phase2(Ikev1HashAlgorithm.MD5, LAST_PHASE1_IV, MESSAGE_ID, 16);
        assertEquals(PHASE2_HASH, hex(whole.iv()));
        // ...of which 3DES uses its first block.
        Ikev1IvChain phase1 = Ikev1IvChain.of(LAST_PHASE1_IV);
        Ikev1IvChain qm = phase1.phase2(Ikev1HashAlgorithm.MD5, MESSAGE_ID);
        assertEquals(CipherAlgorithm.DES3_CBC.blockSize(), qm.blockSize());
        assertEquals(PHASE2_HASH.substring(0, 16), hex(qm.iv()));
    }

    /**
     * ESP AES-128 + HMAC-SHA1-96 needs 16 + 20 = 36 bytes of KEYMAT per direction: pluto's
     * "kernel_alg_esp_enc_keylen(): keylen=16", "a_keylen=20", the SRX's "key length 36" and its
     * 72-byte "Keymat" (inbound | outbound). The KEYMAT both sides print (for SPI c786011d, the
     * initiator's inbound SA, and for SPI 5ef52687, the SRX's inbound) splits into the encryption key
     * and the integrity key the SRX reports as "Encr key. length; 16", "Auth key. length: 20".
     */
    @Test
    void keymatLayoutForAes128HmacSha1() {
        SaKeySizes sizes = SaKeySizes.of(CipherAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA1_96);
        assertEquals(36, sizes.total());
        String forC786011d = "f44d2a05837d88dcc801be84d88315c81e55b1ebc7e375270fd1ad71681955c679e0b6c7";
        String for5ef52687 = "e580800e5c19810183e6a81b85af450a214bbf81685b7fde1d4603e43055973ec3e01fe5";
        // SRX: "Keymat, length 72" = inbound (5ef52687) | outbound (c786011d).
        String srxKeymat = "e580800e5c19810183e6a81b85af450a214bbf81685b7fde1d4603e43055973e"
                + "c3e01fe5f44d2a05837d88dcc801be84d88315c81e55b1ebc7e375270fd1ad71681955c679e0b6c7";
        assertEquals(srxKeymat, for5ef52687 + forC786011d);
        for (String keymat : new String[] {forC786011d, for5ef52687}) {
            IpsecKeys keys = IpsecKeys.split(Secret.copyOf(TestVectors.hex(keymat)), sizes);
            assertEquals(16, keys.encryptionKey().length());
            assertEquals(20, keys.integrityKey().length());
            assertEquals(keymat, hex(keys.encryptionKey()) + hex(keys.integrityKey()));
            assertEquals(keymat.substring(0, 32), hex(keys.encryptionKey()));
        }
    }

    /**
     * Phase 1 used 3DES with HMAC-MD5: 24 key bytes from a 16-byte SKEYID_e, so the Appendix B
     * expansion applies (pluto's "enc key" is 24 bytes: 820fdf71...53864f409). Without SKEYID_e
     * that key cannot be reproduced; the expansion is checked here against K1 | K2 computed by hand
     * with the JDK's HmacMD5, with an arbitrary SKEYID_e.
     */
    @Test
    void tripleDesKeyFromMd5PrfByAppendixB() {
        byte[] skeyidE = TestVectors.counting(16, 0x5a);
        byte[] k1 = TestVectors.jdkHmac("HmacMD5", skeyidE, new byte[] {0});
        byte[] k2 = TestVectors.jdkHmac("HmacMD5", skeyidE, k1);
        Secret key = Ikev1Keys.appendixB(TestVectors.prf(PrfAlgorithm.HMAC_MD5), Secret.copyOf(skeyidE),
                CipherAlgorithm.DES3_CBC.keySize());
        assertEquals(24, key.length());
        assertEquals(hex(k1) + hex(k2).substring(0, 16), hex(key));
        assertEquals(24, TestVectors.hex("820fdf71dc107c218752b4b9f637470ed285def53864f409").length);
    }
}

package org.ike4j.crypto.kdf;

import static org.ike4j.crypto.kdf.TestVectors.cat;
import static org.ike4j.crypto.kdf.TestVectors.counting;
import static org.ike4j.crypto.kdf.TestVectors.hex;
import static org.ike4j.crypto.kdf.TestVectors.jdkHmac;
import static org.ike4j.crypto.kdf.TestVectors.prf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.util.Arrays;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.Secret;
import org.junit.jupiter.api.Test;

/**
 * The IKEv1 derivations for which no published vector exists here (public key encryption SKEYID,
 * HASH_I/R, Quick Mode hashes, KEYMAT, IVs), each checked against the RFC 2409 formula computed
 * independently with the JDK's Mac and MessageDigest on arbitrary inputs. These pin the order and
 * framing of the inputs; SKEYID and SKEYID_d/a/e themselves are checked against NIST CAVS in
 * {@link CavpKdf135Test}.
 */
class Ikev1DerivationTest {
    private static final byte[] CKY_I = counting(8, 0x11);
    private static final byte[] CKY_R = counting(8, 0x91);
    private static final byte[] NI = counting(16, 0x20);
    private static final byte[] NR = counting(20, 0x60);
    private static final byte[] MID = {0x3e, (byte) 0x8e, (byte) 0xf9, 0x3e};

    private static byte[] md(String alg, byte[]... parts) throws Exception {
        MessageDigest d = MessageDigest.getInstance(alg);
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    @Test
    void skeyidForPublicKeyEncryption() throws Exception {
        Prf prf = prf(PrfAlgorithm.HMAC_SHA1);
        byte[] expected = jdkHmac("HmacSHA1", md("SHA-1", NI, NR), CKY_I, CKY_R);
        Secret skeyid = Ikev1Skeyid.publicKeyEncryption(prf, Ikev1HashAlgorithm.SHA1, NI, NR, CKY_I, CKY_R);
        assertEquals(hex(expected), hex(skeyid));
        // The hash is the negotiated one, independent of the PRF.
        byte[] withMd5 = jdkHmac("HmacSHA1", md("MD5", NI, NR), CKY_I, CKY_R);
        assertEquals(hex(withMd5),
                hex(Ikev1Skeyid.publicKeyEncryption(prf, Ikev1HashAlgorithm.MD5, NI, NR, CKY_I, CKY_R)));
    }

    @Test
    void skeyidForSignaturesAndPreSharedKey() {
        Prf prf = prf(PrfAlgorithm.HMAC_SHA2_256);
        byte[] gxy = counting(128, 3);
        byte[] psk = "juniper123".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(hex(jdkHmac("HmacSHA256", cat(NI, NR), gxy)),
                hex(Ikev1Skeyid.signature(prf, NI, NR, Secret.copyOf(gxy))));
        assertEquals(hex(jdkHmac("HmacSHA256", psk, NI, NR)),
                hex(Ikev1Skeyid.preSharedKey(prf, Secret.copyOf(psk), NI, NR)));
    }

    @Test
    void hashIAndHashR() {
        Prf prf = prf(PrfAlgorithm.HMAC_MD5);
        byte[] skeyid = counting(16, 0x33);
        byte[] gxi = counting(128, 0x01);
        byte[] gxr = counting(128, 0x81);
        byte[] saiB = counting(48, 0x44);
        byte[] idii = {1, 0, 0, 0, 10, 80, 80, 80};
        byte[] idir = {1, 0, 0, 0, 10, 80, 80, 13};
        Secret k = Secret.copyOf(skeyid);
        assertEquals(hex(jdkHmac("HmacMD5", skeyid, gxi, gxr, CKY_I, CKY_R, saiB, idii)),
                hex(Ikev1AuthHash.hashI(prf, k, gxi, gxr, CKY_I, CKY_R, saiB, idii)));
        assertEquals(hex(jdkHmac("HmacMD5", skeyid, gxr, gxi, CKY_R, CKY_I, saiB, idir)),
                hex(Ikev1AuthHash.hashR(prf, k, gxi, gxr, CKY_I, CKY_R, saiB, idir)));
    }

    @Test
    void quickModeAndInformationalHashes() {
        Prf prf = prf(PrfAlgorithm.HMAC_MD5);
        byte[] a = counting(16, 0xa0);
        Secret skeyidA = Secret.copyOf(a);
        byte[] rest1 = counting(132, 0x0a);
        byte[] rest2 = counting(160, 0x0b);
        assertEquals(hex(jdkHmac("HmacMD5", a, MID, rest1)), hex(QuickModeHash.hash1(prf, skeyidA, MID, rest1)));
        assertEquals(hex(jdkHmac("HmacMD5", a, MID, NI, rest2)),
                hex(QuickModeHash.hash2(prf, skeyidA, MID, NI, rest2)));
        assertEquals(hex(jdkHmac("HmacMD5", a, new byte[] {0}, MID, NI, NR)),
                hex(QuickModeHash.hash3(prf, skeyidA, MID, NI, NR)));
        assertEquals(hex(jdkHmac("HmacMD5", a, MID, rest1)),
                hex(QuickModeHash.informational(prf, skeyidA, MID, rest1)));
        assertThrows(IllegalArgumentException.class, () -> QuickModeHash.hash3(prf, skeyidA, new byte[8], NI, NR));
    }

    @Test
    void keymatWithoutAndWithPfs() {
        Prf prf = prf(PrfAlgorithm.HMAC_SHA1);
        byte[] d = counting(20, 0xd0);
        byte[] spi = {(byte) 0xc7, (byte) 0x86, 0x01, 0x1d};
        byte[] proto = {3};
        byte[] gqm = counting(256, 0x77);
        // 36 bytes: K1 (20) | first 16 of K2.
        byte[] k1 = jdkHmac("HmacSHA1", d, proto, spi, NI, NR);
        byte[] k2 = jdkHmac("HmacSHA1", d, k1, proto, spi, NI, NR);
        Secret keymat = QuickModeKeymat.keymat(prf, Secret.copyOf(d), QuickModeKeymat.PROTO_IPSEC_ESP, spi, NI, NR, 36);
        assertEquals(hex(Arrays.copyOf(cat(k1, k2), 36)), hex(keymat));

        byte[] p1 = jdkHmac("HmacSHA1", d, gqm, proto, spi, NI, NR);
        byte[] p2 = jdkHmac("HmacSHA1", d, p1, gqm, proto, spi, NI, NR);
        byte[] p3 = jdkHmac("HmacSHA1", d, p2, gqm, proto, spi, NI, NR);
        Secret pfs = QuickModeKeymat.keymat(prf, Secret.copyOf(d), Secret.copyOf(gqm), 3, spi, NI, NR, 52);
        assertEquals(hex(Arrays.copyOf(cat(p1, p2, p3), 52)), hex(pfs));

        SaKeySizes sizes = SaKeySizes.of(CipherAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA1_96);
        IpsecKeys keys = QuickModeKeymat.keys(prf, Secret.copyOf(d), 3, spi, NI, NR, sizes);
        assertEquals(hex(keymat).substring(0, 32), hex(keys.encryptionKey()));
        assertEquals(hex(keymat).substring(32), hex(keys.integrityKey()));

        // The other direction (the peer's SPI) and the other protocol give other keys.
        byte[] otherSpi = {0x5e, (byte) 0xf5, 0x26, (byte) 0x87};
        assertNotEquals(keymat, QuickModeKeymat.keymat(prf, Secret.copyOf(d), 3, otherSpi, NI, NR, 36));
        assertNotEquals(keymat, QuickModeKeymat.keymat(prf, Secret.copyOf(d), QuickModeKeymat.PROTO_IPSEC_AH, spi,
                NI, NR, 36));
        IpsecKeys pfsKeys = QuickModeKeymat.keys(prf, Secret.copyOf(d), Secret.copyOf(gqm), 3, spi, NI, NR, sizes);
        assertEquals(hex(pfs).substring(0, 72), hex(pfsKeys.encryptionKey()) + hex(pfsKeys.integrityKey()));
    }

    @Test
    void appendixBTakesSkeyidEAsIsWhenLongEnough() {
        Prf prf = prf(PrfAlgorithm.HMAC_SHA1);
        byte[] e = counting(20, 0xe0);
        assertEquals(hex(e).substring(0, 32), hex(Ikev1Keys.appendixB(prf, Secret.copyOf(e), 16)));
        assertEquals(hex(e), hex(Ikev1Keys.appendixB(prf, Secret.copyOf(e), 20)));
        // AES-256 (32 bytes) from HMAC-SHA1 (20): K1 | first 12 of K2.
        byte[] k1 = jdkHmac("HmacSHA1", e, new byte[] {0});
        byte[] k2 = jdkHmac("HmacSHA1", e, k1);
        assertEquals(hex(cat(k1, Arrays.copyOf(k2, 12))),
                hex(Ikev1Keys.appendixB(prf, Secret.copyOf(e), CipherAlgorithm.AES_CBC_256.keySize())));
    }

    @Test
    void encryptionKeyComesFromSkeyidE() {
        Prf prf = prf(PrfAlgorithm.HMAC_MD5);
        Ikev1Keys keys = Ikev1Keys.derive(prf, Secret.copyOf(counting(16, 1)), Secret.copyOf(counting(128, 2)),
                CKY_I, CKY_R);
        byte[] e = keys.skeyidE().reveal();
        byte[] k1 = jdkHmac("HmacMD5", e, new byte[] {0});
        byte[] k2 = jdkHmac("HmacMD5", e, k1);
        assertEquals(hex(cat(k1, Arrays.copyOf(k2, 8))), hex(keys.encryptionKey(prf, 24)));
        assertEquals("Ikev1Keys[skeyid=Secret[16 bytes], skeyidD=Secret[16 bytes], skeyidA=Secret[16 bytes], "
                + "skeyidE=Secret[16 bytes]]", keys.toString(), "keys never print");
    }

    @Test
    void phase1IvIsTheNegotiatedHashTruncated() throws Exception {
        byte[] gxi = counting(128, 0x10);
        byte[] gxr = counting(128, 0x90);
        assertEquals(hex(Arrays.copyOf(md("MD5", gxi, gxr), 8)),
                hex(Ikev1IvChain.phase1(Ikev1HashAlgorithm.MD5, gxi, gxr, 8).iv()));
        assertEquals(hex(Arrays.copyOf(md("SHA-256", gxi, gxr), 16)),
                hex(Ikev1IvChain.phase1(Ikev1HashAlgorithm.SHA2_256, gxi, gxr, 16).iv()));
        assertEquals(hex(Arrays.copyOf(md("SHA-1", MID.clone(), MID), 16)),
                hex(Ikev1IvChain.phase2(Ikev1HashAlgorithm.SHA1, MID, MID, 16).iv()));
        assertThrows(IllegalArgumentException.class, () -> Ikev1IvChain.phase1(Ikev1HashAlgorithm.MD5, gxi, gxr, 32));
    }

    @Test
    void ivChainTakesTheLastCiphertextBlock() {
        Ikev1IvChain start = Ikev1IvChain.of(counting(8, 0));
        byte[] ciphertext = counting(40, 0x40);
        Ikev1IvChain next = start.next(ciphertext);
        assertArrayEquals(Arrays.copyOfRange(ciphertext, 32, 40), next.iv());
        assertEquals(Ikev1IvChain.of(counting(8, 0)), start, "steps do not change the chain they start from");
        assertThrows(IllegalArgumentException.class, () -> start.next(counting(41, 0)));
        assertThrows(IllegalArgumentException.class, () -> start.next(counting(4, 0)));
        byte[] leaked = next.iv();
        leaked[0] ^= 1;
        assertArrayEquals(Arrays.copyOfRange(ciphertext, 32, 40), next.iv(), "iv() hands out a copy");
        assertEquals(16, Ikev1IvChain.of(counting(16, 0)).next(counting(48, 0)).blockSize());
    }

    @Test
    void cookiesAreEightBytes() {
        Prf prf = prf(PrfAlgorithm.HMAC_SHA1);
        assertThrows(IllegalArgumentException.class, () -> Ikev1Keys.derive(prf, Secret.copyOf(new byte[20]),
                Secret.copyOf(new byte[128]), new byte[4], CKY_R));
    }
}

package org.ike4j.crypto.kdf;

import static org.ike4j.crypto.kdf.TestVectors.cat;
import static org.ike4j.crypto.kdf.TestVectors.counting;
import static org.ike4j.crypto.kdf.TestVectors.hex;
import static org.ike4j.crypto.kdf.TestVectors.jdkHmac;
import static org.ike4j.crypto.kdf.TestVectors.prf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IKEv2 SA and Child SA key layout, the fixed-key PRF rule of RFC 7296 2.14, rekeying (2.18) and
 * the shared-key AUTH (2.15). The published vectors are in {@link CavpKdf135Test} and
 * {@link PrfPlusTest}; here the layout is checked against prf+ itself and the AUTH formula against
 * the JDK's HMAC. (A full SK_* check against the Wireshark captures in wire/src/test/resources is
 * not possible: their decryption table gives SK_e* and SK_a* but not g^ir, so SKEYSEED cannot be
 * derived.)
 */
class Ikev2DerivationTest {
    private static final byte[] NI = counting(32, 0x10);
    private static final byte[] NR = counting(32, 0x90);
    private static final byte[] SPI_I = counting(8, 0x01);
    private static final byte[] SPI_R = counting(8, 0xf1);

    static Stream<Arguments> hmacPrfsWithCipherAndIntegrity() {
        List<Arguments> out = new ArrayList<>();
        for (PrfAlgorithm p : PrfAlgorithm.values()) {
            if (!p.name().startsWith("HMAC_")) {
                continue; // the AES PRFs come from another backend; their layout is the same code path
            }
            for (CipherAlgorithm c : CipherAlgorithm.values()) {
                for (IntegrityAlgorithm i : IntegrityAlgorithm.values()) {
                    out.add(Arguments.of(p, SaKeySizes.of(c, i), c.name() + "/" + i.name()));
                }
            }
            for (AeadAlgorithm a : AeadAlgorithm.values()) {
                out.add(Arguments.of(p, SaKeySizes.of(a), a.name()));
            }
        }
        return out.stream();
    }

    /** Every SK_* has the length 2.13/2.14 asks for, and together they are exactly prf+'s output. */
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("hmacPrfsWithCipherAndIntegrity")
    void saKeyLengthsAndOrder(PrfAlgorithm algorithm, SaKeySizes sizes, String name) {
        Prf prf = prf(algorithm);
        Secret skeyseed = Secret.copyOf(counting(algorithm.outputSize(), 0x33));
        Ikev2SaKeys keys = Ikev2SaKeys.derive(prf, skeyseed, NI, NR, SPI_I, SPI_R, sizes);
        int p = algorithm.preferredKeySize();
        assertEquals(p, keys.skD().length());
        assertEquals(p, keys.skPi().length());
        assertEquals(p, keys.skPr().length());
        assertEquals(sizes.integrityKeySize(), keys.skAi().length());
        assertEquals(sizes.integrityKeySize(), keys.skAr().length());
        assertEquals(sizes.encryptionKeySize(), keys.skEi().length());
        assertEquals(sizes.encryptionKeySize(), keys.skEr().length());
        assertEquals(sizes.integrityKeySize() > 0, keys.hasIntegrityKeys());

        int total = 3 * p + 2 * sizes.total();
        byte[] stream = PrfPlus.derive(prf, skeyseed, total, NI, NR, SPI_I, SPI_R).reveal();
        byte[] joined = new byte[0];
        for (Secret k : keys.inOrder()) {
            joined = cat(joined, k.reveal());
        }
        assertArrayEquals(stream, joined);
    }

    @Test
    void aeadHasNoIntegrityKeysAndSaltInTheEncryptionKey() {
        SaKeySizes gcm = SaKeySizes.of(AeadAlgorithm.AES_GCM_16_256);
        assertEquals(new SaKeySizes(36, 0), gcm);
        Ikev2SaKeys keys = Ikev2SaKeys.derive(prf(PrfAlgorithm.HMAC_SHA2_256),
                Secret.copyOf(counting(32, 0)), NI, NR, SPI_I, SPI_R, gcm);
        assertFalse(keys.hasIntegrityKeys());
        assertEquals(36, keys.skEi().length());
        assertEquals(new SaKeySizes(0, 32), SaKeySizes.of(IntegrityAlgorithm.HMAC_SHA2_256_128));
        assertEquals(new SaKeySizes(20, 20), SaKeySizes.of(CipherAlgorithm.AES_CTR_128, IntegrityAlgorithm.HMAC_SHA1_96));
    }

    @Test
    void spisMustBeEightBytes() {
        Prf prf = prf(PrfAlgorithm.HMAC_SHA1);
        SaKeySizes sizes = SaKeySizes.of(CipherAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA1_96);
        assertThrows(IllegalArgumentException.class,
                () -> Ikev2SaKeys.derive(prf, Secret.copyOf(new byte[20]), NI, NR, new byte[4], SPI_R, sizes));
    }

    /** Child SA: initiator-to-responder first, each as encryption key then integrity key (2.17). */
    @ParameterizedTest
    @EnumSource(value = PrfAlgorithm.class, names = "HMAC_.*", mode = EnumSource.Mode.MATCH_ANY)
    void childKeysSplitInRfcOrder(PrfAlgorithm algorithm) {
        Prf prf = prf(algorithm);
        Secret skD = Secret.copyOf(counting(algorithm.preferredKeySize(), 0x0d));
        Secret gir = Secret.copyOf(counting(256, 0x42));
        SaKeySizes sizes = SaKeySizes.of(CipherAlgorithm.AES_CBC_256, IntegrityAlgorithm.HMAC_SHA2_256_128);
        for (Secret newGir : new Secret[] {null, gir}) {
            byte[] keymat = Ikev2ChildKeys.keymat(prf, skD, newGir, NI, NR, 2 * sizes.total()).reveal();
            Ikev2ChildKeys keys = newGir == null
                    ? Ikev2ChildKeys.derive(prf, skD, NI, NR, sizes)
                    : Ikev2ChildKeys.derive(prf, skD, newGir, NI, NR, sizes);
            assertArrayEquals(Arrays.copyOfRange(keymat, 0, 32), keys.initiatorToResponder().encryptionKey().reveal());
            assertArrayEquals(Arrays.copyOfRange(keymat, 32, 64), keys.initiatorToResponder().integrityKey().reveal());
            assertArrayEquals(Arrays.copyOfRange(keymat, 64, 96), keys.responderToInitiator().encryptionKey().reveal());
            assertArrayEquals(Arrays.copyOfRange(keymat, 96, 128), keys.responderToInitiator().integrityKey().reveal());
        }
        // With PFS the shared secret comes first in the seed: prf+(SK_d, g^ir | Ni | Nr).
        assertArrayEquals(PrfPlus.derive(prf, skD, 100, gir.reveal(), NI, NR).reveal(),
                Ikev2ChildKeys.keymat(prf, skD, gir, NI, NR, 100).reveal());
        assertArrayEquals(PrfPlus.derive(prf, skD, 100, cat(NI, NR)).reveal(),
                Ikev2ChildKeys.keymat(prf, skD, null, NI, NR, 100).reveal());
    }

    @Test
    void rekeyDerivesTheNewSaFromOldSkD() {
        Prf prf = prf(PrfAlgorithm.HMAC_SHA2_256);
        byte[] oldSkD = counting(32, 0x5d);
        byte[] gir = counting(256, 0x42);
        assertEquals(hex(jdkHmac("HmacSHA256", oldSkD, gir, NI, NR)),
                hex(Ikev2Skeyseed.rekey(prf, Secret.copyOf(oldSkD), Secret.copyOf(gir), NI, NR)));
        SaKeySizes sizes = SaKeySizes.of(AeadAlgorithm.AES_GCM_16_128);
        Secret seed = Ikev2Skeyseed.rekey(prf, Secret.copyOf(oldSkD), Secret.copyOf(gir), NI, NR);
        assertEquals(Ikev2SaKeys.derive(prf, seed, NI, NR, SPI_I, SPI_R, sizes),
                Ikev2SaKeys.rekey(prf, Secret.copyOf(oldSkD), Secret.copyOf(gir), NI, NR, SPI_I, SPI_R, sizes));
    }

    /**
     * A test-local PRF that records the key and data it is given, standing in for AES-XCBC-PRF-128 and
     * AES-CMAC-PRF-128 (implemented elsewhere): only what SKEYSEED feeds the PRF matters here.
     */
    private static final class RecordingPrf implements Prf {
        private final PrfAlgorithm algorithm;
        final List<byte[]> keys = new ArrayList<>();
        final List<byte[]> data = new ArrayList<>();

        RecordingPrf(PrfAlgorithm algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        public PrfAlgorithm algorithm() {
            return algorithm;
        }

        @Override
        public byte[] apply(byte[] key, byte[]... parts) {
            keys.add(key.clone());
            byte[] all = cat(parts);
            data.add(all);
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(key);
                sha.update(all);
                return Arrays.copyOf(sha.digest(), algorithm.outputSize());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** RFC 7296 2.14: "only the first 64 bits of Ni and the first 64 bits of Nr" key SKEYSEED... */
    @ParameterizedTest
    @EnumSource(value = PrfAlgorithm.class, names = {"AES128_XCBC", "AES128_CMAC"})
    void fixedKeyPrfsTakeTheFirst64BitsOfEachNonce(PrfAlgorithm algorithm) {
        RecordingPrf prf = new RecordingPrf(algorithm);
        byte[] gir = counting(256, 0x42);
        Secret skeyseed = Ikev2Skeyseed.initial(prf, NI, NR, Secret.copyOf(gir));
        assertEquals(16, skeyseed.length());
        assertArrayEquals(cat(Arrays.copyOf(NI, 8), Arrays.copyOf(NR, 8)), prf.keys.get(0));
        assertArrayEquals(gir, prf.data.get(0));

        // ...but all the bits are used for input to the prf+ function.
        prf.keys.clear();
        prf.data.clear();
        SaKeySizes sizes = SaKeySizes.of(CipherAlgorithm.AES_CBC_128, IntegrityAlgorithm.AES_XCBC_96);
        Ikev2SaKeys keys = Ikev2SaKeys.derive(prf, skeyseed, NI, NR, SPI_I, SPI_R, sizes);
        assertEquals(16, keys.skD().length());
        assertArrayEquals(cat(NI, NR, SPI_I, SPI_R, new byte[] {1}), prf.data.get(0));
        assertArrayEquals(skeyseed.reveal(), prf.keys.get(0));

        assertThrows(IllegalArgumentException.class,
                () -> Ikev2Skeyseed.initial(prf, counting(7, 0), NR, Secret.copyOf(gir)));
    }

    @Test
    void hmacPrfsUseTheWholeNonces() {
        RecordingPrf prf = new RecordingPrf(PrfAlgorithm.HMAC_SHA2_256);
        Ikev2Skeyseed.initial(prf, NI, NR, Secret.copyOf(counting(256, 0x42)));
        assertArrayEquals(cat(NI, NR), prf.keys.get(0));
    }

    /** AUTH = prf(prf(Shared Secret, "Key Pad for IKEv2"), RealMessage1 | NonceRData | prf(SK_pi, IDi')). */
    @Test
    void sharedKeyAuth() {
        Prf prf = prf(PrfAlgorithm.HMAC_SHA2_256);
        byte[] psk = "juniper123".getBytes(StandardCharsets.US_ASCII);
        byte[] skPi = counting(32, 0x70);
        byte[] realMessage1 = counting(300, 0x00);
        byte[] restOfIdi = {1, 0, 0, 0, 10, 80, 80, 80}; // ID_IPV4_ADDR 10.80.80.80
        byte[] macedId = jdkHmac("HmacSHA256", skPi, restOfIdi);
        byte[] signed = cat(realMessage1, NR, macedId);
        byte[] pad = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);
        assertEquals(17, pad.length);
        byte[] expected = jdkHmac("HmacSHA256", jdkHmac("HmacSHA256", psk, pad), signed);

        assertArrayEquals(macedId, Ikev2Auth.macedId(prf, Secret.copyOf(skPi), restOfIdi));
        byte[] octets = Ikev2Auth.signedOctets(prf, realMessage1, NR, Secret.copyOf(skPi), restOfIdi);
        assertArrayEquals(signed, octets);
        assertEquals(hex(expected), hex(Ikev2Auth.sharedKeyAuth(prf, Secret.copyOf(psk), octets)));
        // The responder's AUTH signs with SK_pr and the initiator's nonce, and so differs.
        byte[] responder = Ikev2Auth.signedOctets(prf, realMessage1, NI, Secret.copyOf(counting(32, 0x71)), restOfIdi);
        assertFalse(Arrays.equals(expected, Ikev2Auth.sharedKeyAuth(prf, Secret.copyOf(psk), responder)));
    }

    @Test
    void keysNeverPrint() {
        Ikev2SaKeys keys = Ikev2SaKeys.derive(prf(PrfAlgorithm.HMAC_SHA1), Secret.copyOf(counting(20, 0)), NI, NR,
                SPI_I, SPI_R, SaKeySizes.of(CipherAlgorithm.DES3_CBC, IntegrityAlgorithm.HMAC_SHA1_160));
        String s = keys.toString();
        for (Secret k : keys.inOrder()) {
            assertFalse(s.contains(hex(k)), s);
        }
        assertTrue(s.contains("skEi=Secret[24 bytes]"), s);
        keys.destroy();
        assertTrue(keys.skD().isDestroyed());
    }
}

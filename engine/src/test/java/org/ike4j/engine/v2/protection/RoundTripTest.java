package org.ike4j.engine.v2.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.wire.ErrorNotify;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.PayloadType;
import org.ike4j.wire.v2.UnknownPayload;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Protect then open for every cipher/integrity pair and every AEAD the crypto module offers; every
 * flipped bit is refused; truncated SK payloads give a clean result, never an exception.
 */
class RoundTripTest {

    static Stream<SkSuite> suites() {
        List<SkSuite> out = new ArrayList<>();
        for (CipherAlgorithm c : CipherAlgorithm.values()) {
            for (IntegrityAlgorithm i : IntegrityAlgorithm.values()) {
                out.add(new SkSuite.Classic(c, i));
            }
        }
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            out.add(new SkSuite.Combined(a));
        }
        return out.stream();
    }

    static SkProtector protector(SkSuite suite, long seed) {
        return new SkProtector(Crypto.defaults(), suite, Messages.keys(suite, seed), new SecureRandom());
    }

    @ParameterizedTest
    @MethodSource("suites")
    void protectThenOpenGivesTheSamePayloads(SkSuite suite) throws Exception {
        SkProtector p = protector(suite, 1);
        List<Payload> inner = Messages.ikeAuthRequest();
        byte[] datagram = p.protect(Messages.AUTH_REQUEST, inner);

        Ikev2Message outer = Ikev2Decoder.decode(datagram);
        assertEquals(Messages.AUTH_REQUEST, outer.header());
        assertEquals(1, outer.payloads().size());
        var sk = outer.encrypted().orElseThrow();
        assertEquals(PayloadType.IDI, sk.firstInner());
        int plain = Ikev2Decoder.encodePayloads(inner).length;
        int ct = sk.encrypted().length() - suite.ivSize() - suite.icvSize();
        assertEquals(0, ct % suite.blockSize());
        assertTrue(ct > plain && ct <= plain + suite.blockSize(), "minimal padding: " + ct + " for " + plain);

        Unprotected.Message m = assertInstanceOf(Unprotected.Message.class, protector(suite, 1).open(datagram));
        assertEquals(inner, m.inner());
        assertEquals(outer, m.outer());
        // Another key of the same sizes does not open it.
        assertInstanceOf(Unprotected.IntegrityFailed.class, protector(suite, 2).open(datagram));
        // The same payloads protected twice differ: fresh IV each time (except ENCR_NULL, which has none).
        if (suite.ivSize() > 0) {
            assertFalse(Arrays.equals(datagram, p.protect(Messages.AUTH_REQUEST, inner)));
        }
    }

    @ParameterizedTest
    @MethodSource("suites")
    void anEmptyMessageRoundTrips(SkSuite suite) {
        Ikev2Header h = Ikev2Header.of(1, 2, ExchangeType.INFORMATIONAL, Ikev2Header.RESPONSE, 7);
        byte[] datagram = protector(suite, 3).protect(h, List.of());
        Unprotected.Message m = assertInstanceOf(Unprotected.Message.class, protector(suite, 3).open(datagram));
        assertEquals(List.of(), m.inner());
        assertEquals(h, m.header());
    }

    @ParameterizedTest
    @MethodSource("suites")
    void everyFlippedBitIsRefused(SkSuite suite) {
        byte[] datagram = protector(suite, 4).protect(Messages.AUTH_REQUEST, Messages.ikeAuthRequest());
        SkProtector p = protector(suite, 4);
        for (int bit = 0; bit < datagram.length * 8; bit++) {
            byte[] bad = datagram.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            Unprotected u = p.open(bad);
            // A flip that keeps the structure fails the ICV; one that breaks it (a length, the
            // version, the header's Next Payload) is refused before any crypto.
            assertTrue(u instanceof Unprotected.IntegrityFailed || u instanceof Unprotected.Malformed,
                    suite + " bit " + bit + ": " + u);
            int octet = bit / 8;
            boolean structural = octet == 16 || octet == 17 // header Next Payload, version
                    || (octet >= 24 && octet < 28) // header Length
                    || octet == Ikev2Header.SIZE + 2 || octet == Ikev2Header.SIZE + 3; // SK Payload Length
            if (!structural) {
                // SPIs, exchange type, flags, Message ID, the SK header's Next Payload and
                // flags, IV, ciphertext and ICV: all under the ICV.
                assertInstanceOf(Unprotected.IntegrityFailed.class, u, suite + " bit " + bit);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("suites")
    void truncatedSkPayloadsGiveACleanResult(SkSuite suite) {
        byte[] datagram = protector(suite, 5).protect(Messages.AUTH_REQUEST, Messages.ikeAuthRequest());
        SkProtector p = protector(suite, 5);
        int bodyAt = Ikev2Header.SIZE + 4;
        int minimum = suite.ivSize() + suite.blockSize() + suite.icvSize();
        for (int keep = 0; keep < datagram.length - bodyAt; keep++) {
            byte[] cut = Arrays.copyOf(datagram, bodyAt + keep);
            // Truncated with the lengths left as they were: the outer decode refuses it.
            assertInstanceOf(Unprotected.Malformed.class, p.open(cut), "unpatched, keep " + keep);
            // With both lengths patched to match: too short to hold IV, a block and ICV, or ICV fails.
            setU32(cut, 24, cut.length);
            setU16(cut, Ikev2Header.SIZE + 2, cut.length - Ikev2Header.SIZE);
            Unprotected u = p.open(cut);
            if (keep < minimum) {
                Unprotected.Malformed m = assertInstanceOf(Unprotected.Malformed.class, u, "keep " + keep);
                assertTrue(m.reason().contains("SK body of " + keep + " octets"), m.reason());
            } else {
                assertTrue(u instanceof Unprotected.IntegrityFailed || u instanceof Unprotected.Malformed,
                        "keep " + keep + ": " + u);
            }
        }
    }

    @Test
    void noResultPrintsAKey() {
        SkSuite suite = new SkSuite.Classic(CipherAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA2_256_128);
        SkKeys keys = Messages.keys(suite, 6);
        SkProtector p = new SkProtector(Crypto.defaults(), suite, keys, new SecureRandom());
        byte[] datagram = p.protect(Messages.AUTH_REQUEST, Messages.ikeAuthRequest());
        datagram[datagram.length - 1] ^= 1;
        Unprotected u = p.open(datagram);
        assertInstanceOf(Unprotected.IntegrityFailed.class, u);
        HexFormat hex = HexFormat.of();
        for (String printed : List.of(u.toString(), keys.toString(), p.open(Arrays.copyOf(datagram, 40)).toString())) {
            assertFalse(printed.contains(hex.formatHex(keys.encryption().reveal()).substring(0, 8)), printed);
            assertFalse(printed.contains(hex.formatHex(keys.integrity().reveal()).substring(0, 8)), printed);
        }
    }

    @Test
    void aNonSkMessageIsMalformed() {
        SkProtector p = protector(new SkSuite.Combined(AeadAlgorithm.AES_GCM_16_128), 7);
        byte[] plain = new Ikev2Message(Messages.AUTH_REQUEST, Messages.ikeAuthRequest()).encode();
        Unprotected.Malformed m = assertInstanceOf(Unprotected.Malformed.class, p.open(plain));
        assertEquals("no SK or SKF payload", m.reason());
    }

    @Test
    void aVerifiedMessageWithAnUnsupportedCriticalPayloadSaysWhich() {
        SkSuite suite = new SkSuite.Combined(AeadAlgorithm.CHACHA20_POLY1305);
        List<Payload> inner = List.of(Messages.ikeAuthRequest().get(0),
                new UnknownPayload(PayloadType.of(200), true, Bytes.wrap(new byte[] {1, 2})));
        byte[] datagram = protector(suite, 8).protect(Messages.AUTH_REQUEST, inner);
        Unprotected.InvalidSyntax s = assertInstanceOf(Unprotected.InvalidSyntax.class, protector(suite, 8).open(datagram));
        assertEquals(ErrorNotify.V2_UNSUPPORTED_CRITICAL_PAYLOAD, s.answer());
        assertEquals(200, s.unsupportedCriticalType());
        // Lenient mode (analysis) keeps it.
        var m = assertInstanceOf(Unprotected.Message.class,
                protector(suite, 8).open(datagram, Ikev2Decoder.Mode.LENIENT));
        assertEquals(inner, m.inner());
    }

    /**
     * A Pad Length beyond the plaintext, under a valid ICV: built by hand with ENCR_NULL (no IV,
     * plaintext on the wire) so the ICV can be computed over any plaintext.
     */
    @Test
    void aPadLengthBeyondThePlaintextIsInvalidSyntax() {
        SkSuite suite = new SkSuite.Classic(CipherAlgorithm.NULL, IntegrityAlgorithm.HMAC_SHA2_256_128);
        SkKeys keys = Messages.keys(suite, 9);
        SkProtector p = new SkProtector(Crypto.defaults(), suite, keys, new SecureRandom());
        byte[] datagram = p.protect(Messages.AUTH_REQUEST, List.of());
        // Body: plaintext (just Pad Length 0) | ICV(16). Make the Pad Length 9 and re-MAC.
        int padAt = datagram.length - suite.icvSize() - 1;
        assertEquals(0, datagram[padAt]);
        datagram[padAt] = 9;
        byte[] icv = Crypto.defaults().integrity(IntegrityAlgorithm.HMAC_SHA2_256_128)
                .icv(keys.integrity().reveal(), Arrays.copyOf(datagram, datagram.length - suite.icvSize()));
        System.arraycopy(icv, 0, datagram, datagram.length - icv.length, icv.length);
        Unprotected.InvalidSyntax s = assertInstanceOf(Unprotected.InvalidSyntax.class, p.open(datagram));
        assertEquals(ErrorNotify.V2_INVALID_SYNTAX, s.answer());
        assertTrue(s.reason().contains("Pad Length 9"), s.reason());
    }

    @Test
    void counterModesNeverRepeatAnIv() {
        for (SkSuite suite : List.of(new SkSuite.Combined(AeadAlgorithm.AES_GCM_16_256),
                new SkSuite.Classic(CipherAlgorithm.AES_CTR_128, IntegrityAlgorithm.HMAC_SHA1_96))) {
            SkProtector p = protector(suite, 10);
            java.util.Set<String> ivs = new java.util.HashSet<>();
            for (int i = 0; i < 1000; i++) {
                byte[] d = p.protect(Messages.AUTH_REQUEST, List.of());
                ivs.add(HexFormat.of().formatHex(d, Ikev2Header.SIZE + 4, Ikev2Header.SIZE + 4 + suite.ivSize()));
            }
            assertEquals(1000, ivs.size(), suite.toString());
        }
    }

    @Test
    void keysOfTheWrongSizeAreRefusedNamingOnlyLengths() {
        SkSuite suite = new SkSuite.Combined(AeadAlgorithm.AES_GCM_16_128);
        SkKeys wrong = Messages.keys(new SkSuite.Combined(AeadAlgorithm.AES_GCM_16_256), 11);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SkProtector(Crypto.defaults(), suite, wrong, new SecureRandom()));
        assertNotEquals(-1, e.getMessage().indexOf("got 36 and 0"), e.getMessage());
    }

    /** Opening never throws, whatever the peer sends: random octets and random rewrites of a real message. */
    @Test
    void openNeverThrows() {
        java.util.Random r = new java.util.Random(12);
        for (SkSuite suite : List.of(new SkSuite.Classic(CipherAlgorithm.DES3_CBC, IntegrityAlgorithm.HMAC_MD5_96),
                new SkSuite.Combined(AeadAlgorithm.AES_CCM_16_192))) {
            SkProtector p = protector(suite, 13);
            byte[] good = p.protect(Messages.AUTH_REQUEST, Messages.ikeAuthRequest());
            for (int i = 0; i < 3000; i++) {
                byte[] bad;
                if (i % 3 == 0) {
                    bad = new byte[r.nextInt(80)];
                    r.nextBytes(bad);
                } else {
                    bad = Arrays.copyOf(good, r.nextInt(good.length + 1));
                    for (int k = r.nextInt(4); k >= 0 && bad.length > 0; k--) {
                        bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
                    }
                    if (bad.length >= Ikev2Header.SIZE && r.nextBoolean()) {
                        setU32(bad, 24, bad.length);
                    }
                }
                Unprotected u = p.open(bad);
                assertFalse(u instanceof Unprotected.Message && !Arrays.equals(bad, good), suite + " accepted a rewrite");
            }
        }
    }

    static void setU32(byte[] b, int at, int v) {
        setU16(b, at, v >>> 16);
        setU16(b, at + 2, v);
    }

    static void setU16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}

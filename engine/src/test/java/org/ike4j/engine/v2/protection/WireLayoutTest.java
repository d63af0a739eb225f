package org.ike4j.engine.v2.protection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Payload;
import org.junit.jupiter.api.Test;

/**
 * Checks what {@link SkProtector#protect} sends against the layouts of the RFCs, computed here
 * with the bare crypto primitives, so that a mistake shared by protect and open (which a round
 * trip cannot see) shows: RFC 7296 section 3.14 (IV | E(content | padding | Pad Length) | ICV,
 * the ICV over everything before it), RFC 5282 section 5.1 (AAD = IKE header and SK header, nonce
 * = salt | IV) and RFC 7383 section 2.5 (the SKF header, Fragment Number and Total Fragments
 * included, is part of the AAD).
 */
class WireLayoutTest {
    private static final int SK_HEADER = 4;
    private static final int SKF_HEADER = 8;

    @Test
    void classicSkIsEncryptThenMacOverTheWholeMessage() {
        SkSuite.Classic suite = new SkSuite.Classic(CipherAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA2_256_128);
        SkKeys keys = Messages.keys(suite, 21);
        List<Payload> inner = Messages.ikeAuthRequest();
        byte[] d = new SkProtector(Crypto.defaults(), suite, keys, new SecureRandom()).protect(Messages.AUTH_REQUEST, inner);

        int ivAt = Ikev2Header.SIZE + SK_HEADER;
        int icvAt = d.length - 16;
        byte[] icv = Crypto.defaults().integrity(suite.integrity()).icv(keys.integrity().reveal(), Arrays.copyOf(d, icvAt));
        assertArrayEquals(icv, Arrays.copyOfRange(d, icvAt, d.length));
        byte[] plain = Crypto.defaults().cipher(suite.cipher()).decrypt(keys.encryption().reveal(),
                Arrays.copyOfRange(d, ivAt, ivAt + 16), Arrays.copyOfRange(d, ivAt + 16, icvAt));
        checkPlaintext(plain, Ikev2Decoder.encodePayloads(inner), 16);
        assertEquals(d.length, ((d[24] & 0xff) << 24) | ((d[25] & 0xff) << 16) | ((d[26] & 0xff) << 8) | (d[27] & 0xff));
        assertEquals(d.length - Ikev2Header.SIZE, ((d[30] & 0xff) << 8) | (d[31] & 0xff), "SK length counts the ICV");
    }

    @Test
    void aeadSkAuthenticatesHeaderAndSkHeader() throws Exception {
        for (AeadAlgorithm a : List.of(AeadAlgorithm.AES_GCM_16_128, AeadAlgorithm.AES_CCM_12_256,
                AeadAlgorithm.CHACHA20_POLY1305)) {
            SkSuite.Combined suite = new SkSuite.Combined(a);
            SkKeys keys = Messages.keys(suite, 22);
            List<Payload> inner = Messages.ikeAuthRequest();
            byte[] d = new SkProtector(Crypto.defaults(), suite, keys, new SecureRandom())
                    .protect(Messages.AUTH_REQUEST, inner);
            int ivAt = Ikev2Header.SIZE + SK_HEADER;
            byte[] plain = Crypto.defaults().aead(a).open(keys.encryption().reveal(),
                    Arrays.copyOfRange(d, ivAt, ivAt + 8), Arrays.copyOf(d, ivAt), Arrays.copyOfRange(d, ivAt + 8, d.length));
            checkPlaintext(plain, Ikev2Decoder.encodePayloads(inner), 1);
        }
    }

    @Test
    void aeadSkfAuthenticatesTheFragmentFields() throws Exception {
        SkSuite.Combined suite = new SkSuite.Combined(AeadAlgorithm.AES_GCM_16_256);
        SkKeys keys = Messages.keys(suite, 23);
        List<Payload> inner = Messages.ikeAuthRequest();
        List<byte[]> fragments = new SkProtector(Crypto.defaults(), suite, keys, new SecureRandom())
                .protectFragmented(Messages.AUTH_REQUEST, inner, 50);
        byte[] all = Ikev2Decoder.encodePayloads(inner);
        for (int n = 0; n < fragments.size(); n++) {
            byte[] d = fragments.get(n);
            int ivAt = Ikev2Header.SIZE + SKF_HEADER;
            byte[] plain = Crypto.defaults().aead(suite.aead()).open(keys.encryption().reveal(),
                    Arrays.copyOfRange(d, ivAt, ivAt + 8), Arrays.copyOf(d, ivAt), Arrays.copyOfRange(d, ivAt + 8, d.length));
            checkPlaintext(plain, Arrays.copyOfRange(all, n * 50, Math.min(all.length, n * 50 + 50)), 1);
        }
    }

    /** content | padding | Pad Length, a whole number of blocks, with the least padding. */
    private static void checkPlaintext(byte[] plain, byte[] content, int block) {
        assertEquals(0, plain.length % block);
        int pad = plain[plain.length - 1] & 0xff;
        assertEquals(plain.length - 1 - content.length, pad);
        assertEquals((block - (content.length + 1) % block) % block, pad, "least padding");
        assertArrayEquals(content, Arrays.copyOf(plain, content.length));
    }
}

package org.ike4j.engine.v2.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.EncryptedFragmentPayload;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.PayloadType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SKF fragments (RFC 7383 section 2.5) and their reassembly (section 2.6). */
class FragmentTest {

    static List<SkSuite> suites() {
        return List.of(new SkSuite.Classic(CipherAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA2_256_128),
                new SkSuite.Classic(CipherAlgorithm.DES3_CBC, IntegrityAlgorithm.HMAC_SHA1_96),
                new SkSuite.Classic(CipherAlgorithm.AES_CTR_256, IntegrityAlgorithm.AES_XCBC_96),
                new SkSuite.Combined(AeadAlgorithm.AES_GCM_16_256),
                new SkSuite.Combined(AeadAlgorithm.AES_CCM_8_128),
                new SkSuite.Combined(AeadAlgorithm.CHACHA20_POLY1305));
    }

    static SkProtector protector(SkSuite suite) {
        return new SkProtector(Crypto.defaults(), suite, Messages.keys(suite, 42), new SecureRandom());
    }

    @ParameterizedTest
    @MethodSource("suites")
    void fragmentsOpenOneByOneAndReassembleInAnyOrder(SkSuite suite) throws Exception {
        List<Payload> inner = Messages.ikeAuthRequest();
        List<byte[]> fragments = protector(suite).protectFragmented(Messages.AUTH_REQUEST, inner, 40);
        int content = Ikev2Decoder.encodePayloads(inner).length;
        assertEquals((content + 39) / 40, fragments.size());

        SkProtector receiver = protector(suite);
        List<Unprotected.Fragment> opened = new ArrayList<>();
        for (int n = 1; n <= fragments.size(); n++) {
            byte[] d = fragments.get(n - 1);
            Ikev2Message outer = Ikev2Decoder.decode(d);
            assertEquals(Messages.AUTH_REQUEST, outer.header());
            EncryptedFragmentPayload skf = assertInstanceOf(EncryptedFragmentPayload.class, outer.payloads().get(0));
            assertEquals(n, skf.fragmentNumber());
            assertEquals(fragments.size(), skf.totalFragments());
            assertEquals(n == 1 ? PayloadType.IDI : PayloadType.NO_NEXT_PAYLOAD, skf.firstInner());
            Unprotected.Fragment f = assertInstanceOf(Unprotected.Fragment.class, receiver.open(d));
            assertEquals(n, f.number());
            assertTrue(f.content().length() <= 40);
            opened.add(f);
        }

        Collections.shuffle(opened, new Random(7));
        FragmentReassembler r = FragmentReassembler.withDefaults();
        FragmentReassembler.Result last = null;
        for (int i = 0; i < opened.size(); i++) {
            last = r.add(opened.get(i));
            if (i < opened.size() - 1) {
                assertEquals(new FragmentReassembler.Pending(1, i + 1, opened.size()), last);
                // A duplicate is ignored and changes nothing.
                assertInstanceOf(FragmentReassembler.Ignored.class, r.add(opened.get(i)));
            }
        }
        FragmentReassembler.Complete c = assertInstanceOf(FragmentReassembler.Complete.class, last);
        Unprotected.Message m = assertInstanceOf(Unprotected.Message.class, c.message());
        assertEquals(inner, m.inner());
        assertEquals(Messages.AUTH_REQUEST, m.header());
        assertEquals(0, r.inProgress());
    }

    /** The SKF header's Fragment Number and Total Fragments are authenticated (AAD or ICV). */
    @ParameterizedTest
    @MethodSource("suites")
    void fragmentFieldsAreAuthenticated(SkSuite suite) {
        byte[] d = protector(suite).protectFragmented(Messages.AUTH_REQUEST, Messages.ikeAuthRequest(), 40).get(1);
        int numberAt = Ikev2Header.SIZE + 4;
        for (int at = numberAt; at < numberAt + 4; at++) {
            byte[] bad = d.clone();
            bad[at] ^= 0x01;
            Unprotected u = protector(suite).open(bad);
            assertTrue(u instanceof Unprotected.IntegrityFailed || u instanceof Unprotected.Malformed,
                    "octet " + at + ": " + u);
        }
        byte[] renumbered = d.clone();
        renumbered[numberAt + 1] = 3; // fragment 2 claims to be 3: still decodes, must fail the ICV
        assertInstanceOf(Unprotected.IntegrityFailed.class, protector(suite).open(renumbered));
    }

    static Unprotected.Fragment fragment(long messageId, int number, int total, byte[] content) {
        Ikev2Header h = Ikev2Header.of(1, 2, ExchangeType.IKE_AUTH, Ikev2Header.INITIATOR, messageId);
        PayloadType first = number == 1 ? PayloadType.NOTIFY : PayloadType.NO_NEXT_PAYLOAD;
        Ikev2Message outer = new Ikev2Message(h,
                List.of(new EncryptedFragmentPayload(org.ike4j.wire.v2.PayloadFlags.NONE, number, total, first, Bytes.EMPTY)));
        return new Unprotected.Fragment(outer, number, total, first, Bytes.wrap(content));
    }

    @Test
    void aLargerTotalStartsAgainAndASmallerOneIsStale() {
        FragmentReassembler r = FragmentReassembler.withDefaults();
        assertInstanceOf(FragmentReassembler.Pending.class, r.add(fragment(5, 1, 3, new byte[] {9})));
        // Re-fragmented into 4: the first set is dropped (RFC 7383 section 2.6).
        assertEquals(new FragmentReassembler.Pending(5, 1, 4), r.add(fragment(5, 2, 4, new byte[] {9})));
        assertInstanceOf(FragmentReassembler.Ignored.class, r.add(fragment(5, 3, 3, new byte[] {9})));
        assertEquals(new FragmentReassembler.Pending(5, 2, 4), r.add(fragment(5, 1, 4, new byte[] {9})));
    }

    @Test
    void memoryIsBounded() {
        FragmentReassembler r = new FragmentReassembler(4, 100, 2);
        assertInstanceOf(FragmentReassembler.Ignored.class, r.add(fragment(1, 1, 5, new byte[1])));
        assertInstanceOf(FragmentReassembler.Pending.class, r.add(fragment(1, 1, 3, new byte[60])));
        // Over 100 octets for one message: the message is dropped.
        assertInstanceOf(FragmentReassembler.Ignored.class, r.add(fragment(1, 2, 3, new byte[60])));
        assertEquals(0, r.inProgress());
        // A third message in progress evicts the oldest.
        r.add(fragment(1, 1, 2, new byte[1]));
        r.add(fragment(2, 1, 2, new byte[1]));
        r.add(fragment(3, 1, 2, new byte[1]));
        assertEquals(2, r.inProgress());
        assertEquals(new FragmentReassembler.Pending(1, 1, 2), r.add(fragment(1, 2, 2, new byte[1])));
        r.forget(1);
        r.forget(2);
        r.forget(3);
        assertEquals(0, r.inProgress());
    }

    @Test
    void reassembledGarbageIsInvalidSyntax() {
        FragmentReassembler r = FragmentReassembler.withDefaults();
        r.add(fragment(9, 2, 2, new byte[] {0, 0}));
        // Notify named first, but the chain is 3 octets: not a payload.
        FragmentReassembler.Complete c = assertInstanceOf(FragmentReassembler.Complete.class,
                r.add(fragment(9, 1, 2, new byte[] {0})));
        assertInstanceOf(Unprotected.InvalidSyntax.class, c.message());
    }

    @Test
    void ikev2ProtectionUsesEachDirectionsKeys() {
        SkSuite suite = new SkSuite.Classic(CipherAlgorithm.AES_CBC_256, IntegrityAlgorithm.HMAC_SHA2_512_256);
        SkKeys i = Messages.keys(suite, 100);
        SkKeys rr = Messages.keys(suite, 200);
        var sa = new org.ike4j.crypto.kdf.Ikev2SaKeys(org.ike4j.crypto.Secret.copyOf(new byte[32]), i.integrity(),
                rr.integrity(), i.encryption(), rr.encryption(), org.ike4j.crypto.Secret.copyOf(new byte[32]),
                org.ike4j.crypto.Secret.copyOf(new byte[32]));
        Ikev2Protection initiator = Ikev2Protection.of(Crypto.defaults(), suite, sa, true, new SecureRandom());
        Ikev2Protection responder = Ikev2Protection.of(Crypto.defaults(), suite, sa, false, new SecureRandom());
        byte[] request = initiator.protect(Messages.AUTH_REQUEST, Messages.ikeAuthRequest());
        assertInstanceOf(Unprotected.Message.class, responder.open(request));
        assertInstanceOf(Unprotected.IntegrityFailed.class, initiator.open(request));
        Ikev2Header rh = Ikev2Header.of(1, 2, ExchangeType.IKE_AUTH, Ikev2Header.RESPONSE, 1);
        byte[] response = responder.protect(rh, List.of());
        assertInstanceOf(Unprotected.Message.class, initiator.open(response));
        assertInstanceOf(Unprotected.IntegrityFailed.class, responder.open(response));
        // The initiator's SK_ei/SK_ai protect its messages: a protector built from them opens it.
        assertInstanceOf(Unprotected.Message.class,
                new SkProtector(Crypto.defaults(), suite, i, new SecureRandom()).open(request));
        List<byte[]> frags = responder.protectFragmented(rh, Messages.ikeAuthRequest(), 64);
        assertInstanceOf(Unprotected.Fragment.class, initiator.open(frags.get(0)));
    }
}

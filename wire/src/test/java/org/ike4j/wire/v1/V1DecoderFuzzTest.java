package org.ike4j.wire.v1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.ike4j.wire.DecodeException;

/**
 * Feeds arbitrary bytes to the message decoder and to the decrypted payload-chain decoder (first
 * byte = the first payload type, the rest = plaintext). Only DecodeException may escape, and
 * whatever decodes must re-encode to the same bytes and render as a tree.
 *
 * <p>Regression mode (plain {@code mvn test}) runs the inputs in
 * {@code src/test/resources/org/ike4j/wire/v1/V1DecoderFuzzTestInputs/decoders}; fuzz with
 * {@code JAZZER_FUZZ=1 mvn -q -B -o -pl wire -am test -Dtest=V1DecoderFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class V1DecoderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decoders(byte[] data) {
        message(data);
        if (data.length > 0) {
            chain(PayloadType.of(data[0] & 0xff), Arrays.copyOfRange(data, 1, data.length));
        }
    }

    private static void message(byte[] data) {
        IsakmpMessage m;
        try {
            m = IsakmpCodec.decode(data);
        } catch (DecodeException e) {
            return;
        }
        assertArrayEquals(data, IsakmpCodec.encode(m));
        m.tree().render();
        strict(m);
        if (m instanceof EncryptedMessage e) {
            // Treat the "ciphertext" as if it were plaintext: the chain decoder must cope.
            chain(e.firstPayload(), e.body().toByteArray());
        }
    }

    private static void chain(PayloadType first, byte[] plaintext) {
        PayloadChain c;
        try {
            c = IsakmpCodec.decodePayloads(first, plaintext);
        } catch (DecodeException e) {
            return;
        }
        assertArrayEquals(plaintext, IsakmpCodec.encodePayloads(c));
        if (!c.payloads().isEmpty()) {
            assertEquals(first, c.firstPayload());
        }
        c.tree().render();
        try {
            IsakmpCodec.rejectUnknownPayloads(c);
        } catch (DecodeException e) {
            // allowed: an unknown payload type under the strict reading
        }
    }

    private static void strict(IsakmpMessage m) {
        try {
            IsakmpCodec.rejectUnknownPayloads(m);
        } catch (DecodeException e) {
            // allowed: an unknown payload type under the strict reading
        }
    }
}

package org.ike4j.wire.v2;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.ErrorNotify;

/**
 * Fuzzes the IKEv2 message decoder and the inner payload-chain decoder with arbitrary octets:
 * only {@link DecodeException} may escape (any other throwable is a finding), the exception must
 * name an offset inside the input and an IKEv2 notify, and whatever decodes must re-encode to the
 * same octets and decode again to an equal value.
 *
 * <p>Regression mode (plain {@code mvn test}) replays the seeds under
 * {@code src/test/resources/org/ike4j/wire/v2/V2DecoderFuzzTestInputs/<method>}: the messages of
 * the two captures and any crash found earlier. Fuzzing mode: {@code JAZZER_FUZZ=1}.
 */
class V2DecoderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void message(byte[] data) {
        for (Ikev2Decoder.Mode mode : Ikev2Decoder.Mode.values()) {
            Ikev2Message m;
            try {
                m = Ikev2Decoder.decode(data, mode);
            } catch (DecodeException e) {
                check(e, data.length, false);
                continue;
            }
            byte[] again = m.encode();
            if (!Arrays.equals(data, again)) {
                throw new IllegalStateException("re-encoding differs (" + mode + ")");
            }
            try {
                if (!m.equals(Ikev2Decoder.decode(again, mode))) {
                    throw new IllegalStateException("second decode differs");
                }
            } catch (DecodeException e) {
                throw new IllegalStateException("re-encoded message does not decode", e);
            }
            m.toTree().render();
        }
    }

    /** First octet: the SK payload's Next Payload; the rest: the decrypted inner chain. */
    @FuzzTest(maxDuration = "60s")
    void payloadChain(byte[] data) {
        if (data.length == 0) {
            return;
        }
        PayloadType first = PayloadType.of(data[0] & 0xff);
        byte[] plain = Arrays.copyOfRange(data, 1, data.length);
        for (Ikev2Decoder.Mode mode : Ikev2Decoder.Mode.values()) {
            List<Payload> ps;
            try {
                ps = Ikev2Decoder.decodePayloads(plain, first, mode);
            } catch (DecodeException e) {
                check(e, plain.length, true);
                continue;
            }
            byte[] again = Ikev2Decoder.encodePayloads(ps);
            if (!Arrays.equals(plain, again) || !Ikev2Decoder.firstType(ps).equals(first)) {
                throw new IllegalStateException("re-encoding differs (" + mode + ")");
            }
        }
    }

    private static void check(DecodeException e, int length, boolean inner) {
        ErrorNotify a = e.answer();
        if (a.ikeVersion() != 2) {
            throw new IllegalStateException("IKEv1 notify from the IKEv2 decoder: " + e);
        }
        boolean offsetOk = e.offset() >= 0 && e.offset() <= length
                || inner && e.offset() == -1 && a.equals(ErrorNotify.V2_UNSUPPORTED_CRITICAL_PAYLOAD);
        if (!offsetOk || e.field() == null || e.field().isEmpty()) {
            throw new IllegalStateException("bad offset or field: " + e);
        }
    }
}

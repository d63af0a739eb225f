package org.ike4j.wire.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.ErrorNotify;

/** Shared helpers for the v2 codec tests: building datagrams, patching them, expecting failures. */
final class V2Fixtures {
    /** Where the first payload's generic header starts. */
    static final int P0 = Ikev2Header.SIZE;
    /** Where the first payload's body starts. */
    static final int B0 = P0 + 4;

    static final Ikev2Header HEADER = Ikev2Header.of(0x19ab98963486359fL, 0, ExchangeType.IKE_SA_INIT,
            Ikev2Header.INITIATOR, 0);

    private V2Fixtures() {
    }

    static byte[] datagram(Payload... payloads) {
        return new Ikev2Message(HEADER, List.of(payloads)).encode();
    }

    static Bytes bytes(int n, int fill) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) fill);
        return Bytes.wrap(b);
    }

    static byte[] u8(byte[] b, int at, int v) {
        b[at] = (byte) v;
        return b;
    }

    static byte[] u16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
        return b;
    }

    /** Sets the IKE header length to the datagram's length after a patch changed it. */
    static byte[] fixLength(byte[] b) {
        int n = b.length;
        b[24] = (byte) (n >>> 24);
        b[25] = (byte) (n >>> 16);
        b[26] = (byte) (n >>> 8);
        b[27] = (byte) n;
        return b;
    }

    /** Decodes, checks the message re-encodes exactly, and returns it. */
    static Ikev2Message roundTrip(byte[] datagram) throws DecodeException {
        Ikev2Message m = Ikev2Decoder.decode(datagram);
        assertArrayEquals(datagram, m.encode());
        assertEquals(m, Ikev2Decoder.decode(m.encode()));
        return m;
    }

    static DecodeException fails(byte[] datagram, int offset, String field, ErrorNotify answer) {
        DecodeException e = assertThrows(DecodeException.class, () -> Ikev2Decoder.decode(datagram));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(answer, e.answer(), e.getMessage());
        return e;
    }

    static DecodeException syntax(byte[] datagram, int offset, String field) {
        return fails(datagram, offset, field, ErrorNotify.V2_INVALID_SYNTAX);
    }
}

package org.ike4j.wire.v2;

import static org.ike4j.wire.v2.V2Fixtures.B0;
import static org.ike4j.wire.v2.V2Fixtures.P0;
import static org.ike4j.wire.v2.V2Fixtures.bytes;
import static org.ike4j.wire.v2.V2Fixtures.datagram;
import static org.ike4j.wire.v2.V2Fixtures.fails;
import static org.ike4j.wire.v2.V2Fixtures.fixLength;
import static org.ike4j.wire.v2.V2Fixtures.roundTrip;
import static org.ike4j.wire.v2.V2Fixtures.syntax;
import static org.ike4j.wire.v2.V2Fixtures.u16;
import static org.ike4j.wire.v2.V2Fixtures.u8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.ErrorNotify;
import org.junit.jupiter.api.Test;

/** The IKE header (RFC 7296 section 3.1), the generic payload header (3.2) and chain rules. */
class HeaderAndChainTest {
    private static final NoncePayload NONCE = new NoncePayload(bytes(16, 0x5d));

    @Test
    void headerFieldsRoundTrip() throws DecodeException {
        Ikev2Header h = new Ikev2Header(0x0102030405060708L, 0x1112131415161718L, 2, 7, ExchangeType.of(42),
                Ikev2Header.RESPONSE | Ikev2Header.VERSION | 0x01, 0xfffffffeL);
        byte[] b = new Ikev2Message(h, List.of(NONCE)).encode();
        assertEquals(28 + 4 + 16, b.length);
        assertEquals(0x27, b[17]);
        assertEquals(40, b[16], "next payload is the nonce's type");
        assertEquals(48, b[27], "length");
        Ikev2Message m = roundTrip(b);
        assertEquals(h, m.header());
        assertTrue(m.header().isResponse());
        assertTrue(m.header().isVersion());
        assertFalse(m.header().isInitiator());
        assertEquals("UNKNOWN-42", m.header().exchangeType().name());
    }

    @Test
    void emptyMessageIsJustTheHeader() throws DecodeException {
        byte[] b = datagram();
        assertEquals(28, b.length);
        assertEquals(List.of(), roundTrip(b).payloads());
    }

    @Test
    void truncatedHeader() {
        byte[] b = Arrays.copyOf(datagram(NONCE), 20);
        syntax(b, 20, "IKE Header.Message ID");
        syntax(new byte[0], 0, "IKE Header.IKE SA Initiator's SPI");
    }

    @Test
    void higherMajorVersionAnswersInvalidMajorVersion() {
        byte[] b = u8(datagram(NONCE), 17, 0x30);
        fails(b, 17, "IKE Header.MjVer", ErrorNotify.V2_INVALID_MAJOR_VERSION);
        fails(u8(b, 17, 0xf0), 17, "IKE Header.MjVer", ErrorNotify.V2_INVALID_MAJOR_VERSION);
    }

    @Test
    void lowerMajorVersionIsNotIkev2() {
        syntax(u8(datagram(NONCE), 17, 0x10), 17, "IKE Header.MjVer");
    }

    @Test
    void headerLengthMustEqualTheDatagram() {
        byte[] b = datagram(NONCE);
        syntax(Arrays.copyOf(b, b.length - 1), 24, "IKE Header.Length");
        syntax(Arrays.copyOf(b, b.length + 3), 24, "IKE Header.Length");
        byte[] huge = b.clone();
        huge[24] = (byte) 0xff;
        syntax(huge, 24, "IKE Header.Length");
    }

    @Test
    void payloadLengthBelowFour() {
        syntax(u16(datagram(NONCE), P0 + 2, 3), P0 + 2, "Generic Payload Header.Payload Length");
    }

    @Test
    void payloadLengthBeyondTheMessage() {
        syntax(u16(datagram(NONCE), P0 + 2, 21), P0 + 2, "Generic Payload Header.Payload Length");
    }

    @Test
    void nextPayloadNamesAPayloadThatIsNotThere() {
        byte[] b = u8(datagram(NONCE), P0, 43);
        syntax(b, P0, "Generic Payload Header.Next Payload");
    }

    @Test
    void octetsAfterTheLastPayload() {
        byte[] b = fixLength(Arrays.copyOf(datagram(NONCE), 28 + 20 + 2));
        syntax(b, 48, "Generic Payload Header.Next Payload");
    }

    @Test
    void octetsLeftInsideAFixedPayload() {
        // A Delete payload whose SPIs fill it exactly, then one octet more inside the payload length.
        byte[] b = datagram(new DeletePayload(ProtocolId.ESP, 4, List.of(bytes(4, 1))));
        byte[] longer = fixLength(Arrays.copyOf(b, b.length + 1));
        u16(longer, P0 + 2, 4 + 4 + 4 + 1);
        syntax(longer, B0 + 2, "Delete Payload.Num of SPIs");
    }

    @Test
    void reservedBitsAndCriticalBitOfKnownPayloadsAreKept() throws DecodeException {
        byte[] b = datagram(new NoncePayload(new PayloadFlags(true, 0x55), bytes(16, 1)));
        assertEquals((byte) 0xd5, b[P0 + 1]);
        Ikev2Message m = roundTrip(b);
        assertEquals(new PayloadFlags(true, 0x55), m.payloads().get(0).flags());
        assertTrue(m.unsupportedCriticalPayload().isEmpty(), "critical bit on a known payload is no problem");
    }

    @Test
    void unknownNonCriticalPayloadIsKeptAndReencoded() throws DecodeException {
        UnknownPayload u = new UnknownPayload(PayloadType.of(200), false, Bytes.fromHex("deadbeef"));
        Ikev2Message m = roundTrip(datagram(NONCE, u, NONCE));
        assertEquals(List.of(NONCE, u, NONCE), m.payloads());
        assertEquals("UNKNOWN-200", m.payloads().get(1).type().name());
    }

    @Test
    void unknownCriticalPayloadStrictAnswersUnsupportedCriticalPayload() {
        UnknownPayload u = new UnknownPayload(PayloadType.of(200), true, Bytes.fromHex("deadbeef"));
        byte[] first = datagram(u);
        DecodeException e = fails(first, 16, "Generic Payload Header.Next Payload",
                ErrorNotify.V2_UNSUPPORTED_CRITICAL_PAYLOAD);
        assertEquals(200, Ikev2Decoder.unsupportedCriticalType(e, first));

        byte[] second = datagram(NONCE, u);
        e = fails(second, P0, "Generic Payload Header.Next Payload", ErrorNotify.V2_UNSUPPORTED_CRITICAL_PAYLOAD);
        assertEquals(200, Ikev2Decoder.unsupportedCriticalType(e, second));
    }

    @Test
    void unknownCriticalPayloadLenientIsKept() throws DecodeException {
        UnknownPayload u = new UnknownPayload(PayloadType.of(54), true, Bytes.fromHex("01"));
        byte[] b = datagram(NONCE, u);
        Ikev2Message m = Ikev2Decoder.decode(b, Ikev2Decoder.Mode.LENIENT);
        assertEquals(u, m.payloads().get(1));
        assertEquals(PayloadType.PS, m.unsupportedCriticalPayload().orElseThrow());
        assertArrayEquals(b, m.encode());
    }

    @Test
    void skMustBeLast() {
        byte[] sk = datagram(new EncryptedPayload(PayloadType.IDI, bytes(24, 7)));
        // Append a nonce after SK: the chain would continue only through SK's inner type, so
        // the octets after SK are an error, not a payload.
        byte[] b = fixLength(Arrays.copyOf(sk, sk.length + 20));
        u16(b, sk.length + 2, 20);
        syntax(b, P0, "SK Payload");
        assertThrows(IllegalArgumentException.class, () -> new Ikev2Message(V2Fixtures.HEADER,
                List.of(new EncryptedPayload(PayloadType.IDI, bytes(24, 7)), NONCE)));
    }

    @Test
    void skNextPayloadNamesTheFirstInnerPayload() throws DecodeException {
        byte[] b = datagram(NONCE, new EncryptedPayload(PayloadType.IDI, bytes(24, 7)));
        assertEquals(46, b[P0], "nonce's next payload is SK");
        assertEquals(35, b[P0 + 20], "SK's next payload is the first inner payload");
        EncryptedPayload sk = roundTrip(b).encrypted().orElseThrow();
        assertEquals(PayloadType.IDI, sk.firstInner());
        assertEquals(bytes(24, 7), sk.encrypted());
    }

    @Test
    void emptyInformationalHasSkWithNoInnerPayload() throws DecodeException {
        byte[] b = datagram(new EncryptedPayload(PayloadType.NO_NEXT_PAYLOAD, bytes(36, 1)));
        assertEquals(PayloadType.NO_NEXT_PAYLOAD, roundTrip(b).encrypted().orElseThrow().firstInner());
    }

    @Test
    void innerChainDecodesAndRejectsNestedSk() throws DecodeException {
        List<Payload> inner = List.of(
                new IdentificationPayload(PayloadType.IDI, IdType.ID_FQDN, Bytes.wrap("a.example".getBytes())),
                new AuthenticationPayload(AuthMethod.SHARED_KEY_MIC, bytes(20, 3)));
        byte[] plain = Ikev2Decoder.encodePayloads(inner);
        assertEquals(inner, Ikev2Decoder.decodePayloads(plain, PayloadType.IDI, Ikev2Decoder.Mode.STRICT));

        byte[] withSk = Ikev2Decoder.encodePayloads(List.of(NONCE));
        DecodeException e = assertThrows(DecodeException.class,
                () -> Ikev2Decoder.decodePayloads(withSk, PayloadType.SK, Ikev2Decoder.Mode.STRICT));
        assertEquals(0, e.offset());
        assertEquals(ErrorNotify.V2_INVALID_SYNTAX, e.answer());
        assertThrows(IllegalArgumentException.class, () -> Ikev2Decoder.encodePayloads(
                List.of(new EncryptedPayload(PayloadType.NO_NEXT_PAYLOAD, Bytes.EMPTY))));
    }

    @Test
    void innerChainUnknownCritical() {
        byte[] plain = Ikev2Decoder.encodePayloads(List.of(NONCE,
                new UnknownPayload(PayloadType.of(99), true, Bytes.EMPTY)));
        DecodeException e = assertThrows(DecodeException.class,
                () -> Ikev2Decoder.decodePayloads(plain, PayloadType.NONCE, Ikev2Decoder.Mode.STRICT));
        assertEquals(ErrorNotify.V2_UNSUPPORTED_CRITICAL_PAYLOAD, e.answer());
        assertEquals(99, Ikev2Decoder.unsupportedCriticalType(e, plain));
    }

    @Test
    void messageRendersAsTree() throws DecodeException {
        Ikev2Message m = roundTrip(datagram(NONCE));
        String t = m.toTree().render();
        assertTrue(t.contains("IKEv2 Header\n"), t);
        assertTrue(t.contains("    next payload: Nonce (40)\n"), t);
        assertTrue(t.contains("    exchange type: IKE_SA_INIT (34)\n"), t);
        assertTrue(t.contains("    length: 48\n"), t);
        assertTrue(t.contains("  IKEv2 Nonce Payload\n    next payload: NO_NEXT_PAYLOAD (0)\n"), t);
        assertTrue(t.contains("    nonce data: 5d 5d 5d"), t);
        assertInstanceOf(NoncePayload.class, m.payloads().get(0));
    }
}

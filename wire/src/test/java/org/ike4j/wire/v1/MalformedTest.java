package org.ike4j.wire.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.ErrorNotify;
import org.ike4j.wire.Hex;
import org.junit.jupiter.api.Test;

/**
 * Each class of malformed input, made by changing one field of the seed's Quick Mode message 1
 * (offsets below are in that 124-byte plaintext; see SeedQuickModeTest) or of small hand-built
 * payloads: the decoder must name the field, its offset and the notify to answer.
 */
class MalformedTest {
    // Offsets in the seed's QM1 plaintext.
    static final int HASH = 0;
    static final int SA = 20;
    static final int SITUATION = 28;
    static final int PROPOSAL = 32;
    static final int TRANSFORM = 44;
    static final int KEY_LENGTH_ATTR = 68;
    static final int NONCE = 72;
    static final int ID1 = 92;
    static final int ID2 = 108;

    static byte[] qm1With(int offset, int... values) {
        byte[] b = SeedQuickModeTest.qm1();
        for (int i = 0; i < values.length; i++) {
            b[offset + i] = (byte) values[i];
        }
        return b;
    }

    static DecodeException chainError(byte[] plaintext) {
        return assertThrows(DecodeException.class, () -> IsakmpCodec.decodePayloads(PayloadType.HASH, plaintext));
    }

    static void expect(DecodeException e, int offset, String field, ErrorNotify answer) {
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(answer, e.answer(), e.getMessage());
    }

    /** A plain message around a payload chain, for the message decoder. */
    static byte[] plainMessage(int firstPayload, byte[] chain) {
        ByteWriter w = new ByteWriter();
        w.bytes(Hex.parse("a305bbc510fd3640d16dd2ce1e0390ec"));
        w.u8(firstPayload).u8(0x10).u8(32).u8(0).u32(0x3e8ef93eL).u32(28 + chain.length);
        w.bytes(chain);
        return w.toByteArray();
    }

    // --- header ---

    @Test
    void datagramShorterThanTheHeader() {
        DecodeException e = assertThrows(DecodeException.class, () -> IsakmpCodec.decode(new byte[27]));
        expect(e, 0, "ISAKMP Header", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void majorVersionTwo() {
        byte[] m = plainMessage(8, SeedQuickModeTest.qm1());
        m[17] = 0x20;
        expect(assertThrows(DecodeException.class, () -> IsakmpCodec.decode(m)), 17, "ISAKMP Header.version",
                ErrorNotify.V1_INVALID_MAJOR_VERSION);
    }

    @Test
    void peekHeaderStillFindsTheSaOfARejectedIkev2Datagram() throws Exception {
        byte[] m = plainMessage(8, SeedQuickModeTest.qm1());
        m[17] = 0x20;
        RawHeader raw = IsakmpCodec.peekHeader(m);
        assertEquals(2, raw.header().majorVersion());
        assertEquals("a305bbc510fd3640", raw.header().initiatorCookie().hex());
        assertEquals(PayloadType.HASH, raw.nextPayload());
        assertEquals(152, raw.length());
        assertEquals(0x3e8ef93e, raw.header().messageId());
    }

    @Test
    void headerLengthBeyondTheDatagram() {
        byte[] m = plainMessage(8, SeedQuickModeTest.qm1());
        m[27]++;
        expect(assertThrows(DecodeException.class, () -> IsakmpCodec.decode(m)), 24, "ISAKMP Header.length",
                ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void headerLengthBelowTheHeader() {
        byte[] m = plainMessage(0, new byte[0]);
        m[27] = 27;
        expect(assertThrows(DecodeException.class, () -> IsakmpCodec.decode(m)), 24, "ISAKMP Header.length",
                ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void bytesBeyondTheHeaderLengthAreRejected() {
        byte[] m = Arrays.copyOf(plainMessage(8, SeedQuickModeTest.qm1()), 152 + 1);
        expect(assertThrows(DecodeException.class, () -> IsakmpCodec.decode(m)), 24, "ISAKMP Header.length",
                ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void bytesAfterTheLastPayloadOfAPlainMessage() {
        byte[] chain = Arrays.copyOf(SeedQuickModeTest.qm1(), 128);
        DecodeException e = assertThrows(DecodeException.class, () -> IsakmpCodec.decode(plainMessage(8, chain)));
        expect(e, 28 + 124, "ISAKMP Message", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void errorsInAPlainMessageCarryMessageOffsets() {
        byte[] m = plainMessage(8, qm1With(PROPOSAL + 7, 2));
        expect(assertThrows(DecodeException.class, () -> IsakmpCodec.decode(m)), 28 + PROPOSAL + 7,
                "Proposal Payload.number of transforms", ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
    }

    @Test
    void proposalAsFirstPayloadOfAMessage() {
        byte[] m = plainMessage(2, SeedQuickModeTest.qm1());
        expect(assertThrows(DecodeException.class, () -> IsakmpCodec.decode(m)), 16, "ISAKMP Header.next payload",
                ErrorNotify.V1_INVALID_PAYLOAD_TYPE);
    }

    // --- generic payload header ---

    @Test
    void transformAnnouncedInTheChain() {
        expect(chainError(qm1With(HASH, 3)), HASH, "Hash Payload.next payload", ErrorNotify.V1_INVALID_PAYLOAD_TYPE);
    }

    @Test
    void payloadLengthBelowTheGenericHeader() {
        expect(chainError(qm1With(HASH + 2, 0, 3)), HASH + 2, "Hash Payload.length", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void payloadLengthBeyondTheMessage() {
        expect(chainError(qm1With(NONCE + 2, 0, 0xff)), NONCE + 2, "Nonce Payload.length",
                ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void truncatedLastPayload() {
        byte[] cut = Arrays.copyOf(SeedQuickModeTest.qm1(), 122);
        expect(chainError(cut), ID2 + 2, "Identification Payload.length", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void truncatedGenericHeader() {
        byte[] cut = Arrays.copyOf(SeedQuickModeTest.qm1(), ID2 + 2);
        expect(chainError(cut), ID2, "Identification Payload", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    // --- SA, proposal, transform, attributes ---

    @Test
    void proposalLengthBeyondTheSaPayload() {
        expect(chainError(qm1With(PROPOSAL + 2, 0, 41)), PROPOSAL + 2, "Proposal Payload.length",
                ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
    }

    @Test
    void proposalLengthBelowItsHeader() {
        expect(chainError(qm1With(PROPOSAL + 2, 0, 7)), PROPOSAL + 2, "Proposal Payload.length",
                ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
    }

    @Test
    void spiSizeBeyondTheProposal() {
        expect(chainError(qm1With(PROPOSAL + 6, 200)), PROPOSAL + 6, "Proposal Payload.SPI size",
                ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
    }

    @Test
    void numberOfTransformsMoreThanPresent() {
        expect(chainError(qm1With(PROPOSAL + 7, 2)), PROPOSAL + 7, "Proposal Payload.number of transforms",
                ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
    }

    @Test
    void numberOfTransformsZero() {
        expect(chainError(qm1With(PROPOSAL + 7, 0)), PROPOSAL + 7, "Proposal Payload.number of transforms",
                ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
    }

    @Test
    void proposalAnnouncesAnotherButTheSaEnds() {
        expect(chainError(qm1With(PROPOSAL, 2)), PROPOSAL, "Proposal Payload.next payload",
                ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
    }

    @Test
    void proposalNextPayloadNeitherPNorNone() {
        expect(chainError(qm1With(PROPOSAL, 5)), PROPOSAL, "Proposal Payload.next payload",
                ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
    }

    @Test
    void transformLengthBeyondTheProposal() {
        expect(chainError(qm1With(TRANSFORM + 2, 0, 29)), TRANSFORM + 2, "Transform Payload.length",
                ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
    }

    @Test
    void transformAnnouncesAnotherButTheProposalEnds() {
        expect(chainError(qm1With(TRANSFORM, 3)), TRANSFORM, "Transform Payload.next payload",
                ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
    }

    @Test
    void attributeLengthBeyondTheTransform() {
        // KEY_LENGTH 80 06 00 80 turned into a TLV attribute claiming 128 bytes.
        expect(chainError(qm1With(KEY_LENGTH_ATTR, 0x00)), KEY_LENGTH_ATTR + 2, "Transform Payload.Attribute Length",
                ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
    }

    @Test
    void labelledSituationIsNotSupported() {
        expect(chainError(qm1With(SITUATION + 3, 0x03)), SITUATION, "Security Association Payload.Situation",
                ErrorNotify.V1_SITUATION_NOT_SUPPORTED);
    }

    @Test
    void saPayloadWithoutProposals() {
        // An SA payload of DOI and situation only.
        byte[] sa = Hex.parse("0000000c 00000001 00000001");
        DecodeException e = assertThrows(DecodeException.class, () -> IsakmpCodec.decodePayloads(PayloadType.SA, sa));
        expect(e, 12, "Security Association Payload.proposals", ErrorNotify.V1_BAD_PROPOSAL_SYNTAX);
    }

    @Test
    void saPayloadTooShortForTheSituation() {
        byte[] sa = Hex.parse("0000000a 00000001 0000");
        DecodeException e = assertThrows(DecodeException.class, () -> IsakmpCodec.decodePayloads(PayloadType.SA, sa));
        expect(e, 8, "Security Association Payload.Situation", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    // --- ID ---

    @Test
    void idDataTooLongForIpv4Addr() {
        expect(chainError(qm1With(ID1 + 4, IdType.IPV4_ADDR.code())), ID1 + 8, "Identification Payload.Identification Data",
                ErrorNotify.V1_INVALID_ID_INFORMATION);
    }

    @Test
    void idDataTooShortForIpv6Subnet() {
        expect(chainError(qm1With(ID2 + 4, IdType.IPV6_ADDR_SUBNET.code())), ID2 + 8,
                "Identification Payload.Identification Data", ErrorNotify.V1_INVALID_ID_INFORMATION);
    }

    @Test
    void emptyFqdn() {
        byte[] id = Hex.parse("00000008 02000000");
        DecodeException e = assertThrows(DecodeException.class, () -> IsakmpCodec.decodePayloads(PayloadType.ID, id));
        expect(e, 8, "Identification Payload.Identification Data", ErrorNotify.V1_INVALID_ID_INFORMATION);
    }

    @Test
    void idTruncatedBeforePort() {
        byte[] id = Hex.parse("00000006 0100");
        DecodeException e = assertThrows(DecodeException.class, () -> IsakmpCodec.decodePayloads(PayloadType.ID, id));
        expect(e, 6, "Identification Payload.Port", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    // --- N, D, NAT-OA, ATTR, FRAGMENT ---

    @Test
    void notificationSpiSizeBeyondThePayload() {
        byte[] n = Hex.parse("0000000c 00000001 03 04 6000");
        DecodeException e = assertThrows(DecodeException.class, () -> IsakmpCodec.decodePayloads(PayloadType.N, n));
        expect(e, 9, "Notification Payload.SPI Size", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void responderLifetimeWithABrokenAttribute() {
        // SPI c786011d, then SA_LIFE_TYPE TV and a SA_LIFE_DURATION TLV claiming 8 bytes with 4 present.
        byte[] n = Hex.parse("0000001c 00000001 03 04 6000 c786011d 80010001 00020008 000004b0");
        DecodeException e = assertThrows(DecodeException.class, () -> IsakmpCodec.decodePayloads(PayloadType.N, n));
        expect(e, 22, "Notification Payload.Attribute Length", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void deleteCountDisagreesWithThePayload() {
        byte[] d = Hex.parse("00000014 00000001 03 04 0002 11111111 22222222".replace("0002 11111111 22222222", "0003 11111111 22222222"));
        DecodeException e = assertThrows(DecodeException.class, () -> IsakmpCodec.decodePayloads(PayloadType.D, d));
        expect(e, 10, "Delete Payload.# of SPIs", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void natOaWithAnFqdn() {
        byte[] oa = Hex.parse("0000000c 02000000 61626364");
        DecodeException e = assertThrows(DecodeException.class, () -> IsakmpCodec.decodePayloads(PayloadType.NAT_OA, oa));
        expect(e, 4, "NAT-OA Payload.ID Type", ErrorNotify.V1_INVALID_ID_INFORMATION);
    }

    @Test
    void natOaIpv4OfFiveBytes() {
        byte[] oa = Hex.parse("0000000d 01000000 0a0000010a");
        DecodeException e = assertThrows(DecodeException.class,
                () -> IsakmpCodec.decodePayloads(PayloadType.NAT_OA_DRAFT, oa));
        expect(e, 4, "NAT-OA Payload.ID Type", ErrorNotify.V1_INVALID_ID_INFORMATION);
    }

    @Test
    void modeConfigAttributeTruncated() {
        byte[] attr = Hex.parse("0000000a 01000001 4088");
        DecodeException e = assertThrows(DecodeException.class, () -> IsakmpCodec.decodePayloads(PayloadType.ATTR, attr));
        expect(e, 10, "Attribute Payload.Attribute Length", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void fragmentHeaderTruncated() {
        byte[] f = Hex.parse("00000007 000101");
        DecodeException e = assertThrows(DecodeException.class,
                () -> IsakmpCodec.decodePayloads(PayloadType.FRAGMENT, f));
        expect(e, 7, "Fragment Payload.Flags", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }

    @Test
    void certificateWithoutEncoding() {
        byte[] c = Hex.parse("00000004");
        DecodeException e = assertThrows(DecodeException.class, () -> IsakmpCodec.decodePayloads(PayloadType.CERT, c));
        expect(e, 4, "Certificate Payload.Cert Encoding", ErrorNotify.V1_PAYLOAD_MALFORMED);
    }
}

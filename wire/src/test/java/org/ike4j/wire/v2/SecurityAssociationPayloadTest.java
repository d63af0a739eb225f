package org.ike4j.wire.v2;

import static org.ike4j.wire.v2.V2Fixtures.B0;
import static org.ike4j.wire.v2.V2Fixtures.bytes;
import static org.ike4j.wire.v2.V2Fixtures.datagram;
import static org.ike4j.wire.v2.V2Fixtures.roundTrip;
import static org.ike4j.wire.v2.V2Fixtures.syntax;
import static org.ike4j.wire.v2.V2Fixtures.u16;
import static org.ike4j.wire.v2.V2Fixtures.u8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.junit.jupiter.api.Test;

/** SA payload, proposals, transforms and attributes (RFC 7296 sections 3.3.1 to 3.3.5). */
class SecurityAssociationPayloadTest {
    // Proposal at B0 (32): Last(32) RESERVED(33) Length(34) Num(36) Protocol(37) SPI Size(38) Num Transforms(39)
    // Transforms at 40 (12 octets, with KEY_LENGTH), 52, 60, 68; proposal ends at 76.
    static final Proposal IKE_PROPOSAL = new Proposal(1, ProtocolId.IKE, Bytes.EMPTY, List.of(
            new Transform(TransformType.ENCR, EncrAlgorithm.ENCR_AES_CBC.code(), List.of(TransformAttribute.keyLength(256))),
            new Transform(TransformType.PRF, PrfAlgorithm.PRF_HMAC_SHA2_256.code()),
            new Transform(TransformType.INTEG, IntegAlgorithm.AUTH_HMAC_SHA2_256_128.code()),
            new Transform(TransformType.KE, KeyExchangeMethod.ECP_256.code())));

    static byte[] sa() {
        return datagram(new SecurityAssociationPayload(List.of(IKE_PROPOSAL)));
    }

    @Test
    void layoutAndRoundTrip() throws DecodeException {
        byte[] b = sa();
        assertEquals(28 + 4 + 44, b.length);
        assertEquals(0, b[32], "last proposal");
        assertEquals(44, b[35], "proposal length");
        assertEquals(4, b[39], "transform count");
        assertEquals(3, b[40], "more transforms");
        assertEquals(12, b[43], "transform length with TV attribute");
        assertEquals((byte) 0x80, b[48], "AF bit: TV form");
        assertEquals(0, b[68], "last transform");
        SecurityAssociationPayload p = (SecurityAssociationPayload) roundTrip(b).payloads().get(0);
        assertEquals(IKE_PROPOSAL, p.proposals().get(0));
        Transform encr = p.proposals().get(0).transforms().get(0);
        assertEquals(256, encr.keyLength());
        assertEquals(EncrAlgorithm.ENCR_AES_CBC, encr.transformId());
    }

    @Test
    void severalProposalsWithSpisAndTlvAttributesKeepTheirForm() throws DecodeException {
        Proposal esp = new Proposal(2, ProtocolId.ESP, Bytes.fromHex("c0ffee01"), List.of(
                new Transform(TransformType.ENCR, 20, List.of(
                        new TransformAttribute(TransformAttributeType.KEY_LENGTH, false, Bytes.fromHex("0100")),
                        new TransformAttribute(TransformAttributeType.of(0x7fff), false, Bytes.EMPTY)), 9, 7),
                new Transform(TransformType.ESN, 0)), 0x42);
        byte[] b = datagram(new SecurityAssociationPayload(List.of(IKE_PROPOSAL, esp)));
        assertEquals(2, b[32], "more proposals follow");
        SecurityAssociationPayload p = (SecurityAssociationPayload) roundTrip(b).payloads().get(0);
        assertEquals(List.of(IKE_PROPOSAL, esp), p.proposals());
        assertEquals(256, p.proposals().get(1).transforms().get(0).keyLength());
    }

    @Test
    void emptySaPayload() {
        syntax(datagram(new SecurityAssociationPayload(List.of())), B0, "Security Association Payload.Proposals");
    }

    @Test
    void proposalLastSubstrucMustMatchItsPosition() {
        syntax(u8(sa(), 32, 2), 32, "Proposal Substructure.Last Substruc");
        byte[] two = datagram(new SecurityAssociationPayload(List.of(IKE_PROPOSAL, IKE_PROPOSAL)));
        syntax(u8(two, 32, 0), 32, "Proposal Substructure.Last Substruc");
    }

    @Test
    void proposalLengthBelowMinimumOrBeyondThePayload() {
        syntax(u16(sa(), 34, 7), 34, "Proposal Substructure.Proposal Length");
        syntax(u16(sa(), 34, 45), 34, "Proposal Substructure.Proposal Length");
    }

    @Test
    void proposalLengthCuttingTheLastTransform() {
        // Proposal shorter than its transforms, SA payload and message shortened with it.
        byte[] b = V2Fixtures.fixLength(u16(u16(java.util.Arrays.copyOf(sa(), 72), 34, 40), 30, 44));
        syntax(b, 70, "Transform Substructure.Transform Length");
        // Proposal shorter but the SA payload not: the octets after it make "last" a lie.
        syntax(u16(sa(), 34, 40), 32, "Proposal Substructure.Last Substruc");
    }

    @Test
    void spiSizeBeyondTheProposal() {
        syntax(u8(sa(), 38, 200), 38, "Proposal Substructure.SPI Size");
    }

    @Test
    void transformCountMismatch() {
        syntax(u8(sa(), 39, 5), 39, "Proposal Substructure.Num Transforms");
        syntax(u8(sa(), 39, 3), 68, "Proposal Substructure.Num Transforms");
    }

    @Test
    void transformLastSubstrucAndLength() {
        syntax(u8(sa(), 40, 0), 40, "Transform Substructure.Last Substruc");
        syntax(u8(sa(), 68, 3), 68, "Transform Substructure.Last Substruc");
        syntax(u16(sa(), 42, 7), 42, "Transform Substructure.Transform Length");
        syntax(u16(sa(), 42, 40), 42, "Transform Substructure.Transform Length");
    }

    @Test
    void tlvAttributeLengthBeyondTheTransform() {
        Proposal p = new Proposal(1, ProtocolId.IKE, Bytes.EMPTY, List.of(new Transform(TransformType.ENCR, 12,
                List.of(new TransformAttribute(TransformAttributeType.KEY_LENGTH, false, bytes(2, 1))))));
        byte[] b = datagram(new SecurityAssociationPayload(List.of(p)));
        syntax(u16(b, 50, 3), 50, "Transform Attribute.Attribute Length");
    }

    @Test
    void truncatedTvAttribute() {
        byte[] b = sa();
        // Transform length 10 leaves half of the TV attribute; the rest becomes a second transform.
        syntax(u16(b, 42, 10), 50, "Transform Attribute.Attribute Value");
    }

    @Test
    void rendersNamesAndNumbers() throws DecodeException {
        String t = roundTrip(sa()).toTree().render();
        assertTrue(t.contains("IKEv2 Security Association Payload"), t);
        assertTrue(t.contains("IKEv2 Proposal Substructure"), t);
        assertTrue(t.contains("protocol ID: IKE (1)"), t);
        assertTrue(t.contains("transform ID: ENCR_AES_CBC (12)"), t);
        assertTrue(t.contains("attribute: KEY_LENGTH (14) TV: 256"), t);
        assertTrue(t.contains("transform ID: AUTH_HMAC_SHA2_256_128 (12)"), t);
        assertTrue(t.contains("transform type: KE (4)"), t);
        assertTrue(t.contains("transform ID: ECP_256 (19)"), t);
    }
}

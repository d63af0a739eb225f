package org.ike4j.wire.v1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.Hex;
import org.junit.jupiter.api.Test;

/** Byte-level checks per payload family: hand-assembled wire bytes from the RFC layouts, both directions. */
class PayloadFamiliesTest {

    static Payload single(PayloadType type, String hex) throws Exception {
        byte[] wire = Hex.parse(hex);
        PayloadChain c = IsakmpCodec.decodePayloads(type, wire);
        assertEquals(1, c.payloads().size());
        assertEquals(Bytes.EMPTY, c.padding());
        assertArrayEquals(wire, IsakmpCodec.encodePayloads(c));
        return c.payloads().get(0);
    }

    static String hexOf(Payload p) {
        return Hex.of(IsakmpCodec.encodePayloads(new PayloadChain(List.of(p), Bytes.EMPTY)));
    }

    @Test
    void mainModeSaWithOakleyAttributes() throws Exception {
        // The seed's Phase 1 policy: 3des-md5-modp1024, PSK, 86400 s (life duration as a 4-byte TLV).
        Transform t = new Transform(0, TransformId.KEY_IKE.code(), List.of(
                DataAttribute.basic(1, Phase1Attributes.EncryptionAlgorithm.TRIPLE_DES_CBC.code()),
                DataAttribute.basic(2, Phase1Attributes.HashAlgorithm.MD5.code()),
                DataAttribute.basic(3, Phase1Attributes.AuthMethod.PRE_SHARED_KEY.code()),
                DataAttribute.basic(4, Phase1Attributes.GroupDescription.MODP_1024.code()),
                DataAttribute.basic(11, Phase1Attributes.LifeType.SECONDS.code()),
                DataAttribute.variable(12, 86400, 4)));
        SecurityAssociationPayload sa = new SecurityAssociationPayload(Doi.IPSEC, Doi.SIT_IDENTITY_ONLY,
                List.of(new Proposal(1, ProtocolId.PROTO_ISAKMP, Bytes.EMPTY, List.of(t))));
        String wire = "00000038" + "00000001" + "00000001"
                + "0000002c" + "01010001"
                + "00000024" + "00010000"
                + "80010005" + "80020001" + "80030001" + "80040002" + "800b0001" + "000c0004" + "00015180";
        assertEquals(wire, hexOf(sa));
        assertEquals(sa, single(PayloadType.SA, wire));
        String text = sa.tree().render();
        assertTrue(text.contains("ISAKMP Transform Payload (ISAKMP)"), text);
        assertTrue(text.contains("ISAKMP Oakley attribute"), text);
        assertTrue(text.contains("[5 is 3DES_CBC]"), text);
        assertTrue(text.contains("[2 is MODP_1024]"), text);
        assertTrue(text.contains("number: 86400"), text);
    }

    @Test
    void twoProposalsAndTwoTransformsChain() throws Exception {
        Transform a = new Transform(1, 3, List.of(DataAttribute.basic(4, 1)));
        Transform b = new Transform(2, 12, List.of(DataAttribute.basic(6, 256)));
        Proposal p1 = new Proposal(1, ProtocolId.PROTO_IPSEC_ESP, Bytes.fromHex("01020304"), List.of(a, b));
        Proposal p2 = new Proposal(2, ProtocolId.PROTO_IPSEC_AH, Bytes.fromHex("05060708"),
                List.of(new Transform(1, 3, List.of())));
        SecurityAssociationPayload sa = new SecurityAssociationPayload(Doi.IPSEC, 1, List.of(p1, p2));
        String wire = hexOf(sa);
        // First proposal: next payload 2 (P); its first transform: next payload 3 (T).
        assertEquals("02", wire.substring(24, 26));
        assertEquals("03", wire.substring(48, 50));
        assertEquals("00", wire.substring(48 + 24, 48 + 26));
        assertEquals(sa, single(PayloadType.SA, wire));
        assertEquals("AH_SHA", p2.transforms().get(0).transformId(p2.protocol()).name());
        assertEquals("ESP_3DES", a.transformId(p1.protocol()).name());
    }

    @Test
    void reservedFieldsSurvive() throws Exception {
        // Generic RESERVED 0x7f, proposal RESERVED 0x01, transform RESERVED 0x02 and RESERVED2 0xbeef.
        String wire = "007f001c" + "00000001" + "00000001" + "00010010" + "01030001" + "0002000801ffbeef";
        SecurityAssociationPayload sa = (SecurityAssociationPayload) single(PayloadType.SA, wire);
        assertEquals(0x7f, sa.reserved());
        assertEquals(1, sa.proposals().get(0).reserved());
        assertEquals(2, sa.proposals().get(0).transforms().get(0).reserved());
        assertEquals(0xbeef, sa.proposals().get(0).transforms().get(0).reserved2());
    }

    @Test
    void attributeFormIsKept() throws Exception {
        // KEY_LENGTH 128 once as TV and once as a 2-byte TLV: equal numbers, different bytes.
        DataAttribute tv = DataAttribute.basic(6, 128);
        DataAttribute tlv = DataAttribute.variable(6, 128, 2);
        assertEquals(tv.numericValue(), tlv.numericValue());
        assertFalse(tv.equals(tlv));
        Transform t = new Transform(0, 12, List.of(tv, tlv));
        SecurityAssociationPayload sa = new SecurityAssociationPayload(Doi.IPSEC, 1,
                List.of(new Proposal(0, ProtocolId.PROTO_IPSEC_ESP, Bytes.fromHex("00000001"), List.of(t))));
        String bytes = hexOf(sa);
        assertTrue(bytes.endsWith("80060080" + "000600020080"), bytes);
        assertEquals(sa, single(PayloadType.SA, bytes));
    }

    @Test
    void identificationTypes() throws Exception {
        IdentificationPayload v4 = (IdentificationPayload) single(PayloadType.ID, "0000000c 011101f4 0a50500d");
        assertEquals("10.80.80.13", v4.address().getHostAddress());
        assertEquals(17, v4.protocolId());
        assertEquals(500, v4.port());
        IdentificationPayload range = IdentificationPayload.range(InetAddress.getByName("2001:db8::1"),
                InetAddress.getByName("2001:db8::ff"), 6, 443);
        IdentificationPayload back = (IdentificationPayload) single(PayloadType.ID, hexOf(range));
        assertEquals(IdType.IPV6_ADDR_RANGE, back.idType());
        assertEquals(InetAddress.getByName("2001:db8::ff"), back.rangeEnd());
        IdentificationPayload fqdn = IdentificationPayload.fqdn("vpn.example.com");
        assertEquals("vpn.example.com", ((IdentificationPayload) single(PayloadType.ID, hexOf(fqdn))).text());
        assertThrows(IllegalStateException.class, fqdn::address);
        assertThrows(IllegalArgumentException.class,
                () -> new IdentificationPayload(IdType.IPV4_ADDR, 0, 0, Bytes.fromHex("0a0000")));
    }

    @Test
    void notificationsOfDpd() throws Exception {
        // RFC 3706: R-U-THERE, protocol ISAKMP, SPI = the 16 cookie bytes, data = sequence number.
        String wire = "00000020" + "00000001" + "01" + "10" + "8d28"
                + "a305bbc510fd3640d16dd2ce1e0390ec" + "00000007";
        NotificationPayload n = (NotificationPayload) single(PayloadType.N, wire);
        assertEquals(NotifyType.R_U_THERE, n.notifyType());
        assertEquals(16, n.spi().length());
        assertTrue(n.tree().render().contains("sequence number: 7"));
    }

    @Test
    void initialContactAndUnknownNotify() throws Exception {
        NotificationPayload ic = (NotificationPayload) single(PayloadType.N, "0000000c 00000001 01 00 6002");
        assertEquals(NotifyType.INITIAL_CONTACT, ic.notifyType());
        NotificationPayload unknown = (NotificationPayload) single(PayloadType.N, "0000000e 00000001 03 00 9999 abcd");
        assertEquals("UNKNOWN-39321", unknown.notifyType().name());
        assertEquals(Bytes.fromHex("abcd"), unknown.data());
    }

    @Test
    void deleteOfTwoEspSas() throws Exception {
        DeletePayload d = (DeletePayload) single(PayloadType.D, "00000014 00000001 03 04 0002 5ef52687 c786011d");
        assertEquals(List.of(Bytes.fromHex("5ef52687"), Bytes.fromHex("c786011d")), d.spis());
        DeletePayload isakmp = new DeletePayload(Doi.IPSEC, ProtocolId.PROTO_ISAKMP, 16,
                List.of(Bytes.fromHex("a305bbc510fd3640d16dd2ce1e0390ec")));
        assertEquals(isakmp, single(PayloadType.D, hexOf(isakmp)));
    }

    @Test
    void knownVendorIdsAreWhatTheirNamesHash() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        String[][] hashed = {
            {"RFC 3947", "4a131c81070358455c5728f20e95452f"},
            {"draft-ietf-ipsec-nat-t-ike-00", "4485152d18b6bbcd0be8a8469579ddcc"},
            {"draft-ietf-ipsec-nat-t-ike-01", "16f6ca16e4a4066d83821a0f0aeaa862"},
            {"draft-ietf-ipsec-nat-t-ike-02", "cd60464335df21f87cfdb2fc68b6a448"},
            {"draft-ietf-ipsec-nat-t-ike-02\n", "90cb80913ebb696e086381b5ec427b1f"},
            {"draft-ietf-ipsec-nat-t-ike-03", "7d9419a65310ca6f2c179d9215529d56"},
            {"strongSwan", "882fe56d6fd20dbc2251613b2ebe5beb"},
            {"FRAGMENTATION", "4048b7d56ebce88525e7de7f00d6c2d3"},
        };
        for (String[] h : hashed) {
            Bytes digest = Bytes.wrap(md5.digest(h[0].getBytes(StandardCharsets.US_ASCII)));
            assertTrue(KnownVendorId.lookup(digest).isPresent(), h[0]);
            assertEquals(h[1], digest.hex());
        }
        byte[] unity = Arrays.copyOf(md5.digest("CISCO-UNITY".getBytes(StandardCharsets.US_ASCII)), 16);
        unity[14] = 1;
        unity[15] = 0;
        assertEquals(KnownVendorId.CISCO_UNITY, KnownVendorId.lookup(Bytes.wrap(unity)).orElseThrow());
        byte[] xauth = Arrays.copyOf(md5.digest("draft-ietf-ipsra-isakmp-xauth-06.txt".getBytes(StandardCharsets.US_ASCII)), 8);
        assertEquals(KnownVendorId.XAUTH, KnownVendorId.lookup(Bytes.wrap(xauth)).orElseThrow());
        // Cisco appends flags to FRAGMENTATION.
        VendorIdPayload cisco = (VendorIdPayload) single(PayloadType.VID,
                "00000018 4048b7d56ebce88525e7de7f00d6c2d3 80000000");
        assertEquals(KnownVendorId.FRAGMENTATION, cisco.known().orElseThrow());
        VendorIdPayload dpd = (VendorIdPayload) single(PayloadType.VID, "00000014 afcad71368a1f1c96b8696fc77570100");
        assertTrue(dpd.tree().render().contains("known as: Dead Peer Detection"));
    }

    @Test
    void natTraversalPayloads() throws Exception {
        NatDiscoveryPayload d = (NatDiscoveryPayload) single(PayloadType.NAT_D, "00000018 " + "11".repeat(20));
        assertEquals(PayloadType.NAT_D, d.type());
        NatDiscoveryPayload draft = (NatDiscoveryPayload) single(PayloadType.NAT_D_DRAFT, "00000008 01020304");
        assertEquals(PayloadType.NAT_D_DRAFT, draft.type());
        NatOriginalAddressPayload oa = (NatOriginalAddressPayload) single(PayloadType.NAT_OA, "0000000c 01000000 c0a80001");
        assertEquals("192.168.0.1", oa.originalAddress().getHostAddress());
        NatOriginalAddressPayload v6 = NatOriginalAddressPayload.of(InetAddress.getByName("2001:db8::5"));
        assertEquals(v6, single(PayloadType.NAT_OA, hexOf(v6)));
    }

    @Test
    void modeConfigAndXauth() throws Exception {
        AttributePayload request = new AttributePayload(ConfigAttributes.MessageType.REQUEST, 0x1234, List.of(
                DataAttribute.basic(ConfigAttributes.Type.XAUTH_TYPE.code(), ConfigAttributes.XauthType.GENERIC.code()),
                DataAttribute.variable(ConfigAttributes.Type.XAUTH_USER_NAME.code(), Bytes.EMPTY),
                DataAttribute.variable(ConfigAttributes.Type.XAUTH_USER_PASSWORD.code(), Bytes.EMPTY)));
        String wire = "00000014" + "01001234" + "c0880000" + "40890000" + "408a0000";
        assertEquals(wire, hexOf(request));
        assertEquals(request, single(PayloadType.ATTR, wire));
        String text = request.tree().render();
        assertTrue(text.contains("type: ISAKMP_CFG_REQUEST (1)"), text);
        assertTrue(text.contains("af+type: XAUTH-USER-NAME (16521)"), text);
        assertTrue(text.contains("[0 is GENERIC]"), text);
        AttributePayload reply = new AttributePayload(ConfigAttributes.MessageType.REPLY, 7, List.of(
                DataAttribute.variable(ConfigAttributes.Type.INTERNAL_IP4_ADDRESS.code(), Bytes.fromHex("0a000001"))));
        assertEquals(reply, single(PayloadType.ATTR, hexOf(reply)));
    }

    @Test
    void xauthPasswordsStayOutOfTracesAndToString() throws Exception {
        Bytes password = Bytes.wrap("juniper123".getBytes(StandardCharsets.US_ASCII));
        AttributePayload reply = new AttributePayload(ConfigAttributes.MessageType.REPLY, 1, List.of(
                DataAttribute.variable(ConfigAttributes.Type.XAUTH_USER_NAME.code(), Bytes.fromHex("6a6f65")),
                DataAttribute.variable(ConfigAttributes.Type.XAUTH_USER_PASSWORD.code(), password)));
        PlainMessage m = new PlainMessage(IsakmpHeader.of(Bytes.fromHex("0102030405060708"),
                Bytes.fromHex("0102030405060708"), ExchangeType.TRANSACTION, 0, 5), List.of(reply));
        String hexPassword = password.hex();
        String spaced = Hex.spaced(password.toByteArray());
        for (String text : List.of(m.tree().render(), reply.toString(), m.toString())) {
            assertFalse(text.contains(hexPassword) || text.contains(spaced), text);
        }
        assertTrue(reply.tree().render().contains("(secret, 10 bytes)"));
        assertTrue(reply.toString().contains("XAUTH-USER-NAME=6a6f65"), reply.toString());
        assertEquals(reply, single(PayloadType.ATTR, hexOf(reply)));
    }

    @Test
    void fragments() throws Exception {
        FragmentPayload last = (FragmentPayload) single(PayloadType.FRAGMENT, "0000000b 0001 03 01 aabbcc");
        assertEquals(1, last.fragmentId());
        assertEquals(3, last.number());
        assertTrue(last.isLast());
        assertEquals(Bytes.fromHex("aabbcc"), last.data());
        FragmentPayload first = new FragmentPayload(1, 1, false, Bytes.fromHex("01"));
        assertEquals("00000009" + "0001" + "01" + "00" + "01", hexOf(first));
    }

    @Test
    void certificatesKeyExchangeSignature() throws Exception {
        CertificatePayload cert = (CertificatePayload) single(PayloadType.CERT, "00000008 04 308201");
        assertEquals(CertEncoding.X509_SIGNATURE, cert.encoding());
        CertificateRequestPayload cr = (CertificateRequestPayload) single(PayloadType.CR, "00000005 04");
        assertEquals(Bytes.EMPTY, cr.authority());
        assertEquals(Bytes.fromHex("0102"), ((KeyExchangePayload) single(PayloadType.KE, "00000006 0102")).keyExchangeData());
        assertEquals(Bytes.fromHex("ff"), ((SignaturePayload) single(PayloadType.SIG, "00000005 ff")).signature());
    }

    @Test
    void unknownPayloadsPassThrough() throws Exception {
        // A GDOI SEQ payload (18) between a hash and a private-use 200 payload.
        String wire = "12000008 01020304" + "c8000005 aa" + "00000006 bbcc";
        PayloadChain c = IsakmpCodec.decodePayloads(PayloadType.HASH, Hex.parse(wire));
        assertEquals(3, c.payloads().size());
        UnknownPayload seq = assertInstanceOf(UnknownPayload.class, c.payloads().get(1));
        assertEquals(PayloadType.SEQ, seq.type());
        assertEquals(PayloadType.of(200), c.payloads().get(2).type());
        assertEquals(wire.replace(" ", ""), Hex.of(IsakmpCodec.encodePayloads(c)));
        assertThrows(IllegalArgumentException.class, () -> new UnknownPayload(PayloadType.HASH, Bytes.EMPTY));
    }

    @Test
    void strictReadingRejectsUnknownPayloadTypes() throws Exception {
        String wire = "12000008 01020304" + "00000005 aa";
        PayloadChain c = IsakmpCodec.decodePayloads(PayloadType.HASH, Hex.parse(wire));
        org.ike4j.wire.DecodeException e = assertThrows(org.ike4j.wire.DecodeException.class,
                () -> IsakmpCodec.rejectUnknownPayloads(c));
        assertEquals(org.ike4j.wire.ErrorNotify.V1_INVALID_PAYLOAD_TYPE, e.answer());
        assertEquals(28, e.offset());
        assertEquals("Hash Payload.next payload", e.field());
        PlainMessage m = new PlainMessage(IsakmpHeader.of(Bytes.fromHex("0102030405060708"), Bytes.wrap(new byte[8]),
                ExchangeType.INFORMATIONAL, 0, 0), List.of(new UnknownPayload(PayloadType.SAK, Bytes.EMPTY)));
        e = assertThrows(org.ike4j.wire.DecodeException.class, () -> IsakmpCodec.rejectUnknownPayloads(m));
        assertEquals(16, e.offset());
        IsakmpCodec.rejectUnknownPayloads(IsakmpCodec.decodePayloads(PayloadType.HASH, SeedQuickModeTest.qm1()));
    }

    @Test
    void plainMessageWithoutPayloads() throws Exception {
        PlainMessage m = new PlainMessage(IsakmpHeader.of(Bytes.fromHex("0102030405060708"), Bytes.wrap(new byte[8]),
                ExchangeType.INFORMATIONAL, 0, 0), List.of());
        byte[] wire = IsakmpCodec.encode(m);
        assertEquals(28, wire.length);
        assertEquals(0, wire[16]);
        assertEquals(m, IsakmpCodec.decode(wire));
    }

    @Test
    void fuzzSeedsAreValidMessages() throws Exception {
        String dir = "/org/ike4j/wire/v1/V1DecoderFuzzTestInputs/decoders/";
        byte[] plain = getClass().getResourceAsStream(dir + "qm1_plain_message").readAllBytes();
        assertInstanceOf(PlainMessage.class, IsakmpCodec.decode(plain));
        for (String name : List.of("main_mode_1", "main_mode_3", "informational", "transaction", "fragment", "assorted")) {
            byte[] m = getClass().getResourceAsStream(dir + name).readAllBytes();
            assertArrayEquals(m, IsakmpCodec.encode(assertInstanceOf(PlainMessage.class, IsakmpCodec.decode(m))), name);
        }
        byte[] enc = getClass().getResourceAsStream(dir + "qm1_encrypted_message").readAllBytes();
        assertInstanceOf(EncryptedMessage.class, IsakmpCodec.decode(enc));
        byte[] chain = getClass().getResourceAsStream(dir + "qm1_plaintext_chain").readAllBytes();
        PayloadChain c = IsakmpCodec.decodePayloads(PayloadType.of(chain[0]), Arrays.copyOfRange(chain, 1, chain.length));
        assertEquals(5, c.payloads().size());
        assertEquals(4, c.padding().length());
    }
}

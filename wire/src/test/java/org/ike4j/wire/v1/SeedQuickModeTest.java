package org.ike4j.wire.v1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.Hex;
import org.ike4j.wire.Tree;
import org.junit.jupiter.api.Test;

/**
 * Known answers from the project seed (/work/shared/seed/000_432d16877e4ce69a.txt): the Quick Mode
 * exchange between strongSwan's pluto (initiator) and a Juniper SRX, with pluto's emit/parse
 * trace and the SRX's attribute decode log.
 */
class SeedQuickModeTest {

    /** pluto's "encrypting:" dump of Quick Mode message 1 before padding (124 bytes). */
    static final String QM1_PLAINTEXT = """
            01 00 00 14 92 ee 26 eb 83 d2 4e 6b 78 d4 d5 c0
            72 9a 13 a8 0a 00 00 34 00 00 00 01 00 00 00 01
            00 00 00 28 00 03 04 01 c7 86 01 1d 00 00 00 1c
            00 0c 00 00 80 04 00 01 80 01 00 01 80 02 0e 10
            80 05 00 02 80 06 00 80 05 00 00 14 5d 91 31 68
            cd 6d ee d7 6e b1 ad 1a c8 db 45 5c 05 00 00 10
            04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 10
            04 00 00 00 00 00 00 00 00 00 00 00
            """;

    static byte[] qm1() {
        return Hex.parse(QM1_PLAINTEXT);
    }

    /** The payloads pluto emitted, built from the trace's values (not from the bytes). */
    static List<Payload> qm1Payloads() throws Exception {
        Transform transform = new Transform(0, TransformId.ESP_AES.code(), List.of(
                DataAttribute.basic(IpsecAttributes.Type.ENCAPSULATION_MODE.code(), IpsecAttributes.EncapsulationMode.TUNNEL.code()),
                DataAttribute.basic(IpsecAttributes.Type.SA_LIFE_TYPE.code(), Phase1Attributes.LifeType.SECONDS.code()),
                DataAttribute.basic(IpsecAttributes.Type.SA_LIFE_DURATION.code(), 3600),
                DataAttribute.basic(IpsecAttributes.Type.AUTH_ALGORITHM.code(), IpsecAttributes.AuthAlgorithm.HMAC_SHA.code()),
                DataAttribute.basic(IpsecAttributes.Type.KEY_LENGTH.code(), 128)));
        Proposal proposal = new Proposal(0, ProtocolId.PROTO_IPSEC_ESP, Bytes.fromHex("c786011d"), List.of(transform));
        InetAddress any = InetAddress.getByName("0.0.0.0");
        return List.of(
                new HashPayload(Bytes.fromHex("92ee26eb83d24e6b78d4d5c0729a13a8")),
                new SecurityAssociationPayload(Doi.IPSEC, Doi.SIT_IDENTITY_ONLY, List.of(proposal)),
                new NoncePayload(Bytes.fromHex("5d913168cd6deed76eb1ad1ac8db455c")),
                IdentificationPayload.subnet(any, any, 0, 0),
                IdentificationPayload.subnet(any, any, 0, 0));
    }

    static IsakmpHeader qmHeader() {
        return IsakmpHeader.of(Bytes.fromHex("a305bbc510fd3640"), Bytes.fromHex("d16dd2ce1e0390ec"),
                ExchangeType.QUICK, IsakmpHeader.FLAG_ENCRYPTION, 0x3e8ef93e);
    }

    @Test
    void quickMode1EncodesToPlutosPlaintext() throws Exception {
        byte[] encoded = IsakmpCodec.encodePayloads(new PayloadChain(qm1Payloads(), Bytes.EMPTY));
        assertEquals(124, encoded.length);
        assertEquals(Hex.of(qm1()), Hex.of(encoded));
    }

    @Test
    void quickMode1DecodesToTheModel() throws Exception {
        PayloadChain chain = IsakmpCodec.decodePayloads(PayloadType.HASH, qm1());
        assertEquals(qm1Payloads(), chain.payloads());
        assertEquals(Bytes.EMPTY, chain.padding());
    }

    @Test
    void paddingPluto4BytesIsKept() throws Exception {
        // pluto: "emitting 4 zero bytes of encryption padding": the 3DES plaintext is 128 bytes.
        byte[] padded = new byte[128];
        System.arraycopy(qm1(), 0, padded, 0, 124);
        PayloadChain chain = IsakmpCodec.decodePayloads(PayloadType.HASH, padded);
        assertEquals(Bytes.fromHex("00000000"), chain.padding());
        assertArrayEquals(padded, IsakmpCodec.encodePayloads(chain));
    }

    @Test
    void attributesInTheOrderAndValuesTheSrxDecoded() throws Exception {
        // SRX: "decode B: type = 4 ... value = 1", then 1/1, 2/3600, 5/2, 6/128, each TV (len = 2).
        SecurityAssociationPayload sa = (SecurityAssociationPayload)
                IsakmpCodec.decodePayloads(PayloadType.HASH, qm1()).payloads().get(1);
        List<DataAttribute> attributes = sa.proposals().get(0).transforms().get(0).attributes();
        int[][] srx = {{4, 1}, {1, 1}, {2, 3600}, {5, 2}, {6, 128}};
        assertEquals(srx.length, attributes.size());
        for (int i = 0; i < srx.length; i++) {
            assertEquals(srx[i][0], attributes.get(i).type());
            assertEquals(srx[i][1], attributes.get(i).numericValue());
            assertTrue(attributes.get(i).tv());
        }
        // SRX: "Transform id 12 matches", protocol 3.
        assertEquals(12, sa.proposals().get(0).transforms().get(0).transformId());
        assertEquals(ProtocolId.PROTO_IPSEC_ESP, sa.proposals().get(0).protocol());
    }

    @Test
    void identitiesAreTheZeroSubnet() throws Exception {
        IdentificationPayload id = (IdentificationPayload)
                IsakmpCodec.decodePayloads(PayloadType.HASH, qm1()).payloads().get(3);
        assertEquals(IdType.IPV4_ADDR_SUBNET, id.idType());
        assertEquals("0.0.0.0", id.subnetAddress().getHostAddress());
        assertEquals("0.0.0.0", id.subnetMask().getHostAddress());
    }

    @Test
    void headerAsPlutoParsedQuickMode2() throws Exception {
        // pluto: "**parse ISAKMP Message: ... next payload type: ISAKMP_NEXT_HASH | ISAKMP version 1.0 |
        // exchange type: ISAKMP_XCHG_QUICK | flags: ISAKMP_FLAG_ENCRYPTION | message ID: 3e 8e f9 3e |
        // length: 180", then "decrypting 152 bytes".
        EncryptedMessage m = new EncryptedMessage(qmHeader(), PayloadType.HASH, Bytes.wrap(new byte[152]));
        byte[] wire = IsakmpCodec.encode(m);
        assertEquals(180, wire.length);
        assertEquals("a305bbc510fd3640" + "d16dd2ce1e0390ec" + "08" + "10" + "20" + "01" + "3e8ef93e" + "000000b4",
                Hex.of(java.util.Arrays.copyOf(wire, 28)));
        IsakmpMessage back = IsakmpCodec.decode(wire);
        assertEquals(m, back);
        EncryptedMessage e = assertInstanceOf(EncryptedMessage.class, back);
        assertEquals(0x3e8ef93e, e.header().messageId());
        assertEquals(152, e.body().length());
    }

    @Test
    void quickMode2PayloadLengthsMatchPlutosParse() throws Exception {
        // The responder's reply as pluto parsed it: Hash 20, SA 52, Nonce 20, ID 16, ID 16, N 28,
        // 152 bytes in all. The hash, nonce and lifetime values are not in the seed; their sizes are.
        Transform transform = new Transform(0, TransformId.ESP_AES.code(),
                ((SecurityAssociationPayload) qm1Payloads().get(1)).proposals().get(0).transforms().get(0).attributes());
        Proposal proposal = new Proposal(0, ProtocolId.PROTO_IPSEC_ESP, Bytes.fromHex("5ef52687"), List.of(transform));
        NotificationPayload lifetime = NotificationPayload.responderLifetime(ProtocolId.PROTO_IPSEC_ESP,
                Bytes.fromHex("c786011d"), List.of(
                        DataAttribute.basic(IpsecAttributes.Type.SA_LIFE_TYPE.code(), 1),
                        DataAttribute.variable(IpsecAttributes.Type.SA_LIFE_DURATION.code(), 1200, 4)));
        List<Payload> payloads = List.of(
                new HashPayload(Bytes.wrap(new byte[16])),
                new SecurityAssociationPayload(Doi.IPSEC, Doi.SIT_IDENTITY_ONLY, List.of(proposal)),
                new NoncePayload(Bytes.wrap(new byte[16])),
                qm1Payloads().get(3), qm1Payloads().get(4), lifetime);
        byte[] plain = IsakmpCodec.encodePayloads(new PayloadChain(payloads, Bytes.EMPTY));
        assertEquals(152, plain.length);
        List<Tree> trees = IsakmpCodec.trees(payloads);
        int[] lengths = {20, 52, 20, 16, 16, 28};
        String[] next = {"SA (1)", "NONCE (10)", "ID (5)", "ID (5)", "N (11)", "NONE (0)"};
        for (int i = 0; i < lengths.length; i++) {
            assertEquals(String.valueOf(lengths[i]), trees.get(i).field("length"));
            assertEquals(next[i], trees.get(i).field("next payload type"));
        }
        PayloadChain back = IsakmpCodec.decodePayloads(PayloadType.HASH, plain);
        assertEquals(payloads, back.payloads());
        NotificationPayload n = (NotificationPayload) back.payloads().get(5);
        assertEquals(1200, n.responderLifetime().get(1).numericValue());
    }

    @Test
    void traceReadsLikePlutos() throws Exception {
        PlainMessage m = new PlainMessage(IsakmpHeader.of(Bytes.fromHex("a305bbc510fd3640"),
                Bytes.fromHex("d16dd2ce1e0390ec"), ExchangeType.QUICK, 0, 0x3e8ef93e), qm1Payloads());
        String text = m.tree().render();
        assertTrue(text.contains("ISAKMP Nonce Payload\n    next payload type: ID (5)\n    length: 20\n"), text);
        assertTrue(text.contains("ISAKMP Proposal Payload"), text);
        assertTrue(text.contains("ISAKMP Transform Payload (ESP)"), text);
        assertTrue(text.contains("transform ID: ESP_AES (12)"), text);
        assertTrue(text.contains("af+type: AF+ENCAPSULATION_MODE (4)"), text);
        assertTrue(text.contains("value: [1 is TUNNEL]"), text);
        assertTrue(text.contains("value: [2 is HMAC_SHA]"), text);
        assertTrue(text.contains("client network: 0.0.0.0"), text);
        assertTrue(text.contains("exchange type: QUICK (32)"), text);
        assertTrue(text.contains("situation: SIT_IDENTITY_ONLY (0x00000001)"), text);
    }
}

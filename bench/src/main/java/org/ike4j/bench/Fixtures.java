package org.ike4j.bench;

import java.util.HexFormat;
import java.util.List;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.PayloadType;

/**
 * A real IKE_AUTH request: frame 3 of ikev2-decrypt-aes256cbc.pcapng from the Wireshark test suite
 * (engine/src/test/resources/captures, see its PROVENANCE.md), protected with AES-CBC-256 and
 * HMAC-SHA2-256-128, with the initiator's keys from Wireshark's test ikev2_decryption_table
 * (public test keys of a recorded test exchange, not secrets).
 */
final class Fixtures {
    private Fixtures() {
    }

    /** The whole IKE message as sent (256 octets): header, SK { IDi, N, IDr, AUTH, SA, TSi, TSr, N, N }. */
    static final String IKE_AUTH_DATAGRAM = ""
            + "191ccd371a7a1f7bbc123d15e4af593f2e2023080000000100000100230000e4d47a70e2deb655917bd122a6b665bd1d"
            + "72bf8d75491060346af931fe67000b787d5b458231984ea659bf6c422f32e3ba6c317a41ea34910f9e9b53e80adb6555"
            + "b915a7d9962cc20fdca3f3a24d510787e46e28dbac676ce6726a86b8bc272972a965866fe819b77179a27363e28b78ba"
            + "25f3cafbc6302e0e1a38e3768604ce763482c2ebb3fcb87f0ce8889eba82af21bc924460d83ba1435cbd0e2a29ba144d"
            + "62c80fae9fc5fcc937e9754d8d208d42f0a75e38858f4aa18fa6b79e523d2308fa239f0d879815d536a2117eb023c8c2"
            + "46a5a78c2edcf6775b4857abf46902ad";

    /** SK_ei and SK_ai of that exchange (ikev2_decryption_table). */
    static final String SK_EI = "9096ddd2933620e8f48122c53a3f562cb0222c1cf97ce41fcc874ea2582a89ac";
    static final String SK_AI = "12d532c3e83c757906af548dfe1ccf223ca5507af77898454e2d55c8ace57a17";

    /** The decrypted inner payload chain of that message (180 octets, without padding), as tshark shows it. */
    static final String IKE_AUTH_INNER = ""
            + "2900000c01000000c0a8010224000008000040002700000c01000000c0a8010e2100002802000000e1a8d550064201a7"
            + "ec024a85758d0673c61c5c510ac13bcd225d6327f50da3d32c00002c0000002801030403ce2455070300000c01000015"
            + "800e0100030000080200000500000008050000002d00001801000000070000100000ffffc0a80102c0a8010229000018"
            + "01000000070000100000ffffc0a8010ec0a8010e29000008000040140000000800004021";

    static final PayloadType IKE_AUTH_FIRST = PayloadType.IDI;

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static byte[] ikeAuthInner() {
        return hex(IKE_AUTH_INNER);
    }

    /** The inner payloads in an unprotected IKE_AUTH message with the capture's header fields. */
    static Ikev2Message ikeAuthPlainMessage(List<Payload> inner) {
        return new Ikev2Message(Ikev2Header.of(0x191ccd371a7a1f7bL, 0xbc123d15e4af593fL, ExchangeType.IKE_AUTH,
                Ikev2Header.INITIATOR, 1), inner);
    }
}

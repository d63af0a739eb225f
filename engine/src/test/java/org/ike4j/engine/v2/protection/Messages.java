package org.ike4j.engine.v2.protection;

import java.util.List;
import java.util.Random;
import org.ike4j.crypto.Secret;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.AuthMethod;
import org.ike4j.wire.v2.AuthenticationPayload;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.IdType;
import org.ike4j.wire.v2.IdentificationPayload;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.NotifyType;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.PayloadType;
import org.ike4j.wire.v2.Proposal;
import org.ike4j.wire.v2.ProtocolId;
import org.ike4j.wire.v2.SecurityAssociationPayload;
import org.ike4j.wire.v2.TrafficSelector;
import org.ike4j.wire.v2.TrafficSelectorPayload;
import org.ike4j.wire.v2.Transform;
import org.ike4j.wire.v2.TransformType;
import org.ike4j.wire.v2.TsType;

/** Test messages and keys for the protection tests. */
final class Messages {
    static final Ikev2Header AUTH_REQUEST = Ikev2Header.of(0x0123456789abcdefL, 0x0fedcba987654321L,
            ExchangeType.IKE_AUTH, Ikev2Header.INITIATOR, 1);

    private Messages() {
    }

    /** An IKE_AUTH request's inner payloads: IDi, INITIAL_CONTACT, AUTH, SA, TSi, TSr. */
    static List<Payload> ikeAuthRequest() {
        byte[] v4a = {(byte) 192, (byte) 168, 1, 2};
        byte[] v4b = {(byte) 192, (byte) 168, 1, 14};
        return List.of(
                new IdentificationPayload(PayloadType.IDI, IdType.ID_FQDN, Bytes.wrap("moon.example.org".getBytes())),
                new NotifyPayload(NotifyType.INITIAL_CONTACT, Bytes.EMPTY),
                new AuthenticationPayload(AuthMethod.SHARED_KEY_MIC, filled(32, 0xa5)),
                new SecurityAssociationPayload(List.of(new Proposal(1, ProtocolId.ESP, Bytes.wrap(new byte[] {1, 2, 3, 4}),
                        List.of(new Transform(TransformType.ENCR, 20), new Transform(TransformType.ESN, 0))))),
                new TrafficSelectorPayload(PayloadType.TSI, List.of(new TrafficSelector.AddressRange(
                        TsType.TS_IPV4_ADDR_RANGE, 0, 0, 65535, Bytes.wrap(v4a), Bytes.wrap(v4a)))),
                new TrafficSelectorPayload(PayloadType.TSR, List.of(new TrafficSelector.AddressRange(
                        TsType.TS_IPV4_ADDR_RANGE, 0, 0, 65535, Bytes.wrap(v4b), Bytes.wrap(v4b)))));
    }

    static Bytes filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return Bytes.wrap(b);
    }

    /** Keys of the suite's sizes from a seeded generator (tests only). */
    static SkKeys keys(SkSuite suite, long seed) {
        Random r = new Random(seed);
        byte[] e = new byte[suite.encryptionKeySize()];
        byte[] a = new byte[suite.integrityKeySize()];
        r.nextBytes(e);
        r.nextBytes(a);
        return new SkKeys(Secret.wrap(e), Secret.wrap(a));
    }
}

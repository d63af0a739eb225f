package org.ike4j.wire.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ike4j.wire.Bytes;

/**
 * Generates random valid IKEv2 messages from a seed: every payload kind the codec models, unknown
 * non-critical payloads, random reserved bits, TV and TLV attributes, and an SK or SKF payload
 * last in about half of them. Everything it builds is something the strict decoder must accept.
 */
final class RandomMessages {
    private final SplittableRandom rnd;

    RandomMessages(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    Ikev2Message message() {
        Ikev2Header h = new Ikev2Header(rnd.nextLong(), rnd.nextLong(), 2, rnd.nextInt(16),
                ExchangeType.of(rnd.nextInt(256)), rnd.nextInt(256), rnd.nextLong(0x1_0000_0000L));
        List<Payload> ps = payloads(rnd.nextInt(8));
        switch (rnd.nextInt(4)) {
            case 0 -> ps.add(new EncryptedPayload(flags(), innerType(), bytes(0, 120)));
            case 1 -> {
                int total = 1 + rnd.nextInt(5);
                int number = 1 + rnd.nextInt(total);
                ps.add(new EncryptedFragmentPayload(flags(), number, total,
                        number == 1 ? innerType() : PayloadType.NO_NEXT_PAYLOAD, bytes(0, 80)));
            }
            default -> {
            }
        }
        return new Ikev2Message(h, ps);
    }

    /** A random inner chain (no SK/SKF). */
    List<Payload> payloads(int n) {
        List<Payload> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ps.add(payload());
        }
        return ps;
    }

    private PayloadType innerType() {
        return rnd.nextInt(5) == 0 ? PayloadType.NO_NEXT_PAYLOAD : PayloadType.of(33 + rnd.nextInt(15));
    }

    Payload payload() {
        PayloadFlags f = flags();
        return switch (rnd.nextInt(17)) {
            case 0 -> new SecurityAssociationPayload(f, list(1, 3, this::proposal));
            case 1 -> new KeyExchangePayload(f, KeyExchangeMethod.of(rnd.nextInt(65536)), u(16), bytes(0, 100));
            case 2 -> new IdentificationPayload(f, rnd.nextBoolean() ? PayloadType.IDI : PayloadType.IDR,
                    IdType.of(rnd.nextInt(256)), u(24), bytes(0, 40));
            case 3 -> new CertificatePayload(f, CertEncoding.of(rnd.nextInt(256)), bytes(0, 60));
            case 4 -> new CertificateRequestPayload(f, CertEncoding.of(rnd.nextInt(256)), bytes(0, 60));
            case 5 -> new AuthenticationPayload(f, AuthMethod.of(rnd.nextInt(256)), u(24), bytes(0, 60));
            case 6 -> new NoncePayload(f, bytes(16, 256));
            case 7 -> notify(f);
            case 8 -> {
                int spiSize = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(8);
                yield new DeletePayload(f, ProtocolId.of(rnd.nextInt(256)), spiSize,
                        spiSize == 0 ? List.of() : list(0, 4, () -> bytes(spiSize, spiSize)));
            }
            case 9 -> new VendorIdPayload(f, bytes(0, 30));
            case 10 -> new TrafficSelectorPayload(f, rnd.nextBoolean() ? PayloadType.TSI : PayloadType.TSR, u(24),
                    list(0, 4, this::selector));
            case 11 -> new ConfigurationPayload(f, CfgType.of(rnd.nextInt(256)), u(24),
                    list(0, 5, () -> new ConfigAttribute(rnd.nextBoolean(), ConfigAttributeType.of(rnd.nextInt(0x8000)),
                            bytes(0, 20))));
            case 12 -> eap(f);
            case 13 -> new GenericSecurePasswordPayload(f, bytes(0, 30));
            default -> {
                int[] unknown = {1, 2, 32, 50, 51, 52, 54, 55, 128, 200, 255};
                yield new UnknownPayload(new PayloadFlags(false, u(7)),
                        PayloadType.of(unknown[rnd.nextInt(unknown.length)]), bytes(0, 50));
            }
        };
    }

    private Payload notify(PayloadFlags f) {
        ProtocolId proto = ProtocolId.of(rnd.nextInt(4));
        Bytes spi = rnd.nextBoolean() ? Bytes.EMPTY : bytes(4, 4);
        return switch (rnd.nextInt(5)) {
            case 0 -> new NotifyPayload(f, proto, spi, rnd.nextBoolean()
                    ? NotifyType.NAT_DETECTION_SOURCE_IP : NotifyType.NAT_DETECTION_DESTINATION_IP, bytes(20, 20));
            case 1 -> new NotifyPayload(f, proto, spi, NotifyType.COOKIE, bytes(1, 64));
            case 2 -> new NotifyPayload(f, proto, spi, NotifyType.SIGNATURE_HASH_ALGORITHMS,
                    bytes(0, 4).length() % 2 == 0 ? bytes(2, 2) : Bytes.EMPTY);
            case 3 -> new NotifyPayload(f, ProtocolId.ESP, bytes(4, 4), NotifyType.REKEY_SA, Bytes.EMPTY);
            default -> {
                int t;
                do {
                    t = rnd.nextInt(65536);
                } while (t == 16388 || t == 16389 || t == 16390 || t == 16431);
                yield new NotifyPayload(f, proto, bytes(0, 8), NotifyType.of(t), bytes(0, 30));
            }
        };
    }

    private Payload eap(PayloadFlags f) {
        int code = 1 + rnd.nextInt(7);
        Bytes data = switch (code) {
            case 1, 2 -> bytes(1, 40);
            case 3, 4 -> Bytes.EMPTY;
            default -> bytes(0, 20);
        };
        return new EapPayload(f, EapCode.of(code), rnd.nextInt(256), data);
    }

    private Proposal proposal() {
        return new Proposal(rnd.nextInt(256), ProtocolId.of(rnd.nextInt(256)), bytes(0, 8),
                list(0, 6, this::transform), u(8));
    }

    private Transform transform() {
        return new Transform(TransformType.of(rnd.nextInt(256)), rnd.nextInt(65536),
                list(0, 3, this::attribute), u(8), u(8));
    }

    private TransformAttribute attribute() {
        TransformAttributeType t = TransformAttributeType.of(rnd.nextInt(0x8000));
        return rnd.nextBoolean() ? new TransformAttribute(t, true, bytes(2, 2)) : new TransformAttribute(t, false, bytes(0, 10));
    }

    private TrafficSelector selector() {
        return switch (rnd.nextInt(3)) {
            case 0 -> new TrafficSelector.AddressRange(TsType.TS_IPV4_ADDR_RANGE, rnd.nextInt(256),
                    rnd.nextInt(65536), rnd.nextInt(65536), bytes(4, 4), bytes(4, 4));
            case 1 -> new TrafficSelector.AddressRange(TsType.TS_IPV6_ADDR_RANGE, rnd.nextInt(256),
                    rnd.nextInt(65536), rnd.nextInt(65536), bytes(16, 16), bytes(16, 16));
            default -> {
                int t;
                do {
                    t = rnd.nextInt(256);
                } while (t == 7 || t == 8);
                yield new TrafficSelector.Other(TsType.of(t), rnd.nextInt(256), bytes(0, 20));
            }
        };
    }

    private PayloadFlags flags() {
        // Known payloads may carry the critical bit: RFC 7296 section 2.5 says it is ignored then.
        return new PayloadFlags(rnd.nextInt(4) == 0, rnd.nextInt(8) == 0 ? u(7) : 0);
    }

    private int u(int bits) {
        return rnd.nextInt(4) == 0 ? rnd.nextInt(1 << bits) : 0;
    }

    private Bytes bytes(int min, int max) {
        byte[] b = new byte[min + rnd.nextInt(max - min + 1)];
        rnd.nextBytes(b);
        return Bytes.wrap(b);
    }

    private <T> List<T> list(int min, int max, java.util.function.Supplier<T> s) {
        int n = min + rnd.nextInt(max - min + 1);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.get());
        }
        return out;
    }
}

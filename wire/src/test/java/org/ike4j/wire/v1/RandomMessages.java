package org.ike4j.wire.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/** A generator of random valid ISAKMP messages and payloads for the property test. */
final class RandomMessages {
    private final SplittableRandom rnd;

    RandomMessages(long seed) {
        rnd = new SplittableRandom(seed);
    }

    Bytes bytes(int max) {
        byte[] b = new byte[rnd.nextInt(max + 1)];
        rnd.nextBytes(b);
        return Bytes.wrap(b);
    }

    Bytes exactly(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return Bytes.wrap(b);
    }

    int u8() {
        return rnd.nextInt(256);
    }

    int u16() {
        return rnd.nextInt(65536);
    }

    /** Mostly 0, sometimes any value: reserved fields must survive too. */
    int reserved8() {
        return rnd.nextInt(4) == 0 ? u8() : 0;
    }

    IsakmpMessage message() {
        boolean encrypted = rnd.nextBoolean();
        int flags = (rnd.nextInt(8) == 0 ? u8() : rnd.nextInt(8)) & ~IsakmpHeader.FLAG_ENCRYPTION;
        IsakmpHeader header = new IsakmpHeader(exactly(8), rnd.nextInt(4) == 0 ? Bytes.wrap(new byte[8]) : exactly(8),
                1, rnd.nextInt(8) == 0 ? rnd.nextInt(16) : 0, ExchangeType.of(rnd.nextInt(6) == 0 ? u8() : 32),
                encrypted ? flags | IsakmpHeader.FLAG_ENCRYPTION : flags, rnd.nextInt());
        if (encrypted) {
            return new EncryptedMessage(header, PayloadType.of(u8()), bytes(96));
        }
        return new PlainMessage(header, payloads());
    }

    List<Payload> payloads() {
        List<Payload> out = new ArrayList<>();
        int n = rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            out.add(payload());
        }
        return out;
    }

    PayloadChain chain() {
        return new PayloadChain(payloads(), bytes(16));
    }

    DataAttribute attribute() {
        int type = rnd.nextInt(3) == 0 ? rnd.nextInt(0x8000) : 1 + rnd.nextInt(16);
        return rnd.nextBoolean() ? DataAttribute.basic(type, u16()) : DataAttribute.variable(type, bytes(12));
    }

    List<DataAttribute> attributes(int max) {
        List<DataAttribute> out = new ArrayList<>();
        int n = rnd.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            out.add(attribute());
        }
        return out;
    }

    Payload payload() {
        return switch (rnd.nextInt(16)) {
            case 0 -> sa();
            case 1 -> new KeyExchangePayload(bytes(64), reserved8());
            case 2 -> id();
            case 3 -> new CertificatePayload(CertEncoding.of(u8()), bytes(40), reserved8());
            case 4 -> new CertificateRequestPayload(CertEncoding.of(u8()), bytes(40), reserved8());
            case 5 -> new HashPayload(bytes(32), reserved8());
            case 6 -> new SignaturePayload(bytes(64), reserved8());
            case 7 -> new NoncePayload(bytes(32), reserved8());
            case 8 -> notification();
            case 9 -> delete();
            case 10 -> rnd.nextBoolean() ? new VendorIdPayload(bytes(20), reserved8())
                    : new VendorIdPayload(KnownVendorId.ALL.get(rnd.nextInt(KnownVendorId.ALL.size())));
            case 11 -> new NatDiscoveryPayload(rnd.nextBoolean() ? PayloadType.NAT_D : PayloadType.NAT_D_DRAFT,
                    bytes(20), reserved8());
            case 12 -> natOa();
            case 13 -> new AttributePayload(ConfigAttributes.MessageType.of(rnd.nextInt(6)), reserved8(), u16(),
                    attributes(5), reserved8());
            case 14 -> new FragmentPayload(u16(), u8(), rnd.nextInt(4) == 0 ? u8() : rnd.nextInt(2), bytes(48), reserved8());
            default -> unknown();
        };
    }

    SecurityAssociationPayload sa() {
        Doi doi = rnd.nextInt(4) == 0 ? Doi.of(rnd.nextInt()) : Doi.IPSEC;
        int situation = rnd.nextInt(4) == 0 ? rnd.nextInt() : Doi.SIT_IDENTITY_ONLY;
        if (doi.code() == Doi.IPSEC.code()) {
            situation &= ~(Doi.SIT_SECRECY | Doi.SIT_INTEGRITY);
        }
        List<Proposal> proposals = new ArrayList<>();
        int np = 1 + rnd.nextInt(3);
        for (int p = 0; p < np; p++) {
            List<Transform> transforms = new ArrayList<>();
            int nt = 1 + rnd.nextInt(3);
            for (int t = 0; t < nt; t++) {
                transforms.add(new Transform(t, u8(), attributes(6), reserved8(),
                        rnd.nextInt(4) == 0 ? u16() : 0));
            }
            ProtocolId protocol = ProtocolId.of(rnd.nextInt(6) == 0 ? u8() : 1 + rnd.nextInt(4));
            proposals.add(new Proposal(rnd.nextInt(4), protocol, bytes(8), transforms, reserved8()));
        }
        return new SecurityAssociationPayload(doi, situation, proposals, reserved8());
    }

    IdentificationPayload id() {
        IdType type = IdType.of(rnd.nextInt(10) == 0 ? u8() : 1 + rnd.nextInt(12));
        int fixed = type.fixedDataLength();
        Bytes data;
        if (fixed >= 0) {
            data = exactly(fixed);
        } else if (type.requiresData()) {
            data = exactly(1 + rnd.nextInt(30));
        } else {
            data = bytes(30);
        }
        return new IdentificationPayload(type, u8(), u16(), data, reserved8());
    }

    NotificationPayload notification() {
        NotifyType type = switch (rnd.nextInt(4)) {
            case 0 -> NotifyType.RESPONDER_LIFETIME;
            case 1 -> NotifyType.R_U_THERE;
            case 2 -> NotifyType.of(1 + rnd.nextInt(30));
            default -> {
                int t = u16();
                yield NotifyType.of(t == NotifyType.RESPONDER_LIFETIME.code() ? 0 : t);
            }
        };
        Bytes data;
        if (type.equals(NotifyType.RESPONDER_LIFETIME)) {
            ByteWriter w = new ByteWriter();
            DataAttribute.encodeAll(attributes(4), w);
            data = Bytes.wrap(w.toByteArray());
        } else {
            data = bytes(24);
        }
        return new NotificationPayload(Doi.of(rnd.nextInt(3)), ProtocolId.of(rnd.nextInt(5)), bytes(16), type, data,
                reserved8());
    }

    DeletePayload delete() {
        int size = rnd.nextInt(3) == 0 ? rnd.nextInt(20) : 4;
        List<Bytes> spis = new ArrayList<>();
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            spis.add(exactly(size));
        }
        return new DeletePayload(Doi.of(rnd.nextInt(3)), ProtocolId.of(rnd.nextInt(5)), size, spis, reserved8());
    }

    NatOriginalAddressPayload natOa() {
        boolean v4 = rnd.nextBoolean();
        return new NatOriginalAddressPayload(rnd.nextBoolean() ? PayloadType.NAT_OA : PayloadType.NAT_OA_DRAFT,
                v4 ? IdType.IPV4_ADDR : IdType.IPV6_ADDR, rnd.nextInt(4) == 0 ? rnd.nextInt(0x1000000) : 0,
                exactly(v4 ? 4 : 16), reserved8());
    }

    UnknownPayload unknown() {
        int type;
        do {
            type = 4 + rnd.nextInt(252);
        } while (IsakmpCodec.isModeled(type));
        return new UnknownPayload(PayloadType.of(type), bytes(40), reserved8());
    }
}

package org.ike4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.v1.DataAttribute;
import org.ike4j.wire.v1.Doi;
import org.ike4j.wire.v1.ExchangeType;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.IsakmpHeader;
import org.ike4j.wire.v1.IsakmpMessage;
import org.ike4j.wire.v1.KnownVendorId;
import org.ike4j.wire.v1.PlainMessage;
import org.ike4j.wire.v1.Proposal;
import org.ike4j.wire.v1.ProtocolId;
import org.ike4j.wire.v1.SecurityAssociationPayload;
import org.ike4j.wire.v1.Transform;
import org.ike4j.wire.v1.VendorIdPayload;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.Payload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding and encoding of two typical messages: the first Main Mode message of an IKEv1
 * negotiation (one SA proposal with four transforms of seven attributes each, and five vendor
 * IDs: RFC 3947, DPD, XAUTH, Cisco Unity, FRAGMENTATION), and an IKE_AUTH request's inner
 * payloads (IDi, INITIAL_CONTACT, IDr, AUTH, SA, TSi, TSr and two notifies, 180 octets: the
 * decrypted content of frame 3 of the Wireshark capture ikev2-decrypt-aes256cbc.pcapng, see
 * {@link Fixtures}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class CodecBench {

    private PlainMessage mainMode;
    private byte[] mainModeBytes;
    private List<Payload> ikeAuth;
    private byte[] ikeAuthBytes;
    private Ikev2Message ikeAuthMessage;
    private byte[] ikeAuthMessageBytes;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        mainMode = mainModeFirstMessage();
        mainModeBytes = IsakmpCodec.encode(mainMode);
        ikeAuthBytes = Fixtures.ikeAuthInner();
        ikeAuth = Ikev2Decoder.decodePayloads(ikeAuthBytes, Fixtures.IKE_AUTH_FIRST, Ikev2Decoder.Mode.STRICT);
        ikeAuthMessage = Fixtures.ikeAuthPlainMessage(ikeAuth);
        ikeAuthMessageBytes = ikeAuthMessage.encode();
        if (!IsakmpCodec.decode(mainModeBytes).equals(mainMode)) {
            throw new IllegalStateException("Main Mode fixture does not round-trip");
        }
    }

    /** ID_PROT message 1: SA with four IKE transforms (AES-256/128, 3DES; SHA-256/SHA-1; PSK; groups 14, 2) and five VIDs. */
    static PlainMessage mainModeFirstMessage() {
        List<Transform> transforms = new ArrayList<>();
        int[][] suites = {{7, 256, 4, 14}, {7, 128, 2, 14}, {5, 0, 2, 2}, {7, 256, 2, 2}};
        for (int i = 0; i < suites.length; i++) {
            int[] s = suites[i];
            List<DataAttribute> a = new ArrayList<>();
            a.add(DataAttribute.basic(1, s[0])); // ENCRYPTION_ALGORITHM
            if (s[1] != 0) {
                a.add(DataAttribute.basic(14, s[1])); // KEY_LENGTH
            }
            a.add(DataAttribute.basic(2, s[2])); // HASH_ALGORITHM
            a.add(DataAttribute.basic(3, 1)); // AUTHENTICATION_METHOD pre-shared key
            a.add(DataAttribute.basic(4, s[3])); // GROUP_DESCRIPTION
            a.add(DataAttribute.basic(11, 1)); // LIFE_TYPE seconds
            a.add(DataAttribute.variable(12, 28800, 4)); // LIFE_DURATION
            transforms.add(new Transform(i + 1, 1, a)); // KEY_IKE
        }
        SecurityAssociationPayload sa = new SecurityAssociationPayload(Doi.IPSEC, Doi.SIT_IDENTITY_ONLY,
                List.of(new Proposal(1, ProtocolId.PROTO_ISAKMP, Bytes.EMPTY, transforms)));
        IsakmpHeader h = IsakmpHeader.of(Bytes.fromHex("f2a1b0c3d4e5f607"), Bytes.wrap(new byte[8]),
                ExchangeType.ID_PROT, 0, 0);
        return new PlainMessage(h, List.of(sa,
                new VendorIdPayload(KnownVendorId.RFC_3947), new VendorIdPayload(KnownVendorId.DPD),
                new VendorIdPayload(KnownVendorId.XAUTH), new VendorIdPayload(KnownVendorId.CISCO_UNITY),
                new VendorIdPayload(KnownVendorId.FRAGMENTATION)));
    }

    @Benchmark
    public IsakmpMessage mainModeDecode() throws DecodeException {
        return IsakmpCodec.decode(mainModeBytes);
    }

    @Benchmark
    public byte[] mainModeEncode() {
        return IsakmpCodec.encode(mainMode);
    }

    /** The inner payload chain of IKE_AUTH, as after decryption. */
    @Benchmark
    public List<Payload> ikeAuthPayloadsDecode() throws DecodeException {
        return Ikev2Decoder.decodePayloads(ikeAuthBytes, Fixtures.IKE_AUTH_FIRST, Ikev2Decoder.Mode.STRICT);
    }

    @Benchmark
    public byte[] ikeAuthPayloadsEncode() {
        return Ikev2Decoder.encodePayloads(ikeAuth);
    }

    /** The same payloads in an unencrypted IKEv2 message with its header (decoder entry point). */
    @Benchmark
    public Ikev2Message ikeAuthMessageDecode() throws DecodeException {
        return Ikev2Decoder.decode(ikeAuthMessageBytes);
    }

    @Benchmark
    public byte[] ikeAuthMessageEncode() {
        return ikeAuthMessage.encode();
    }
}

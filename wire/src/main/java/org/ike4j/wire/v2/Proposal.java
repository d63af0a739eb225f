package org.ike4j.wire.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * A proposal substructure (RFC 7296 section 3.3.1) inside an SA payload.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Last Substruc |   RESERVED    |         Proposal Length       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Proposal Num  |  Protocol ID  |    SPI Size   |Num  Transforms|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        SPI (variable)                         ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        <Transforms>                           ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Last Substruc (0 last, 2 more), the length, SPI size and transform count are derived when
 * encoding; on decoding each is checked against what follows.
 *
 * @param number the Proposal Num, kept as sent (the responder echoes the chosen one)
 * @param reserved the RESERVED octet, kept as received
 */
public record Proposal(int number, ProtocolId protocol, Bytes spi, List<Transform> transforms, int reserved) {
    static final int LAST = 0;
    static final int MORE = 2;

    public Proposal {
        Objects.requireNonNull(protocol);
        Objects.requireNonNull(spi);
        transforms = List.copyOf(transforms);
        if (number < 0 || number > 0xff || protocol.code() < 0 || protocol.code() > 0xff
                || reserved < 0 || reserved > 0xff) {
            throw new IllegalArgumentException("proposal field out of range");
        }
        if (spi.length() > 0xff || transforms.size() > 0xff) {
            throw new IllegalArgumentException("SPI or transform list too long");
        }
    }

    public Proposal(int number, ProtocolId protocol, Bytes spi, List<Transform> transforms) {
        this(number, protocol, spi, transforms, 0);
    }

    static Proposal decode(ByteReader r) throws DecodeException {
        int at = r.position();
        int last = r.u8("Proposal Substructure.Last Substruc");
        int reserved = r.u8("Proposal Substructure.RESERVED");
        int lengthAt = r.position();
        int length = r.u16("Proposal Substructure.Proposal Length");
        if (length < 8) {
            throw r.errorAt(lengthAt, "Proposal Substructure.Proposal Length", "length " + length + " < 8");
        }
        if (length - 4 > r.remaining()) {
            throw r.errorAt(lengthAt, "Proposal Substructure.Proposal Length",
                    "length " + length + " exceeds the " + (r.remaining() + 4) + " octets left in the SA payload");
        }
        ByteReader p = r.slice(length - 4, "Proposal Substructure.Proposal Length");
        // Last Substruc must say "last" exactly when this proposal ends its container.
        boolean lastExpected = !r.hasRemaining();
        if (last != (lastExpected ? LAST : MORE)) {
            throw r.errorAt(at, "Proposal Substructure.Last Substruc",
                    "is " + last + ", must be " + (lastExpected ? "0 for the last proposal" : "2 when more follow"));
        }
        int number = p.u8("Proposal Substructure.Proposal Num");
        ProtocolId protocol = ProtocolId.of(p.u8("Proposal Substructure.Protocol ID"));
        int spiSizeAt = p.position();
        int spiSize = p.u8("Proposal Substructure.SPI Size");
        int countAt = p.position();
        int count = p.u8("Proposal Substructure.Num Transforms");
        if (spiSize > p.remaining()) {
            throw p.errorAt(spiSizeAt, "Proposal Substructure.SPI Size",
                    "SPI size " + spiSize + " exceeds the " + p.remaining() + " octets left in the proposal");
        }
        Bytes spi = Bytes.wrap(p.bytes(spiSize, "Proposal Substructure.SPI"));
        List<Transform> transforms = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!p.hasRemaining()) {
                throw p.errorAt(countAt, "Proposal Substructure.Num Transforms",
                        count + " transforms announced, " + i + " present");
            }
            transforms.add(Transform.decode(p));
        }
        if (p.hasRemaining()) {
            throw p.error("Proposal Substructure.Num Transforms",
                    p.remaining() + " octets after the " + count + " announced transforms");
        }
        return new Proposal(number, protocol, spi, transforms, reserved);
    }

    /** The length {@link #encode} writes, or its exception for a proposal over 65535 octets. */
    int encodedLength() {
        int length = 8 + spi.length();
        for (Transform t : transforms) {
            length += t.encodedLength();
        }
        if (length > 0xffff) {
            throw new IllegalArgumentException("proposal too long: " + length);
        }
        return length;
    }

    void encode(ByteWriter w, boolean last) {
        w.u8(last ? LAST : MORE).u8(reserved);
        int lengthAt = w.position();
        w.u16(0).u8(number).u8(protocol.code()).u8(spi.length()).u8(transforms.size());
        spi.writeTo(w);
        for (int i = 0; i < transforms.size(); i++) {
            transforms.get(i).encode(w, i == transforms.size() - 1);
        }
        int length = w.position() - lengthAt + 2;
        if (length > 0xffff) {
            throw new IllegalArgumentException("proposal too long: " + length);
        }
        w.patchU16(lengthAt, length);
    }

    void describe(TreeSink b) {
        b.open("IKEv2 Proposal Substructure")
                .field("proposal number", number)
                .code("protocol ID", protocol)
                .field("SPI size", spi.length());
        if (reserved != 0) {
            b.field("reserved", reserved);
        }
        if (!spi.isEmpty()) {
            b.hex("SPI", spi);
        }
        b.field("number of transforms", transforms.size());
        for (Transform t : transforms) {
            t.describe(b);
        }
        b.close();
    }
}

package org.ike4j.wire.v1;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * A Proposal payload inside an SA payload, RFC 2408 section 3.5:
 *
 * <pre>
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * !  Proposal #   !  Protocol-Id  !    SPI Size   !# of Transforms!
 * ~                        SPI (variable)                         ~
 * ~                        Transforms                             ~
 * </pre>
 *
 * The next payload (2 for another proposal, 0 for the last), the length, the SPI size and the
 * number of transforms are derived from the record.
 *
 * @param number the proposal number (equal numbers form one AND-ed proposal, RFC 2408 section 4.2)
 * @param protocol the protocol, which also selects the attribute class of the transforms
 * @param spi the SPI, 0 to 255 bytes
 * @param transforms at least one transform
 * @param reserved the RESERVED byte after the next payload
 */
public record Proposal(int number, ProtocolId protocol, Bytes spi, List<Transform> transforms, int reserved) {
    static final String NAME = "Proposal Payload";

    public Proposal {
        Checks.u8(number, "proposal number");
        Checks.bytes(spi, 0xff, "SPI");
        transforms = List.copyOf(transforms);
        if (transforms.isEmpty() || transforms.size() > 0xff) {
            throw new IllegalArgumentException("a proposal holds 1 to 255 transforms, not " + transforms.size());
        }
        Checks.u8(reserved, "RESERVED");
    }

    public Proposal(int number, ProtocolId protocol, Bytes spi, List<Transform> transforms) {
        this(number, protocol, spi, transforms, 0);
    }

    int encodedLength() {
        int n = 8 + spi.length();
        for (Transform t : transforms) {
            n += t.encodedLength();
        }
        return n;
    }

    void encode(ByteWriter w, boolean last) {
        int start = w.position();
        w.u8(last ? PayloadType.NONE.code() : PayloadType.P.code()).u8(reserved).u16(0);
        w.u8(number).u8(protocol.code()).u8(spi.length()).u8(transforms.size());
        spi.writeTo(w);
        for (int i = 0; i < transforms.size(); i++) {
            transforms.get(i).encode(w, i == transforms.size() - 1);
        }
        w.patchU16(start + 2, w.position() - start);
    }

    /** Reads the proposals that fill an SA payload after its situation; {@code r} answers BAD-PROPOSAL-SYNTAX. */
    static List<Proposal> decodeAll(ByteReader r) throws DecodeException {
        List<Proposal> out = new ArrayList<>();
        if (!r.hasRemaining()) {
            throw r.error(SecurityAssociationPayload.NAME + ".proposals", "an SA payload needs at least one proposal");
        }
        while (r.hasRemaining()) {
            int start = r.position();
            int next = r.u8(NAME + ".next payload");
            int reserved = r.u8(NAME + ".RESERVED");
            int length = r.u16(NAME + ".length");
            if (length < 8) {
                throw r.errorAt(start + 2, NAME + ".length", "length " + length + " is below the 8-byte header");
            }
            if (length - 4 > r.remaining()) {
                throw r.errorAt(start + 2, NAME + ".length",
                        "length " + length + " exceeds the " + (r.remaining() + 4) + " bytes left in the SA payload");
            }
            ByteReader p = r.slice(length - 4, NAME);
            int number = p.u8(NAME + ".proposal number");
            ProtocolId protocol = ProtocolId.of(p.u8(NAME + ".protocol ID"));
            int spiSize = p.u8(NAME + ".SPI size");
            int count = p.u8(NAME + ".number of transforms");
            if (spiSize > p.remaining()) {
                throw p.errorAt(start + 6, NAME + ".SPI size",
                        "SPI size " + spiSize + " exceeds the " + p.remaining() + " bytes left in the proposal");
            }
            Bytes spi = Bytes.wrap(p.bytes(spiSize, NAME + ".SPI"));
            List<Transform> transforms = Transform.decodeAll(p);
            if (transforms.size() != count || count == 0) {
                throw p.errorAt(start + 7, NAME + ".number of transforms",
                        "says " + count + " transforms, " + transforms.size() + " present"
                                + (count == 0 ? " (a proposal needs at least one)" : ""));
            }
            out.add(new Proposal(number, protocol, spi, transforms, reserved));
            SubstructureChain.checkNext(r, start, NAME, next, PayloadType.P, "proposal", "the SA payload");
        }
        return out;
    }

    void describe(TreeSink b, boolean last) {
        b.open("ISAKMP Proposal Payload");
        b.code("next payload type", last ? PayloadType.NONE : PayloadType.P);
        b.field("length", encodedLength());
        if (reserved != 0) {
            b.field("reserved", reserved);
        }
        b.field("proposal number", number);
        b.code("protocol ID", protocol);
        b.field("SPI size", spi.length());
        b.field("number of transforms", transforms.size());
        b.hex("SPI", spi);
        for (int i = 0; i < transforms.size(); i++) {
            transforms.get(i).describe(b, protocol, i == transforms.size() - 1);
        }
        b.close();
    }
}

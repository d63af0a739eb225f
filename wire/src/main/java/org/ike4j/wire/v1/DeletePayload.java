package org.ike4j.wire.v1;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * The Delete payload, RFC 2408 section 3.15:
 *
 * <pre>
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * !              Domain of Interpretation  (DOI)                  !
 * !  Protocol-Id  !   SPI Size    !           # of SPIs           !
 * ~               Security Parameter Index(es) (SPI)              ~
 * </pre>
 *
 * The SPI size is kept (a list of SPIs could be empty and still name a size); the number of
 * SPIs is derived. On decode, number of SPIs times SPI size must fill the payload exactly.
 *
 * @param doi the DOI
 * @param protocol the protocol of the SAs
 * @param spiSize the size of each SPI (16 for an ISAKMP SA: the two cookies)
 * @param spis the SPIs, each {@code spiSize} bytes
 * @param reserved the generic header's RESERVED byte
 */
public record DeletePayload(Doi doi, ProtocolId protocol, int spiSize, List<Bytes> spis, int reserved)
        implements Payload {
    static final String NAME = "Delete Payload";

    public DeletePayload {
        Checks.u8(spiSize, "SPI size");
        spis = List.copyOf(spis);
        Checks.u16(spis.size(), "number of SPIs");
        for (Bytes s : spis) {
            if (s.length() != spiSize) {
                throw new IllegalArgumentException("SPI of " + s.length() + " bytes, SPI size is " + spiSize);
            }
        }
        if ((long) spiSize * spis.size() > Checks.MAX_BODY - 8) {
            throw new IllegalArgumentException("too many SPIs for one payload");
        }
        Checks.u8(reserved, "RESERVED");
    }

    public DeletePayload(Doi doi, ProtocolId protocol, int spiSize, List<Bytes> spis) {
        this(doi, protocol, spiSize, spis, 0);
    }

    @Override
    public PayloadType type() {
        return PayloadType.D;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u32(doi.code() & 0xffffffffL).u8(protocol.code()).u8(spiSize).u16(spis.size());
        for (Bytes s : spis) {
            s.writeTo(w);
        }
    }

    static DeletePayload decode(ByteReader r, int reserved) throws DecodeException {
        Doi doi = Doi.of(r.i32(NAME + ".DOI"));
        ProtocolId protocol = ProtocolId.of(r.u8(NAME + ".Protocol-Id"));
        int spiSize = r.u8(NAME + ".SPI Size");
        int countAt = r.position();
        int count = r.u16(NAME + ".# of SPIs");
        if ((long) count * spiSize != r.remaining()) {
            throw r.errorAt(countAt, NAME + ".# of SPIs", count + " SPIs of " + spiSize + " bytes do not fill the "
                    + r.remaining() + " bytes left in the payload");
        }
        List<Bytes> spis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            spis.add(Bytes.wrap(r.bytes(spiSize, NAME + ".SPI")));
        }
        return new DeletePayload(doi, protocol, spiSize, spis, reserved);
    }

    @Override
    public String title() {
        return "ISAKMP Delete Payload";
    }

    @Override
    public void describe(TreeSink b) {
        b.code("DOI", doi);
        b.code("protocol ID", protocol);
        b.field("SPI size", spiSize);
        b.field("number of SPIs", spis.size());
        for (Bytes s : spis) {
            b.hex("SPI", s);
        }
    }
}

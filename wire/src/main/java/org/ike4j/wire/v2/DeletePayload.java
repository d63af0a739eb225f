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
 * Delete payload, D (RFC 7296 section 3.11): a protocol, the SPI size and a list of SPIs. To
 * delete the IKE SA itself, the protocol is IKE, the SPI size 0 and there are no SPIs.
 *
 * <p>The decoder requires Num of SPIs times SPI Size to fill the payload exactly; an SPI size
 * of 0 with a non-zero count is INVALID_SYNTAX (nothing could check the count).
 */
public record DeletePayload(PayloadFlags flags, ProtocolId protocol, int spiSize, List<Bytes> spis)
        implements Payload {

    public DeletePayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(protocol);
        spis = List.copyOf(spis);
        if (protocol.code() < 0 || protocol.code() > 0xff || spiSize < 0 || spiSize > 0xff || spis.size() > 0xffff) {
            throw new IllegalArgumentException("delete field out of range");
        }
        for (Bytes s : spis) {
            if (s.length() != spiSize) {
                throw new IllegalArgumentException("SPI of " + s.length() + " octets, SPI size is " + spiSize);
            }
        }
    }

    public DeletePayload(ProtocolId protocol, int spiSize, List<Bytes> spis) {
        this(PayloadFlags.NONE, protocol, spiSize, spis);
    }

    @Override
    public PayloadType type() {
        return PayloadType.DELETE;
    }

    static DeletePayload decode(PayloadFlags flags, ByteReader r) throws DecodeException {
        ProtocolId protocol = ProtocolId.of(r.u8("Delete Payload.Protocol ID"));
        int spiSizeAt = r.position();
        int spiSize = r.u8("Delete Payload.SPI Size");
        int countAt = r.position();
        int count = r.u16("Delete Payload.Num of SPIs");
        if (spiSize == 0 && count != 0) {
            throw r.errorAt(spiSizeAt, "Delete Payload.SPI Size", "SPI size 0 with " + count + " SPIs");
        }
        if ((long) spiSize * count != r.remaining()) {
            throw r.errorAt(countAt, "Delete Payload.Num of SPIs",
                    count + " SPIs of " + spiSize + " octets do not fill the " + r.remaining() + " octets left");
        }
        List<Bytes> spis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            spis.add(Bytes.wrap(r.bytes(spiSize, "Delete Payload.SPI")));
        }
        return new DeletePayload(flags, protocol, spiSize, spis);
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(protocol.code()).u8(spiSize).u16(spis.size());
        for (Bytes s : spis) {
            s.writeTo(w);
        }
    }

    @Override
    public String title() {
        return "IKEv2 Delete Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.code("protocol ID", protocol).field("SPI size", spiSize).field("number of SPIs", spis.size());
        for (Bytes s : spis) {
            b.hex("SPI", s);
        }
    }
}

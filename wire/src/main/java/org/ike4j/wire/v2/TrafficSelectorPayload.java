package org.ike4j.wire.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.DecodeException;

/**
 * Traffic Selector payload, TSi or TSr (RFC 7296 section 3.13): Number of TSs, 3 reserved
 * octets and the selectors. The count must match the selectors that fill the payload.
 *
 * @param type {@link PayloadType#TSI} or {@link PayloadType#TSR}
 * @param reserved the 24-bit RESERVED field, kept as received
 */
public record TrafficSelectorPayload(PayloadFlags flags, PayloadType type, int reserved, List<TrafficSelector> selectors)
        implements Payload {

    public TrafficSelectorPayload {
        Objects.requireNonNull(flags);
        selectors = List.copyOf(selectors);
        if (!PayloadType.TSI.equals(type) && !PayloadType.TSR.equals(type)) {
            throw new IllegalArgumentException("not TSi/TSr: " + type);
        }
        if (reserved < 0 || reserved > 0xffffff || selectors.size() > 0xff) {
            throw new IllegalArgumentException("reserved or count out of range");
        }
    }

    public TrafficSelectorPayload(PayloadType type, List<TrafficSelector> selectors) {
        this(PayloadFlags.NONE, type, 0, selectors);
    }

    public boolean isInitiator() {
        return PayloadType.TSI.equals(type);
    }

    static TrafficSelectorPayload decode(PayloadFlags flags, PayloadType type, ByteReader r) throws DecodeException {
        int countAt = r.position();
        int count = r.u8("Traffic Selector Payload.Number of TSs");
        int reserved = r.u24("Traffic Selector Payload.RESERVED");
        List<TrafficSelector> ts = new ArrayList<>();
        while (r.hasRemaining()) {
            if (ts.size() == count) {
                throw r.errorAt(countAt, "Traffic Selector Payload.Number of TSs",
                        "octets left after the " + count + " announced selectors");
            }
            ts.add(TrafficSelector.decode(r));
        }
        if (ts.size() != count) {
            throw r.errorAt(countAt, "Traffic Selector Payload.Number of TSs",
                    count + " selectors announced, " + ts.size() + " present");
        }
        return new TrafficSelectorPayload(flags, type, reserved, ts);
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(selectors.size()).u24(reserved);
        for (TrafficSelector t : selectors) {
            t.encode(w);
        }
    }

    @Override
    public String title() {
        return isInitiator() ? "IKEv2 Traffic Selector - Initiator Payload"
                : "IKEv2 Traffic Selector - Responder Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.field("number of TSs", selectors.size());
        if (reserved != 0) {
            b.field("reserved", reserved);
        }
        for (TrafficSelector t : selectors) {
            t.describe(b);
        }
    }
}

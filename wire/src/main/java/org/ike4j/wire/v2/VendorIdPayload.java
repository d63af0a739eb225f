package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/** Vendor ID payload, V (RFC 7296 section 3.12): an opaque vendor-defined constant. */
public record VendorIdPayload(PayloadFlags flags, Bytes vendorId) implements Payload {

    public VendorIdPayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(vendorId);
    }

    public VendorIdPayload(Bytes vendorId) {
        this(PayloadFlags.NONE, vendorId);
    }

    @Override
    public PayloadType type() {
        return PayloadType.VENDOR_ID;
    }

    static VendorIdPayload decode(PayloadFlags flags, ByteReader r) {
        return new VendorIdPayload(flags, Bytes.wrap(r.rest()));
    }

    @Override
    public int encodedBodyLength() {
        return vendorId.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        vendorId.writeTo(w);
    }

    @Override
    public String title() {
        return "IKEv2 Vendor ID Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.hex("vendor ID", vendorId);
    }
}

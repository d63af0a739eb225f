package org.ike4j.wire.v1;

import java.util.Optional;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/**
 * The Vendor ID payload, RFC 2408 section 3.16: opaque vendor ID bytes, which the trace names
 * when they are a {@link KnownVendorId}.
 *
 * @param vendorId the vendor ID
 * @param reserved the generic header's RESERVED byte
 */
public record VendorIdPayload(Bytes vendorId, int reserved) implements Payload {

    public VendorIdPayload {
        Checks.bytes(vendorId, Checks.MAX_BODY, "vendor ID");
        Checks.u8(reserved, "RESERVED");
    }

    public VendorIdPayload(Bytes vendorId) {
        this(vendorId, 0);
    }

    public VendorIdPayload(KnownVendorId known) {
        this(known.value(), 0);
    }

    public Optional<KnownVendorId> known() {
        return KnownVendorId.lookup(vendorId);
    }

    @Override
    public PayloadType type() {
        return PayloadType.VID;
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
        return "ISAKMP Vendor ID Payload";
    }

    @Override
    public void describe(TreeSink b) {
        b.hex("vendor ID", vendorId);
        Optional<KnownVendorId> k = known();
        if (k.isPresent()) {
            b.field("known as", k.get().name());
        }
    }
}

package org.ike4j.wire.v1;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;

/**
 * The NAT-D payload, RFC 3947 section 3.2: a hash of the cookies, an address and a port.
 * Sent as payload type 20, or 130 by implementations of the drafts.
 *
 * @param type {@link PayloadType#NAT_D} or {@link PayloadType#NAT_D_DRAFT}
 * @param hash the hash
 * @param reserved the generic header's RESERVED byte
 */
public record NatDiscoveryPayload(PayloadType type, Bytes hash, int reserved) implements Payload {

    public NatDiscoveryPayload {
        if (type.code() != PayloadType.NAT_D.code() && type.code() != PayloadType.NAT_D_DRAFT.code()) {
            throw new IllegalArgumentException("NAT-D is payload type 20 or 130, not " + type.code());
        }
        Checks.bytes(hash, Checks.MAX_BODY, "hash");
        Checks.u8(reserved, "RESERVED");
    }

    public NatDiscoveryPayload(Bytes hash) {
        this(PayloadType.NAT_D, hash, 0);
    }

    @Override
    public int encodedBodyLength() {
        return hash.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        hash.writeTo(w);
    }

    @Override
    public String title() {
        return type.code() == PayloadType.NAT_D.code() ? "ISAKMP NAT-D Payload" : "ISAKMP NAT-D Payload (draft)";
    }

    @Override
    public void describe(TreeSink b) {
        b.hex("hash", hash);
    }
}

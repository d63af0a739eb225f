package org.ike4j.engine.v1;

import java.util.List;
import org.ike4j.wire.v1.KnownVendorId;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.VendorIdPayload;

/**
 * Vendor IDs (RFC 2408 section 3.16): what we announce and what we recognise of the peer's. We
 * announce only what we implement: RFC 3947 NAT traversal (detection and the float to port 4500,
 * {@link NatDetectionTask}) when the connection allows it. RFC 3706 DPD and the NAT-T drafts are
 * recognised in the peer's list (kept on the SA, shown in traces) but not announced.
 */
final class VendorIdTask {
    private VendorIdTask() {
    }

    static List<Payload> build(Ikev1Engine engine, IsakmpSa sa) {
        if (sa.connection.natTraversal() && (sa.initiator || peerSupportsNatT(sa))) {
            return List.of(new VendorIdPayload(KnownVendorId.RFC_3947));
        }
        return List.of();
    }

    /** Whether the peer announced RFC 3947 NAT traversal. */
    static boolean peerSupportsNatT(IsakmpSa sa) {
        return sa.peerVendorIds.contains(KnownVendorId.RFC_3947.name());
    }

    static void process(IsakmpSa sa, Inbound in, Outbox out) {
        for (VendorIdPayload v : in.all(VendorIdPayload.class)) {
            String name = v.known().map(k -> k.name()).orElse("unknown " + v.vendorId().hex());
            if (!sa.peerVendorIds.contains(name)) {
                sa.peerVendorIds.add(name);
            }
            out.debug(sa, "received Vendor ID payload [" + name + "]");
        }
    }
}

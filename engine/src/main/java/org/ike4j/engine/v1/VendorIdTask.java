package org.ike4j.engine.v1;

import java.util.List;
import org.ike4j.wire.v1.KnownVendorId;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.VendorIdPayload;

/**
 * Vendor IDs (RFC 2408 section 3.16) in the first two messages of Main and Aggressive Mode: what
 * we announce and what we recognise of the peer's. We announce only what we implement: RFC 3947
 * NAT traversal (detection and the float to port 4500, {@link NatDetectionTask}) when the
 * connection allows it (a responder only when the initiator announced it too), and RFC 3706 DPD
 * ({@link DpdTask}), always. The NAT-T drafts are recognised in the peer's list (kept on the SA,
 * traced) but not announced.
 */
final class VendorIdTask implements Phase1Extension {
    private final IsakmpSa sa;

    VendorIdTask(IsakmpSa sa) {
        this.sa = sa;
    }

    private static boolean carriesVendorIds(Phase1Message m) {
        return m == Phase1Message.MAIN_1 || m == Phase1Message.MAIN_2 || m == Phase1Message.AGGR_1
                || m == Phase1Message.AGGR_2;
    }

    @Override
    public void build(Phase1Message message, List<Payload> payloads, Outbox out) {
        if (!carriesVendorIds(message)) {
            return;
        }
        if (sa.connection.natTraversal() && (sa.initiator || peerSupportsNatT(sa))) {
            payloads.add(new VendorIdPayload(KnownVendorId.RFC_3947));
        }
        // we always answer R-U-THERE ({@link DpdTask}), so we always announce DPD
        payloads.add(new VendorIdPayload(KnownVendorId.DPD));
    }

    @Override
    public void process(Phase1Message message, Inbound in, Outbox out) {
        if (!carriesVendorIds(message)) {
            return;
        }
        for (VendorIdPayload v : in.all(VendorIdPayload.class)) {
            String name = v.known().map(KnownVendorId::name).orElse("unknown " + v.vendorId().hex());
            if (!sa.peerVendorIds.contains(name)) {
                sa.peerVendorIds.add(name);
            }
            out.debug(sa, "received Vendor ID payload [" + name + "]");
        }
    }

    /** Whether the peer announced RFC 3706 dead peer detection. */
    static boolean peerSupportsDpd(IsakmpSa sa) {
        return sa.peerVendorIds.contains(KnownVendorId.DPD.name());
    }

    /** Whether the peer announced RFC 3947 NAT traversal. */
    static boolean peerSupportsNatT(IsakmpSa sa) {
        return sa.peerVendorIds.contains(KnownVendorId.RFC_3947.name());
    }
}

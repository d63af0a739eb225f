package org.ike4j.engine.v1;

import java.net.InetSocketAddress;
import java.util.List;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.NatDiscoveryPayload;
import org.ike4j.wire.v1.Payload;

/**
 * NAT detection, RFC 3947 section 3.2, once both peers announced the RFC 3947 vendor ID:
 *
 * <pre>
 *   HASH = HASH(CKY-I | CKY-R | IP | Port)       (the negotiated Phase 1 hash)
 *   the first NAT-D: the destination's address and port, the others: the sender's
 * </pre>
 *
 * In Main Mode they ride in messages 3 and 4; in Aggressive Mode in messages 2 and 3. If a NAT is
 * found, the initiator moves to port 4500 for the rest (section 4) and Quick Mode asks for
 * UDP-encapsulated modes (section 5.1); the engine then sends NAT-keepalives from behind the NAT.
 */
final class NatDetectionTask implements Phase1Extension {
    private final IsakmpSa sa;

    NatDetectionTask(IsakmpSa sa) {
        this.sa = sa;
    }

    private static boolean carriesNatD(Phase1Message m) {
        return m == Phase1Message.MAIN_3 || m == Phase1Message.MAIN_4 || m == Phase1Message.AGGR_2
                || m == Phase1Message.AGGR_3;
    }

    @Override
    public void build(Phase1Message message, List<Payload> payloads, Outbox out) {
        if (carriesNatD(message)) {
            payloads.addAll(build(sa));
        }
    }

    @Override
    public void process(Phase1Message message, Inbound in, Outbox out) {
        if (!carriesNatD(message)) {
            return;
        }
        process(sa, in, out);
        // the initiator floats before its next message: Main Mode 5, Aggressive Mode 3 (whose
        // NAT-D then describe the addresses it is sent with)
        if (sa.initiator && (message == Phase1Message.MAIN_4 || message == Phase1Message.AGGR_2)) {
            floatIfNeeded(sa, out);
        }
    }

    static boolean enabled(IsakmpSa sa) {
        return sa.connection.natTraversal() && VendorIdTask.peerSupportsNatT(sa);
    }

    static byte[] hash(IsakmpSa sa, InetSocketAddress a) {
        byte[] port = {(byte) (a.getPort() >>> 8), (byte) a.getPort()};
        return sa.hash.digest(sa.initiatorCookie.toByteArray(), sa.responderCookie.toByteArray(),
                a.getAddress().getAddress(), port);
    }

    /** Our NAT-D payloads: the peer's address first, then ours. */
    private static List<Payload> build(IsakmpSa sa) {
        if (!enabled(sa)) {
            return List.of();
        }
        byte[] ours = forced(sa)
                // forceencaps: a hash of no address at all, so the peer finds us "behind a NAT"
                // and encapsulates ESP in UDP (as strongSwan does for its forceencaps)
                ? sa.hash.digest(sa.initiatorCookie.toByteArray(), sa.responderCookie.toByteArray(),
                        "forceencaps".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                : hash(sa, sa.local);
        return List.of(new NatDiscoveryPayload(Bytes.wrap(hash(sa, sa.remote))), new NatDiscoveryPayload(Bytes.wrap(ours)));
    }

    /** ipsec.conf's forceencaps: behave as if we were behind a NAT. */
    static boolean forced(IsakmpSa sa) {
        return sa.connection != null && sa.connection.forceEncaps();
    }

    /** Compares the peer's NAT-D payloads with the addresses the datagram carried. */
    private static void process(IsakmpSa sa, Inbound in, Outbox out) {
        List<NatDiscoveryPayload> nd = in.all(NatDiscoveryPayload.class);
        if (!enabled(sa) || nd.isEmpty()) {
            return;
        }
        // the first is us as the peer addressed us: differs from where it arrived -> we are behind a NAT
        sa.natLocal = forced(sa) || !nd.get(0).hash().constantTimeEquals(hash(sa, in.local()));
        byte[] source = hash(sa, in.remote());
        out.trace(sa, 0, Outbox.Direction.IN, "NAT-D computed: " + Bytes.wrap(hash(sa, in.local())).hex() + " for "
                + in.local().getAddress().getHostAddress() + ":" + in.local().getPort() + " (the peer's first NAT-D "
                + (sa.natLocal && !forced(sa) ? "differs" : "matches") + "), " + Bytes.wrap(source).hex() + " for "
                + in.remote().getAddress().getHostAddress() + ":" + in.remote().getPort());
        sa.natRemote = nd.subList(1, nd.size()).stream().noneMatch(p -> p.hash().constantTimeEquals(source));
        out.report(org.ike4j.engine.Event.Level.INFO, org.ike4j.engine.Event.Kind.OTHER, sa,
                "NAT detection: " + (sa.natLocal || sa.natRemote ? describe(sa) : "no NAT between "
                        + in.local().getAddress().getHostAddress() + " and " + in.remote().getAddress().getHostAddress()));
    }

    static boolean detected(IsakmpSa sa) {
        return sa.natLocal || sa.natRemote;
    }

    /** The initiator's float to port 4500 once a NAT was found (RFC 3947 section 4). */
    private static void floatIfNeeded(IsakmpSa sa, Outbox out) {
        if (detected(sa) && !sa.natT) {
            sa.local = new InetSocketAddress(sa.local.getAddress(), 4500);
            sa.remote = new InetSocketAddress(sa.remote.getAddress(), 4500);
            sa.natT = true;
            out.debug(sa, "NAT-T: floating to port 4500");
        }
    }

    /** For status: which side is behind a NAT, empty if none. */
    static String describe(IsakmpSa sa) {
        if (sa.natLocal && sa.natRemote) {
            return "both sides behind a NAT";
        }
        if (sa.natLocal && forced(sa)) {
            return "UDP encapsulation forced (we pose as behind a NAT)";
        }
        if (sa.natLocal) {
            return "we are behind a NAT";
        }
        if (sa.natRemote) {
            return "the peer is behind a NAT";
        }
        return "";
    }
}

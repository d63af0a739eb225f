package org.ike4j.engine.v2;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.engine.Event;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.DeletePayload;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.ProtocolId;

/**
 * The INFORMATIONAL exchange (RFC 7296 section 1.4): Delete of Child SAs (each side names its
 * inbound SPIs, 1.4.1) and of the IKE SA, liveness checks (an empty request, 2.4), and notifies.
 */
final class Informational {
    private Informational() {
    }

    static void respond(Ikev2Engine engine, IkeSa sa, Ikev2Header h, List<Payload> inner, Outbox out) {
        List<DeletePayload> deletes = inner.stream().filter(DeletePayload.class::isInstance).map(DeletePayload.class::cast)
                .toList();
        for (Payload p : inner) {
            if (p instanceof NotifyPayload n) {
                out.report(n.notifyType().code() < 16384 ? Event.Level.WARNING : Event.Level.INFO,
                        Event.Kind.NOTIFY_RECEIVED, sa, "peer sent " + n.notifyType().name() + " in INFORMATIONAL");
            }
        }
        if (deletes.stream().anyMatch(d -> d.protocol().code() == ProtocolId.IKE.code())) {
            out.report(Event.Level.INFO, Event.Kind.IKE_SA_DELETED, sa, "IKE SA deleted by the peer");
            engine.sendResponse(out, sa, h, List.of());
            engine.removeSa(out, sa);
            return;
        }
        List<Bytes> ours = new ArrayList<>();
        for (DeletePayload d : deletes) {
            if (d.protocol().code() != ProtocolId.ESP.code() && d.protocol().code() != ProtocolId.AH.code()) {
                continue;
            }
            for (Bytes spi : d.spis()) {
                if (spi.length() != 4) {
                    continue;
                }
                int s = ChildSas.spi(new org.ike4j.wire.v2.Proposal(1, d.protocol(), spi, List.of()));
                ChildState c = sa.children.stream().filter(x -> x.sa.outboundSpi() == s).findFirst().orElse(null);
                if (c == null) {
                    out.debug(sa, "peer deletes unknown Child SA SPI " + spi.hex());
                    continue;
                }
                if (!c.rekeyed) {
                    // a Child SA we are rekeying ourselves (a collision, 2.8.1) or still using is answered too
                    ours.add(Bytes.wrap(Ikev2Algorithms.spiBytes(c.sa.inboundSpi())));
                } else {
                    ours.add(Bytes.wrap(Ikev2Algorithms.spiBytes(c.sa.inboundSpi())));
                }
                out.report(Event.Level.INFO, Event.Kind.CHILD_SA_DELETED, sa, "CHILD_SA " + c.sa.connection() + "{"
                        + c.serial + "} with SPIs " + c.sa.spis() + " deleted by the peer");
                engine.lifecycle.removeChild(out, sa, c, "deleted by the peer");
            }
        }
        List<Payload> resp = ours.isEmpty() ? List.of() : List.of(new DeletePayload(ProtocolId.ESP, 4, ours));
        engine.sendResponse(out, sa, h, resp);
    }

    /** Deletes Child SAs: tells the peer, which answers with its side's SPIs. */
    static void deleteChildren(Ikev2Engine engine, IkeSa sa, List<ChildState> children, Outbox out) {
        List<Bytes> spis = children.stream().map(c -> Bytes.wrap(Ikev2Algorithms.spiBytes(c.sa.inboundSpi()))).toList();
        for (ChildState c : children) {
            c.state = "DELETING";
        }
        engine.sendRequest(out, sa, new Request.DeleteChildren(List.copyOf(children)), ExchangeType.INFORMATIONAL,
                List.of(new DeletePayload(ProtocolId.ESP, 4, spis)));
    }

    /** A Delete for SPIs of ours that name no installed Child SA (one we refused after the answer). */
    static void deleteSpis(Ikev2Engine engine, IkeSa sa, List<Integer> spis, Outbox out) {
        engine.sendRequest(out, sa, new Request.DeleteChildren(List.of()), ExchangeType.INFORMATIONAL,
                List.of(new DeletePayload(ProtocolId.ESP, 4, spis.stream().map(s -> Bytes.wrap(Ikev2Algorithms.spiBytes(s)))
                        .toList())));
    }

    static void deleteChildrenAnswered(Ikev2Engine engine, IkeSa sa, Request.DeleteChildren r, List<Payload> inner,
            Outbox out) {
        for (ChildState c : r.children()) {
            if (sa.children.contains(c)) {
                out.report(Event.Level.INFO, Event.Kind.CHILD_SA_DELETED, sa, "CHILD_SA " + c.sa.connection() + "{"
                        + c.serial + "} with SPIs " + c.sa.spis() + " deleted");
                engine.lifecycle.removeChild(out, sa, c, "deleted");
            }
        }
    }

    /** Deletes the IKE SA (and with it its Child SAs, 1.4.1); the SA goes when the peer answers or gives up. */
    static void deleteIke(Ikev2Engine engine, IkeSa sa, String reason, Outbox out) {
        if (!sa.established || sa.protection == null) {
            engine.removeSa(out, sa);
            return;
        }
        sa.state = IkeSa.State.DELETING;
        // a delete goes before anything queued, and replaces it (window 1): the SA ends anyway
        sa.queued.clear();
        if (sa.outstanding != null) {
            out.add(new org.ike4j.engine.Action.Cancel(Ikev2Engine.retransmitTimer(sa, sa.outstanding.messageId)));
            sa.outstanding = null;
        }
        engine.sendRequest(out, sa, new Request.DeleteIke(reason), ExchangeType.INFORMATIONAL,
                List.of(new DeletePayload(ProtocolId.IKE, 0, List.of())));
    }

    /** A liveness check (2.4): an empty INFORMATIONAL request, unless one is in flight already. */
    static void liveness(Ikev2Engine engine, IkeSa sa, Outbox out) {
        if (sa.outstanding != null) {
            return; // a request in flight checks liveness already
        }
        out.debug(sa, "sending a liveness check (DPD)");
        engine.sendRequest(out, sa, new Request.Liveness(), ExchangeType.INFORMATIONAL, List.of());
    }

    /** INITIAL_CONTACT (2.4): the peer has no other SAs with us; older ones with it are stale. */
    static void initialContact(Ikev2Engine engine, IkeSa sa, Outbox out) {
        for (IkeSa old : List.copyOf(engine.sas())) {
            if (old != sa && old.established && old.remote.getAddress().equals(sa.remote.getAddress())
                    && java.util.Objects.equals(old.remoteIdentity, sa.remoteIdentity)) {
                out.report(Event.Level.INFO, Event.Kind.IKE_SA_DELETED, old,
                        "IKE SA deleted: INITIAL_CONTACT from the peer on IKE SA #" + sa.serial);
                engine.removeSa(out, old);
            }
        }
    }
}

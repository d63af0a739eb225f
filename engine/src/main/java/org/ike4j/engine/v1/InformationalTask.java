package org.ike4j.engine.v1;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.crypto.kdf.QuickModeHash;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.DeletePayload;
import org.ike4j.wire.v1.Doi;
import org.ike4j.wire.v1.ExchangeType;
import org.ike4j.wire.v1.HashPayload;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.NotificationPayload;
import org.ike4j.wire.v1.NotifyType;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.PayloadChain;
import org.ike4j.wire.v1.ProtocolId;

/**
 * Informational exchanges (RFC 2408 section 4.8, RFC 2409 section 5.7): notifications and
 * deletes, one message each (so no rounds), protected once Phase 1 is up:
 *
 * <pre>
 *   HDR*, HASH(1), N/D   --&gt;     HASH(1) = prf(SKEYID_a, M-ID | N/D)
 * </pre>
 *
 * Before keys exist a notification goes in the clear (HDR, N). A received protected message must
 * carry a valid HASH(1); an unprotected one is believed only for a half-open SA, whose
 * negotiation it ends (the notify says why).
 */
final class InformationalTask {
    private InformationalTask() {
    }

    static void send(Ikev1Engine engine, Outbox out, IsakmpSa sa, List<Payload> rest) {
        int mid = engine.newMessageId(sa);
        boolean protect = sa.established && sa.keys != null;
        List<Payload> payloads = new ArrayList<>();
        if (protect) {
            byte[] restBytes = IsakmpCodec.encodePayloads(new PayloadChain(rest, Bytes.EMPTY));
            byte[] hash = QuickModeHash.informational(sa.prf, sa.keys.skeyidA(), Ikev1Engine.u32(mid), restBytes);
            out.trace(sa, mid, Outbox.Direction.OUT, "HASH(1) computed: " + Bytes.wrap(hash).hex());
            payloads.add(new HashPayload(Bytes.wrap(hash)));
        }
        payloads.addAll(rest);
        byte[] bytes = engine.encode(out, sa, ExchangeType.INFORMATIONAL, mid, payloads, protect,
                sa.state + ", informational");
        engine.emit(out, sa, Bytes.wrap(bytes));
        if (sa.protection != null) {
            sa.protection.forget(mid);
        }
    }

    /** Deletes every IPsec SA of this ISAKMP SA and then the ISAKMP SA, telling the peer. */
    static void deleteAll(Ikev1Engine engine, Outbox out, IsakmpSa sa, String reason) {
        for (ChildState c : List.copyOf(sa.children)) {
            engine.deleteChild(out, sa, c, reason, true);
        }
        if (sa.established) {
            send(engine, out, sa, List.of(new DeletePayload(Doi.IPSEC, ProtocolId.PROTO_ISAKMP, 16,
                    List.of(Ikev1Engine.cookies(sa)))));
        }
        out.report(Event.Level.INFO, Event.Kind.IKE_SA_DELETED, sa, "ISAKMP SA deleted: " + reason);
    }

    static void process(Ikev1Engine engine, IsakmpSa sa, Inbound in, Outbox out) throws Ikev1Failure {
        List<Payload> payloads = in.payloads();
        if (in.encrypted()) {
            if (payloads.isEmpty() || !(payloads.get(0) instanceof HashPayload hash)) {
                throw new Ikev1Failure(NotifyType.INVALID_HASH_INFORMATION, false,
                        "protected Informational message without HASH(1) from " + sa.remote.getAddress().getHostAddress());
            }
            byte[] rest = IsakmpCodec.encodePayloads(new PayloadChain(payloads.subList(1, payloads.size()), Bytes.EMPTY));
            byte[] expected = QuickModeHash.informational(sa.prf, sa.keys.skeyidA(), Ikev1Engine.u32(in.header().messageId()), rest);
            boolean ok = hash.hash().constantTimeEquals(expected);
            out.trace(sa, in.header().messageId(), Outbox.Direction.IN, "HASH(1) computed: " + Bytes.wrap(expected).hex()
                    + (ok ? ", matches the peer's" : ", the peer sent " + hash.hash().hex()));
            if (!ok) {
                throw new Ikev1Failure(NotifyType.INVALID_HASH_INFORMATION, false,
                        "Informational HASH(1) from " + sa.remote.getAddress().getHostAddress() + " does not verify; ignored");
            }
            in.authentic().run();
            sa.protection.forget(in.header().messageId());
        } else if (sa.established) {
            engine.ignore(out, sa, "unprotected Informational message on an established ISAKMP SA");
            return;
        } else {
            in.authentic().run();
        }
        for (Payload p : payloads) {
            switch (p) {
                case NotificationPayload n -> notification(engine, sa, n, in.encrypted(), out);
                case DeletePayload d when in.encrypted() -> delete(engine, sa, d, out);
                default -> {
                }
            }
        }
    }

    private static void notification(Ikev1Engine engine, IsakmpSa sa, NotificationPayload n, boolean protectedMsg,
            Outbox out) {
        int type = n.notifyType().code();
        if (type == NotifyType.R_U_THERE.code() || type == NotifyType.R_U_THERE_ACK.code()) {
            if (protectedMsg && sa.established) {
                sa.tasks.dpd().process(n, out);
            }
            return;
        }
        String name = n.notifyType().name();
        out.report(Event.Level.INFO, Event.Kind.NOTIFY_RECEIVED, sa, "received " + name + " notification from "
                + sa.remote.getAddress().getHostAddress() + (protectedMsg ? "" : " (unprotected)"));
        if (n.notifyType().code() >= 8192) {
            return; // status, not an error
        }
        String hint = switch (sa.state) {
            case "MAIN_I3", "AGGR_I1" -> n.notifyType().code() == NotifyType.PAYLOAD_MALFORMED.code()
                    || n.notifyType().code() == NotifyType.AUTHENTICATION_FAILED.code()
                    || n.notifyType().code() == NotifyType.INVALID_HASH_INFORMATION.code()
                    ? "; probable pre-shared key mismatch" : "";
            default -> "";
        };
        if (!sa.established) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "the peer "
                    + sa.remote.getAddress().getHostAddress() + " refused the negotiation in " + sa.state + ": " + name + hint);
            engine.removeSa(out, sa);
            return;
        }
        // an error for one of our Quick Modes ends the one waiting
        for (int mid : sa.tasks.waitingQuickModes()) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa,
                    "the peer " + sa.remote.getAddress().getHostAddress() + " refused Quick Mode "
                            + String.format("%08x", mid) + ": " + name);
            engine.removeQuickMode(out, sa, mid);
        }
    }

    private static void deleteIsakmpSa(Ikev1Engine engine, IsakmpSa sa, Outbox out) {
        out.report(Event.Level.INFO, Event.Kind.IKE_SA_DELETED, sa, "ISAKMP SA deleted by the peer "
                + sa.remote.getAddress().getHostAddress());
        IsakmpSa next = engine.successor(sa);
        if (next != null) {
            // the peer renewed Phase 1: its IPsec SAs live on under the new ISAKMP SA
            engine.moveChildren(sa, next, out);
        }
        for (ChildState c : List.copyOf(sa.children)) {
            // pluto keeps IPsec SAs whose ISAKMP SA is gone; this engine keeps IPsec SAs only
            // under an ISAKMP SA (they rekey through it), so they go with it
            engine.deleteChild(out, sa, c, "its ISAKMP SA was deleted by the peer", false);
        }
        engine.removeSa(out, sa);
    }

    private static void delete(Ikev1Engine engine, IsakmpSa sa, DeletePayload d, Outbox out) {
        if (d.protocol().code() == ProtocolId.PROTO_ISAKMP.code()) {
            // the SPI names the ISAKMP SA by its cookies: this one, or another with the same peer
            for (Bytes cookies : d.spis()) {
                for (IsakmpSa s : List.copyOf(engine.sas())) {
                    if (Ikev1Engine.cookies(s).equals(cookies) && s.remote.getAddress().equals(sa.remote.getAddress())) {
                        deleteIsakmpSa(engine, s, out);
                    }
                }
            }
            return;
        }
        for (Bytes spiBytes : d.spis()) {
            if (spiBytes.length() != 4) {
                continue;
            }
            int spi = java.nio.ByteBuffer.wrap(spiBytes.toByteArray()).getInt();
            for (IsakmpSa s : List.copyOf(engine.sas())) {
                for (ChildState c : List.copyOf(s.children)) {
                    if (s.remote.getAddress().equals(sa.remote.getAddress())
                            && (c.sa.outboundSpi() == spi || c.sa.inboundSpi() == spi)) {
                        engine.deleteChild(out, s, c, "Delete payload received from the peer", false);
                    }
                }
            }
        }
    }
}

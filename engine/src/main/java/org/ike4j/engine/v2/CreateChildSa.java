package org.ike4j.engine.v2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Connection;
import org.ike4j.config.IpsecMode;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.KeyExchangeMethod;
import org.ike4j.wire.v2.KeyExchangePayload;
import org.ike4j.wire.v2.NoncePayload;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.NotifyType;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.PayloadFlags;
import org.ike4j.wire.v2.PayloadType;
import org.ike4j.wire.v2.ProtocolId;
import org.ike4j.wire.v2.SecurityAssociationPayload;
import org.ike4j.wire.v2.TrafficSelectorPayload;

/**
 * The CREATE_CHILD_SA exchange (RFC 7296 section 1.3) for Child SAs, both roles: a new Child SA
 * (1.3.1) and a Child SA rekey with N(REKEY_SA) and, with PFS, a KE payload (1.3.3). A collision
 * (2.8.1): when both ends rekeyed the same SA at once, the new SA made by the exchange with the
 * lowest of the four nonces is redundant and its initiator deletes it; the old SA is deleted once
 * the new one is in place. A request whose proposals are for IKE goes to {@link IkeSaRekey}.
 *
 * <pre>
 * HDR, SK {[N(REKEY_SA)], SA, Ni, [KEi], TSi, TSr}  --&gt;
 *                            &lt;--  HDR, SK {SA, Nr, [KEr], TSi, TSr}
 * </pre>
 */
final class CreateChildSa {
    private CreateChildSa() {
    }

    // ---- initiator

    /** A further Child SA on an established IKE SA (up for a connection whose IKE SA is up). */
    static void newChild(Ikev2Engine engine, IkeSa sa, Connection c, Outbox out) {
        requestChild(engine, sa, c, null, null, out);
    }

    /** Renews a Child SA before its lifetime ends. */
    static void rekeyChild(Ikev2Engine engine, IkeSa sa, ChildState old, Outbox out) {
        Connection c = engine.commands.current(old.sa.connection());
        if (c == null) {
            c = sa.connection;
        }
        old.rekeying = true;
        out.info(sa, "rekeying CHILD_SA " + old.sa.connection() + "{" + old.serial + "} " + old.sa.spis());
        requestChild(engine, sa, c, old, null, out);
    }

    private static void requestChild(Ikev2Engine engine, IkeSa sa, Connection c, ChildState old, DhGroup group,
            Outbox out) {
        int spi = engine.newChildSpi();
        byte[] ni = engine.randomBytes(engine.options().nonceSize());
        List<ChildProposal> offer = ChildSas.offer(c);
        DhGroup g = group != null ? group : offer.get(0).pfsGroups().stream().findFirst().orElse(null);
        KeyExchange ke = g == null ? null : engine.newKeyExchange(g);
        List<Payload> p = new ArrayList<>();
        if (old != null) {
            p.add(new NotifyPayload(PayloadFlags.NONE, ProtocolId.ESP,
                    Bytes.wrap(Ikev2Algorithms.spiBytes(old.sa.inboundSpi())), NotifyType.REKEY_SA, Bytes.EMPTY));
        }
        if (c.mode() == IpsecMode.TRANSPORT) {
            p.add(new NotifyPayload(NotifyType.USE_TRANSPORT_MODE, Bytes.EMPTY));
        }
        p.add(new SecurityAssociationPayload(Ikev2Algorithms.childProposals(offer, spi, true)));
        p.add(new NoncePayload(Bytes.wrap(ni)));
        if (ke != null) {
            p.add(new KeyExchangePayload(KeyExchangeMethod.of(g.number()), Bytes.wrap(ke.publicValue())));
        }
        if (old != null) {
            // the rekeyed SA keeps its selectors (2.8)
            p.add(new TrafficSelectorPayload(PayloadType.TSI, Selectors.toWire(old.sa.localSelectors())));
            p.add(new TrafficSelectorPayload(PayloadType.TSR, Selectors.toWire(old.sa.remoteSelectors())));
        } else {
            p.addAll(ChildSas.request(sa, c, 0, false).subList(1, 3));
        }
        engine.sendRequest(out, sa, new Request.CreateChild(c, old, spi, ni, ke), ExchangeType.CREATE_CHILD_SA, p);
    }

    static void processChildResponse(Ikev2Engine engine, IkeSa sa, Request.CreateChild r, List<Payload> inner,
            Outbox out) {
        ChildState old = r.rekeyed();
        Connection c = r.connection();
        Optional<NotifyPayload> err = inner.stream().filter(p -> p instanceof NotifyPayload n && n.notifyType().code() < 16384)
                .map(NotifyPayload.class::cast).findFirst();
        if (err.isPresent()) {
            closeKe(r.ke());
            NotifyPayload n = err.get();
            if (IkeSaInit.is(n, NotifyType.INVALID_KE_PAYLOAD) && n.data().length() == 2) {
                DhGroup g = DhGroup.byNumber(((n.data().get(0) & 0xff) << 8) | (n.data().get(1) & 0xff));
                if (g != null && ChildSas.offer(c).stream().anyMatch(p -> p.pfsGroups().contains(g))
                        && (r.ke() == null || r.ke().group() != g)) {
                    out.info(sa, "peer wants PFS group " + g.ianaName() + " (INVALID_KE_PAYLOAD): retrying with it");
                    requestChild(engine, sa, c, old, g, out);
                    return;
                }
            }
            if (old != null && IkeSaInit.is(n, NotifyType.CHILD_SA_NOT_FOUND) && sa.children.contains(old)) {
                // the peer has no such Child SA (2.25): drop ours quietly and make a new one
                out.report(Event.Level.WARNING, Event.Kind.CHILD_SA_DELETED, sa, "peer does not know CHILD_SA {"
                        + old.serial + "} " + old.sa.spis() + " (CHILD_SA_NOT_FOUND): replacing it with a new one");
                engine.lifecycle.removeChild(out, sa, old, "CHILD_SA_NOT_FOUND from the peer");
                requestChild(engine, sa, c, null, null, out);
                return;
            }
            if (old != null) {
                old.rekeying = false;
                if (IkeSaInit.is(n, NotifyType.TEMPORARY_FAILURE) && sa.children.contains(old)) {
                    // the peer is busy with another exchange on this SA (2.25): try again shortly
                    long at = engine.now() + 5_000 + engine.random().nextInt(5_000);
                    old.rekeyAt = at; // kept when the Child SA moves to a rekeyed IKE SA meanwhile
                    out.add(new Action.Schedule(Ikev2Engine.childTimer("rekey", sa, old), at));
                }
            }
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "peer refused CREATE_CHILD_SA for "
                    + c.name() + (old != null ? " (rekey of {" + old.serial + "})" : "") + ": " + n.notifyType().name());
            return;
        }
        Optional<SecurityAssociationPayload> saP = IkeAuth.first(inner, SecurityAssociationPayload.class);
        Optional<NoncePayload> nr = IkeAuth.first(inner, NoncePayload.class);
        Optional<KeyExchangePayload> ke = IkeAuth.first(inner, KeyExchangePayload.class);
        List<TrafficSelectorPayload> ts = inner.stream().filter(TrafficSelectorPayload.class::isInstance)
                .map(TrafficSelectorPayload.class::cast).toList();
        Secret gir = null;
        try {
            if (saP.isEmpty() || nr.isEmpty() || ts.size() != 2) {
                throw new Ikev2Failure(NotifyType.INVALID_SYNTAX, "CREATE_CHILD_SA response without SA, Nonce, TSi or TSr");
            }
            if (r.ke() != null) {
                if (ke.isEmpty() || ke.get().method().code() != r.ke().group().number()) {
                    throw new Ikev2Failure(NotifyType.INVALID_SYNTAX, "CREATE_CHILD_SA response without a KE payload of "
                            + r.ke().group().ianaName());
                }
                try {
                    gir = r.ke().sharedSecret(ke.get().data().toByteArray());
                } catch (InvalidPublicValueException e) {
                    throw new Ikev2Failure(NotifyType.INVALID_SYNTAX, "peer's KE in the CREATE_CHILD_SA response is invalid ("
                            + e.getMessage() + ")");
                }
            }
        } catch (Ikev2Failure f) {
            closeKe(r.ke());
            if (old != null) {
                old.rekeying = false;
            }
            // an answer with an SA means the peer has installed its side (2.21.3): it must not linger
            boolean peerInstalled = saP.isPresent() && saP.get().proposals().size() == 1
                    && saP.get().proposals().get(0).spi().length() == 4;
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, f.getMessage()
                    + (peerInstalled ? "; deleting the peer's new CHILD_SA" : ""));
            if (peerInstalled) {
                Informational.deleteSpis(engine, sa, List.of(r.spi()), out);
            }
            return;
        }
        closeKe(r.ke());
        byte[] nonceR = nr.get().nonce().toByteArray();
        ChildState fresh;
        try {
            fresh = IkeAuth.completeChild(engine, sa, c, r.spi(), saP.get(), ts, r.ni(), nonceR, gir, r.ke() != null,
                    ChildSas.initiatorMode(sa, c, inner, out), out);
        } finally {
            if (gir != null) {
                gir.destroy();
            }
        }
        if (old == null || fresh == null) {
            if (old != null) {
                old.rekeying = false;
            }
            return;
        }
        old.rekeying = false;
        old.rekeyed = true;
        old.state = "REKEYED";
        out.report(Event.Level.INFO, Event.Kind.CHILD_SA_REKEYED, sa, "CHILD_SA " + c.name() + "{" + old.serial
                + "} rekeyed: {" + fresh.serial + "} " + fresh.sa.spis() + " replaces " + old.sa.spis());
        List<ChildState> delete = new ArrayList<>();
        if (old.peerRekeyMinNonce != null) {
            // both ends rekeyed it (2.8.1): the new SA of the exchange with the lowest nonce goes
            byte[] ours = min(r.ni(), nonceR);
            boolean oursRedundant = Arrays.compareUnsigned(ours, old.peerRekeyMinNonce) < 0;
            out.info(sa, "CHILD_SA rekey collision on {" + old.serial + "}: " + (oursRedundant
                    ? "our new SA {" + fresh.serial + "} has the lowest nonce and is deleted"
                    : "the peer's new SA has the lowest nonce; it deletes it, we keep {" + fresh.serial + "}"));
            if (oursRedundant) {
                fresh.rekeyed = true;
                fresh.state = "REDUNDANT";
                delete.add(fresh);
            }
        }
        if (sa.children.contains(old)) {
            delete.add(old);
        }
        if (!delete.isEmpty()) {
            Informational.deleteChildren(engine, sa, delete, out);
        }
    }

    // ---- responder

    static void respond(Ikev2Engine engine, IkeSa sa, Ikev2Header h, List<Payload> inner, Outbox out) {
        Optional<SecurityAssociationPayload> saP = IkeAuth.first(inner, SecurityAssociationPayload.class);
        Optional<NoncePayload> ni = IkeAuth.first(inner, NoncePayload.class);
        if (!sa.established || sa.state == IkeSa.State.DELETING || sa.state == IkeSa.State.REKEYED) {
            engine.sendResponse(out, sa, h, List.of(notify(NotifyType.TEMPORARY_FAILURE)));
            return;
        }
        if (saP.isEmpty() || ni.isEmpty() || saP.get().proposals().isEmpty()) {
            out.report(Event.Level.WARNING, Event.Kind.MALFORMED_MESSAGE, sa, "CREATE_CHILD_SA request without SA or Nonce");
            engine.sendResponse(out, sa, h, List.of(notify(NotifyType.INVALID_SYNTAX)));
            return;
        }
        if (saP.get().proposals().get(0).protocol().code() == ProtocolId.IKE.code()) {
            IkeSaRekey.respondIkeRekey(engine, sa, h, saP.get(), ni.get(), inner, out);
        } else if (sa.rekeying) {
            // we are rekeying the IKE SA (2.25.2): the peer tries again on the new one
            out.info(sa, "CREATE_CHILD_SA for a Child SA while we rekey the IKE SA: answering TEMPORARY_FAILURE");
            engine.sendResponse(out, sa, h, List.of(notify(NotifyType.TEMPORARY_FAILURE)));
        } else {
            respondChild(engine, sa, h, saP.get(), ni.get(), inner, out);
        }
    }

    private static void respondChild(Ikev2Engine engine, IkeSa sa, Ikev2Header h, SecurityAssociationPayload saP,
            NoncePayload ni, List<Payload> inner, Outbox out) {
        Optional<NotifyPayload> rekey = inner.stream().filter(p -> p instanceof NotifyPayload n
                && IkeSaInit.is(n, NotifyType.REKEY_SA)).map(NotifyPayload.class::cast).findFirst();
        ChildState old = null;
        Connection c = engine.commands.current(sa.connectionName());
        if (rekey.isPresent()) {
            byte[] s = rekey.get().spi().toByteArray();
            int spi = s.length == 4 ? (int) bytesToLong(s) : 0;
            old = sa.children.stream().filter(x -> x.sa.outboundSpi() == spi && !x.rekeyed).findFirst().orElse(null);
            if (old == null) {
                out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "peer rekeys an unknown Child SA "
                        + rekey.get().spi().hex() + ": answering CHILD_SA_NOT_FOUND");
                engine.sendResponse(out, sa, h, List.of(new NotifyPayload(PayloadFlags.NONE, ProtocolId.ESP,
                        rekey.get().spi(), NotifyType.CHILD_SA_NOT_FOUND, Bytes.EMPTY)));
                return;
            }
            if (old.state.equals("DELETING")) {
                // we are deleting it (2.25.1)
                engine.sendResponse(out, sa, h, List.of(notify(NotifyType.TEMPORARY_FAILURE)));
                return;
            }
            Connection oc = engine.commands.current(old.sa.connection());
            if (oc != null) {
                c = oc;
            }
        }
        if (c == null) {
            c = sa.connection;
        }
        List<TrafficSelectorPayload> ts = inner.stream().filter(TrafficSelectorPayload.class::isInstance)
                .map(TrafficSelectorPayload.class::cast).toList();
        Optional<KeyExchangePayload> ke = IkeAuth.first(inner, KeyExchangePayload.class);
        ChildSas.Choice choice;
        try {
            choice = ChildSas.choose(sa, c, saP.proposals(), IkeAuth.tsOf(ts, PayloadType.TSI),
                    IkeAuth.tsOf(ts, PayloadType.TSR), true);
        } catch (Ikev2Failure f) {
            // without KE in the peer's proposals while we want PFS (or the other way round) the
            // choice fails too: say which
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, f.getMessage());
            engine.sendResponse(out, sa, h, List.of(new NotifyPayload(f.answer(), Bytes.wrap(f.data()))));
            return;
        }
        Optional<DhGroup> group = choice.chosen().suite().group();
        if (group.isPresent() && (ke.isEmpty() || ke.get().method().code() != group.get().number())) {
            int g = group.get().number();
            out.info(sa, "CREATE_CHILD_SA: peer's KE is " + ke.map(k -> k.method().name()).orElse("missing") + ", we chose "
                    + group.get().ianaName() + ": answering INVALID_KE_PAYLOAD");
            engine.sendResponse(out, sa, h, List.of(new NotifyPayload(NotifyType.INVALID_KE_PAYLOAD,
                    Bytes.wrap(new byte[] {(byte) (g >>> 8), (byte) g}))));
            return;
        }
        if (group.isPresent()) {
            try {
                // checked before a key pair is drawn or a SPI allocated (RFC 6989 section 2)
                KeyExchange.checkPeerPublicValue(group.get(), ke.get().data().toByteArray());
            } catch (InvalidPublicValueException e) {
                out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "peer's KE in CREATE_CHILD_SA is invalid ("
                        + e.getMessage() + "): answering INVALID_SYNTAX");
                engine.sendResponse(out, sa, h, List.of(notify(NotifyType.INVALID_SYNTAX)));
                return;
            }
        }
        byte[] nr = engine.randomBytes(engine.options().nonceSize());
        int spi = engine.newChildSpi();
        KeyExchange ours = group.map(g -> engine.newKeyExchange(g)).orElse(null);
        Secret gir = null;
        try {
            if (ours != null) {
                gir = ours.sharedSecret(ke.get().data().toByteArray());
            }
            List<Payload> resp = new ArrayList<>();
            if (ChildSas.responderMode(c, inner) == IpsecMode.TRANSPORT) {
                resp.add(new NotifyPayload(NotifyType.USE_TRANSPORT_MODE, Bytes.EMPTY));
            }
            resp.add(new SecurityAssociationPayload(List.of(Ikev2Algorithms.answer(choice.chosen().number(), spi,
                    choice.chosen().suite()))));
            resp.add(new NoncePayload(Bytes.wrap(nr)));
            if (ours != null) {
                resp.add(new KeyExchangePayload(KeyExchangeMethod.of(ours.group().number()), Bytes.wrap(ours.publicValue())));
            }
            resp.add(new TrafficSelectorPayload(PayloadType.TSI, Selectors.toWire(choice.tsi())));
            resp.add(new TrafficSelectorPayload(PayloadType.TSR, Selectors.toWire(choice.tsr())));
            engine.sendResponse(out, sa, h, resp);
            int number = choice.chosen().number();
            int peerSpi = ChildSas.spi(saP.proposals().stream().filter(p -> p.number() == number).findFirst().orElseThrow());
            ChildState fresh = ChildSas.install(engine, sa, c, choice.chosen().suite(), ChildSas.responderMode(c, inner),
                    spi, peerSpi, choice.tsr(),
                    choice.tsi(), false, ni.nonce().toByteArray(), nr, gir, out);
            if (old != null) {
                // the peer deletes the old SA once its new one is in place; we keep it until then
                old.peerRekeyMinNonce = min(ni.nonce().toByteArray(), nr);
                if (!old.rekeying) {
                    old.rekeyed = true;
                    old.state = "REKEYED";
                }
                out.report(Event.Level.INFO, Event.Kind.CHILD_SA_REKEYED, sa, "CHILD_SA " + c.name() + "{" + old.serial
                        + "} rekeyed by the peer: {" + fresh.serial + "} " + fresh.sa.spis() + " replaces " + old.sa.spis()
                        + (old.rekeying ? " (our own rekey of it is in flight: a collision, 2.8.1)" : ""));
                out.add(new Action.Cancel(Ikev2Engine.childTimer("rekey", sa, old)));
            }
        } catch (InvalidPublicValueException e) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "peer's KE in CREATE_CHILD_SA is invalid: "
                    + e.getMessage());
            engine.sendResponse(out, sa, h, List.of(notify(NotifyType.INVALID_SYNTAX)));
        } finally {
            closeKe(ours);
            if (gir != null) {
                gir.destroy();
            }
        }
    }

    static byte[] min(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }

    static long bytesToLong(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }

    private static NotifyPayload notify(NotifyType t) {
        return new NotifyPayload(t, Bytes.EMPTY);
    }

    static void closeKe(KeyExchange ke) {
        if (ke != null) {
            ke.close();
        }
    }
}

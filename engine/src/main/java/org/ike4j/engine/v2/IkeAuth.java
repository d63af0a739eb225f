package org.ike4j.engine.v2;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.Connection;
import org.ike4j.config.Identity;
import org.ike4j.config.IpsecMode;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.kdf.Ikev2Auth;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.AuthMethod;
import org.ike4j.wire.v2.AuthenticationPayload;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.IdentificationPayload;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.NotifyType;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.PayloadType;
import org.ike4j.wire.v2.SecurityAssociationPayload;
import org.ike4j.wire.v2.TrafficSelectorPayload;

/**
 * The IKE_AUTH exchange with pre-shared keys and the first Child SA (RFC 7296 sections 1.2, 2.15).
 *
 * <pre>
 * HDR, SK {IDi, [N(INITIAL_CONTACT)], [IDr,] AUTH, SAi2, TSi, TSr}  --&gt;
 *                                   &lt;--  HDR, SK {IDr, AUTH, SAr2, TSi, TSr}
 * </pre>
 *
 * AUTH = prf(prf(PSK, "Key Pad for IKEv2"), RealMessage | Nonce | prf(SK_p, RestOfIDPayload)).
 * A failed Child SA does not fail the IKE SA (1.2): the response then carries the error notify in
 * place of SA, TSi and TSr.
 */
final class IkeAuth {
    private IkeAuth() {
    }

    static void initiate(Ikev2Engine engine, IkeSa sa, Outbox out) {
        Connection c = sa.connection;
        sa.state = IkeSa.State.AUTH_SENT;
        IdentificationPayload idi = Identities.payload(PayloadType.IDI, c.local().identity(), sa.local.getAddress());
        sa.localIdentity = Identities.identity(idi);
        sa.localIdText = Identities.text(idi);
        Identity remoteForKey = c.remote().identity() instanceof Identity.Any
                ? new Identity.IpAddress(sa.remote.getAddress()) : c.remote().identity();
        Optional<Secret> psk = engine.configuration().secrets().psk(c.name(), sa.localIdentity, remoteForKey);
        if (psk.isEmpty()) {
            out.report(Event.Level.ERROR, Event.Kind.NEGOTIATION_FAILED, sa, "no pre-shared key for " + sa.localIdText
                    + " - " + remoteForKey + " (connection " + c.name() + ")");
            engine.removeSa(out, sa);
            return;
        }
        byte[] octets = Ikev2Auth.signedOctets(sa.prf, sa.initRequest, sa.nr, sa.keys.skPi(), Identities.restOfPayload(idi));
        byte[] auth = Ikev2Auth.sharedKeyAuth(sa.prf, psk.get(), octets);
        out.trace(sa, sa.nextRequestId, Outbox.Direction.OUT, () -> "AUTH computed (pre-shared key MIC, RFC 7296 2.15): "
                + Bytes.wrap(auth).hex());
        List<Payload> p = new ArrayList<>();
        p.add(idi);
        if (engine.firstContact(sa)) {
            p.add(new NotifyPayload(NotifyType.INITIAL_CONTACT, Bytes.EMPTY));
        }
        if (!(c.remote().identity() instanceof Identity.Any)) {
            p.add(Identities.payload(PayloadType.IDR, c.remote().identity(), sa.remote.getAddress()));
        }
        p.add(new AuthenticationPayload(AuthMethod.SHARED_KEY_MIC, Bytes.wrap(auth)));
        if (c.mode() == IpsecMode.TRANSPORT) {
            p.add(new NotifyPayload(NotifyType.USE_TRANSPORT_MODE, Bytes.EMPTY));
        }
        int spi = engine.newChildSpi();
        p.addAll(ChildSas.request(sa, c, spi, false));
        engine.sendRequest(out, sa, new Request.Auth(c, spi), ExchangeType.IKE_AUTH, p);
    }

    static void processResponse(Ikev2Engine engine, IkeSa sa, Request.Auth r, List<Payload> inner, Outbox out) {
        Connection c = sa.connection;
        List<NotifyPayload> notifies = inner.stream().filter(NotifyPayload.class::isInstance)
                .map(NotifyPayload.class::cast).toList();
        Optional<IdentificationPayload> idr = first(inner, IdentificationPayload.class);
        Optional<AuthenticationPayload> authP = first(inner, AuthenticationPayload.class);
        if (idr.isEmpty() || authP.isEmpty()) {
            String err = notifies.stream().filter(n -> n.notifyType().code() < 16384).map(n -> n.notifyType().name())
                    .findFirst().orElse("no IDr or AUTH");
            fail(engine, sa, out, "IKE_AUTH refused by the peer: " + err
                    + (err.equals("AUTHENTICATION_FAILED") ? " (probable pre-shared key or identity mismatch)" : ""));
            return;
        }
        Identity peer = Identities.identity(idr.get());
        sa.remoteIdentity = peer;
        sa.remoteIdText = Identities.text(idr.get());
        if (peer == null || c.remote().identity().matchScore(peer) == 0) {
            fail(engine, sa, out, "peer identified as " + sa.remoteIdText + ", expected " + c.remote().identity());
            return;
        }
        Optional<Secret> psk = engine.configuration().secrets().psk(c.name(), sa.localIdentity, peer);
        if (psk.isEmpty() || authP.get().method().code() != AuthMethod.SHARED_KEY_MIC.code()) {
            fail(engine, sa, out, psk.isEmpty() ? "no pre-shared key for " + sa.localIdText + " - " + sa.remoteIdText
                    : "peer authenticates with " + authP.get().method().name() + ", we only know pre-shared keys");
            return;
        }
        byte[] octets = Ikev2Auth.signedOctets(sa.prf, sa.initResponse, sa.ni, sa.keys.skPr(),
                Identities.restOfPayload(idr.get()));
        byte[] expected = Ikev2Auth.sharedKeyAuth(sa.prf, psk.get(), octets);
        if (!MessageDigest.isEqual(expected, authP.get().data().toByteArray())) {
            fail(engine, sa, out, "AUTHENTICATION_FAILED: the peer's AUTH payload does not verify with our pre-shared "
                    + "key for " + sa.remoteIdText + " (probable pre-shared key mismatch)");
            return;
        }
        out.trace(sa, 1, Outbox.Direction.IN, () -> "AUTH checked: the responder's AUTH matches " + Bytes.wrap(expected).hex());
        established(engine, sa, out);
        try {
            firstChild(engine, sa, r, inner, notifies, out);
        } finally {
            if (sa.replaces != null && engine.sas().contains(sa.replaces)) {
                Informational.deleteIke(engine, sa.replaces, "reauthenticated by IKE SA [" + sa.serial + "]", out);
            }
            sa.replaces = null;
        }
    }

    private static void firstChild(Ikev2Engine engine, IkeSa sa, Request.Auth r, List<Payload> inner,
            List<NotifyPayload> notifies, Outbox out) {
        Connection c = sa.connection;
        Optional<SecurityAssociationPayload> saP = first(inner, SecurityAssociationPayload.class);
        List<TrafficSelectorPayload> ts = inner.stream().filter(TrafficSelectorPayload.class::isInstance)
                .map(TrafficSelectorPayload.class::cast).toList();
        Optional<NotifyPayload> err = notifies.stream().filter(n -> n.notifyType().code() < 16384).findFirst();
        if (err.isPresent() || saP.isEmpty() || ts.size() != 2) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "IKE SA up, but the peer refused the "
                    + "CHILD_SA " + c.name() + ": " + err.map(n -> n.notifyType().name()).orElse("no SA, TSi, TSr")
                    + (err.isPresent() && IkeSaInit.is(err.get(), NotifyType.TS_UNACCEPTABLE) ? " (we proposed "
                            + Selectors.show(ChildSas.localTs(sa, c)) + " === " + Selectors.show(ChildSas.remoteTs(sa, c))
                            + ")" : ""));
            return;
        }
        completeChild(engine, sa, c, r.spi(), saP.get(), ts, sa.ni, sa.nr, null, false,
                ChildSas.initiatorMode(sa, c, inner, out), out);
    }

    /**
     * The initiator's side of a Child SA answer (IKE_AUTH or CREATE_CHILD_SA): the one proposal
     * must be one we offered, the selectors within ours.
     */
    static ChildState completeChild(Ikev2Engine engine, IkeSa sa, Connection c, int ourSpi, SecurityAssociationPayload saP,
            List<TrafficSelectorPayload> ts, byte[] ni, byte[] nr, Secret gir, boolean withKe,
            IpsecMode mode, Outbox out) {
        var chosen = saP.proposals().size() == 1
                ? Ikev2Algorithms.selectChild(ChildSas.offer(c), saP.proposals(), withKe) : Optional.<Ikev2Algorithms.Chosen<Ikev2Algorithms.ChildSuite>>empty();
        TrafficSelectorPayload tsi = ts.stream().filter(t -> t.type().code() == PayloadType.TSI.code()).findFirst().orElse(null);
        TrafficSelectorPayload tsr = ts.stream().filter(t -> t.type().code() == PayloadType.TSR.code()).findFirst().orElse(null);
        List<TrafficSelector> local = tsi == null ? List.of() : Selectors.fromWire(tsi.selectors());
        List<TrafficSelector> remote = tsr == null ? List.of() : Selectors.fromWire(tsr.selectors());
        if (chosen.isEmpty() || local.isEmpty() || remote.isEmpty() || !Selectors.within(local, ChildSas.localTs(sa, c))
                || !Selectors.within(remote, ChildSas.remoteTs(sa, c))) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "peer's answer for CHILD_SA " + c.name()
                    + " is not what we proposed: " + IkeSaInit.describe(saP.proposals()) + " TSi " + Selectors.show(local)
                    + " TSr " + Selectors.show(remote) + "; deleting it");
            if (!saP.proposals().isEmpty() && saP.proposals().get(0).spi().length() == 4) {
                Informational.deleteSpis(engine, sa, List.of(ourSpi), out);
            }
            return null;
        }
        int peerSpi = ChildSas.spi(saP.proposals().get(0));
        return ChildSas.install(engine, sa, c, chosen.get().suite(), mode, ourSpi, peerSpi, local, remote, true, ni, nr,
                gir, out);
    }

    static void respond(Ikev2Engine engine, IkeSa sa, Ikev2Header h, List<Payload> inner, Outbox out) {
        if (sa.state != IkeSa.State.INIT_ANSWERED) {
            out.debug(sa, "IKE_AUTH request in state " + sa.state + "; ignored");
            engine.sendResponse(out, sa, h, List.of(new NotifyPayload(NotifyType.INVALID_SYNTAX, Bytes.EMPTY)));
            return;
        }
        Connection c = sa.connection;
        Optional<IdentificationPayload> idi = inner.stream().filter(p -> p instanceof IdentificationPayload i && i.isInitiator())
                .map(IdentificationPayload.class::cast).findFirst();
        Optional<AuthenticationPayload> authP = first(inner, AuthenticationPayload.class);
        if (idi.isEmpty() || authP.isEmpty()) {
            refuse(engine, sa, h, out, "IKE_AUTH request without IDi or AUTH (EAP is not supported)");
            return;
        }
        Identity peer = Identities.identity(idi.get());
        sa.remoteIdentity = peer;
        sa.remoteIdText = Identities.text(idi.get());
        Connection better = peer == null ? null : byIdentity(engine, sa, peer);
        if (better != null && better != c) {
            out.debug(sa, "IDi " + sa.remoteIdText + " selects connection " + better.name() + " instead of " + c.name());
            sa.connection = better;
            c = better;
        }
        if (peer == null || c.remote().identity().matchScore(peer) == 0) {
            refuse(engine, sa, h, out, "peer identified as " + sa.remoteIdText + ", connection " + c.name() + " expects "
                    + c.remote().identity());
            return;
        }
        IdentificationPayload idr = Identities.payload(PayloadType.IDR, c.local().identity(), sa.local.getAddress());
        sa.localIdentity = Identities.identity(idr);
        sa.localIdText = Identities.text(idr);
        Optional<Secret> psk = engine.configuration().secrets().psk(c.name(), sa.localIdentity, peer);
        if (psk.isEmpty()) {
            refuse(engine, sa, h, out, "no pre-shared key for " + sa.localIdText + " - " + sa.remoteIdText);
            return;
        }
        if (authP.get().method().code() != AuthMethod.SHARED_KEY_MIC.code()) {
            refuse(engine, sa, h, out, "peer authenticates with " + authP.get().method().name()
                    + ", connection " + c.name() + " uses pre-shared keys");
            return;
        }
        byte[] octets = Ikev2Auth.signedOctets(sa.prf, sa.initRequest, sa.nr, sa.keys.skPi(),
                Identities.restOfPayload(idi.get()));
        byte[] expected = Ikev2Auth.sharedKeyAuth(sa.prf, psk.get(), octets);
        if (!MessageDigest.isEqual(expected, authP.get().data().toByteArray())) {
            refuse(engine, sa, h, out, "AUTHENTICATION_FAILED: the AUTH payload of " + sa.remoteIdText
                    + " does not verify with our pre-shared key (probable pre-shared key mismatch)");
            return;
        }
        out.trace(sa, h.messageId(), Outbox.Direction.IN, () -> "AUTH checked: the initiator's AUTH matches "
                + Bytes.wrap(expected).hex());
        if (inner.stream().anyMatch(p -> p instanceof NotifyPayload n && IkeSaInit.is(n, NotifyType.INITIAL_CONTACT))) {
            Informational.initialContact(engine, sa, out);
        }
        established(engine, sa, out);
        byte[] rOctets = Ikev2Auth.signedOctets(sa.prf, sa.initResponse, sa.ni, sa.keys.skPr(), Identities.restOfPayload(idr));
        List<Payload> resp = new ArrayList<>();
        resp.add(idr);
        byte[] rAuth = Ikev2Auth.sharedKeyAuth(sa.prf, psk.get(), rOctets);
        out.trace(sa, h.messageId(), Outbox.Direction.OUT, () -> "AUTH computed (pre-shared key MIC, RFC 7296 2.15): "
                + Bytes.wrap(rAuth).hex());
        resp.add(new AuthenticationPayload(AuthMethod.SHARED_KEY_MIC, Bytes.wrap(rAuth)));
        Optional<SecurityAssociationPayload> saP = first(inner, SecurityAssociationPayload.class);
        List<TrafficSelectorPayload> ts = inner.stream().filter(TrafficSelectorPayload.class::isInstance)
                .map(TrafficSelectorPayload.class::cast).toList();
        ChildSas.Choice choice = null;
        if (saP.isPresent() && ts.size() == 2) {
            try {
                choice = ChildSas.choose(sa, c, saP.get().proposals(), tsOf(ts, PayloadType.TSI), tsOf(ts, PayloadType.TSR),
                        false);
            } catch (Ikev2Failure f) {
                out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, f.getMessage());
                resp.add(new NotifyPayload(f.answer(), Bytes.wrap(f.data())));
            }
        }
        int spi = 0;
        if (choice != null) {
            spi = engine.newChildSpi();
            if (ChildSas.responderMode(c, inner) == IpsecMode.TRANSPORT) {
                resp.add(new NotifyPayload(NotifyType.USE_TRANSPORT_MODE, Bytes.EMPTY));
            }
            resp.add(new SecurityAssociationPayload(List.of(Ikev2Algorithms.answer(choice.chosen().number(), spi,
                    choice.chosen().suite()))));
            resp.add(new TrafficSelectorPayload(PayloadType.TSI, Selectors.toWire(choice.tsi())));
            resp.add(new TrafficSelectorPayload(PayloadType.TSR, Selectors.toWire(choice.tsr())));
        }
        engine.sendResponse(out, sa, h, resp);
        if (choice != null) {
            int number = choice.chosen().number();
            ChildSas.install(engine, sa, c, choice.chosen().suite(), ChildSas.responderMode(c, inner), spi, ChildSas.spi(saP.get().proposals().stream()
                    .filter(p -> p.number() == number).findFirst().orElseThrow()), choice.tsr(), choice.tsi(),
                    false, sa.ni, sa.nr, null, out);
        }
    }

    /**
     * The connection for these addresses whose remote identity fits the peer's IDi best (an exact
     * identity over %any) and that accepts the IKE suite already agreed; null if none.
     */
    private static Connection byIdentity(Ikev2Engine engine, IkeSa sa, Identity peer) {
        Connection best = null;
        int bestScore = 0;
        for (Connection cand : engine.candidates(sa.local.getAddress(), sa.remote.getAddress())) {
            int score = cand.remote().identity().matchScore(peer);
            boolean suiteOk = IkeSaInit.offer(cand).stream().anyMatch(p -> p.encryption().contains(sa.suite.encryption())
                    && p.prf().contains(sa.suite.prf()) && p.dhGroups().contains(sa.suite.group())
                    && sa.suite.integrity().map(i -> p.integrity().contains(i)).orElse(true));
            if (suiteOk && score > bestScore || cand == sa.connection && score > 0 && score == bestScore) {
                best = cand;
                bestScore = score;
            }
        }
        return best;
    }

    static List<org.ike4j.wire.v2.TrafficSelector> tsOf(List<TrafficSelectorPayload> ts, PayloadType type) {
        return ts.stream().filter(t -> t.type().code() == type.code()).findFirst().map(TrafficSelectorPayload::selectors)
                .orElse(List.of());
    }

    /** The IKE SA is authenticated: timers for its lifetime and liveness checks. */
    static void established(Ikev2Engine engine, IkeSa sa, Outbox out) {
        established(engine, sa, out, Event.Kind.IKE_SA_ESTABLISHED, "IKE_SA " + sa.connectionName() + "[" + sa.serial
                + "] established between " + sa.local.getAddress().getHostAddress() + "[" + sa.localIdText + "]..."
                + sa.remote.getAddress().getHostAddress() + "[" + sa.remoteIdText + "], " + sa.suite);
    }

    static void established(Ikev2Engine engine, IkeSa sa, Outbox out, Event.Kind kind, String line) {
        Connection c = sa.connection;
        sa.state = IkeSa.State.ESTABLISHED;
        sa.established = true;
        sa.establishedAt = engine.now();
        out.add(new Action.Cancel(Ikev2Engine.timer("half-open", sa)));
        long life = c.lifetimes().ike().toMillis();
        // rekey=no renews nothing (ipsec.conf(5)); reauth picks between a rekey and a reauthentication
        long soft = c.rekey() ? engine.rekeyTime(life, c.lifetimes().rekeyMargin().toMillis(),
                c.lifetimes().rekeyFuzzPercent()) : 0;
        sa.rekeyAt = soft > 0 ? sa.establishedAt + soft : 0;
        sa.expiresAt = life > 0 ? sa.establishedAt + life : 0;
        if (sa.rekeyAt > 0) {
            out.add(new Action.Schedule(Ikev2Engine.timer("ike-rekey", sa), sa.rekeyAt));
        }
        if (sa.expiresAt > 0) {
            out.add(new Action.Schedule(Ikev2Engine.timer("ike-expire", sa), sa.expiresAt));
        }
        if (c.dpd().enabled()) {
            out.add(new Action.Schedule(Ikev2Engine.timer("dpd", sa), engine.now() + c.dpd().delay().toMillis()));
        }
        out.report(Event.Level.INFO, kind, sa, line);
    }

    /** Refuses IKE_AUTH with AUTHENTICATION_FAILED and forgets the SA (2.21.2). */
    private static void refuse(Ikev2Engine engine, IkeSa sa, Ikev2Header h, Outbox out, String why) {
        out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, why);
        engine.sendResponse(out, sa, h, List.of(new NotifyPayload(NotifyType.AUTHENTICATION_FAILED, Bytes.EMPTY)));
        engine.removeSa(out, sa);
    }

    private static void fail(Ikev2Engine engine, IkeSa sa, Outbox out, String why) {
        out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, why);
        engine.removeSa(out, sa);
    }

    static <T extends Payload> Optional<T> first(List<Payload> inner, Class<T> type) {
        return inner.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}

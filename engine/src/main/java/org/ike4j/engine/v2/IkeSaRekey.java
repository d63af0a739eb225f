package org.ike4j.engine.v2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.Connection;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.kdf.Ikev2SaKeys;
import org.ike4j.crypto.kdf.Ikev2Skeyseed;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.engine.v2.protection.Ikev2Protection;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.KeyExchangeMethod;
import org.ike4j.wire.v2.KeyExchangePayload;
import org.ike4j.wire.v2.NoncePayload;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.NotifyType;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.Proposal;
import org.ike4j.wire.v2.SecurityAssociationPayload;

/**
 * Renewing an IKE SA (RFC 7296 sections 1.3.2, 2.8, 2.18), both roles: a CREATE_CHILD_SA with an
 * IKE proposal carrying the new SPI, a nonce and a KE; SKEYSEED = prf(SK_d (old), g^ir (new) | Ni |
 * Nr); the Child SAs move to the new IKE SA and the initiator deletes the old one. When both ends
 * rekey at once (2.8.2), the new SA of the exchange with the lowest nonce is deleted by its maker.
 * With ipsec.conf's reauth=yes the IKE SA is reauthenticated instead: a new IKE_SA_INIT and
 * IKE_AUTH, the old SA deleted once the new one is up.
 *
 * <pre>
 * HDR, SK {SA, Ni, KEi}  --&gt;
 *                  &lt;--  HDR, SK {SA, Nr, KEr}
 * </pre>
 */
final class IkeSaRekey {
    private IkeSaRekey() {
    }

    /** Renews the IKE SA (1.3.2): new SPIs, a new key exchange, the Child SAs move to the new SA. */
    static void rekeyIke(Ikev2Engine engine, IkeSa sa, Outbox out) {
        Connection c = engine.commands.current(sa.connectionName());
        if (c == null) {
            c = sa.connection;
        }
        if (c.reauth()) {
            // ipsec.conf's reauth=yes (its default): a new IKE SA from scratch, IKE_SA_INIT and
            // IKE_AUTH with the Child SA; the old SA and its Child SAs go once the new one is up
            out.info(sa, "reauthenticating IKE_SA " + c.name() + "[" + sa.serial + "]");
            sa.rekeying = true;
            IkeSa next = engine.commands.initiate(c, out, c.keyingTries() <= 0 ? Integer.MAX_VALUE : c.keyingTries() - 1);
            if (next != null) {
                next.replaces = sa;
            }
            return;
        }
        long spi = engine.newIkeSpi();
        byte[] ni = engine.randomBytes(engine.options().nonceSize());
        KeyExchange ke = engine.newKeyExchange(sa.suite.group());
        sa.rekeying = true;
        out.info(sa, "rekeying IKE_SA " + c.name() + "[" + sa.serial + "]");
        List<Payload> p = List.of(
                new SecurityAssociationPayload(Ikev2Algorithms.ikeProposals(ikeOffer(sa, c), Bytes.wrap(Ikev2Algorithms.spiBytes(spi)))),
                new NoncePayload(Bytes.wrap(ni)),
                new KeyExchangePayload(KeyExchangeMethod.of(sa.suite.group().number()), Bytes.wrap(ke.publicValue())));
        engine.sendRequest(out, sa, new Request.RekeyIke(spi, ni, ke), ExchangeType.CREATE_CHILD_SA, p);
    }

    /** Our IKE offer when rekeying: the current group first, so that our KE payload is of it. */
    private static List<org.ike4j.config.IkeProposal> ikeOffer(IkeSa sa, Connection c) {
        List<org.ike4j.config.IkeProposal> offer = new ArrayList<>(IkeSaInit.offer(c));
        DhGroup g = sa.suite.group();
        List<org.ike4j.config.IkeProposal> out = new ArrayList<>();
        for (var p : offer) {
            if (p.dhGroups().contains(g)) {
                List<DhGroup> groups = new ArrayList<>(p.dhGroups());
                groups.remove(g);
                groups.add(0, g);
                out.add(0, new org.ike4j.config.IkeProposal(p.encryption(), p.integrity(), p.prf(), groups));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    static void processIkeResponse(Ikev2Engine engine, IkeSa sa, Request.RekeyIke r, List<Payload> inner, Outbox out) {
        sa.rekeying = false;
        Optional<NotifyPayload> err = inner.stream().filter(p -> p instanceof NotifyPayload n && n.notifyType().code() < 16384)
                .map(NotifyPayload.class::cast).findFirst();
        Optional<SecurityAssociationPayload> saP = IkeAuth.first(inner, SecurityAssociationPayload.class);
        Optional<NoncePayload> nr = IkeAuth.first(inner, NoncePayload.class);
        Optional<KeyExchangePayload> ke = IkeAuth.first(inner, KeyExchangePayload.class);
        if (err.isPresent() || saP.isEmpty() || nr.isEmpty() || ke.isEmpty() || saP.get().proposals().size() != 1
                || saP.get().proposals().get(0).spi().length() != 8) {
            CreateChildSa.closeKe(r.ke());
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "peer refused the IKE SA rekey: "
                    + err.map(n -> n.notifyType().name()).orElse("no SA, Nonce or KE"));
            if (err.isPresent() && IkeSaInit.is(err.get(), NotifyType.TEMPORARY_FAILURE) && sa.peerRekeyed == null) {
                sa.rekeyAt = engine.now() + 5_000 + engine.random().nextInt(5_000);
                out.add(new Action.Schedule(Ikev2Engine.timer("ike-rekey", sa), sa.rekeyAt));
            }
            if (sa.peerRekeyed != null) {
                // a collision whose other exchange succeeded: that new SA carries on
                finishPeerRekey(engine, sa, out);
            }
            return;
        }
        Proposal p = saP.get().proposals().get(0);
        var chosen = Ikev2Algorithms.selectIke(IkeSaInit.offer(sa.connection), List.of(p));
        if (chosen.isEmpty() || chosen.get().suite().group() != r.ke().group()
                || ke.get().method().code() != r.ke().group().number()) {
            CreateChildSa.closeKe(r.ke());
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "peer's IKE SA rekey answer is not what"
                    + " we offered: " + IkeSaInit.describe(List.of(p)));
            return;
        }
        byte[] nonceR = nr.get().nonce().toByteArray();
        IkeSa fresh;
        try (Secret gir = r.ke().sharedSecret(ke.get().data().toByteArray())) {
            fresh = newIkeSa(engine, sa, true, r.newSpi(), CreateChildSa.bytesToLong(p.spi().toByteArray()), chosen.get().suite(),
                    r.ni(), nonceR, gir, out);
        } catch (InvalidPublicValueException e) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "peer's KE in the IKE SA rekey is invalid: "
                    + e.getMessage());
            return;
        } finally {
            CreateChildSa.closeKe(r.ke());
        }
        IkeSa keep = fresh;
        if (sa.peerRekeyed != null) {
            byte[] ours = CreateChildSa.min(r.ni(), nonceR);
            boolean oursRedundant = Arrays.compareUnsigned(ours, sa.peerRekeyMinNonce) < 0;
            out.info(sa, "IKE SA rekey collision (2.8.2): " + (oursRedundant ? "our new IKE SA has the lowest nonce and "
                    + "is deleted" : "the peer's new IKE SA has the lowest nonce; it deletes it"));
            if (oursRedundant) {
                keep = sa.peerRekeyed;
                established(engine, fresh, sa, out);
                Informational.deleteIke(engine, fresh, "redundant after a rekey collision", out);
            } else {
                established(engine, fresh, sa, out);
            }
        } else {
            established(engine, fresh, sa, out);
        }
        moveChildren(engine, sa, keep, out);
        sa.successor = keep;
        sa.state = IkeSa.State.REKEYED;
        out.report(Event.Level.INFO, Event.Kind.IKE_SA_REKEYED, sa, "IKE_SA " + sa.connectionName() + "[" + sa.serial
                + "] rekeyed: [" + keep.serial + "] " + String.format("%016x_i %016x_r", keep.spiI, keep.spiR));
        Informational.deleteIke(engine, sa, "rekeyed", out);
    }

    // ---- responder

    static void respondIkeRekey(Ikev2Engine engine, IkeSa sa, Ikev2Header h, SecurityAssociationPayload saP,
            NoncePayload ni, List<Payload> inner, Outbox out) {
        IkeSa.Outstanding mine = sa.outstanding;
        if (mine != null && (mine.request() instanceof Request.CreateChild || mine.request() instanceof Request.DeleteChildren)) {
            // a Child SA of ours is being made, rekeyed or deleted (2.25.2): the peer tries again later
            out.info(sa, "IKE SA rekey while our " + mine.request().getClass().getSimpleName()
                    + " is in flight: answering TEMPORARY_FAILURE");
            engine.sendResponse(out, sa, h, List.of(notify(NotifyType.TEMPORARY_FAILURE)));
            return;
        }
        Optional<KeyExchangePayload> ke = IkeAuth.first(inner, KeyExchangePayload.class);
        List<Proposal> proposals = saP.proposals().stream().filter(p -> p.spi().length() == 8).toList();
        var chosen = Ikev2Algorithms.selectIke(IkeSaInit.offer(sa.connection), proposals);
        if (chosen.isEmpty()) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "NO_PROPOSAL_CHOSEN for the IKE SA rekey: "
                    + "peer offered " + IkeSaInit.describe(saP.proposals()) + ", we accept " + IkeSaInit.offer(sa.connection));
            engine.sendResponse(out, sa, h, List.of(notify(NotifyType.NO_PROPOSAL_CHOSEN)));
            return;
        }
        DhGroup g = chosen.get().suite().group();
        if (ke.isEmpty() || ke.get().method().code() != g.number()) {
            engine.sendResponse(out, sa, h, List.of(new NotifyPayload(NotifyType.INVALID_KE_PAYLOAD,
                    Bytes.wrap(new byte[] {(byte) (g.number() >>> 8), (byte) g.number()}))));
            return;
        }
        try {
            // checked before a key pair is drawn or a SPI allocated (RFC 6989 section 2)
            KeyExchange.checkPeerPublicValue(g, ke.get().data().toByteArray());
        } catch (InvalidPublicValueException e) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "peer's KE in the IKE SA rekey is invalid ("
                    + e.getMessage() + "): answering INVALID_SYNTAX");
            engine.sendResponse(out, sa, h, List.of(notify(NotifyType.INVALID_SYNTAX)));
            return;
        }
        byte[] nr = engine.randomBytes(engine.options().nonceSize());
        long spi = engine.newIkeSpi();
        byte[] nonceI = ni.nonce().toByteArray();
        IkeSa fresh;
        try (KeyExchange ours = engine.newKeyExchange(g)) {
            byte[] pub = ours.publicValue();
            try (Secret gir = ours.sharedSecret(ke.get().data().toByteArray())) {
                fresh = newIkeSa(engine, sa, false, CreateChildSa.bytesToLong(chosen.get().spi().toByteArray()), spi,
                        chosen.get().suite(), nonceI, nr, gir, out);
            }
            engine.sendResponse(out, sa, h, List.of(
                    new SecurityAssociationPayload(List.of(Ikev2Algorithms.answer(chosen.get().number(),
                            Bytes.wrap(Ikev2Algorithms.spiBytes(spi)), chosen.get().suite()))),
                    new NoncePayload(Bytes.wrap(nr)),
                    new KeyExchangePayload(KeyExchangeMethod.of(g.number()), Bytes.wrap(pub))));
        } catch (InvalidPublicValueException e) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, "peer's KE in the IKE SA rekey is invalid: "
                    + e.getMessage());
            engine.sendResponse(out, sa, h, List.of(notify(NotifyType.INVALID_SYNTAX)));
            return;
        }
        established(engine, fresh, sa, out);
        sa.peerRekeyed = fresh;
        sa.peerRekeyMinNonce = CreateChildSa.min(nonceI, nr);
        if (sa.rekeying) {
            out.info(sa, "the peer rekeys the IKE SA while we do too (2.8.2): the nonces decide when ours is answered");
            return;
        }
        finishPeerRekey(engine, sa, out);
    }

    /** The peer's rekey of the IKE SA stands: the Child SAs move, the peer deletes the old SA. */
    private static void finishPeerRekey(Ikev2Engine engine, IkeSa sa, Outbox out) {
        IkeSa fresh = sa.peerRekeyed;
        moveChildren(engine, sa, fresh, out);
        sa.successor = fresh;
        sa.state = IkeSa.State.REKEYED;
        for (String t : List.of("ike-rekey", "ike-expire", "dpd")) {
            out.add(new Action.Cancel(Ikev2Engine.timer(t, sa)));
        }
        out.report(Event.Level.INFO, Event.Kind.IKE_SA_REKEYED, sa, "IKE_SA " + sa.connectionName() + "[" + sa.serial
                + "] rekeyed by the peer: [" + fresh.serial + "] " + String.format("%016x_i %016x_r", fresh.spiI, fresh.spiR));
    }

    /** The new IKE SA of a rekey: SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr) (2.18), counters at 0. */
    private static IkeSa newIkeSa(Ikev2Engine engine, IkeSa old, boolean weInitiated, long spiI, long spiR,
            Ikev2Algorithms.IkeSuite suite, byte[] ni, byte[] nr, Secret gir, Outbox out) {
        IkeSa n = new IkeSa(engine.nextSerial(), weInitiated, spiI, spiR, old.local, old.remote);
        n.connection = old.connection;
        n.natT = old.natT;
        n.natLocal = old.natLocal;
        n.natRemote = old.natRemote;
        n.peerFragmentation = old.peerFragmentation;
        n.localIdentity = old.localIdentity;
        n.remoteIdentity = old.remoteIdentity;
        n.localIdText = old.localIdText;
        n.remoteIdText = old.remoteIdText;
        n.suite = suite;
        n.ni = ni;
        n.nr = nr;
        n.createdAt = engine.now();
        Prf oldPrf = old.prf;
        n.prf = engine.crypto().prf(suite.prf());
        try (Secret skeyseed = Ikev2Skeyseed.rekey(oldPrf, old.keys.skD(), gir, ni, nr)) {
            KeyLog.skeyseed(engine, n, gir, skeyseed, out);
            n.keys = Ikev2SaKeys.derive(n.prf, skeyseed, ni, nr, Ikev2Algorithms.spiBytes(spiI),
                    Ikev2Algorithms.spiBytes(spiR), suite.keySizes());
        }
        n.protection = Ikev2Protection.of(engine.crypto(), suite.skSuite(), n.keys, weInitiated, engine.random());
        n.nextRequestId = 0;
        n.expectedRequestId = 0;
        engine.sas().add(n);
        return n;
    }

    private static void established(Ikev2Engine engine, IkeSa n, IkeSa old, Outbox out) {
        n.lastHeardAt = engine.now();
        KeyLog.ike(engine, n, out);
        IkeAuth.established(engine, n, out, Event.Kind.IKE_SA_REKEYED, "IKE_SA " + n.connectionName() + "[" + n.serial
                + "] established by rekeying [" + old.serial + "], " + n.suite);
    }

    /** Moves the Child SAs (and their timers) to the SA that replaces their IKE SA. */
    static void moveChildren(Ikev2Engine engine, IkeSa from, IkeSa to, Outbox out) {
        for (ChildState c : List.copyOf(from.children)) {
            from.children.remove(c);
            out.add(new Action.Cancel(Ikev2Engine.childTimer("rekey", from, c)));
            out.add(new Action.Cancel(Ikev2Engine.childTimer("expire", from, c)));
            to.children.add(c);
            if (c.rekeyAt > 0 && !c.rekeyed) {
                out.add(new Action.Schedule(Ikev2Engine.childTimer("rekey", to, c), c.rekeyAt));
            }
            if (c.expiresAt > 0) {
                out.add(new Action.Schedule(Ikev2Engine.childTimer("expire", to, c), c.expiresAt));
            }
        }
    }

    private static NotifyPayload notify(NotifyType t) {
        return new NotifyPayload(t, Bytes.EMPTY);
    }
}

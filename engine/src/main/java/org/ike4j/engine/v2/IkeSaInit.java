package org.ike4j.engine.v2;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.Connection;
import org.ike4j.config.IkeProposal;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.kdf.Ikev2SaKeys;
import org.ike4j.crypto.kdf.Ikev2Skeyseed;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.v2.protection.Ikev2Protection;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.KeyExchangeMethod;
import org.ike4j.wire.v2.KeyExchangePayload;
import org.ike4j.wire.v2.NoncePayload;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.NotifyType;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.Proposal;
import org.ike4j.wire.v2.SecurityAssociationPayload;

/**
 * The IKE_SA_INIT exchange (RFC 7296 section 1.2): SA, KE, nonces, NAT detection (2.23) and
 * IKEV2_FRAGMENTATION_SUPPORTED (RFC 7383 2.3), both roles; the responder's COOKIE challenge (2.6)
 * and INVALID_KE_PAYLOAD (1.2), answered statelessly, and the initiator's retries after them.
 *
 * <pre>
 * HDR, SAi1, KEi, Ni, N(NAT_DETECTION_SOURCE_IP), N(NAT_DETECTION_DESTINATION_IP),
 *      N(IKEV2_FRAGMENTATION_SUPPORTED)  --&gt;
 *                 &lt;--  HDR, SAr1, KEr, Nr, N(NAT_DETECTION_*), N(IKEV2_FRAGMENTATION_SUPPORTED)
 * </pre>
 */
final class IkeSaInit {
    private IkeSaInit() {
    }

    static List<IkeProposal> offer(Connection c) {
        return c.ikeProposals().isEmpty() ? Ikev2Algorithms.defaultIke() : c.ikeProposals();
    }

    // ---- initiator

    /** Starts an IKE SA for a connection: sends the IKE_SA_INIT request. */
    static IkeSa initiate(Ikev2Engine engine, Connection c, InetSocketAddress local, InetSocketAddress remote,
            Outbox out, int triesLeft) {
        IkeSa sa = new IkeSa(engine.nextSerial(), true, engine.newIkeSpi(), 0, local, remote);
        sa.connection = c;
        sa.createdAt = engine.now();
        sa.keyingTriesLeft = triesLeft;
        sa.state = IkeSa.State.INIT_SENT;
        sa.ni = engine.randomBytes(engine.options().nonceSize());
        DhGroup g = offer(c).get(0).dhGroups().get(0);
        sa.keyExchange = keyPair(engine, g, c.name(), "to initiate to " + remote.getAddress().getHostAddress(), out);
        if (sa.keyExchange == null) {
            return null;
        }
        engine.sas().add(sa);
        out.info(sa, "initiating IKE_SA " + c.name() + "[" + sa.serial + "] to " + remote.getAddress().getHostAddress());
        sendRequest(engine, sa, out);
        return sa;
    }

    /** (Re)sends the request with the current KE group and cookie; message ID 0 every time (2.6). */
    private static void sendRequest(Ikev2Engine engine, IkeSa sa, Outbox out) {
        Connection c = sa.connection;
        List<Payload> p = new ArrayList<>();
        if (sa.cookie != null) {
            p.add(new NotifyPayload(NotifyType.COOKIE, sa.cookie));
        }
        p.add(new SecurityAssociationPayload(Ikev2Algorithms.ikeProposals(offer(c), Bytes.EMPTY)));
        p.add(new KeyExchangePayload(KeyExchangeMethod.of(sa.keyExchange.group().number()),
                Bytes.wrap(sa.keyExchange.publicValue())));
        p.add(new NoncePayload(Bytes.wrap(sa.ni)));
        if (c.natTraversal()) {
            p.addAll(List.of(NatDetection.notifies(sa.spiI, 0, sa.local, sa.remote,
                    c.forceEncaps() ? engine.randomBytes(20) : null)));
        }
        p.add(new NotifyPayload(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED, Bytes.EMPTY));
        sa.nextRequestId = 0;
        Ikev2Header h = Ikev2Header.of(sa.spiI, 0, ExchangeType.IKE_SA_INIT, Ikev2Header.INITIATOR, 0);
        sa.initRequest = new Ikev2Message(h, p).encode();
        if (sa.outstanding != null) {
            out.add(new Action.Cancel(Ikev2Engine.retransmitTimer(sa, sa.outstanding.messageId)));
            sa.outstanding = null;
        }
        engine.sendRequest(out, sa, new Request.Init(), ExchangeType.IKE_SA_INIT, p);
    }

    static void processResponse(Ikev2Engine engine, IkeSa sa, Input.Datagram d, Ikev2Message msg, Outbox out) {
        List<NotifyPayload> notifies = msg.payloads(NotifyPayload.class);
        Optional<NotifyPayload> cookie = notifies.stream().filter(n -> is(n, NotifyType.COOKIE)).findFirst();
        if (cookie.isPresent()) {
            if (sa.cookie != null && sa.cookie.equals(cookie.get().data())) {
                out.debug(sa, "the peer asks again for the cookie it gave; ignored");
                return;
            }
            sa.cookie = cookie.get().data();
            out.info(sa, "peer asks for a COOKIE (RFC 7296 2.6): sending IKE_SA_INIT again with it");
            sendRequest(engine, sa, out);
            return;
        }
        Optional<NotifyPayload> invalidKe = notifies.stream().filter(n -> is(n, NotifyType.INVALID_KE_PAYLOAD)).findFirst();
        if (invalidKe.isPresent()) {
            byte[] data = invalidKe.get().data().toByteArray();
            DhGroup wanted = data.length == 2 ? DhGroup.byNumber(((data[0] & 0xff) << 8) | (data[1] & 0xff)) : null;
            boolean offered = wanted != null && offer(sa.connection).stream().anyMatch(p -> p.dhGroups().contains(wanted));
            if (!offered || wanted == sa.keyExchange.group()) {
                fail(engine, sa, out, "peer answered INVALID_KE_PAYLOAD asking for "
                        + (wanted == null ? "an unknown group" : wanted.ianaName()) + ", which we did not offer");
                return;
            }
            out.info(sa, "peer prefers key exchange group " + wanted.ianaName() + " (INVALID_KE_PAYLOAD): retrying with it");
            sa.keyExchange.close();
            sa.keyExchange = keyPair(engine, wanted, sa.connectionName(), "to retry with it after INVALID_KE_PAYLOAD", out);
            if (sa.keyExchange == null) {
                engine.removeSa(out, sa);
                return;
            }
            sendRequest(engine, sa, out);
            return;
        }
        for (NotifyPayload n : notifies) {
            if (n.notifyType().code() < 16384) {
                fail(engine, sa, out, "peer refused IKE_SA_INIT with " + n.notifyType().name()
                        + (is(n, NotifyType.NO_PROPOSAL_CHOSEN) ? ": none of our IKE proposals "
                                + offer(sa.connection) + " is acceptable to it" : ""));
                return;
            }
        }
        Optional<SecurityAssociationPayload> saPayload = msg.first(SecurityAssociationPayload.class);
        Optional<KeyExchangePayload> ke = msg.first(KeyExchangePayload.class);
        Optional<NoncePayload> nonce = msg.first(NoncePayload.class);
        if (saPayload.isEmpty() || ke.isEmpty() || nonce.isEmpty() || saPayload.get().proposals().size() != 1) {
            fail(engine, sa, out, "IKE_SA_INIT response without SA (one proposal), KE or Nonce");
            return;
        }
        Proposal chosenP = saPayload.get().proposals().get(0);
        var chosen = Ikev2Algorithms.selectIke(offer(sa.connection), List.of(chosenP));
        if (chosen.isEmpty() || chosen.get().suite().group() != sa.keyExchange.group()
                || !sameTransforms(Ikev2Algorithms.answer(chosenP.number(), Bytes.EMPTY, chosen.get().suite()), chosenP)) {
            fail(engine, sa, out, "peer chose a proposal we did not offer: " + describe(List.of(chosenP)));
            return;
        }
        if (ke.get().method().code() != sa.keyExchange.group().number()) {
            fail(engine, sa, out, "peer's KE payload is of group " + ke.get().method().name() + ", we chose "
                    + sa.keyExchange.group().ianaName());
            return;
        }
        byte[] peerPublic = ke.get().data().toByteArray();
        try {
            KeyExchange.checkPeerPublicValue(sa.keyExchange.group(), peerPublic);
        } catch (InvalidPublicValueException e) {
            fail(engine, sa, out, "peer's KE public value is invalid: " + e.getMessage());
            return;
        }
        sa.spiR = msg.header().responderSpi();
        sa.suite = chosen.get().suite();
        sa.nr = nonce.get().nonce().toByteArray();
        sa.initResponse = d.data().toByteArray();
        sa.peerFragmentation = notifies.stream().anyMatch(n -> is(n, NotifyType.IKEV2_FRAGMENTATION_SUPPORTED));
        boolean[] nat = NatDetection.check(notifies, sa.spiI, sa.spiR, d.local(), d.remote());
        if (nat != null) {
            sa.natRemote = nat[0];
            sa.natLocal = nat[1];
        }
        sa.floatAfterInit = (sa.natLocal || sa.natRemote || sa.connection.forceEncaps()) && nat != null;
        if (!engine.options().keyLogging()) {
            // as the responder does: g^ir and the keys off the loop, IKE_AUTH when they are back
            sa.keysPending = true;
            out.add(new Action.Compute(Ikev2Engine.timer(KEYS, sa), keyDerivation(engine, sa, peerPublic)));
            return;
        }
        try {
            deriveKeys(engine, sa, peerPublic, out);
        } catch (InvalidPublicValueException e) {
            fail(engine, sa, out, "peer's KE public value is invalid: " + e.getMessage());
            return;
        }
        initiatorKeysReady(engine, sa, out);
    }

    /** The initiator has its IKE SA keys: on to IKE_AUTH, on port 4500 if NAT detection says so (2.23). */
    private static void initiatorKeysReady(Ikev2Engine engine, IkeSa sa, Outbox out) {
        KeyLog.ike(engine, sa, out);
        out.info(sa, "IKE_SA_INIT done: " + sa.suite + (sa.natLocal ? ", we are behind a NAT" : "")
                + (sa.natRemote ? ", the peer is behind a NAT (or forces UDP encapsulation)" : ""));
        if (sa.floatAfterInit) {
            engine.floatToNatT(sa, out);
        }
        IkeAuth.initiate(engine, sa, out);
    }

    // ---- responder

    /** A new IKE_SA_INIT request: checks COOKIE, proposal and KE statelessly, then creates the SA. */
    static void respond(Ikev2Engine engine, Input.Datagram d, Ikev2Message msg, Outbox out) {
        Ikev2Header h = msg.header();
        String peer = d.remote().getAddress().getHostAddress();
        List<NotifyPayload> notifies = msg.payloads(NotifyPayload.class);
        Optional<SecurityAssociationPayload> saPayload = msg.first(SecurityAssociationPayload.class);
        Optional<KeyExchangePayload> ke = msg.first(KeyExchangePayload.class);
        Optional<NoncePayload> nonce = msg.first(NoncePayload.class);
        if (saPayload.isEmpty() || ke.isEmpty() || nonce.isEmpty()) {
            out.report(Event.Level.WARNING, Event.Kind.MALFORMED_MESSAGE, "", "", "IKE_SA_INIT request from " + peer
                    + " without SA, KE or Nonce; answering INVALID_SYNTAX");
            answerStateless(out, d, h, new NotifyPayload(NotifyType.INVALID_SYNTAX, Bytes.EMPTY));
            return;
        }
        List<Connection> candidates = engine.candidates(d.local().getAddress(), d.remote().getAddress());
        if (candidates.isEmpty()) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, "", "", "no IKEv2 connection for "
                    + d.local().getAddress().getHostAddress() + "..." + peer + ": answering NO_PROPOSAL_CHOSEN");
            answerStateless(out, d, h, new NotifyPayload(NotifyType.NO_PROPOSAL_CHOSEN, Bytes.EMPTY));
            return;
        }
        long halfOpen = engine.sas().stream().filter(s -> !s.initiator && !s.established).count();
        long halfOpenPeer = engine.sas().stream().filter(s -> !s.initiator && !s.established
                && s.remote.getAddress().equals(d.remote().getAddress())).count();
        byte[] ni = nonce.get().nonce().toByteArray();
        if (halfOpen >= engine.options().cookieThreshold()) {
            byte[] expected = cookie(engine, ni, d.remote(), h.initiatorSpi());
            Optional<NotifyPayload> got = notifies.stream().filter(n -> is(n, NotifyType.COOKIE)).findFirst();
            if (got.isEmpty() || !MessageDigest.isEqual(got.get().data().toByteArray(), expected)) {
                out.report(Event.Level.INFO, Event.Kind.OTHER, "", "", (got.isEmpty() ? "" : "wrong COOKIE, ")
                        + halfOpen + " half-open IKE SAs (threshold " + engine.options().cookieThreshold()
                        + "): asking " + peer + " for a COOKIE");
                answerStateless(out, d, h, new NotifyPayload(NotifyType.COOKIE, Bytes.wrap(expected)));
                return;
            }
        }
        if (halfOpenPeer >= engine.options().halfOpenPerPeer()) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, "", "", "dropping IKE_SA_INIT from " + peer
                    + ": " + halfOpenPeer + " half-open IKE SAs with this peer already (limit "
                    + engine.options().halfOpenPerPeer() + ")");
            return;
        }
        Connection c = null;
        Ikev2Algorithms.Chosen<Ikev2Algorithms.IkeSuite> chosen = null;
        for (Connection cand : candidates) {
            var ch = Ikev2Algorithms.selectIke(offer(cand), saPayload.get().proposals());
            if (ch.isPresent()) {
                c = cand;
                chosen = ch.get();
                break;
            }
        }
        if (c == null) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, candidates.get(0).name(), "",
                    "NO_PROPOSAL_CHOSEN: " + peer + " offered " + describe(saPayload.get().proposals()) + ", we accept "
                            + offer(candidates.get(0)));
            answerStateless(out, d, h, new NotifyPayload(NotifyType.NO_PROPOSAL_CHOSEN, Bytes.EMPTY));
            return;
        }
        DhGroup g = chosen.suite().group();
        if (ke.get().method().code() != g.number()) {
            out.report(Event.Level.INFO, Event.Kind.OTHER, c.name(), "", peer + " sent a KE payload of "
                    + ke.get().method().name() + ", we chose " + g.ianaName() + ": answering INVALID_KE_PAYLOAD");
            answerStateless(out, d, h, new NotifyPayload(NotifyType.INVALID_KE_PAYLOAD,
                    Bytes.wrap(new byte[] {(byte) (g.number() >>> 8), (byte) g.number()})));
            return;
        }
        byte[] peerPublic = ke.get().data().toByteArray();
        try {
            // RFC 6989 section 2 and RFC 7296 1.2: a bad public value is answered before any state is
            // kept or a key pair drawn; what only the computation finds ends the half-open SA later
            KeyExchange.checkPeerPublicValue(g, peerPublic);
        } catch (InvalidPublicValueException e) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, c.name(), "", peer
                    + "'s KE public value is invalid (" + e.getMessage() + "): answering INVALID_SYNTAX");
            answerStateless(out, d, h, new NotifyPayload(NotifyType.INVALID_SYNTAX, Bytes.EMPTY));
            return;
        }
        IkeSa sa = new IkeSa(engine.nextSerial(), false, h.initiatorSpi(), engine.newIkeSpi(), d.local(), d.remote());
        sa.connection = c;
        sa.createdAt = engine.now();
        sa.state = IkeSa.State.INIT_ANSWERED;
        sa.suite = chosen.suite();
        sa.ni = ni;
        sa.nr = engine.randomBytes(engine.options().nonceSize());
        sa.initRequest = d.data().toByteArray();
        sa.peerFragmentation = notifies.stream().anyMatch(n -> is(n, NotifyType.IKEV2_FRAGMENTATION_SUPPORTED));
        sa.keyExchange = keyPair(engine, g, c.name(), "for the IKE_SA_INIT request of " + peer + ": request dropped", out);
        if (sa.keyExchange == null) {
            return;   // no state kept: the initiator's retransmission may find the source working again
        }
        sa.expectedRequestId = 1;
        sa.natT = d.natTraversalPort();
        byte[] ourPublic = sa.keyExchange.publicValue();
        // The response needs only our public value: the shared secret and the keys (2.14) are computed
        // off the loop while it travels, unless key logging wants g^ir and SKEYSEED in the trace.
        boolean offload = !engine.options().keyLogging();
        if (offload) {
            sa.keysPending = true;
            out.add(new Action.Compute(Ikev2Engine.timer(KEYS, sa), keyDerivation(engine, sa, peerPublic)));
        } else {
            try {
                deriveKeys(engine, sa, peerPublic, out);
            } catch (InvalidPublicValueException e) {
                sa.keyExchange.close();
                out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, c.name(), "", peer
                        + "'s KE public value is invalid (" + e.getMessage() + "): answering INVALID_SYNTAX");
                answerStateless(out, d, h, new NotifyPayload(NotifyType.INVALID_SYNTAX, Bytes.EMPTY));
                return;
            }
        }
        engine.sas().add(sa);
        out.trace(sa, 0, Outbox.Direction.IN, () -> "received IKE_SA_INIT request from " + sa.remote + "\n"
                + msg.toTree().render());
        if (!offload) {
            KeyLog.ike(engine, sa, out);
        }
        out.info(sa, "responding to IKE_SA_INIT from " + peer + " for connection " + c.name() + ": " + sa.suite);
        List<NotifyPayload> natNotifies = notifies.stream().filter(n -> is(n, NotifyType.NAT_DETECTION_SOURCE_IP)
                || is(n, NotifyType.NAT_DETECTION_DESTINATION_IP)).toList();
        boolean[] nat = NatDetection.check(natNotifies, sa.spiI, 0, d.local(), d.remote());
        if (nat != null) {
            sa.natRemote = nat[0];
            sa.natLocal = nat[1];
        }
        List<Payload> p = new ArrayList<>();
        p.add(new SecurityAssociationPayload(List.of(Ikev2Algorithms.answer(chosen.number(), Bytes.EMPTY, sa.suite))));
        p.add(new KeyExchangePayload(KeyExchangeMethod.of(g.number()), Bytes.wrap(ourPublic)));
        p.add(new NoncePayload(Bytes.wrap(sa.nr)));
        if (nat != null && c.natTraversal()) {
            p.addAll(List.of(NatDetection.notifies(sa.spiI, sa.spiR, d.local(), d.remote(),
                    c.forceEncaps() ? engine.randomBytes(20) : null)));
        }
        if (sa.peerFragmentation) {
            p.add(new NotifyPayload(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED, Bytes.EMPTY));
        }
        Ikev2Header rh = Ikev2Header.of(sa.spiI, sa.spiR, ExchangeType.IKE_SA_INIT, Ikev2Header.RESPONSE, 0);
        // the response as sent is what the responder's AUTH covers (2.15): encode it once
        byte[] resp = new Ikev2Message(rh, p).encode();
        sa.initResponse = resp;
        sa.lastResponseId = 0;
        sa.lastResponse = List.of(Bytes.wrap(resp));
        out.trace(sa, 0, Outbox.Direction.OUT, () -> "sending IKE_SA_INIT response to " + sa.remote + "\n"
                + new Ikev2Message(rh, p).toTree().render());
        engine.resend(out, sa, sa.lastResponse);
        out.add(new Action.Schedule(Ikev2Engine.timer("half-open", sa),
                engine.now() + engine.options().halfOpenTimeoutMillis()));
    }

    /**
     * A fresh key pair from the engine's source, or null after an ERROR event that names the group,
     * the connection and what the source said (a pool shut down, a group no backend has).
     */
    private static KeyExchange keyPair(Ikev2Engine engine, DhGroup g, String connection, String doing, Outbox out) {
        try {
            return engine.newKeyExchange(g);
        } catch (RuntimeException e) {
            out.report(Event.Level.ERROR, Event.Kind.NEGOTIATION_FAILED, connection, "", "no " + g.ianaName()
                    + " key pair (" + e.getMessage() + ") " + doing);
            return null;
        }
    }

    /** The purpose of the responder's key computation ({@link Action.Compute}). */
    static final String KEYS = "keys";

    /**
     * g^ir, SKEYSEED and SK_* (2.14), of either role, as work for another thread: it captures copies
     * of what it needs and takes over the key pair (and closes it), touching nothing of the engine.
     */
    private static java.util.concurrent.Callable<Object> keyDerivation(Ikev2Engine engine, IkeSa sa, byte[] peerPublic) {
        KeyExchange ours = sa.keyExchange;
        sa.keyExchange = null;
        org.ike4j.crypto.Prf prf = engine.crypto().prf(sa.suite.prf());
        byte[] ni = sa.ni.clone();
        byte[] nr = sa.nr.clone();
        byte[] spiI = Ikev2Algorithms.spiBytes(sa.spiI);
        byte[] spiR = Ikev2Algorithms.spiBytes(sa.spiR);
        var sizes = sa.suite.keySizes();
        return () -> {
            try (ours; Secret gir = ours.sharedSecret(peerPublic); Secret skeyseed = Ikev2Skeyseed.initial(prf, ni, nr, gir)) {
                return Ikev2SaKeys.derive(prf, skeyseed, ni, nr, spiI, spiR, sizes);
            }
        };
    }

    /**
     * The IKE SA's keys, computed off the loop. The initiator goes on to IKE_AUTH; the responder's
     * SA gets its message protection, and the datagrams that arrived meanwhile (the IKE_AUTH
     * request, or its fragments) are handled now. A failure ends the SA; a responder's peer then
     * hears nothing more, as IKE_AUTH cannot be answered without keys. The peer's public value was
     * checked before the response ({@link KeyExchange#checkPeerPublicValue}), so what fails here is
     * what only the computation finds: an all-zero X25519/X448 result (RFC 8031 section 2), the
     * order-q subgroup test of groups 22-24 (RFC 6989 2.2), or the worker itself.
     */
    static void keysComputed(Ikev2Engine engine, Input.Computed c, Outbox out) {
        IkeSa sa = null;
        for (IkeSa s : engine.sas()) {
            if (s.keysPending && Ikev2Engine.timer(KEYS, s).equals(c.key())) {
                sa = s;
            }
        }
        if (sa == null) {
            if (c.result() instanceof Ikev2SaKeys k) {
                k.destroy();
            }
            out.debug(null, "keys computed for an IKE SA that is gone (" + c.key().owner() + "); wiped");
            return;
        }
        sa.keysPending = false;
        List<Input.Datagram> held = List.copyOf(sa.heldForKeys);
        sa.heldForKeys.clear();
        if (!(c.result() instanceof Ikev2SaKeys keys)) {
            String why = c.failure() instanceof InvalidPublicValueException e
                    ? sa.remote.getAddress().getHostAddress() + "'s KE public value is invalid (" + e.getMessage() + ")"
                    : "computing the IKE SA's keys failed: " + c.failure();
            if (sa.initiator) {
                fail(engine, sa, out, why);
            } else {
                out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, why + "; half-open IKE SA dropped");
                engine.removeSa(out, sa);
            }
            return;
        }
        sa.prf = engine.crypto().prf(sa.suite.prf());
        sa.keys = keys;
        sa.protection = Ikev2Protection.of(engine.crypto(), sa.suite.skSuite(), sa.keys, sa.initiator, engine.random());
        if (sa.initiator) {
            initiatorKeysReady(engine, sa, out);
            return;
        }
        KeyLog.ike(engine, sa, out);
        out.debug(sa, "keys computed" + (held.isEmpty() ? "" : "; handling the " + held.size() + " datagram(s) that waited"));
        for (Input.Datagram d : held) {
            engine.datagram(d, out);
        }
    }

    /** SKEYSEED and the seven keys (2.14), and the message protection from them. */
    private static void deriveKeys(Ikev2Engine engine, IkeSa sa, byte[] peerPublic, Outbox out)
            throws InvalidPublicValueException {
        try (Secret gir = sa.keyExchange.sharedSecret(peerPublic)) {
            sa.prf = engine.crypto().prf(sa.suite.prf());
            try (Secret skeyseed = Ikev2Skeyseed.initial(sa.prf, sa.ni, sa.nr, gir)) {
                KeyLog.skeyseed(engine, sa, gir, skeyseed, out);
                sa.keys = Ikev2SaKeys.derive(sa.prf, skeyseed, sa.ni, sa.nr, Ikev2Algorithms.spiBytes(sa.spiI),
                        Ikev2Algorithms.spiBytes(sa.spiR), sa.suite.keySizes());
            }
        }
        sa.keyExchange.close();
        sa.protection = Ikev2Protection.of(engine.crypto(), sa.suite.skSuite(), sa.keys, sa.initiator, engine.random());
    }

    /**
     * Cookie = VersionIDofSecret | SHA-256(Ni | IPi | SPIi | secret) (RFC 7296 2.6), so that no state
     * is kept until the initiator has shown it receives at its address.
     */
    static byte[] cookie(Ikev2Engine engine, byte[] ni, InetSocketAddress initiator, long spiI) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ni);
            sha.update(initiator.getAddress().getAddress());
            sha.update(Ikev2Algorithms.spiBytes(spiI));
            sha.update(engine.cookieSecret);
            byte[] hash = sha.digest();
            byte[] out = new byte[1 + hash.length];
            out[0] = 1;
            System.arraycopy(hash, 0, out, 1, hash.length);
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** An IKE_SA_INIT answer that creates no state: one notify, responder SPI zero (2.6, 1.2). */
    private static void answerStateless(Outbox out, Input.Datagram d, Ikev2Header h, NotifyPayload n) {
        Ikev2Header rh = Ikev2Header.of(h.initiatorSpi(), 0, ExchangeType.IKE_SA_INIT, Ikev2Header.RESPONSE, 0);
        out.add(new Action.Send(d.local(), d.remote(), Bytes.wrap(new Ikev2Message(rh, List.of(n)).encode()),
                d.natTraversalPort()));
    }

    private static void fail(Ikev2Engine engine, IkeSa sa, Outbox out, String why) {
        out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, why);
        engine.removeSa(out, sa);
    }

    /** One transform of each type, as we would have answered, in any order (RFC 7296 3.3.6). */
    static boolean sameTransforms(Proposal a, Proposal b) {
        return a.transforms().size() == b.transforms().size()
                && new java.util.HashSet<>(a.transforms()).equals(new java.util.HashSet<>(b.transforms()));
    }

    static boolean is(NotifyPayload n, NotifyType t) {
        return n.notifyType().code() == t.code();
    }

    static String describe(List<Proposal> proposals) {
        StringBuilder b = new StringBuilder();
        for (Proposal p : proposals) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(p.protocol().name()).append(':');
            StringBuilder t = new StringBuilder();
            for (var tr : p.transforms()) {
                if (!t.isEmpty()) {
                    t.append('/');
                }
                t.append(tr.transformId().name());
                if (tr.keyLength() > 0) {
                    t.append('_').append(tr.keyLength());
                }
            }
            b.append(t);
        }
        return b.toString();
    }
}

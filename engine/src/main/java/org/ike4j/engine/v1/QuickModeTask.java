package org.ike4j.engine.v1;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.Binding;
import org.ike4j.config.Connection;
import org.ike4j.config.Encryption;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.kdf.IpsecKeys;
import org.ike4j.crypto.kdf.QuickModeHash;
import org.ike4j.crypto.kdf.QuickModeKeymat;
import org.ike4j.crypto.kdf.SaKeySizes;
import org.ike4j.engine.Action;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.config.ChildProposal;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.DataAttribute;
import org.ike4j.wire.v1.ExchangeType;
import org.ike4j.wire.v1.HashPayload;
import org.ike4j.wire.v1.IdentificationPayload;
import org.ike4j.wire.v1.IpsecAttributes;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.KeyExchangePayload;
import org.ike4j.wire.v1.NoncePayload;
import org.ike4j.wire.v1.NotificationPayload;
import org.ike4j.wire.v1.NotifyType;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.PayloadChain;
import org.ike4j.wire.v1.Proposal;
import org.ike4j.wire.v1.ProtocolId;
import org.ike4j.wire.v1.SecurityAssociationPayload;

/**
 * Quick Mode, RFC 2409 section 5.5, one per message ID:
 *
 * <pre>
 *   Initiator                                Responder
 *   HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr] --&gt;               (QUICK_I1)
 *            &lt;-- HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr] [, N(RESPONDER-LIFETIME)]   (QUICK_R1)
 *   HDR*, HASH(3)                            --&gt;                   (QUICK_I2, QUICK_R2)
 *
 *   HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [| KE] [| IDci | IDcr])
 *   HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [| KE] [| IDci | IDcr])
 *   HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)
 *   KEYMAT  = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b), expanded
 * </pre>
 *
 * The responder matches the proposed client IDs against its connections' selectors: narrowing
 * within (strongSwan) or exactly (Junos, a connection bound to a tunnel interface), and answers a
 * policy shorter than the offered lifetime with RESPONDER-LIFETIME (RFC 2407 4.6.3.1).
 */
final class QuickModeTask {
    enum Round { START, AWAIT_QM2, AWAIT_QM3, DONE }

    private final Ikev1Engine engine;
    private final IsakmpSa sa;
    private final int messageId;
    private final boolean initiator;
    private Connection connection;
    private Round round = Round.START;

    private int ourSpi;
    private int peerSpi;
    private byte[] ni;
    private byte[] nr;
    private DhGroup pfsGroup;
    private KeyExchange dh;
    private Secret gqmxy;
    private QuickModeProposal chosen;
    private long lifetime;
    private TrafficSelector localTs;
    private TrafficSelector remoteTs;
    private IdentificationPayload idci;
    private IdentificationPayload idcr;
    private SecurityAssociationPayload offered;
    /** The IPsec SA this Quick Mode rekeys, deleted once the new one is installed. */
    private ChildState replaces;

    /** When this task began: a pair of ours installed after it is one the peer did not know of. */
    private final long startedAt;

    QuickModeTask(Ikev1Engine engine, IsakmpSa sa, int messageId, boolean initiator, Connection connection) {
        this.startedAt = engine.now();
        this.engine = engine;
        this.sa = sa;
        this.messageId = messageId;
        this.initiator = initiator;
        this.connection = connection;
    }

    /**
     * This Quick Mode renews {@code old}: it proposes the pair's own proxy-IDs (what was agreed,
     * which may be narrower than the connection's when the peer proposed them), and the old pair is
     * deleted once the new one is installed. Called before {@link #initiate}.
     */
    void replaces(ChildState old) {
        this.replaces = old;
    }

    boolean initiator() {
        return initiator;
    }

    boolean waiting() {
        return round == Round.AWAIT_QM2 || round == Round.AWAIT_QM3;
    }

    Round round() {
        return round;
    }

    private byte[] mid() {
        return Ikev1Engine.u32(messageId);
    }

    void initiate(Outbox out) throws Ikev1Failure {
        // QUICK { HASH(1), SA, Ni [, KE], IDci, IDcr } -->
        ourSpi = engine.newSpi();
        ni = engine.randomBytes(engine.options().nonceSize());
        pfsGroup = QuickModeProposal.pfsGroup(Ikev1Defaults.esp(connection));
        lifetime = connection.lifetimes().ipsec().toSeconds();
        Optional<String> unusable = QuickModeProposal.unusable(Ikev1Defaults.esp(connection), connection.mode());
        if (unusable.isPresent()) {
            throw new Ikev1Failure(NotifyType.NO_PROPOSAL_CHOSEN, false, "connection " + connection.name()
                    + " has no ESP proposal IKEv1 can offer: " + unusable.get());
        }
        offered = QuickModeProposal.offer(Ikev1Defaults.esp(connection), ourSpi, pfsGroup, connection.mode(), lifetime,
                NatDetectionTask.detected(sa));
        if (offered.proposals().isEmpty()) {
            throw new Ikev1Failure(NotifyType.NO_PROPOSAL_CHOSEN, false,
                    "connection " + connection.name() + " has no ESP proposal IKEv1 can offer");
        }
        if (replaces != null && replaces.connection.equals(connection) && replaces.sa.localSelectors().size() == 1 && replaces.sa.remoteSelectors().size() == 1) {
            localTs = replaces.sa.localSelectors().get(0);
            remoteTs = replaces.sa.remoteSelectors().get(0);
        } else {
            localTs = first(connection.local().selectors(), sa.local.getAddress());
            remoteTs = first(connection.remote().selectors(), sa.remote.getAddress());
        }
        idci = ProxyIds.toPayload(localTs);
        idcr = ProxyIds.toPayload(remoteTs);
        List<Payload> rest = new ArrayList<>(List.of(offered, new NoncePayload(Bytes.wrap(ni))));
        if (pfsGroup != null) {
            dh = engine.crypto().keyExchange(pfsGroup, engine.secureRandom());
            rest.add(new KeyExchangePayload(Bytes.wrap(dh.publicValue())));
        }
        rest.add(idci);
        rest.add(idcr);
        byte[] hash = QuickModeHash.hash1(sa.prf, sa.keys.skeyidA(), mid(), encode(rest));
        trace(out, Outbox.Direction.OUT, String.format("Quick Mode initiated (connection %s): our SPI %08x (esp, inbound)",
                connection.name(), ourSpi));
        trace(out, Outbox.Direction.OUT, "Ni: " + Bytes.wrap(ni).hex());
        if (dh != null) {
            trace(out, Outbox.Direction.OUT, "PFS: our " + pfsGroup.ianaName() + " public value in KE");
        }
        trace(out, Outbox.Direction.OUT, "proxy IDs: " + ProxyIds.show(localTs) + " (IDci) === " + ProxyIds.show(remoteTs)
                + " (IDcr)");
        trace(out, Outbox.Direction.OUT, "HASH(1) computed: " + Bytes.wrap(hash).hex());
        round = Round.AWAIT_QM2;
        engine.send(out, sa, ExchangeType.QUICK, messageId, prepend(hash, rest), true, true, state());
    }

    private void trace(Outbox out, Outbox.Direction direction, String message) {
        out.trace(sa, messageId, direction, message);
    }

    private static TrafficSelector first(List<TrafficSelector> selectors, InetAddress host) {
        return selectors.isEmpty() ? ProxyIds.host(host) : selectors.get(0);
    }

    private static byte[] encode(List<Payload> rest) {
        return IsakmpCodec.encodePayloads(new PayloadChain(rest, Bytes.EMPTY));
    }

    private static List<Payload> prepend(byte[] hash, List<Payload> rest) {
        List<Payload> p = new ArrayList<>();
        p.add(new HashPayload(Bytes.wrap(hash)));
        p.addAll(rest);
        return p;
    }

    String state() {
        return switch (round) {
            case START -> initiator ? "QUICK_I0" : "QUICK_R0";
            case AWAIT_QM2 -> "QUICK_I1";
            case AWAIT_QM3 -> "QUICK_R1";
            case DONE -> initiator ? "QUICK_I2" : "QUICK_R2";
        };
    }

    void process(Inbound in, Outbox out) throws Ikev1Failure {
        (round == Round.START ? MessageRule.QUICK_1 : round == Round.AWAIT_QM2 ? MessageRule.QUICK_2 : MessageRule.QUICK_3)
                .check(in);
        List<Payload> payloads = in.payloads();
        HashPayload hash = (HashPayload) payloads.get(0);
        List<Payload> rest = payloads.subList(1, payloads.size());
        switch (round) {
            case START -> {
                if (initiator) {
                    engine.ignore(out, sa, "Quick Mode message before we sent ours");
                    return;
                }
                byte[] expected = QuickModeHash.hash1(sa.prf, sa.keys.skeyidA(), mid(), encode(rest));
                verify(hash, expected, "HASH(1)", out);
                in.authentic().run();
                respond(in, out);
            }
            case AWAIT_QM2 -> {
                byte[] expected = QuickModeHash.hash2(sa.prf, sa.keys.skeyidA(), mid(), ni, encode(rest));
                verify(hash, expected, "HASH(2)", out);
                in.authentic().run();
                complete(in, out);
            }
            case AWAIT_QM3 -> {
                byte[] expected = QuickModeHash.hash3(sa.prf, sa.keys.skeyidA(), mid(), ni, nr);
                verify(hash, expected, "HASH(3)", out);
                in.authentic().run();
                round = Round.DONE;
                install(out);
            }
            case DONE -> engine.ignore(out, sa, "Quick Mode message after the exchange completed");
        }
    }

    private void verify(HashPayload got, byte[] expected, String which, Outbox out) throws Ikev1Failure {
        boolean ok = got.hash().constantTimeEquals(expected);
        trace(out, Outbox.Direction.IN, which + " computed: " + Bytes.wrap(expected).hex()
                + (ok ? ", matches the peer's" : ", the peer sent " + got.hash().hex()));
        if (!ok) {
            // Phase 1 protects the answer, so it tells a forger nothing
            throw new Ikev1Failure(NotifyType.INVALID_HASH_INFORMATION, String.format(
                    "Quick Mode %08x: %s from %s does not verify; message ignored", messageId, which,
                    sa.remote.getAddress().getHostAddress()));
        }
    }

    /** The responder: QUICK { HASH(1), SA, Ni [, KE] [, IDci, IDcr] } --> and <-- { HASH(2), ... }. */
    private void respond(Inbound in, Outbox out) throws Ikev1Failure {
        var saPayload = in.require(SecurityAssociationPayload.class, "SA");
        ni = in.require(NoncePayload.class, "Nonce").nonce().toByteArray();
        trace(out, Outbox.Direction.IN, "Ni: " + Bytes.wrap(ni).hex());
        List<IdentificationPayload> ids = in.all(IdentificationPayload.class);
        if (ids.size() != 0 && ids.size() != 2) {
            throw new Ikev1Failure(NotifyType.INVALID_ID_INFORMATION, "Quick Mode carries " + ids.size() + " client IDs");
        }
        // the initiator's view: IDci is its side (our remote), IDcr ours
        TrafficSelector theirs = ids.isEmpty() ? ProxyIds.host(sa.remote.getAddress()) : ProxyIds.toSelector(ids.get(0));
        TrafficSelector mine = ids.isEmpty() ? ProxyIds.host(sa.local.getAddress()) : ProxyIds.toSelector(ids.get(1));
        connection = matchConnection(theirs, mine);
        localTs = mine;
        remoteTs = theirs;
        trace(out, Outbox.Direction.IN, "proxy IDs: the peer's " + ProxyIds.show(theirs) + " (IDci) === ours "
                + ProxyIds.show(mine) + " (IDcr)" + (ids.isEmpty() ? " (none sent: the peers' addresses)" : "")
                + ", connection " + connection.name());
        QuickModeProposal.Choice choice = QuickModeProposal.select(saPayload, Ikev1Defaults.esp(connection), connection.mode());
        chosen = choice.chosen();
        trace(out, Outbox.Direction.IN, "proposal " + choice.proposal().number() + " transform "
                + choice.transform().number() + " chosen: " + chosen.show() + ", peer SPI "
                + choice.proposal().spi().hex());
        pfsGroup = chosen.group();
        Optional<KeyExchangePayload> ke = in.first(KeyExchangePayload.class);
        if (pfsGroup != null) {
            if (ke.isEmpty()) {
                throw new Ikev1Failure(NotifyType.PAYLOAD_MALFORMED, "PFS with " + pfsGroup.ianaName() + " chosen but no KE payload");
            }
            dh = engine.crypto().keyExchange(pfsGroup, engine.secureRandom());
            gqmxy = shared(ke.get());
        }
        peerSpi = java.nio.ByteBuffer.wrap(choice.proposal().spi().toByteArray()).getInt();
        long ours = connection.lifetimes().ipsec().toSeconds();
        long offeredLife = chosen.lifetimeSeconds() == 0 ? ours : chosen.lifetimeSeconds();
        lifetime = Math.min(ours, offeredLife);
        trace(out, Outbox.Direction.IN, "lifetime: " + offeredLife + " s offered, " + ours + " s by policy; "
                + lifetime + " s" + (ours < offeredLife ? " from policy" : ""));
        ourSpi = engine.newSpi();
        nr = engine.randomBytes(engine.options().nonceSize());
        trace(out, Outbox.Direction.OUT, String.format("our SPI %08x (esp, inbound)", ourSpi));
        trace(out, Outbox.Direction.OUT, "Nr: " + Bytes.wrap(nr).hex());

        List<Payload> rest = new ArrayList<>();
        rest.add(new SecurityAssociationPayload(saPayload.doi(), saPayload.situation(), List.of(new Proposal(
                choice.proposal().number(), choice.proposal().protocol(), Bytes.wrap(Ikev1Engine.u32(ourSpi)),
                List.of(choice.transform())))));
        rest.add(new NoncePayload(Bytes.wrap(nr)));
        if (dh != null) {
            rest.add(new KeyExchangePayload(Bytes.wrap(dh.publicValue())));
        }
        if (!ids.isEmpty()) {
            rest.add(ids.get(0));
            rest.add(ids.get(1));
        }
        if (ours < offeredLife) {
            // as the SRX in the seed: 3600 s offered, 1200 s by policy
            rest.add(NotificationPayload.responderLifetime(ProtocolId.PROTO_IPSEC_ESP, choice.proposal().spi(),
                    List.of(DataAttribute.basic(IpsecAttributes.Type.SA_LIFE_TYPE.code(), 1),
                            QuickModeProposal.lifetime(ours))));
            out.debug(sa, "RESPONDER-LIFETIME: " + offeredLife + " s offered, " + ours + " s by policy");
        }
        byte[] hash = QuickModeHash.hash2(sa.prf, sa.keys.skeyidA(), mid(), ni, encode(rest));
        trace(out, Outbox.Direction.OUT, "HASH(2) computed: " + Bytes.wrap(hash).hex());
        round = Round.AWAIT_QM3;
        engine.send(out, sa, ExchangeType.QUICK, messageId, prepend(hash, rest), true, true, state());
    }

    private Secret shared(KeyExchangePayload ke) throws Ikev1Failure {
        try {
            return dh.sharedSecret(ke.keyExchangeData().toByteArray());
        } catch (InvalidPublicValueException e) {
            throw new Ikev1Failure(NotifyType.INVALID_KEY_INFORMATION, "the peer's Quick Mode KE is invalid: " + e.getMessage());
        }
    }

    /** Finds the connection whose selectors accept what the initiator proposed (theirs = its side). */
    private Connection matchConnection(TrafficSelector theirs, TrafficSelector mine) throws Ikev1Failure {
        List<Connection> candidates = new ArrayList<>();
        candidates.add(sa.connection);
        for (Connection c : engine.configuration().connections().values()) {
            if (c != sa.connection && c.ikeVersion() != org.ike4j.config.IkeVersion.IKEV2
                    && c.remote().address() instanceof org.ike4j.config.PeerAddress.Ip ip
                    && ip.address().equals(sa.remote.getAddress())) {
                candidates.add(c);
            }
        }
        for (Connection c : candidates) {
            boolean exact = c.binding() instanceof Binding.Interface;
            List<TrafficSelector> cr = c.remote().selectors().isEmpty() ? List.of(ProxyIds.host(sa.remote.getAddress()))
                    : c.remote().selectors();
            List<TrafficSelector> cl = c.local().selectors().isEmpty() ? List.of(ProxyIds.host(sa.local.getAddress()))
                    : c.local().selectors();
            if (ProxyIds.matches(theirs, cr, exact) && ProxyIds.matches(mine, cl, exact)) {
                return c;
            }
        }
        Connection c = sa.connection;
        throw new Ikev1Failure(NotifyType.INVALID_ID_INFORMATION, "INVALID-ID-INFORMATION: the peer proposed "
                + ProxyIds.show(mine) + " (ours) === " + ProxyIds.show(theirs) + " (theirs), connection " + c.name()
                + " has " + show(c.local().selectors(), sa.local.getAddress()) + " === "
                + show(c.remote().selectors(), sa.remote.getAddress())
                + (c.binding() instanceof Binding.Interface ? " (exact match required)" : ""));
    }

    private static String show(List<TrafficSelector> ts, InetAddress host) {
        return ts.isEmpty() ? ProxyIds.show(ProxyIds.host(host)) : ProxyIds.show(ts);
    }

    /** The initiator: <-- { HASH(2), SA, Nr [, KE] [, IDci, IDcr] [, N] }, then HASH(3) -->. */
    private void complete(Inbound in, Outbox out) throws Ikev1Failure {
        var answer = in.require(SecurityAssociationPayload.class, "SA");
        nr = in.require(NoncePayload.class, "Nonce").nonce().toByteArray();
        if (answer.proposals().size() != 1 || answer.proposals().get(0).transforms().size() != 1) {
            throw new Ikev1Failure(NotifyType.BAD_PROPOSAL_SYNTAX, "the responder's SA must hold one proposal with one transform");
        }
        Proposal p = answer.proposals().get(0);
        List<String> why = new ArrayList<>();
        Optional<QuickModeProposal> got = QuickModeProposal.parse(p.transforms().get(0), why);
        boolean ok = got.isPresent() && p.spi().length() == 4 && QuickModeProposal.offered(offered, p, got.get());
        if (!ok) {
            throw new Ikev1Failure(NotifyType.NO_PROPOSAL_CHOSEN, "the responder chose a transform we did not offer: "
                    + got.map(QuickModeProposal::show).orElse(String.join(", ", why)));
        }
        chosen = got.get();
        peerSpi = java.nio.ByteBuffer.wrap(p.spi().toByteArray()).getInt();
        trace(out, Outbox.Direction.IN, "Nr: " + Bytes.wrap(nr).hex());
        trace(out, Outbox.Direction.IN, "the responder chose " + chosen.show() + ", peer SPI " + p.spi().hex());
        if (pfsGroup != null) {
            gqmxy = shared(in.require(KeyExchangePayload.class, "KE"));
        }
        List<IdentificationPayload> ids = in.all(IdentificationPayload.class);
        if (ids.size() != 2 || !ids.get(0).equals(idci) || !ids.get(1).equals(idcr)) {
            throw new Ikev1Failure(NotifyType.INVALID_ID_INFORMATION, "the responder's client IDs differ from ours ("
                    + ProxyIds.show(localTs) + " === " + ProxyIds.show(remoteTs) + ")");
        }
        for (NotificationPayload n : in.all(NotificationPayload.class)) {
            if (n.notifyType().code() == NotifyType.RESPONDER_LIFETIME.code()) {
                honourResponderLifetime(n, out);
            }
        }
        byte[] hash = QuickModeHash.hash3(sa.prf, sa.keys.skeyidA(), mid(), ni, nr);
        trace(out, Outbox.Direction.OUT, "HASH(3) computed: " + Bytes.wrap(hash).hex());
        round = Round.DONE;
        engine.send(out, sa, ExchangeType.QUICK, messageId, List.of(new HashPayload(Bytes.wrap(hash))), true, false,
                state());
        install(out);
    }

    /** RESPONDER-LIFETIME (RFC 2407 4.6.3.1): the responder's shorter lifetime is ours too. */
    private void honourResponderLifetime(NotificationPayload n, Outbox out) {
        List<DataAttribute> attrs;
        try {
            attrs = n.responderLifetime();
        } catch (IllegalStateException e) {
            out.debug(sa, "ignoring a malformed RESPONDER-LIFETIME: " + e.getMessage());
            return;
        }
        int type = 1;
        for (DataAttribute a : attrs) {
            if (a.type() == IpsecAttributes.Type.SA_LIFE_TYPE.code()) {
                type = (int) a.numericValue();
            } else if (a.type() == IpsecAttributes.Type.SA_LIFE_DURATION.code() && type == 1 && a.value().length() <= 8) {
                long v = a.numericValue();
                if (v > 0 && (lifetime == 0 || v < lifetime)) {
                    out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "RESPONDER-LIFETIME: using the responder's "
                            + v + " s instead of " + lifetime + " s");
                    lifetime = v;
                }
            }
        }
    }

    private void install(Outbox out) {
        SaKeySizes sizes = chosen.keySizes();
        byte[] ourSpiB = Ikev1Engine.u32(ourSpi);
        byte[] peerSpiB = Ikev1Engine.u32(peerSpi);
        int proto = QuickModeKeymat.PROTO_IPSEC_ESP;
        byte[] niB = ni;
        byte[] nrB = nr;
        IpsecKeys in = gqmxy == null ? QuickModeKeymat.keys(sa.prf, sa.keys.skeyidD(), proto, ourSpiB, niB, nrB, sizes)
                : QuickModeKeymat.keys(sa.prf, sa.keys.skeyidD(), gqmxy, proto, ourSpiB, niB, nrB, sizes);
        IpsecKeys outK = gqmxy == null ? QuickModeKeymat.keys(sa.prf, sa.keys.skeyidD(), proto, peerSpiB, niB, nrB, sizes)
                : QuickModeKeymat.keys(sa.prf, sa.keys.skeyidD(), gqmxy, proto, peerSpiB, niB, nrB, sizes);
        // the direction of the message that completed the exchange: QM2 for the initiator, QM3 for the responder
        Outbox.Direction d = Outbox.Direction.IN;
        if (engine.options().keyLogging()) {
            trace(out, d, String.format("KEYMAT esp.%08x (inbound, %d+%d bytes): %s%s", ourSpi,
                    in.encryptionKey().length(), in.integrityKey().length(), Phase1Support.hex(in.encryptionKey()),
                    Phase1Support.hex(in.integrityKey())));
            trace(out, d, String.format("KEYMAT esp.%08x (outbound, %d+%d bytes): %s%s", peerSpi,
                    outK.encryptionKey().length(), outK.integrityKey().length(), Phase1Support.hex(outK.encryptionKey()),
                    Phase1Support.hex(outK.integrityKey())));
        } else {
            trace(out, d, String.format("KEYMAT esp.%08x (inbound) and esp.%08x (outbound) computed, %d+%d bytes each"
                    + " (key logging is off)", ourSpi, peerSpi, in.encryptionKey().length(), in.integrityKey().length()));
        }
        int serial = engine.nextChildSerial();
        long margin = connection.lifetimes().rekeyMargin().toSeconds();
        // either end of an IKEv1 Quick Mode may renew the pair (strongSwan and the SRX both do): the
        // responder too, at its own soft lifetime; the soft lifetime shown is the one scheduled
        long soft = connection.rekey() ? engine.rekeyTime(lifetime, margin, connection.lifetimes().rekeyFuzzPercent()) : 0;
        boolean udp = sa.natT && NatDetectionTask.detected(sa);
        ChildSa child = new ChildSa(connection.name(), serial, ChildProposal.Protocol.ESP, chosen.mode(), udp, sa.local,
                sa.remote, ourSpi, peerSpi, Optional.of(chosen.encryption()), chosen.integrityAlgorithm(),
                false, in.encryptionKey(), in.integrityKey(), outK.encryptionKey(), outK.integrityKey(), List.of(localTs),
                List.of(remoteTs), soft, lifetime, connection.lifetimes().ipsecBytes(),
                connection.lifetimes().ipsecPackets(), connection.replayWindow());
        ChildState state = new ChildState(serial, connection, child, pfsGroup, engine.now(), lifetime, state());
        state.initiator = initiator;
        state.ni = ni.clone();
        state.rekeyOf = replaces != null ? replaces.serial : peerRekeyOf();
        sa.children.add(state);
        if (child.softLifetimeSeconds() > 0) {
            out.add(new Action.Schedule(Ikev1Engine.childTimer("rekey", sa, state),
                    engine.now() + child.softLifetimeSeconds() * 1000));
        }
        if (lifetime > 0) {
            out.add(new Action.Schedule(Ikev1Engine.childTimer("expire", sa, state), engine.now() + lifetime * 1000));
        }
        if (gqmxy != null) {
            gqmxy.destroy();
        }
        if (dh != null) {
            dh.close();
        }
        out.add(new Action.InstallChildSa(child));
        out.report(Event.Level.INFO, Event.Kind.CHILD_SA_ESTABLISHED, sa, String.format(
                "IPsec SA established (%s): ESP %s %s, %s, lifetime %d s, %s === %s%s", state(), chosen.mode(),
                child.spis(), chosen.show(), lifetime, ProxyIds.show(localTs), ProxyIds.show(remoteTs),
                pfsGroup == null ? ", no PFS" : ", PFS " + pfsGroup.ianaName()));
        sa.tasks.quickModeDone(messageId);
        if (replaces != null && sa.children.contains(replaces) && replaces.retireAt == 0) {
            out.report(Event.Level.INFO, Event.Kind.CHILD_SA_REKEYED, sa, "IPsec SA " + replaces.sa.spis()
                    + " rekeyed: replaced by " + child.spis() + "; deleted in "
                    + RETIRE_AFTER_MILLIS / 1000 + " s");
            retire(out, replaces);
        }
        resolveCollision(out, state);
    }

    /**
     * How long a replaced pair stays installed before its Delete. Quick Mode has no way to tell
     * when the peer has installed the new pair (its third message is not acknowledged, RFC 2409
     * 5.5), and the peer may keep sending on the old one until then; deleting at once loses those
     * packets - a rekey under continuous ping against charon 5.9.8 lost about one echo in 2,800.
     * New traffic goes out on the new pair at once (the newest pair wins in the dataplane).
     */
    static final long RETIRE_AFTER_MILLIS = 5_000;

    /** Keeps the replaced pair for {@link #RETIRE_AFTER_MILLIS}, no longer renewed; then deleted with a Delete. */
    private void retire(Outbox out, ChildState old) {
        old.rekeying = false;
        old.retireAt = engine.now() + RETIRE_AFTER_MILLIS;
        out.add(new Action.Cancel(Ikev1Engine.childTimer("rekey", sa, old)));
        out.add(new Action.Schedule(Ikev1Engine.childTimer("retire", sa, old), old.retireAt));
    }

    private boolean sameSelectors(ChildState c) {
        return c.connection.name().equals(connection.name()) && c.sa.localSelectors().equals(List.of(localTs))
                && c.sa.remoteSelectors().equals(List.of(remoteTs));
    }

    /**
     * As responder: the pair the peer's Quick Mode rekeys, if it collides with a rekey of ours. IKEv1
     * does not say which SA a Quick Mode renews, so it is only known when we are renewing the same
     * pair (same connection and proxy-IDs) ourselves: our rekey is under way, or its new pair was
     * installed after the peer's Quick Mode began. Otherwise 0: not a collision.
     */
    private int peerRekeyOf() {
        for (ChildState c : sa.children) {
            if (!sameSelectors(c) || c.retireAt != 0) {
                continue;   // a replaced pair waiting for its delete renews nothing
            }
            if (c.rekeying) {
                return c.serial;
            }
            if (c.initiator && c.rekeyOf != 0 && c.installedAt >= startedAt) {
                return c.rekeyOf;
            }
        }
        return 0;
    }

    /**
     * Both peers renewed the same IPsec SA at once (each started a Quick Mode before seeing the
     * other's): two new pairs now stand for one. Both ends decide alike, from values both know: the
     * pair whose Quick Mode carried the lower Ni (unsigned, byte by byte) stays; the other is deleted
     * by the end that initiated it, with a Delete payload, so the peer removes it too. The survivor
     * was installed on both ends before the loser is deleted, so traffic always has a pair.
     */
    private void resolveCollision(Outbox out, ChildState added) {
        if (added.rekeyOf == 0) {
            return;
        }
        for (ChildState other : List.copyOf(sa.children)) {
            if (other == added || other.rekeyOf != added.rekeyOf || other.initiator == added.initiator) {
                continue;
            }
            ChildState loser = java.util.Arrays.compareUnsigned(added.ni, other.ni) < 0 ? other : added;
            ChildState winner = loser == added ? other : added;
            out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "rekey collision: IPsec SAs " + winner.sa.spis() + " and "
                    + loser.sa.spis() + " both renew #" + added.rekeyOf + "; " + winner.sa.spis()
                    + " stays (lower Ni)");
            winner.rekeyOf = 0;
            if (loser.initiator) {
                engine.deleteChild(out, sa, loser, "duplicate from a rekey collision", true);
            } else {
                // the peer initiated it and deletes it; it stays installed until its Delete arrives
                loser.rekeyOf = 0;
            }
            return;
        }
    }
}

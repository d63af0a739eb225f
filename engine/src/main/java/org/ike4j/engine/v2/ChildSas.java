package org.ike4j.engine.v2;

import java.util.List;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Connection;
import org.ike4j.config.IpsecMode;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.kdf.Ikev2ChildKeys;
import org.ike4j.engine.Action;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.wire.v2.NotifyType;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.PayloadType;
import org.ike4j.wire.v2.Proposal;
import org.ike4j.wire.v2.SecurityAssociationPayload;
import org.ike4j.wire.v2.TrafficSelectorPayload;

/**
 * What IKE_AUTH and CREATE_CHILD_SA share for a Child SA: the offer, the choice, traffic selector
 * narrowing (RFC 7296 2.9), KEYMAT (2.17) and the installed pair.
 */
final class ChildSas {
    private ChildSas() {
    }

    static List<ChildProposal> offer(Connection c) {
        return c.childProposals().isEmpty() ? Ikev2Algorithms.defaultChild() : c.childProposals();
    }

    /** Our selectors: TSi when we initiate the exchange, TSr when we respond. */
    static List<TrafficSelector> localTs(IkeSa sa, Connection c) {
        return Selectors.ofSide(c.local().selectors(), sa.local.getAddress());
    }

    static List<TrafficSelector> remoteTs(IkeSa sa, Connection c) {
        return Selectors.ofSide(c.remote().selectors(), sa.remote.getAddress());
    }

    /** The SA, TSi and TSr payloads of a request for a Child SA. */
    static List<Payload> request(IkeSa sa, Connection c, int spi, boolean withKe) {
        return List.of(new SecurityAssociationPayload(Ikev2Algorithms.childProposals(offer(c), spi, withKe)),
                new TrafficSelectorPayload(PayloadType.TSI, Selectors.toWire(localTs(sa, c))),
                new TrafficSelectorPayload(PayloadType.TSR, Selectors.toWire(remoteTs(sa, c))));
    }

    /** The responder's choice: a suite and the narrowed selectors (TSi = the peer's side). */
    record Choice(Ikev2Algorithms.Chosen<Ikev2Algorithms.ChildSuite> chosen, List<TrafficSelector> tsi,
            List<TrafficSelector> tsr) {
    }

    static Choice choose(IkeSa sa, Connection c, List<Proposal> proposals, List<org.ike4j.wire.v2.TrafficSelector> tsi,
            List<org.ike4j.wire.v2.TrafficSelector> tsr, boolean withKe) throws Ikev2Failure {
        var chosen = Ikev2Algorithms.selectChild(offer(c), proposals, withKe);
        if (chosen.isEmpty()) {
            throw new Ikev2Failure(NotifyType.NO_PROPOSAL_CHOSEN, "NO_PROPOSAL_CHOSEN for the Child SA of " + c.name()
                    + ": peer offered " + IkeSaInit.describe(proposals) + ", we accept " + offer(c));
        }
        List<TrafficSelector> peerI = Selectors.fromWire(tsi);
        List<TrafficSelector> peerR = Selectors.fromWire(tsr);
        List<TrafficSelector> narrowedI = Selectors.narrow(peerI, remoteTs(sa, c));
        List<TrafficSelector> narrowedR = Selectors.narrow(peerR, localTs(sa, c));
        if (narrowedI.isEmpty() || narrowedR.isEmpty()) {
            throw new Ikev2Failure(NotifyType.TS_UNACCEPTABLE, "TS_UNACCEPTABLE for " + c.name() + ": peer proposed TSi "
                    + Selectors.show(peerI) + " TSr " + Selectors.show(peerR) + ", we allow "
                    + Selectors.show(remoteTs(sa, c)) + " === " + Selectors.show(localTs(sa, c)));
        }
        return new Choice(chosen.get(), narrowedI, narrowedR);
    }

    /**
     * Derives the keys and installs the pair.
     *
     * @param exchangeInitiator whether we initiated the exchange that made it (KEYMAT's i and r)
     * @param gir the CREATE_CHILD_SA's new shared secret, or null
     */
    static ChildState install(Ikev2Engine engine, IkeSa sa, Connection c, Ikev2Algorithms.ChildSuite suite,
            IpsecMode mode, int inboundSpi, int outboundSpi, List<TrafficSelector> localTs, List<TrafficSelector> remoteTs,
            boolean exchangeInitiator, byte[] ni, byte[] nr, Secret gir, Outbox out) {
        Ikev2ChildKeys keys = gir == null ? Ikev2ChildKeys.derive(sa.prf, sa.keys.skD(), ni, nr, suite.keySizes())
                : Ikev2ChildKeys.derive(sa.prf, sa.keys.skD(), gir, ni, nr, suite.keySizes());
        var in = exchangeInitiator ? keys.responderToInitiator() : keys.initiatorToResponder();
        var outKeys = exchangeInitiator ? keys.initiatorToResponder() : keys.responderToInitiator();
        long life = c.lifetimes().ipsec().toSeconds();
        long soft = c.rekey() ? engine.rekeyTime(life, c.lifetimes().rekeyMargin().toSeconds(),
                c.lifetimes().rekeyFuzzPercent()) : 0;
        boolean encap = sa.natT || sa.natLocal || sa.natRemote || c.forceEncaps();
        ChildSa pair = new ChildSa(c.name(), engine.nextReqid(), suite.protocol(), mode, encap, sa.local, sa.remote,
                inboundSpi, outboundSpi, suite.encryption(), suite.integrity(), suite.esn(), in.encryptionKey(),
                in.integrityKey(), outKeys.encryptionKey(), outKeys.integrityKey(), localTs, remoteTs, soft, life,
                c.lifetimes().ipsecBytes(), c.lifetimes().ipsecPackets(), c.replayWindow());
        ChildState child = new ChildState(engine.nextSerial(), pair, suite);
        child.installedAt = engine.now();
        child.lifetimeSeconds = life;
        child.rekeyAt = soft > 0 ? child.installedAt + soft * 1000 : 0;
        child.expiresAt = life > 0 ? child.installedAt + life * 1000 : 0;
        sa.children.add(child);
        KeyLog.child(engine, sa, pair, out);
        out.add(new Action.InstallChildSa(pair));
        if (child.rekeyAt > 0) {
            out.add(new Action.Schedule(Ikev2Engine.childTimer("rekey", sa, child), child.rekeyAt));
        }
        if (child.expiresAt > 0) {
            out.add(new Action.Schedule(Ikev2Engine.childTimer("expire", sa, child), child.expiresAt));
        }
        out.report(Event.Level.INFO, Event.Kind.CHILD_SA_ESTABLISHED, sa, "CHILD_SA " + c.name() + "{" + child.serial
                + "} established with SPIs " + pair.spis() + " and TS " + Selectors.show(localTs) + " === "
                + Selectors.show(remoteTs) + ", " + suite + (mode == IpsecMode.TRANSPORT ? ", transport mode"
                        : "") + (encap ? ", UDP-encapsulated" : ""));
        return child;
    }

    static int spi(Proposal p) {
        byte[] b = p.spi().toByteArray();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    /** Whether a message carries USE_TRANSPORT_MODE (RFC 7296 1.3.1). */
    static boolean transportMode(List<Payload> inner) {
        return inner.stream().anyMatch(p -> p instanceof org.ike4j.wire.v2.NotifyPayload n
                && IkeSaInit.is(n, NotifyType.USE_TRANSPORT_MODE));
    }

    /**
     * The responder's mode: transport when the initiator asks for it and the connection wants it,
     * else tunnel (1.3.1: a responder that declines answers without the notify).
     */
    static IpsecMode responderMode(Connection c, List<Payload> request) {
        return transportMode(request) && c.mode() == IpsecMode.TRANSPORT
                ? IpsecMode.TRANSPORT : IpsecMode.TUNNEL;
    }

    /** The initiator's mode: transport only when the response says so. */
    static IpsecMode initiatorMode(IkeSa sa, Connection c, List<Payload> response, Outbox out) {
        boolean transport = transportMode(response);
        if (!transport && c.mode() == IpsecMode.TRANSPORT) {
            out.report(Event.Level.WARNING, Event.Kind.OTHER, sa, "peer declined "
                    + "transport mode for " + c.name() + " (no USE_TRANSPORT_MODE in its answer): tunnel mode");
        }
        return transport ? IpsecMode.TRANSPORT : IpsecMode.TUNNEL;
    }
}

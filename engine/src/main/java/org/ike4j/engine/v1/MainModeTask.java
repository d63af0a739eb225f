package org.ike4j.engine.v1;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.ExchangeType;
import org.ike4j.wire.v1.HashPayload;
import org.ike4j.wire.v1.IdentificationPayload;
import org.ike4j.wire.v1.KeyExchangePayload;
import org.ike4j.wire.v1.NoncePayload;
import org.ike4j.wire.v1.NotificationPayload;
import org.ike4j.wire.v1.NotifyType;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.SecurityAssociationPayload;

/**
 * Main Mode with pre-shared keys, RFC 2409 section 5 and 5.4:
 *
 * <pre>
 *   Initiator                          Responder
 *   HDR, SA                     --&gt;                      (Round.SA)
 *                               &lt;--    HDR, SA
 *   HDR, KE, Ni [, NAT-D, NAT-D] --&gt;                    (Round.KE)
 *                               &lt;--    HDR, KE, Nr [, NAT-D, NAT-D]
 *   HDR*, IDii, HASH_I [, N(INITIAL-CONTACT)] --&gt;       (Round.AUTH)
 *                               &lt;--    HDR*, IDir, HASH_R
 * </pre>
 *
 * With a NAT found (RFC 3947), messages 5 and 6 go on port 4500. States as pluto names them: MAIN_I1..MAIN_I4 and MAIN_R0..MAIN_R3.
 */
final class MainModeTask implements Phase1Task {
    enum Round { SA, KE, AUTH, DONE }

    private final Ikev1Engine engine;
    private final IsakmpSa sa;
    private Round round = Round.SA;
    private List<Phase1Proposal> offered = List.of();

    MainModeTask(Ikev1Engine engine, IsakmpSa sa) {
        this.engine = engine;
        this.sa = sa;
        sa.state = sa.initiator ? "MAIN_I0" : "MAIN_R0";
    }

    Round round() {
        return round;
    }

    @Override
    public void initiate(Outbox out) throws Ikev1Failure {
        // ID_PROT { SA } -->
        offered = Phase1Proposal.fromConfig(Ikev1Defaults.ike(sa.connection), sa.connection.lifetimes().ike().toSeconds());
        if (offered.isEmpty()) {
            throw new Ikev1Failure(NotifyType.NO_PROPOSAL_CHOSEN, false,
                    "connection " + sa.connection.name() + " has no IKE proposal IKEv1 can offer");
        }
        SecurityAssociationPayload offer = Phase1Proposal.offer(offered);
        sa.saiB = Phase1Support.body(offer);
        List<Payload> p = new ArrayList<>();
        p.add(offer);
        sa.tasks.build(Phase1Message.MAIN_1, p, out);
        sa.state = "MAIN_I1";
        engine.send(out, sa, ExchangeType.ID_PROT, 0, p, false, true);
    }

    @Override
    public void process(Inbound in, Outbox out) throws Ikev1Failure {
        if (sa.initiator) {
            processInitiator(in, out);
        } else {
            processResponder(in, out);
        }
    }

    private void processInitiator(Inbound in, Outbox out) throws Ikev1Failure {
        switch (round) {
            case SA -> {
                // <-- { SA }
                MessageRule.MAIN_SA.check(in);
                var answer = in.require(SecurityAssociationPayload.class, "SA");
                Phase1Proposal chosen = Phase1Support.accepted(answer, offered);
                in.authentic().run();
                Phase1Support.apply(engine, sa, chosen);
                sa.tasks.process(Phase1Message.MAIN_2, in, out);
                sendKeyExchange(out, "MAIN_I2");
                round = Round.KE;
            }
            case KE -> {
                // <-- { KE, Nr }
                MessageRule.MAIN_KE.check(in);
                var ke = in.require(KeyExchangePayload.class, "KE");
                var nonce = in.require(NoncePayload.class, "Nonce");
                Phase1Support.checkKeSize(sa, ke);
                sa.gxr = ke.keyExchangeData().toByteArray();
                sa.nr = nonce.nonce().toByteArray();
                sa.psk = Phase1Support.psk(engine, sa, sa.connection);
                Phase1Support.deriveKeys(engine, sa, sa.gxr, out);
                in.authentic().run();
                sa.tasks.process(Phase1Message.MAIN_4, in, out);
                // ID_PROT { IDii, HASH_I [, N(INITIAL-CONTACT)] } -->
                IdentificationPayload idi = Phase1Support.localId(sa);
                byte[] hashI = Phase1Support.hashI(sa, idi);
                out.trace(sa, 0, Outbox.Direction.OUT, "HASH_I: " + Bytes.wrap(hashI).hex());
                List<Payload> p = new ArrayList<>(List.of(idi, new HashPayload(Bytes.wrap(hashI))));
                if (engine.firstContact(sa)) {
                    p.add(new NotificationPayload(org.ike4j.wire.v1.Doi.IPSEC, org.ike4j.wire.v1.ProtocolId.PROTO_ISAKMP,
                            Ikev1Engine.cookies(sa), NotifyType.INITIAL_CONTACT, Bytes.EMPTY));
                }
                sa.tasks.build(Phase1Message.MAIN_5, p, out);
                sa.state = "MAIN_I3";
                engine.send(out, sa, ExchangeType.ID_PROT, 0, p, true, true);
                round = Round.AUTH;
            }
            case AUTH -> {
                // <-- { IDir, HASH_R }
                MessageRule.MAIN_AUTH.check(in);
                var idr = in.require(IdentificationPayload.class, "ID");
                var hash = in.require(HashPayload.class, "HASH");
                Phase1Support.verifyPeerHash(sa, hash, Phase1Support.hashR(sa, idr), "HASH_R", false, out);
                Phase1Support.checkPeerIdentity(sa, idr);
                in.authentic().run();
                sa.tasks.process(Phase1Message.MAIN_6, in, out);
                round = Round.DONE;
                Phase1Support.establish(engine, sa, "MAIN_I4", out);
                engine.phase1Established(sa, out);
            }
            case DONE -> engine.ignore(out, sa, "Main Mode message after the ISAKMP SA was established");
        }
    }

    private void processResponder(Inbound in, Outbox out) throws Ikev1Failure {
        switch (round) {
            case SA -> {
                // ID_PROT { SA } -->, <-- { SA }
                MessageRule.MAIN_SA.check(in);
                var offer = in.require(SecurityAssociationPayload.class, "SA");
                Phase1Proposal.Choice choice = selectAmongConnections(offer);
                in.authentic().run();
                sa.saiB = Phase1Support.body(offer);
                Phase1Support.apply(engine, sa, choice.chosen());
                sa.tasks.process(Phase1Message.MAIN_1, in, out);
                List<Payload> p = new ArrayList<>();
                p.add(Phase1Proposal.answer(choice.proposal(), choice.transform()));
                sa.tasks.build(Phase1Message.MAIN_2, p, out);
                sa.state = "MAIN_R1";
                engine.send(out, sa, ExchangeType.ID_PROT, 0, p, false, false);
                round = Round.KE;
            }
            case KE -> {
                // ID_PROT { KE, Ni } -->, <-- { KE, Nr }
                MessageRule.MAIN_KE.check(in);
                var ke = in.require(KeyExchangePayload.class, "KE");
                var nonce = in.require(NoncePayload.class, "Nonce");
                Phase1Support.checkKeSize(sa, ke);
                sa.psk = Phase1Support.psk(engine, sa, sa.connection);
                sa.gxi = ke.keyExchangeData().toByteArray();
                sa.ni = nonce.nonce().toByteArray();
                sa.dh = engine.crypto().keyExchange(sa.group, engine.secureRandom());
                sa.gxr = sa.dh.publicValue();
                sa.nr = engine.randomBytes(engine.options().nonceSize());
                Phase1Support.deriveKeys(engine, sa, sa.gxi, out);
                in.authentic().run();
                sa.tasks.process(Phase1Message.MAIN_3, in, out);
                out.trace(sa, 0, Outbox.Direction.OUT, "Nr: " + Bytes.wrap(sa.nr).hex());
                sa.state = "MAIN_R2";
                List<Payload> p = new ArrayList<>(List.of(new KeyExchangePayload(Bytes.wrap(sa.gxr)),
                        new NoncePayload(Bytes.wrap(sa.nr))));
                sa.tasks.build(Phase1Message.MAIN_4, p, out);
                engine.send(out, sa, ExchangeType.ID_PROT, 0, p, false, false);
                round = Round.AUTH;
            }
            case AUTH -> {
                // ID_PROT { IDii, HASH_I } -->, <-- { IDir, HASH_R }
                MessageRule.MAIN_AUTH.check(in);
                var idi = in.require(IdentificationPayload.class, "ID");
                var hash = in.require(HashPayload.class, "HASH");
                Phase1Support.verifyPeerHash(sa, hash, Phase1Support.hashI(sa, idi), "HASH_I", true, out);
                Phase1Support.checkPeerIdentity(sa, idi);
                in.authentic().run();
                sa.tasks.process(Phase1Message.MAIN_5, in, out);
                boolean initialContact = in.all(NotificationPayload.class).stream()
                        .anyMatch(n -> n.notifyType().code() == NotifyType.INITIAL_CONTACT.code());
                IdentificationPayload idr = Phase1Support.localId(sa);
                byte[] hashR = Phase1Support.hashR(sa, idr);
                out.trace(sa, 0, Outbox.Direction.OUT, "HASH_R: " + Bytes.wrap(hashR).hex());
                sa.state = "MAIN_R3";
                List<Payload> p = new ArrayList<>(List.of(idr, new HashPayload(Bytes.wrap(hashR))));
                sa.tasks.build(Phase1Message.MAIN_6, p, out);
                engine.send(out, sa, ExchangeType.ID_PROT, 0, p, true, false);
                round = Round.DONE;
                Phase1Support.establish(engine, sa, "MAIN_R3", out);
                if (initialContact) {
                    engine.initialContact(sa, out);
                }
                engine.phase1Established(sa, out);
            }
            case DONE -> engine.ignore(out, sa, "Main Mode message after the ISAKMP SA was established");
        }
    }

    /**
     * The responder's choice: the connection found by addresses first, then the other connections
     * for the same addresses (several may share a peer, with different proposals); the first
     * connection's mismatch is the one reported.
     */
    private Phase1Proposal.Choice selectAmongConnections(SecurityAssociationPayload offer) throws Ikev1Failure {
        Ikev1Failure first = null;
        for (var c : engine.candidates(sa.local.getAddress(), sa.remote.getAddress())) {
            try {
                Phase1Proposal.Choice choice = Phase1Proposal.select(offer,
                        Phase1Proposal.fromConfig(Ikev1Defaults.ike(c), c.lifetimes().ike().toSeconds()),
                        c.lifetimes().ike().toSeconds());
                sa.connection = c;
                return choice;
            } catch (Ikev1Failure f) {
                if (first == null) {
                    first = f;
                }
            }
        }
        throw first != null ? first : new Ikev1Failure(NotifyType.NO_PROPOSAL_CHOSEN, "no connection for this peer");
    }

    private void sendKeyExchange(Outbox out, String state) {
        // ID_PROT { KE, Ni } -->
        sa.dh = engine.crypto().keyExchange(sa.group, engine.secureRandom());
        sa.gxi = sa.dh.publicValue();
        sa.ni = engine.randomBytes(engine.options().nonceSize());
        out.trace(sa, 0, Outbox.Direction.OUT, "Ni: " + Bytes.wrap(sa.ni).hex());
        sa.state = state;
        List<Payload> p = new ArrayList<>(List.of(new KeyExchangePayload(Bytes.wrap(sa.gxi)), new NoncePayload(Bytes.wrap(sa.ni))));
        sa.tasks.build(Phase1Message.MAIN_3, p, out);
        engine.send(out, sa, ExchangeType.ID_PROT, 0, p, false, true);
    }
}
